"""Round-trip YAML: edit a curator's file and keep everything else byte for byte.

A claims file is read with ruamel.yaml's round-trip loader (comments, key order, flow
or block style, quoting all remembered) and written back by the same library. Before
anything is edited, the file must come back unchanged from a load and a dump with the
layout this module finds for it (indentation, how an empty value is written); a file
whose layout the writer cannot reproduce is refused with the first line that would
change, so a save can never rewrite lines the curator did not touch.

>>> doc = parse("source: src:x\\nclaims:\\n  - id: c01  # first\\n    about: [a:b]\\n", "x.yaml")
>>> doc.data["claims"][0]["about"].append("c:d")
>>> print(doc.render(), end="")
source: src:x
claims:
  - id: c01  # first
    about: [a:b, c:d]
"""

from __future__ import annotations

import io
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
    """A parsed file and the writer that reproduces its layout."""
    data: object
    name: str
    yaml: object

    def render(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()


def parse(text: str, name: str) -> Document:
    """``text`` (the file ``name``) parsed for editing; DataError if it is not YAML, or
    if no writer reproduces it exactly (naming the first line that would change)."""
    first_miss = None
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
            if first_miss is None:
                first_miss = _first_difference(text, again)
    line, was, would = first_miss
    raise DataError(f"cwkg cannot rewrite this file without changing lines you did not edit "
                    f"(line {line} would read {would!r} instead of {was!r}); nothing was "
                    "written: make this change in a text editor", file=name, line=line)


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
