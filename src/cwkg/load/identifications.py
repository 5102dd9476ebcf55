"""The ``identifications`` of a claim or a source: links the text does not make in words.

A claim's ``about: [..., attack:ghouta-2013]`` may rest on the text's bare "Ghouta", with no
date; a source's ``author`` on a text that never names its author. Each such link is listed
under ``identifications`` with who made it (``identified_by: curator``) and why, so the
graph can say it is the curator's reading and not the text's words.

>>> from cwkg.load.yamlio import loads
>>> rec = Record(loads('''identifications:
...   - {field: about, id: attack:x, identified_by: curator, reason: "bare place name"}
... ''', "c.yaml"), "claim")
>>> [(i.field, i.id, i.identified_by) for i in load_identifications(rec, {"about": ("attack:x",)})]
[('about', 'attack:x', 'curator')]
>>> load_identifications(rec, {"about": ("attack:y",)})
Traceback (most recent call last):
cwkg.errors.DataError: c.yaml:2: field 'id': 'attack:x' is not one of this record's 'about' ids (attack:y); identify only a link the record makes
"""

from __future__ import annotations

from cwkg.errors import DataError
from cwkg.prefixes import PREFIXES

from .model import Identification
from .records import Record

KEY = "identifications"
ENTRY_KEYS = {"field", "id", "identified_by", "reason"}
IDENTIFIED_BY = ("curator",)  # only the curator's readings are recorded so far


def load_identifications(rec: Record, values: dict[str, tuple[str, ...]]
                         ) -> tuple[Identification, ...]:
    """The identifications ``rec`` lists; ``values`` maps each link field the record may
    qualify to the ids it holds. Each entry must name one of those ids, once."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for entry in rec.records(KEY, "identification"):
        entry.check_keys(ENTRY_KEYS)
        field = entry.choice("field", tuple(values), required=True)
        ref = entry.identifier("id", tuple(PREFIXES), required=True)
        if ref not in values[field]:
            held = ", ".join(values[field]) or "none"
            raise entry.error("id", f"'{ref}' is not one of this record's '{field}' ids "
                              f"({held}); identify only a link the record makes")
        if (field, ref) in seen:
            raise DataError(f"'{field}: {ref}' is identified twice (first at line "
                            f"{seen[field, ref]})", file=entry.file, line=entry.line)
        seen[field, ref] = entry.line
        out.append(Identification(
            file=entry.file, line=entry.line, field=field, id=ref,
            identified_by=entry.choice("identified_by", IDENTIFIED_BY, required=True),
            reason=entry.string("reason", required=True)))
    return tuple(out)


def link_values(item, fields) -> dict[str, tuple[str, ...]]:
    """{field: the ids ``item`` holds in it} for the link fields ``fields`` of a record."""
    out = {}
    for field in fields:
        value = getattr(item, field)
        out[field] = tuple(value) if isinstance(value, tuple) else \
            (() if value is None else (value,))
    return out
