"""Typed, located access to the fields of one YAML mapping.

Every loader reads curator files through :class:`Record`, so every mistake is
reported the same way: ``file:line: field 'x': what is wrong``.

>>> from cwkg.load.yamlio import loads
>>> r = Record(loads("id: org:un\\ndate: '2017-02-30'\\n", "e.yaml"), "entity")
>>> r.identifier("id", prefixes=("org",))
'org:un'
>>> r.date("date")
Traceback (most recent call last):
cwkg.errors.DataError: e.yaml:2: field 'date': '2017-02-30' is not a real date (YYYY-MM-DD)
"""

from __future__ import annotations

import datetime as dt
import re

from cwkg.errors import DataError
from cwkg.prefixes import PREFIXES

from .yamlio import Mapping, Sequence

LOCAL_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Record:
    """One mapping read from a curator file, with the keys it may have."""

    def __init__(self, mapping, what: str, *, file: str | None = None, line: int | None = None):
        self.what = what
        if mapping is None and file is not None and line is None:
            raise DataError(f"the file is empty; expected a {what}", file=file, line=1)
        if not isinstance(mapping, Mapping):
            raise DataError(f"each {what} must be a mapping of key: value, "
                            f"not {type_name(mapping)}", file=file or getattr(mapping, "file", None),
                            line=line or getattr(mapping, "line", None))
        self.m = mapping
        self.file = mapping.file
        self.line = mapping.line
        self.used: set = set()

    # -- errors --------------------------------------------------------------
    def error(self, key, message: str) -> DataError:
        line = self.m.key_line(key) if key is not None else self.line
        prefix = f"field '{key}': " if key is not None else ""
        return DataError(prefix + message, file=self.file, line=line)

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.m:
            if key not in allowed:
                hint = _closest(str(key), allowed)
                extra = f" (did you mean '{hint}'?)" if hint else ""
                raise self.error(key, f"unknown key in {self.what}{extra}; allowed: "
                                 + ", ".join(sorted(allowed)))

    # -- typed getters ---------------------------------------------------------
    def raw(self, key, required: bool = False):
        value = self.m.get(key)
        if value is None and required:
            if key in self.m:
                raise self.error(key, "must not be empty")
            raise DataError(f"{self.what} is missing the required field '{key}'",
                            file=self.file, line=self.line)
        return value

    def string(self, key, required: bool = False) -> str | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or isinstance(value, bool):
            raise self.error(key, f"must be text, not {type_name(value)}")
        if not value.strip():
            raise self.error(key, "must not be blank")
        return value

    def boolean(self, key) -> bool | None:
        value = self.raw(key)
        if value is not None and not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {value!r}")
        return value

    def integer(self, key, required: bool = False, minimum: int | None = 0) -> int | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, not {value!r}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum}, not {value}")
        return value

    def date(self, key, required: bool = False, today: dt.date | None = None) -> dt.date | None:
        value = self.raw(key, required)
        if value is None:
            return None
        text = str(value)
        if isinstance(value, bool) or not DATE.match(text):
            raise self.error(key, f"{value!r} is not a date written YYYY-MM-DD (quote it)")
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            raise self.error(key, f"'{text}' is not a real date (YYYY-MM-DD)") from None
        if date > (today or dt.date.today()):
            raise self.error(key, f"'{text}' is in the future")
        return date

    def choice(self, key, options, required: bool = False) -> str | None:
        value = self.string(key, required)
        if value is not None and value not in options:
            raise self.error(key, f"'{value}' is not one of: {', '.join(options)}")
        return value

    def identifier(self, key, prefixes, required: bool = False) -> str | None:
        value = self.string(key, required)
        if value is None:
            return None
        return check_identifier(value, prefixes, lambda msg: self.error(key, msg))

    def identifiers(self, key, prefixes, required: bool = False) -> list[str]:
        """A list of ids; a single id is accepted as a list of one."""
        value = self.raw(key, required)
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        if required and not items:
            raise self.error(key, "must name at least one id")
        out = []
        for item in items:
            if not isinstance(item, str):
                raise self.error(key, f"each entry must be an id, not {type_name(item)}")
            out.append(check_identifier(item, prefixes, lambda msg: self.error(key, msg)))
        if len(set(out)) != len(out):
            raise self.error(key, "lists the same id twice")
        return out

    def strings(self, key) -> list[str]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, "must be a list of text")
        return list(value)

    def mapping(self, key, what: str, required: bool = False) -> "Record | None":
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.error(key, f"must be a mapping, not {type_name(value)}")
        return Record(value, what)

    def records(self, key, what: str, required: bool = False) -> list["Record"]:
        value = self.raw(key, required)
        if value is None:
            return []
        if not isinstance(value, Sequence):
            raise self.error(key, f"must be a list, not {type_name(value)}")
        return [Record(item, what, file=self.file, line=line)
                for item, line in zip(value, value.item_lines)]


def check_identifier(value: str, prefixes, fail) -> str:
    prefix, sep, local = value.partition(":")
    if not sep or prefix not in PREFIXES:
        raise fail(f"'{value}' is not an id of the form prefix:name")
    if prefix not in prefixes:
        raise fail(f"'{value}' has prefix '{prefix}:', expected one of: "
                   + ", ".join(p + ":" for p in prefixes))
    if not LOCAL_NAME.match(local):
        raise fail(f"'{value}': the name after '{prefix}:' may hold only a-z, 0-9 and single hyphens")
    return value


def type_name(value) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", Mapping: "a mapping", list: "a list", Sequence: "a list",
            str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__)


def _closest(word: str, options) -> str | None:
    import difflib
    match = difflib.get_close_matches(word, list(options), n=1, cutoff=0.7)
    return match[0] if match else None
