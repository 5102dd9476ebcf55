"""Round-trip YAML: edit a curator's file and keep everything else byte for byte.

A claims file is read with ruamel.yaml's round-trip loader (comments, key order, flow
or block style, quoting all remembered) and written back by the same library. Before
anything is edited, the file must come back from a load and a dump with the layout this
module finds for it (indentation, how an empty value is written), except for the line
breaks inside a flow collection (``{field: about, ...,`` wrapped over two lines), which
ruamel.yaml does not remember: the lines it would join are kept as the file writes them
unless the edit changes them (:func:`_splice`). A file whose layout the writer cannot
reproduce otherwise is refused with the first line that would change, so a save can
never rewrite lines the curator did not touch.

>>> doc = parse("source: src:x\\nclaims:\\n  - id: c01  # first\\n    about: [a:b]\\n", "x.yaml")
>>> doc.data["claims"][0]["about"].append("c:d")
>>> print(doc.render(), end="")
source: src:x
claims:
  - id: c01  # first
    about: [a:b, c:d]
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass

from cwkg.errors import DataError, UsageError

# (mapping indent, sequence indent, dash offset): the claims files cwkg writes and the
# seeds use the first; data/entities' top-level lists the second
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 2, 2), (4, 4, 0))
_NULLS = ("", "~", "null")


def _yaml(indent: tuple[int, int, int], null: str):
    try:
        from ruamel.yaml import YAML
    except ImportError:
        raise UsageError("curating needs the 'curate' extra (ruamel.yaml); install it with: "
                         "pip install 'cwkg[curate]'") from None

    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 1 << 20          # never fold a long quote over several lines
    yaml.allow_unicode = True     # Arabic as written, not \u escapes
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    if null:
        yaml.representer.add_representer(
            type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", null))
    return yaml


@dataclass
class Document:
    """A parsed file and the writer that reproduces its layout; ``original`` and
    ``dumped``: the file's text and the writer's, when they differ by line breaks in flow
    collections only."""
    data: object
    name: str
    yaml: object
    original: str | None = None
    dumped: str | None = None

    def render(self) -> str:
        new = self._dump(self.data)
        if self.original is None:
            return new
        spliced = _splice(self.original, self.dumped, new)
        if plain(self.yaml.load(spliced)) != plain(self.yaml.load(new)):
            raise DataError("cwkg cannot rewrite this file without changing lines you did "
                            "not edit; nothing was written: make this change in a text "
                            "editor", file=self.name)
        return spliced

    def _dump(self, data) -> str:
        out = io.StringIO()
        self.yaml.dump(data, out)
        return out.getvalue()


def parse(text: str, name: str) -> Document:
    """``text`` (the file ``name``) parsed for editing; DataError if it is not YAML, or
    if no writer reproduces it exactly (naming the first line that would change)."""
    first_miss = reflowed = None
    for indent in _INDENTS:
        for null in _NULLS:
            yaml = _yaml(indent, null)
            from ruamel.yaml import YAMLError
            try:
                data = yaml.load(text)
            except YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                raise DataError(f"YAML syntax error: {getattr(exc, 'problem', exc)}", file=name,
                                line=mark.line + 1 if mark else None) from None
            doc = Document(data, name, yaml)
            again = doc.render()
            if again == text:
                return doc
            if reflowed is None and _reflowed_only(text, again):
                reflowed = Document(data, name, yaml, text, again)
            if first_miss is None:
                first_miss = _first_difference(text, again)
    if reflowed is not None:
        return reflowed
    line, was, would = first_miss
    raise DataError(f"cwkg cannot rewrite this file without changing lines you did not edit "
                    f"(line {line} would read {would!r} instead of {was!r}); nothing was "
                    "written: make this change in a text editor", file=name, line=line)


def _segments(original: list[str], dumped: list[str]) -> list[tuple[int, int, int, int]]:
    """How the dumped lines map to the file's: (dumped from, to, file from, to) for each
    line the two share, and for each run of lines the writer reflowed."""
    out = []
    matcher = difflib.SequenceMatcher(None, original, dumped, autojunk=False)
    for tag, o1, o2, d1, d2 in matcher.get_opcodes():
        if tag == "equal":
            out += [(d1 + k, d1 + k + 1, o1 + k, o1 + k + 1) for k in range(o2 - o1)]
        else:
            out.append((d1, d2, o1, o2))
    return out


def _reflowed_only(original: str, dumped: str) -> bool:
    """The writer's text differs from the file's only by line breaks and indentation
    inside runs of lines (a flow collection wrapped over several lines, joined)."""
    o, d = original.splitlines(True), dumped.splitlines(True)
    return all(d1 < d2 and o1 < o2 and
               re.sub(r"\s+", " ", "".join(o[o1:o2])) == re.sub(r"\s+", " ", "".join(d[d1:d2]))
               for d1, d2, o1, o2 in _segments(o, d) if d2 - d1 != 1 or o2 - o1 != 1
               or o[o1] != d[d1])


def _splice(original: str, dumped: str, new: str) -> str:
    """``new`` (the writer's text after the edit), with every run of lines the edit left
    as the writer had it (``dumped``) written as ``original`` writes it."""
    o, d, n = original.splitlines(True), dumped.splitlines(True), new.splitlines(True)
    segments = _segments(o, d)
    segment_at = {}
    for segment in segments:
        for line in range(segment[0], segment[1]):
            segment_at[line] = segment
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, d, n, autojunk=False)
    for tag, d1, d2, n1, n2 in matcher.get_opcodes():
        if tag != "equal":
            out += n[n1:n2]
            continue
        line = d1
        while line < d2:
            s1, s2, o1, o2 = segment_at[line]
            if s1 == line and s2 <= d2:  # the whole run is left as it was: the file's lines
                out += o[o1:o2]
                line = s2
            else:  # part of a reflowed run the edit changed: the writer's line
                out.append(d[line])
                line += 1
    return "".join(out)


def _first_difference(a: str, b: str) -> tuple[int, str, str]:
    left, right = a.split("\n"), b.split("\n")
    for n, (x, y) in enumerate(zip(left, right), start=1):
        if x != y:
            return n, x, y
    n = min(len(left), len(right))
    return n + 1, (left[n] if n < len(left) else ""), (right[n] if n < len(right) else "")


# -- values as the files write them -------------------------------------------------


def flow_list(items):
    """A list written on one line, ``[a, b]``, as the claims files write id lists."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def flow_map(pairs: dict):
    """A mapping written on one line, ``{counts: killed, ...}``, as figures are written."""
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(pairs)
    mapping.fa.set_flow_style()
    return mapping


def block_list(items):
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_block_style()
    return seq


def block_map(pairs: dict):
    from ruamel.yaml.comments import CommentedMap

    mapping = CommentedMap(pairs)
    mapping.fa.set_block_style()
    return mapping


def quoted(text: str):
    """A string written in double quotes (quotes, dates: never read as anything else)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


def plain(value):
    """A value as the loaders see it (plain dicts, lists, str, int), for comparisons."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def detach_trailing_comment(node) -> None:
    """Drop the blank lines and comment lines that follow ``node``'s last value (the
    writer keeps them with that value, though they separate it from what comes next);
    an end-of-line comment on the last value stays. The caller puts the lines back
    where they belong (after the node's last line, whatever the edit made it)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and node:
        last = list(node)[-1]
        tokens = node.ca.items.get(last)
        if tokens and len(tokens) > 2 and tokens[2] is not None:
            first_line = tokens[2].value.split("\n", 1)[0]
            if first_line.strip():
                tokens[2].value = first_line + "\n"
            else:
                tokens[2] = None
        detach_trailing_comment(node[last])
    elif isinstance(node, CommentedSeq) and node:
        node.ca.end = []
        tokens = node.ca.items.get(len(node) - 1)
        if tokens and tokens[0] is not None:
            first_line = tokens[0].value.split("\n", 1)[0]
            tokens[0] = None if not first_line.strip() else tokens[0]
            if tokens[0] is not None:
                tokens[0].value = first_line + "\n"
        detach_trailing_comment(node[-1])
