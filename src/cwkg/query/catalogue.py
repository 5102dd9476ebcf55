"""The stored query catalogue (``queries/*.rq``): the header grammar and the listing.

One question per file; the file name is the query's id. The file opens with a header
of ``#+ key: value`` comment lines (the grlc convention), so it stays valid SPARQL:

    #+ summary: one line saying what the query answers
    #+ description: what it returns and how to read it; a line that starts with
    #+   "#+" and two or more spaces continues the value before it
    #+ tags: [cq1, casualties]
    #+ param: attack entity:attack? attack:khan-sheikhoun-2017 -- the attack to ask about

The keys are exactly those in :data:`HEADER_KEYS`; ``param`` may repeat. A parameter
is ``NAME TYPE EXAMPLE [-- DESCRIPTION]``: NAME is the query variable it binds
(``?attack``); TYPE is one of :data:`PARAM_TYPES`, optionally restricted to id
prefixes (``entity:org,person``) and ending in ``?`` when the parameter may be left
out (the variable then stays free: every attack).

A stored file is self-contained: after the header it declares exactly the PREFIXes it
uses, each as :data:`cwkg.namespaces.PREFIXES` has it, so it runs unchanged when pasted
into any SPARQL 1.1 endpoint's page. An ad-hoc ``--file`` query may leave cwkg's
prefixes out: the ones it uses and does not declare are declared in front of it.

Values are bound as RDF terms in a VALUES block at the start of the WHERE group
(:func:`cwkg.query.sparql_text.insert_values`), never pasted into the text, and the
same final text runs on the embedded store and on any endpoint.

>>> header = parse_header('#+ summary: Who?\\n#+ description: All\\n#+   of them.\\n'
...                       '#+ tags: [a, b]\\n#+ param: who entity:org? org:soc -- the speaker\\n'
...                       'SELECT ?who WHERE { ?who ?p ?o }\\n', "x.rq")
>>> header["description"], header["tags"]
('All of them.', ['a', 'b'])
>>> header["params"][0]
Param(name='who', type='entity', prefixes=('org',), optional=True, example='org:soc', description='the speaker')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from cwkg.errors import QueryError, UsageError
from cwkg.prefixes import PREFIXES
from cwkg.resources import queries_dir

from .sparql_text import (
    cached_by_text,
    declared_prefixes,
    line_of,
    missing_prefix_block,
    significant,
    tokenize,
    used_prefixes,
)

QUERIES_DIR = queries_dir()
HEADER_KEYS = {"summary": "one line: the question the query answers",
               "description": "what it returns and how to read the rows",
               "tags": "keywords as a YAML list, [cq1, casualties] (cq1..cq5 mark the "
                       "competency questions)",
               "param": "NAME TYPE EXAMPLE [-- DESCRIPTION], once per parameter",
               "scope": "violation checks only: 'source' if a row needs no more than one "
                        "source's graph and the reference graph, else 'dataset'",
               "severity": "violation checks only: Violation, Warning or Info (as SHACL "
                           "and ROBOT's report levels); only a Violation fails validation",
               "partition": "dataset checks only: a variable, such as 'attack', whose row "
                            "reads only the reference graph and the graphs of the sources "
                            "with a claim about its value (cwkg:about): after an edit, "
                            "validation runs the check again only for what the changed "
                            "sources are about"}
REQUIRED_KEYS = ("summary", "description", "tags")
# cwkg validate runs a 'source' check on batches of sources (cwkg.validate_data), a
# 'dataset' check on the whole dataset in one store
SCOPES = ("source", "dataset")
# sh:Violation, sh:Warning, sh:Info (ROBOT's report profile: ERROR, WARN, INFO)
SEVERITIES = ("Violation", "Warning", "Info")
VIOLATION_ONLY_KEYS = ("scope", "severity", "partition")
PARAM_TYPES = {"entity": "an IRI, a compact id (attack:khan-sheikhoun-2017), or any English "
                         "or Arabic label or alias",
               "claim": "a claim IRI or id (claim:wh-2024-04-04-c07 or wh-2024-04-04-c07)",
               "source": "a source IRI or id (src:wh-2024-04-04 or wh-2024-04-04)",
               "iri": "an IRI or a compact id",
               "string": "any text",
               "integer": "a whole number",
               "date": "a date, YYYY-MM-DD"}
VIOLATION_SUFFIX = "-violation"
XSD = PREFIXES["xsd"]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    prefixes: tuple[str, ...]
    optional: bool
    example: str
    description: str

    def signature(self) -> str:
        restricted = f":{','.join(self.prefixes)}" if self.prefixes else ""
        return f"{self.name}={self.type}{restricted}{'?' if self.optional else ''}"


@dataclass
class Query:
    id: str
    path: Path
    source: str                      # the file's text, header included
    summary: str
    description: str
    tags: list[str]
    params: list[Param] = field(default_factory=list)
    scope: str | None = None         # a violation check's: one of SCOPES
    severity: str | None = None      # a violation check's: one of SEVERITIES
    partition: str | None = None     # a dataset check's partition variable (no '?')
    prologue: str = ""               # PREFIX lines an ad-hoc query leaves out

    @property
    def is_violation(self) -> bool:
        return self.id.endswith(VIOLATION_SUFFIX)

    def text(self) -> str:
        """The query as it runs: a stored file as it is; an ad-hoc one with the cwkg
        prefixes it uses but does not declare in front."""
        return self.prologue + self.source

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


# ---------------------------------------------------------------------------- header


def parse_header(text: str, where: str) -> dict:
    """Read the ``#+`` header of a query file; raise QueryError naming file:line."""
    values: dict = {"params": []}
    last_key = None
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            in_header = False
            continue
        if not in_header:
            raise QueryError("a '#+' header line after the query began; the header comes "
                             "first", file=where, line=number)
        continuation = re.match(r"#\+ {2,}(\S.*)$", line)
        if continuation:
            if last_key is None or last_key == "param":
                raise QueryError("a continuation line must follow summary, description or "
                                 "tags", file=where, line=number)
            values[last_key] += " " + continuation.group(1).strip()
            continue
        match = re.fullmatch(r"#\+ ([a-z]+): (\S.*)", line.rstrip())
        if not match:
            raise QueryError("a header line is '#+ key: value'", file=where, line=number)
        key, value = match.group(1), match.group(2).strip()
        if key not in HEADER_KEYS:
            raise QueryError(f"unknown header key '{key}'; known keys: "
                             + ", ".join(HEADER_KEYS), file=where, line=number)
        if key == "param":
            values["params"].append(_parse_param(value, where, number))
        elif key in values:
            raise QueryError(f"'{key}' is given twice", file=where, line=number)
        else:
            values[key] = value
        last_key = key
    for key in REQUIRED_KEYS:
        if key not in values:
            raise QueryError(f"the header has no '#+ {key}:' line", file=where, line=1)
    values["tags"] = _tags(values["tags"])
    names = [p.name for p in values["params"]]
    if len(names) != len(set(names)):
        raise QueryError("a parameter is declared twice", file=where)
    return values


def _tags(value: str) -> list[str]:
    """``[a, b]`` (a YAML flow list, what grlc reads as a list) or ``a, b``."""
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return [t.strip() for t in value.split(",") if t.strip()]


def _parse_param(value: str, where: str, line: int) -> Param:
    spec, _, description = value.partition(" -- ")
    parts = spec.split(None, 2)
    if len(parts) < 3:
        raise QueryError("a parameter is 'NAME TYPE EXAMPLE [-- DESCRIPTION]'",
                         file=where, line=line)
    name, type_spec, example = parts
    if not _NAME.fullmatch(name):
        raise QueryError(f"parameter name '{name}' is not a SPARQL variable name",
                         file=where, line=line)
    optional = type_spec.endswith("?")
    base, _, restriction = type_spec.rstrip("?").partition(":")
    if base not in PARAM_TYPES:
        raise QueryError(f"unknown parameter type '{base}'; known: " + ", ".join(PARAM_TYPES),
                         file=where, line=line)
    prefixes = tuple(p for p in restriction.split(",") if p) if restriction else ()
    unknown = [p for p in prefixes if p not in PREFIXES]
    if unknown or (prefixes and base != "entity"):
        raise QueryError(f"bad restriction '{restriction}': only entity takes id prefixes "
                         "known to cwkg.namespaces", file=where, line=line)
    return Param(name, base, prefixes, optional, example.strip(), description.strip())


# ------------------------------------------------------------------------- catalogue


def load_query(path: Path, grlc: bool = True) -> Query:
    """Read and check one query file (header, its prefixes, parameters used; ``grlc``:
    also that grlc reads its header alike, an authoring check that needs PyYAML)."""
    path = Path(path)
    text = path.read_text("utf-8")
    header = _checked_header(text, str(path), path.stem.endswith(VIOLATION_SUFFIX), grlc)
    return Query(path.stem, path, text, header["summary"], header["description"],
                 list(header["tags"]), list(header["params"]), header.get("scope"),
                 header.get("severity"), header.get("partition"))


@cached_by_text
def _checked_header(text: str, where: str, is_violation: bool, grlc: bool = True) -> dict:
    """The checked header of a query file's text. Cached by the text itself (reading a
    file is cheap; parsing and tokenizing it on every run of a stored query is not)."""
    header = parse_header(text, where)
    all_tokens = tokenize(text)
    tokens = significant(all_tokens)
    _check_prefixes(text, all_tokens, where)
    if grlc:
        _check_grlc_reads_the_same(text, header, where)
    variables = {t.text[1:] for t in tokens if t.kind == "var"}
    for param in header["params"]:
        if param.name not in variables:
            raise QueryError(f"parameter '{param.name}' is declared but ?{param.name} is not "
                             "used in the query", file=where)
    if is_violation and header["params"]:
        raise QueryError("a violation check takes no parameters", file=where)
    if is_violation and header.get("scope") not in SCOPES:
        raise QueryError("a violation check declares '#+ scope: source' (each row needs at "
                         "most one source's graph and the reference graph) or '#+ scope: "
                         "dataset' (rows that join several sources' graphs)", file=where)
    if is_violation and header.get("severity") not in SEVERITIES:
        raise QueryError("a violation check declares '#+ severity: Violation' (a row fails "
                         "cwkg validate), 'Warning' or 'Info' (reported, exit code 0)",
                         file=where)
    partition = header.get("partition")
    if partition is not None and (header.get("scope") != "dataset"
                                  or partition not in _selected(tokens)):
        raise QueryError("'#+ partition:' names a variable the check selects (without "
                         "'?'), and only a '#+ scope: dataset' check has one", file=where)
    for key in VIOLATION_ONLY_KEYS:
        if not is_violation and key in header:
            raise QueryError(f"'#+ {key}:' is for violation checks (files named "
                             "*-violation.rq)", file=where)
    return header


def _selected(tokens: list) -> set[str]:
    """The plain variables a SELECT projects, up to its first expression (no '?')."""
    names: set[str] = set()
    for token in tokens[next((i for i, t in enumerate(tokens) if t.keyword == "SELECT"),
                             len(tokens)) + 1:]:
        if token.kind == "var":
            names.add(token.text[1:])
        elif token.keyword in ("WHERE", "FROM") or token.text == "{" or token.text == "(":
            break
    return names


def _check_grlc_reads_the_same(text: str, header: dict, where: str) -> None:
    """grlc reads the header as YAML (each '#+' line without its '#+'): a stored query's
    summary, description and tags must read the same there, so grlc shows them."""
    import yaml
    lines = [line[2:] for line in text.split("\n") if line.startswith("#+")]
    try:
        read = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise QueryError("grlc cannot read this header as YAML (" + str(getattr(
            exc, "problem", exc)) + "); in a value, avoid ': ', ' #' and a leading quote",
            file=where, line=line) from None
    for key in REQUIRED_KEYS:
        got = read.get(key) if isinstance(read, dict) else None
        if got != header[key]:
            raise QueryError(f"grlc would read '{key}' as {got!r} (YAML), not as "
                             f"cwkg does; write tags as [a, b] and avoid ': ' in values",
                             file=where)


def _check_prefixes(text: str, tokens: list, where: str) -> None:
    """A stored query declares exactly the prefixes it uses, each as cwkg.namespaces
    has it, and no BASE: so it runs as it is on any endpoint's page."""
    for token in significant(tokens):
        if token.keyword == "BASE":
            raise QueryError("a stored query declares no BASE: write full IRIs or cwkg's "
                             "prefixes", file=where, line=line_of(text, token))
    declared = declared_prefixes(tokens)
    used = used_prefixes(tokens)
    for prefix, (iri, token) in declared.items():
        line = line_of(text, token)
        if prefix not in PREFIXES:
            raise QueryError(f"PREFIX {prefix}: is not one of cwkg's prefixes "
                             "(cwkg.namespaces); use one of those, or a full IRI",
                             file=where, line=line)
        if iri != PREFIXES[prefix]:
            raise QueryError(f"PREFIX {prefix}: <{iri}> differs from cwkg.namespaces, "
                             f"which has <{PREFIXES[prefix]}>", file=where, line=line)
        if prefix not in used:
            raise QueryError(f"PREFIX {prefix}: is declared but not used; remove the line",
                             file=where, line=line)
    missing = [p for p in used if p not in declared]
    unknown = [p for p in missing if p not in PREFIXES]
    if unknown:
        raise QueryError(f"the query uses {unknown[0]}:, which is not one of cwkg's prefixes "
                         "(cwkg.namespaces)", file=where, line=line_of(text, used[unknown[0]]))
    if missing:
        add = "; ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in missing)
        raise QueryError(f"the query uses {', '.join(p + ':' for p in missing)} without "
                         f"declaring it; add after the header: {add}",
                         file=where, line=line_of(text, used[missing[0]]))


def load_catalogue(directory: Path = QUERIES_DIR, pattern: str = "*.rq") -> dict[str, Query]:
    """Every ``*.rq`` in ``directory`` (those ``pattern`` matches), by id, in id order."""
    directory = Path(directory)
    if not directory.is_dir():
        raise UsageError(f"no query catalogue at {directory}")
    return {p.stem: load_query(p) for p in sorted(directory.glob(pattern))}


def violation_checks(directory: Path = QUERIES_DIR) -> list[Query]:
    """The catalogue's ``*-violation.rq`` checks, in id order (the other files unread)."""
    return list(load_catalogue(directory, f"*{VIOLATION_SUFFIX}.rq").values())


def get_query(query_id: str, directory: Path = QUERIES_DIR, grlc: bool = True) -> Query:
    """The stored query ``query_id`` (``grlc``: see :func:`load_query`)."""
    path = Path(directory) / f"{query_id}.rq"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", query_id) or not path.is_file():
        known = ", ".join(load_catalogue(directory))
        raise UsageError(f"no stored query '{query_id}'; known: {known} (or use --file)")
    return load_query(path, grlc)


def adhoc_query(path: Path) -> Query:
    """A query from a user's file: same header rules if it has one. The cwkg prefixes it
    uses without declaring them are declared in front of it (its own PREFIX lines win)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read query file: {exc}", file=str(path)) from None
    if text.lstrip().startswith("#+"):
        header = parse_header(text, str(path))
    else:
        header = {"summary": "ad-hoc query", "description": "", "tags": [], "params": []}
    return Query(path.stem, path, text, header["summary"], header["description"],
                 header["tags"], header["params"],
                 prologue=missing_prefix_block(text, PREFIXES))


def catalogue_listing(catalogue: Mapping[str, Query]) -> str:
    """One block per query: id and parameters, then the summary (for ``--list``)."""
    blocks = []
    for query in catalogue.values():
        params = " ".join(p.signature() for p in query.params)
        examples = " ".join(f"--param {p.name}={_quote_arg(p.example)}" for p in query.params)
        lines = [f"{query.id}  {params}".rstrip(), f"    {query.summary}"]
        if examples:
            lines.append(f"    e.g. cwkg query {query.id} {examples}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _quote_arg(text: str) -> str:
    import shlex
    return shlex.quote(text)


