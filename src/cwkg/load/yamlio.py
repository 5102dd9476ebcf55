"""Read YAML so that every mapping remembers the line it came from.

Curators edit YAML by hand; every later error points back at ``file:line``.
Timestamps are not resolved implicitly (cwkg parses dates itself, strictly), and
only ``true``/``false`` are booleans, so ``no`` or ``on`` stay strings.

>>> doc = loads("a: 1\\nb:\\n  c: 2017-04-04\\n", "x.yaml")
>>> doc["b"]["c"], doc["b"].line, doc.key_line("b")
('2017-04-04', 3, 2)
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from cwkg.errors import DataError


class Mapping(dict):
    """A dict with the 1-based line of the mapping and of each key."""

    file: str = "?"
    line: int = 0
    key_lines: dict

    def key_line(self, key) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    file: str = "?"
    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (5-10x faster on 10,000 claims files); the pure-Python
# one otherwise. Both give the same nodes, marks and errors; construction below is shared.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):
    pass


# Drop implicit timestamp and YAML 1.1 boolean resolution (yes/no/on/off).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


_STR = "tag:yaml.org,2002:str"
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MERGE = "tag:yaml.org,2002:merge"
_VALUE_KEY = "tag:yaml.org,2002:value"  # the "=" key, a plain string to SafeLoader
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar text -> its resolved tag


def _resolve(self, kind, value, implicit):
    """PyYAML's resolve, with the tag of a plain scalar remembered by its text (the tag of
    a plain scalar depends on its text alone; keys and kinds repeat in every file)."""
    if kind is yaml.ScalarNode and implicit[0]:
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = _BASE.resolve(self, kind, value, implicit)
            if len(_PLAIN_TAGS) < 65536 and len(value) < 64:
                _PLAIN_TAGS[value] = tag
        return tag
    return _BASE.resolve(self, kind, value, implicit)


_Loader.resolve = _resolve
# collections inside an explicitly tagged one (!!omap, !!set...), which PyYAML builds,
# still get their lines and the duplicate-key check
_Loader.add_constructor(_MAP, lambda loader, node: _Builder(loader).build(node))
_Loader.add_constructor(_SEQ, lambda loader, node: _Builder(loader).build(node))


class _Builder:
    """Python objects from the node tree: Mapping and Sequence with their lines, plain
    strings, and PyYAML's own constructors for every other tag. A node met twice (an
    alias) is built once, so a file of aliases to aliases cannot blow up in memory."""

    def __init__(self, loader: _Loader):
        self.loader, self.done, self.open = loader, {}, set()

    def build(self, node):
        if type(node) is yaml.ScalarNode and node.tag == _STR:
            return node.value
        key = id(node)
        if key in self.done:
            return self.done[key]
        if key in self.open:
            raise DataError("a YAML alias refers to a collection that contains it",
                            file=self.loader.name, line=node.start_mark.line + 1)
        self.open.add(key)
        if type(node) is yaml.MappingNode and node.tag == _MAP:
            value = self._mapping(node)
        elif type(node) is yaml.SequenceNode and node.tag == _SEQ:
            value = self._sequence(node)
        else:  # numbers, booleans, null, and any explicit tag: as PyYAML builds them
            value = self.loader.construct_object(node, deep=True)
        self.open.discard(key)
        self.done[key] = value
        return value

    def _mapping(self, node: yaml.MappingNode) -> Mapping:
        name = self.loader.name
        result = Mapping()
        result.file = name
        result.line = node.start_mark.line + 1
        result.key_lines = key_lines = {}
        merged, own = [], []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged[:0] = self._merged(node, value_node)
            else:
                own.append((key_node, value_node))
        # merged keys first, as PyYAML orders them; a key met twice is refused, merged or not
        for key, value, line in merged:
            if key in result:
                raise DataError(f"duplicate key '{key}'", file=name, line=line)
            result[key] = value
            key_lines[key] = line
        for key_node, value_node in own:
            key = key_node.value if key_node.tag == _VALUE_KEY else self.build(key_node)
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:
                raise DataError("a mapping key must be a plain value", file=name,
                                line=line) from None
            if key in result:
                raise DataError(f"duplicate key '{key}'", file=name, line=line)
            result[key] = self.build(value_node)
            key_lines[key] = line
        return result

    def _merged(self, node, value_node) -> list:
        """(key, value, line) of a merge key's mappings (``<<: *a`` or ``<<: [*a, *b]``),
        taken from the mappings as built once: PyYAML copied every merged pair into each
        mapping, so merges of merges grew exponentially."""
        if type(value_node) is yaml.SequenceNode:
            sources = list(reversed(value_node.value))  # the first listed is applied last
        else:
            sources = [value_node]
        pairs = []
        for source in sources:
            if type(source) is not yaml.MappingNode:
                raise DataError("a merge key (<<) takes a mapping or a list of mappings",
                                file=self.loader.name, line=source.start_mark.line + 1)
            mapping = self.build(source)
            pairs += [(k, v, mapping.key_line(k)) for k, v in mapping.items()]
        return pairs

    def _sequence(self, node: yaml.SequenceNode) -> Sequence:
        result = Sequence(self.build(child) for child in node.value)
        result.file = self.loader.name
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


def loads(text: str, name: str):
    """Parse YAML text; raise DataError naming ``name`` and the line on any syntax error."""
    loader = _Loader(text)
    loader.name = name
    try:
        node = loader.get_single_node()
        return None if node is None else _Builder(loader).build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise DataError(f"YAML syntax error: {problem}", file=name, line=line,
                        column=column) from None
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {exc}", file=name) from None
    except RecursionError:
        raise DataError("YAML nested too deeply", file=name) from None
    finally:
        loader.dispose()


# A claims or entities file of a long report is well under 1 MiB; PyYAML reads about 1 MiB/s.
MAX_YAML_BYTES = 8 * 1024 * 1024


def read_text(path: Path, display: str | None = None) -> str:
    """Read a UTF-8 text file strictly; a non-UTF-8 byte is a DataError naming its line."""
    name = display or str(path)
    return decode(read_bytes(path, name), name)


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes; a file that cannot be read is a DataError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror}", file=name) from None


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 strictly, naming the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset "
                        f"{exc.start}); save the file as UTF-8", file=name, line=line) from None


def load(path: Path, display: str | None = None, data: bytes | None = None):
    """Read and parse one YAML file (at most MAX_YAML_BYTES); ``data``: its bytes, when
    the caller has read them already."""
    name = display or str(path)
    if data is None:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise DataError(f"cannot read file: {exc.strerror}", file=name) from None
    else:
        size = len(data)
    if size > MAX_YAML_BYTES:
        raise DataError(f"file is {size / 2**20:.0f} MiB; a YAML data file may be at most "
                        f"{MAX_YAML_BYTES // 2**20} MiB: split it", file=name)
    return loads(read_text(path, name) if data is None else decode(data, name), name)
