r"""SPARQL text, handled as tokens rather than as a string.

A small lexer for the SPARQL 1.1 terminals (comments, the four string forms, IRIs,
prefixed names, variables, keywords, punctuation) is what the safety checks and the
parameter binding read, so a keyword inside a comment, a string or an IRI never counts,
and a VALUES block goes exactly after the brace that opens the query's WHERE group.

RDF terms are written into query text only by :func:`sparql_term`, which writes every
term so that any SPARQL 1.1 engine reads back exactly that term, never more text.

>>> [t.text for t in tokenize('SELECT ?s # SERVICE\nWHERE { ?s ?p "} SERVICE" }')
...  if t.kind != "ws"]
['SELECT', '?s', '# SERVICE', 'WHERE', '{', '?s', '?p', '"} SERVICE"', '}']
>>> import pyoxigraph as ox
>>> print(sparql_term(ox.Literal('say "hi" \\u0022', language="en")))
"say \"hi\" \\\u00750022"@en
>>> insert_values('SELECT ?n WHERE { ?s ?p ?n }', {"s": [ox.NamedNode("http://e/a")]})
'SELECT ?n WHERE { VALUES (?s) { (<http://e/a>) } ?s ?p ?n }'
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

import pyoxigraph as ox

from cwkg.errors import QueryError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_PN_CHARS_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
                  "\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF"
                  "\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_PN_CHARS = _PN_CHARS_BASE + "_0-9\u00B7\u0300-\u036F\u203F-\u2040\\-"
# the same classes for ASCII alone: a Unicode class costs re.compile several ms, so the
# lexer that knows them is compiled only for a text with other letters in its names
_ASCII_BASE = "A-Za-z"
_ASCII_CHARS = _ASCII_BASE + "_0-9\\-"


def _token_patterns(base: str, chars: str) -> list[tuple[str, str]]:
    """(kind, pattern) of each token, names made of ``base`` and ``chars`` (the
    PN_CHARS_BASE and PN_CHARS of SPARQL 1.1, or their ASCII part). Order matters: IRIREF
    before the '<' operator, long strings before short ones."""
    prefix = f"(?:[{base}](?:[{chars}.]*[{chars}])?)?"
    local = rf"(?:[{chars}:.]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?#@%])*"
    return [
        ("ws", r"\s+"),
        ("comment", r"#[^\n\r]*"),
        ("iri", r"<[^<>\"{}|^`\\\x00-\x20]*>"),
        ("string", r"'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''"),
        ("string", r'"""(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*"""'),
        ("string", r"'(?:[^'\\\n\r]|\\[\s\S])*'"),
        ("string", r'"(?:[^"\\\n\r]|\\[\s\S])*"'),
        ("var", rf"[?$][{chars}]+"),
        ("bnode", rf"_:[{chars}.]*"),
        ("pname", rf"{prefix}:{local}"),
        ("langtag", r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*"),
        ("number", r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"),
        ("word", rf"[{base}_][{chars}]*"),
        ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\],;.*/|^!=<>+\-?]"),
        ("other", r"[\s\S]"),
    ]


_KINDS = {f"{kind}{i}": kind for i, (kind, _) in enumerate(_token_patterns("", ""))}
# tokens whose text may hold any character whichever lexer reads them
_OPAQUE = ("comment", "iri", "string")


@functools.cache
def _lexer(ascii_names: bool) -> re.Pattern:
    patterns = _token_patterns(*((_ASCII_BASE, _ASCII_CHARS) if ascii_names
                                 else (_PN_CHARS_BASE, _PN_CHARS)))
    return re.compile("|".join(f"(?P<{kind}{i}>{rx})" for i, (kind, rx) in enumerate(patterns)))


@dataclass(frozen=True)
class Token:
    kind: str      # ws comment iri string var bnode pname langtag number word punct other
    text: str
    start: int     # character offset in the query text

    @property
    def keyword(self) -> str | None:
        """The upper-cased keyword for a bare word (SELECT, SERVICE, a...), else None."""
        return self.text.upper() if self.kind == "word" else None


def tokenize(query: str) -> list[Token]:
    """Every token of ``query``, whitespace and comments included (they are kept so
    the text can be put back together unchanged).

    Read first with names of ASCII letters: where that reading has a character beyond
    ASCII outside a comment, string or IRI, it may differ from SPARQL's, and the text is
    read again with every letter SPARQL allows in a name (tests/queries/test_safety.py
    holds the two readings equal).

    >>> [t.text for t in tokenize("SELECT ?café # thé") if t.kind != "ws"]
    ['SELECT', '?café', '# thé']
    """
    tokens = _tokens(query, _lexer(True))
    if not query.isascii() and any(t.kind not in _OPAQUE and not t.text.isascii()
                                   for t in tokens):
        tokens = _tokens(query, _lexer(False))
    return tokens


def _tokens(query: str, lexer: re.Pattern) -> list[Token]:
    tokens = []
    for match in lexer.finditer(query):
        kind = _KINDS[match.lastgroup]
        text = match.group()
        if kind == "pname" and text.endswith(".") and len(text) > 1:
            # a local name cannot end with '.': that dot ends the triple
            stripped = text.rstrip(".")
            tokens.append(Token(kind, stripped, match.start()))
            for k in range(len(text) - len(stripped)):
                tokens.append(Token("punct", ".", match.start() + len(stripped) + k))
            continue
        tokens.append(Token(kind, text, match.start()))
    return tokens


def significant(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.kind not in ("ws", "comment")]


QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def query_form(tokens: list[Token]) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first such keyword outside the prologue."""
    for token in significant(tokens):
        if token.keyword in QUERY_FORMS:
            return token.keyword
    return None


def declared_prefixes(tokens: list[Token]) -> dict[str, tuple[str, Token]]:
    """Each ``PREFIX p: <iri>`` of the prologue: {p: (iri, the PREFIX token)}.

    >>> declared_prefixes(tokenize("PREFIX ex: <http://e/>\\nSELECT * { ?s ex:p ?o }"))["ex"][0]
    'http://e/'
    """
    found: dict[str, tuple[str, Token]] = {}
    tokens = significant(tokens)
    for i, token in enumerate(tokens[:-2]):
        if token.keyword == "PREFIX" and tokens[i + 1].kind == "pname" \
                and tokens[i + 2].kind == "iri":
            found.setdefault(tokens[i + 1].text[:-1], (tokens[i + 2].text[1:-1], token))
    return found


def used_prefixes(tokens: list[Token]) -> dict[str, Token]:
    """Every prefix a prefixed name in the query body uses: {prefix: its first use}.

    >>> sorted(used_prefixes(tokenize('PREFIX a: <x:> SELECT * { ?s a:p "b:c" ; <d:e> ?o }')))
    ['a']
    """
    used: dict[str, Token] = {}
    tokens = significant(tokens)
    for i, token in enumerate(tokens):
        if token.kind == "pname" and not (i and tokens[i - 1].keyword == "PREFIX"):
            used.setdefault(token.text.partition(":")[0], token)
    return used


def line_of(text: str, token: Token) -> int:
    return text.count("\n", 0, token.start) + 1


def missing_prefix_block(query: str, prefixes: dict[str, str]) -> str:
    """PREFIX lines for the prefixes ``query`` uses without declaring them, taken from
    ``prefixes`` (a prefix unknown there is left for the engine to report).

    >>> missing_prefix_block("PREFIX a: <x:> SELECT * { ?s a:p ?o ; b:q ?o }",
    ...                      {"a": "http://a/", "b": "http://b/"})
    'PREFIX b: <http://b/>\\n'
    """
    tokens = tokenize(query)
    declared = declared_prefixes(tokens)
    return "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in used_prefixes(tokens)
                   if p not in declared and p in prefixes)


def cached_by_text(function):
    """Cache ``function(text, *rest)`` for texts up to 100,000 characters (a stored
    query is lexed on every run, always the same text; a huge ad-hoc text is not kept).

    >>> calls = []
    >>> @cached_by_text
    ... def length(text):
    ...     calls.append(text)
    ...     return len(text)
    >>> length("abc"), length("abc"), len(calls)
    (3, 3, 1)
    """
    cached = functools.lru_cache(maxsize=128)(function)

    @functools.wraps(function)
    def wrapper(text: str, *rest):
        return cached(text, *rest) if len(text) <= 100_000 else function(text, *rest)
    return wrapper


@cached_by_text
def where_group_start(query: str) -> int:
    """Offset just after the '{' that opens the query's outermost WHERE group (for a
    CONSTRUCT, the group after its template).

    >>> q = 'SELECT ?x WHERE { { SELECT ?x {} } }'
    >>> q[where_group_start(q):]
    ' { SELECT ?x {} } }'
    >>> q = 'CONSTRUCT { ?x a ?t } WHERE { ?x a ?t }'
    >>> q[where_group_start(q):]
    ' ?x a ?t }'
    """
    tokens = significant(tokenize(query))
    form = query_form(tokens)
    if form is None:
        raise QueryError("parameters can be bound only in a SELECT, ASK, CONSTRUCT or "
                         "DESCRIBE query")
    start = next(i for i, t in enumerate(tokens) if t.keyword == form) + 1
    if form == "CONSTRUCT":
        if start >= len(tokens) or tokens[start].text != "{":
            raise QueryError("parameters cannot be bound in the short form CONSTRUCT WHERE "
                             "{ ... }; write CONSTRUCT { template } WHERE { ... }")
        depth = 0
        for i in range(start, len(tokens)):  # skip the template's braces
            depth += {"{": 1, "}": -1}.get(tokens[i].text, 0)
            if depth == 0:
                start = i + 1
                break
    for token in tokens[start:]:
        if token.text == "{":
            return token.start + 1
    raise QueryError("the query has no WHERE group { ... } to bind parameters in")


def sparql_string(value: str) -> str:
    r"""A double-quoted SPARQL string literal that reads back as exactly ``value``.

    Quote, backslash, newline and carriage return are written as \" \\ \n \r. A 'u' or
    'U' right after an escaped backslash is written as \u0075 / \u0055, so an engine
    that (as SPARQL 1.1 section 19.2 allows) decodes \u escapes before it parses still
    reads a backslash followed by a 'u', not an escape that could close the string.

    >>> print(sparql_string('C:\\users'))
    "C:\\\u0075sers"
    """
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise QueryError("text with an unpaired surrogate (invalid UTF-8) cannot be sent")
    out = []
    previous_backslash = False
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
            previous_backslash = True
            continue
        if previous_backslash and ch in "uU":
            out.append("\\u0075" if ch == "u" else "\\u0055")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        else:
            out.append(ch)
        previous_backslash = False
    return '"' + "".join(out) + '"'


_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def sparql_iri(value: str) -> str:
    if _IRI_FORBIDDEN.search(value):
        raise QueryError(f"not a valid IRI: {value!r}")
    return f"<{value}>"


def sparql_term(term) -> str:
    """The SPARQL syntax of a pyoxigraph NamedNode or Literal (never a blank node:
    a blank node in a query is a new variable, not the node)."""
    if isinstance(term, ox.NamedNode):
        return sparql_iri(term.value)
    if isinstance(term, ox.Literal):
        text = sparql_string(term.value)
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*", term.language):
                raise QueryError(f"not a valid language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype.value == XSD_STRING:
            return text
        return f"{text}^^{sparql_iri(term.datatype.value)}"
    raise QueryError(f"cannot bind a {type(term).__name__} as a query parameter")


def values_block(bindings: dict[str, list]) -> str:
    """A VALUES block binding each variable to each of its terms (all combinations)."""
    names = list(bindings)
    for name in names:
        if not re.fullmatch(rf"[{_ASCII_CHARS if name.isascii() else _PN_CHARS}]+", name):
            raise QueryError(f"not a valid variable name: {name!r}")
    rows = itertools.product(*(bindings[n] for n in names))
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(sparql_term(t) for t in row) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


def insert_values(query: str, bindings: dict[str, list]) -> str:
    """``query`` with a VALUES block as the first element of its WHERE group.

    At the start of the outermost group the values join every pattern of that group,
    so a parameter must appear in a triple pattern or a FILTER of that group (the
    catalogue test checks that the result equals pyoxigraph's own substitution).
    """
    if not bindings:
        return query
    at = where_group_start(query)
    return f"{query[:at]} {values_block(bindings)}{query[at:]}"
