"""A claim's form: every field of a claim, as the browser sends it, into the changes the
curation layer takes (:func:`cwkg.curate.edits.edit_claim`).

Each field is a form input of the same name; an id list (``about``, ``perpetrators``...)
is several inputs of one name, figure N is ``figures-N-counts``, ``-group``,
``-qualifier``, ``-value``, the period ``period-start`` and ``period-end``, and the
curator's identification N ``identifications-N-field``, ``-id``, ``-reason``. An empty input removes the field. Names typed where an id
goes are resolved (:mod:`.pickers`); what cannot be resolved is a finding on its field.
Numbers are sent on as numbers when they are digits, else as typed (the curation layer
then says what is wrong with them).
"""

from __future__ import annotations

from cwkg.curate.findings import BLOCKING, Finding
from cwkg.load.claims import ID_KEYS, ID_LIST_KEYS
from cwkg.load.figures import COUNTS, GROUPS, QUALIFIERS

from .pickers import FIELD_PREFIXES, EntityNames

SCALARS = ("kind", "stated_by", "speech", "quote", "occurrence", "event_date", *ID_KEYS,
           "anniversary", "years_since")
NUMBERS = ("occurrence", "anniversary", "years_since")
LISTS = tuple(ID_LIST_KEYS)
COMPOUND = ("figures", "period", "identifications")
FIGURE_FIELDS = ("counts", "group", "qualifier", "value")
IDENTIFICATION_FIELDS = ("field", "id", "reason")
MAX_FIGURES = MAX_IDENTIFICATIONS = 20
CHOICES = {"counts": COUNTS, "group": GROUPS, "qualifier": QUALIFIERS}


def changes_of(form, names: EntityNames, fields=SCALARS + LISTS + COMPOUND,
               claim: str | None = None) -> tuple[dict, list[Finding]]:
    """(field -> value, findings) from a submitted claim form; ``fields``: the ones the
    form holds (a field it does not hold is left as it is)."""
    changes: dict = {}
    found: list[Finding] = []
    for field in fields:
        if field == "figures":
            changes["figures"] = _figures(form)
        elif field == "period":
            ends = {k: (form.get(f"period-{k}") or "").strip() for k in ("start", "end")}
            changes["period"] = {k: v for k, v in ends.items() if v} or None
        elif field == "identifications":
            changes["identifications"] = _identifications(form)
        elif field in LISTS:
            values = []
            for n, text in enumerate(v for v in form.getlist(field) if v.strip()):
                value, problem = names.resolve(text, FIELD_PREFIXES[field])
                if problem:
                    found.append(Finding(BLOCKING, problem, claim, f"{field}.{n}"))
                elif value not in values:
                    values.append(value)
            changes[field] = values
        else:
            text = (form.get(field) or "").strip() if field != "quote" else \
                (form.get(field) or "").replace("\r\n", "\n")  # a textarea's CRLF
            if field in FIELD_PREFIXES and text and not (field == "stated_by"
                                                         and text == "author"):
                text, problem = names.resolve(text, FIELD_PREFIXES[field])
                if problem:
                    found.append(Finding(BLOCKING, problem, claim, field))
            changes[field] = _number(text) if field in NUMBERS else (text or None)
    return changes, found


def _figures(form) -> list[dict]:
    out = []
    for n in range(MAX_FIGURES):
        row = {k: (form.get(f"figures-{n}-{k}") or "").strip() for k in FIGURE_FIELDS}
        if not any(row.values()):
            continue
        figure = {k: v for k, v in row.items() if v and k != "value"}
        if row["value"]:
            figure["value"] = _number(row["value"])
        out.append(figure)
    return out


def _identifications(form) -> list[dict]:
    """The curator's identifications the form holds (rows with any value), each by the
    curator: the id as typed (the curation layer checks it is one of its field's ids)."""
    out = []
    for n in range(MAX_IDENTIFICATIONS):
        row = {k: (form.get(f"identifications-{n}-{k}") or "").strip()
               for k in IDENTIFICATION_FIELDS}
        if any(row.values()):
            out.append({"field": row["field"], "id": row["id"], "identified_by": "curator",
                        "reason": row["reason"]})
    return out


def identification_rows(items, spare: int = 1) -> list[dict]:
    """The identification rows a form shows: the claim's and ``spare`` empty ones."""
    rows = [dict(i) for i in items or [] if isinstance(i, dict)]
    return rows + [{} for _ in range(spare)]


def _number(text):
    return int(text) if isinstance(text, str) and text.isdigit() and len(text) < 16 else \
        (text or None)


def figure_rows(figures, spare: int = 1) -> list[dict]:
    """The figure rows a form shows: the claim's figures and ``spare`` empty ones."""
    rows = [dict(f) for f in figures or [] if isinstance(f, dict)]
    return rows + [{} for _ in range(spare)]
