"""Parse RDF that users bring, strictly: a syntax error names file:line:column, and nothing
is fetched (no remote JSON-LD context)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import DataError

PARSE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                 ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                 ".jsonld": ox.RdfFormat.JSON_LD}


# pyoxigraph's JSON-LD parser recurses per nesting level and overflows the stack (a
# segfault, not an exception) a few thousand levels down; no real document nests this deep.
MAX_JSON_DEPTH = 256


def parse_file(path: str | Path, fmt: ox.RdfFormat | None = None,
               base_iri: str | None = None) -> list[ox.Quad]:
    path = Path(path)
    fmt = fmt or PARSE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(f"unknown RDF file type '{path.suffix}'; use one of "
                        + ", ".join(PARSE_FORMATS), file=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    return parse_bytes(data, fmt, str(path), base_iri)


def parse_bytes(data: bytes, fmt: ox.RdfFormat, name: str,
                base_iri: str | None = None) -> list[ox.Quad]:
    """Parse strictly; never fetch anything (remote or file JSON-LD contexts are refused).

    >>> parse_bytes(b'<http://e/a> <http://e/b> "c" .', ox.RdfFormat.N_TRIPLES, "x.nt")[0].object
    <Literal value=c datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> parse_bytes(b'e:a e:b e:c .', ox.RdfFormat.TURTLE, "x.ttl")
    Traceback (most recent call last):
    cwkg.errors.DataError: x.ttl:1:1: RDF syntax error: The prefix e: has not been declared
    """
    if fmt == ox.RdfFormat.JSON_LD:
        _check_json_depth(data, name)
    try:
        return list(ox.parse(data, format=fmt, base_iri=base_iri))
    except SyntaxError as exc:
        raise syntax_error(exc, name) from None
    except (ValueError, OSError) as exc:
        raise DataError(f"cannot parse as RDF: {exc}", file=name) from None


def syntax_error(exc: SyntaxError, name: str) -> DataError:
    line, column = _position(exc)
    message = str(getattr(exc, "msg", None) or exc).split("\n")[0]
    # the position is already in file:line:column; keep only what is wrong
    message = re.sub(r"^Parser error (?:at line \d+ )?(?:column \d+|between [^:]*)?: ", "",
                     message)
    if "LoadDocumentCallback" in message or "remote context" in message:
        message = ("a JSON-LD @context must be given inline: cwkg never loads a remote or "
                   "file context")
    return DataError(f"RDF syntax error: {message}", file=name, line=line, column=column)


def _check_json_depth(data: bytes, name: str) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH, scanning bytes once (strings skipped)."""
    depth, in_string, escaped, line = 0, False, False, 1
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:          # backslash
                escaped = True
            elif byte == 0x22:          # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x7B, 0x5B):      # { [
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise DataError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep; cwkg "
                                "refuses it rather than risk a crash", file=name, line=line)
        elif byte in (0x7D, 0x5D):
            depth -= 1
        if byte == 0x0A:
            line += 1


def _position(exc: SyntaxError) -> tuple[int | None, int | None]:
    # pyoxigraph reports 1-based line and column on the SyntaxError
    return getattr(exc, "lineno", None), getattr(exc, "offset", None)
