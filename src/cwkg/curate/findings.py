"""What a save found, each finding placed on the field it concerns.

Three sources of findings, one shape (:class:`Finding`):

- the checks of each field a claim has (:func:`field_findings`): its kind, every id's
  form, the quote against the text, each figure, the date. They are the loader's own
  checks (:mod:`cwkg.load.claims`), run one field at a time so that every wrong field
  is named at once; a save with any of these is refused (``error``);
- why a proposal cannot be accepted yet (``cannot-accept``): a field still missing (no
  ``about``, no figure for a casualty figure), an id that names no entity;
- ``cwkg build``'s error and ``cwkg validate``'s findings (SHACL shapes, the violation
  checks, plausibility warnings), mapped from ``file:line`` or from the node's IRI to
  the claim and field (``Violation``, ``Warning``, ``Info``).

A field is named as a path: ``quote``, ``about``, ``figures.1.value`` (figures counted
from 0).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from cwkg.errors import DataError
from cwkg.ingest.anchors import claim_items
from cwkg.load.claims import (
    CLAIM_ID,
    CLAIM_KEYS,
    ID_KEYS,
    ID_LIST_KEYS,
    KINDS,
    LINK_FIELDS,
    REQUIRED_BY_KIND,
    SPEECH,
    STATUSES,
    load_anchor,
    load_figure,
)
from cwkg.load.identifications import load_identifications
from cwkg.load.model import Source
from cwkg.load.periods import load_period, load_year_count
from cwkg.load.records import Record
from cwkg.prefixes import compact
from cwkg.rdf.quads import CLAIM_LINKS

# severities: a save is refused for an "error"; a proposal with "cannot-accept" is saved
# but cannot be accepted yet; the others are cwkg validate's
BLOCKING = "error"
CANNOT_ACCEPT = "cannot-accept"


@dataclass(frozen=True)
class Finding:
    severity: str            # error | cannot-accept | Violation | Warning | Info
    message: str
    claim: str | None = None  # the claim's id in its file (c07); None: the file or source
    field: str | None = None  # quote, about, figures.0.value...; None: the claim as a whole
    where: str | None = None  # file:line

    def __str__(self) -> str:
        at = ".".join(p for p in (self.claim, self.field) if p)
        return f"{self.where or ''}{': ' if self.where else ''}{at}{': ' if at else ''}" \
               f"{self.message}"


def _from_error(exc: DataError, claim: str | None, field: str | None,
                severity: str = BLOCKING) -> Finding:
    message = re.sub(r"^field '[^']+': ", "", exc.message)
    return Finding(severity, message, claim, field, exc.location() or None)


def field_findings(item, source: Source, known_ids=None) -> list[Finding]:
    """The findings about each field of one claim (a mapping as the claims file holds it),
    checked as the loader checks it. ``known_ids``: the entity ids that exist (with the
    proposed ones); when given, an id that names none is a ``cannot-accept`` finding."""
    rec = Record(item, "claim")
    local = str(item.get("id"))
    found: list[Finding] = []

    def attempt(field: str, check) -> None:
        try:
            check()
        except DataError as exc:
            rows = getattr(item.get(field), "item_lines", [])  # a list of mappings: its row
            row = f"{field}.{rows.index(exc.line)}" if exc.line in rows else field
            found.append(_from_error(exc, local, row))

    for key in item:
        if key not in CLAIM_KEYS:
            found.append(Finding(BLOCKING, f"unknown key '{key}'; allowed: "
                                 + ", ".join(sorted(CLAIM_KEYS)), local, str(key)))
    attempt("id", lambda: _claim_id(rec))
    attempt("status", lambda: rec.choice("status", STATUSES))
    attempt("kind", lambda: rec.choice("kind", KINDS))
    attempt("stated_by", lambda: _stated_by(rec))
    attempt("speech", lambda: rec.choice("speech", SPEECH))
    for key, prefixes in ID_KEYS.items():
        attempt(key, lambda key=key, prefixes=prefixes: rec.identifier(key, prefixes))
    for key, prefixes in ID_LIST_KEYS.items():
        attempt(key, lambda key=key, prefixes=prefixes: rec.identifiers(key, prefixes))
    attempt("event_date", lambda: _event_date(rec, source))
    for key in ("anniversary", "years_since"):
        attempt(key, lambda key=key: load_year_count(rec, key, _ids(item.get("about"))))
    attempt("period", lambda: load_period(rec, source.date))
    # as the loader: the source's own voice ('stated_by: author') holds no id to identify
    attempt("identifications", lambda: load_identifications(rec, {
        key: () if key == "stated_by" and item.get(key) == "author" else _ids(item.get(key))
        for key in LINK_FIELDS}))
    if "quote" in item or "occurrence" in item:
        attempt("quote", lambda: _quote(rec, source))
    try:
        figures = rec.records("figures", "figure")
    except DataError as exc:
        found.append(_from_error(exc, local, "figures"))
        figures = []
    for n, figure in enumerate(figures):
        try:
            load_figure(figure)
        except DataError as exc:
            key = _field_named(exc.message)
            found.append(_from_error(exc, local, f"figures.{n}" + (f".{key}" if key else "")))
    if not found:
        found += _completeness(item, local)
        if known_ids is not None:
            found += _unknown_ids(item, local, known_ids)
    return found


def _ids(value) -> tuple:
    """The ids a link field holds as written (one id or a list)."""
    items = value if isinstance(value, list) else [value]
    return tuple(str(v) for v in items if isinstance(v, str))


def _claim_id(rec: Record) -> None:
    local = rec.string("id", required=True)
    if not CLAIM_ID.match(local):
        raise rec.error("id", f"'{local}' is not a claim id such as c01")


def _stated_by(rec: Record) -> None:
    if rec.string("stated_by") not in (None, "author"):
        rec.identifier("stated_by", ("org", "person"))


def _event_date(rec: Record, source: Source) -> None:
    date = rec.date("event_date")
    if date and date > source.date:
        raise rec.error("event_date", f"{date} is after the source's own date {source.date}")


def _quote(rec: Record, source: Source) -> None:
    if source.text is None:
        return  # kept outside the repository and not at hand: checked when it is
    # a claim without its stored anchor yet (a proposal: accepting writes it) is anchored
    # from the text, as the build anchors a text in data/sources
    stored = rec.raw("anchor") is not None
    load_anchor(rec, dataclasses.replace(source, external=False)
                if source.external and not stored else source)


def _completeness(item, local: str) -> list[Finding]:
    """What a claim still lacks before it can be accepted (each field present is well
    formed: :func:`field_findings` checked that first)."""
    out = []
    for key in ("kind", "stated_by", "about", "quote"):
        if item.get(key) in (None, "", []):
            out.append(Finding(CANNOT_ACCEPT, f"'{key}' is required", local, key))
    kind = item.get("kind")
    needs = REQUIRED_BY_KIND.get(kind, ())
    if needs and not any(item.get(k) for k in needs):
        out.append(Finding(CANNOT_ACCEPT, f"a {kind} claim needs "
                           + " or ".join(f"'{k}'" for k in needs), local, needs[0]))
    if item.get("figures") and kind != "casualty-figure":
        out.append(Finding(CANNOT_ACCEPT, f"figures belong to casualty-figure claims, not "
                           f"{kind}", local, "figures"))
    if kind == "event" and not any(item.get(k) for k in ("event_date", "place", "weapon")):
        out.append(Finding(CANNOT_ACCEPT, "an event claim needs at least one of event_date, "
                           "place, weapon", local, "event_date"))
    stated_by = item.get("stated_by")
    if stated_by == "author" and item.get("speech"):
        out.append(Finding(CANNOT_ACCEPT, "only for statements the source attributes to "
                           "someone else; the source's own voice needs none", local, "speech"))
    if stated_by not in (None, "author") and not item.get("speech"):
        out.append(Finding(CANNOT_ACCEPT, f"a claim stated by {stated_by} needs 'speech': "
                           "direct-quote or reported", local, "speech"))
    return out


def _unknown_ids(item, local: str, known) -> list[Finding]:
    out = []
    for key in ("stated_by", *ID_KEYS, *ID_LIST_KEYS):
        value = item.get(key)
        for ref in value if isinstance(value, list) else [value]:
            if isinstance(ref, str) and ":" in ref and ref not in known:
                out.append(Finding(CANNOT_ACCEPT, f"unknown entity id '{ref}'; define it in "
                                   "data/entities first, or create it here", local, key))
    return out


def _field_named(message: str) -> str | None:
    match = re.match(r"field '([^']+)'", message) or re.search(r"field '([^']+)'", message)
    return match.group(1) if match else None


# -- cwkg build's errors and cwkg validate's findings, placed on their field ---------


class LineIndex:
    """Which claim and field each line of a claims file holds (from its yamlio parse)."""

    def __init__(self, doc, name: str):
        self.name = name
        self.lines: dict[int, tuple[str, str | None]] = {}
        for item, line in claim_items(doc):
            local = str(item.get("id"))
            self.lines[line] = (local, None)
            for key in item:
                key_line = item.key_line(key)
                if key_line != line:
                    self.lines[key_line] = (local, str(key))
            for key in ("figures", "identifications"):  # lists of mappings: each row
                for n, at in enumerate(getattr(item.get(key), "item_lines", [])):
                    self.lines.setdefault(at, (local, f"{key}.{n}"))

    def place(self, exc: DataError, severity: str = BLOCKING) -> Finding:
        """The finding for a build error: on the claim and field of its line (the field
        the message names when the line starts a claim)."""
        if exc.file != self.name or exc.line not in self.lines:
            return _from_error(exc, None, None, severity)
        local, field = self.lines[exc.line]
        named = _field_named(exc.message) or _missing_field(exc.message)
        if field is None or field.startswith(("figures.", "identifications.")):
            field = f"{field}.{named}" if field and named else (field or named)
        return _from_error(exc, local, field, severity)


def _missing_field(message: str) -> str | None:
    match = re.search(r"required field '([^']+)'|needs '([a-z_]+)", message)
    return (match.group(1) or match.group(2)) if match else None


# predicate -> the claim key it comes from (rdf/quads.py's _claim)
_PREDICATE_KEYS = {
    "cwkg:about": "about", "prov:wasAttributedTo": "stated_by", "cwkg:speechMode": "speech",
    "cwkg:via": "via", "cwkg:anchor": "quote", "cwkg:figure": "figures",
    "cwkg:basedOn": "based_on", "cwkg:weapon": "weapon", "cwkg:eventPlace": "place",
    "cwkg:eventDate": "event_date", "cwkg:anniversary": "anniversary",
    "cwkg:yearsSince": "years_since", "dcterms:temporal": "period",
    **{compact(predicate.value): key for key, predicate in CLAIM_LINKS},
}
_FIGURE_KEYS = {"cwkg:outcome": "counts", "cwkg:population": "group",
                "cwkg:qualifier": "qualifier", "cwkg:statedValue": "value",
                "cwkg:minValue": "value", "cwkg:maxValue": "value"}


def from_validation(finding, source_local: str) -> Finding:
    """A ``cwkg validate`` finding about a node of this source, on its claim and field."""
    focus = finding.focus
    claim = field = None
    match = re.match(rf"^claim:{re.escape(source_local)}-(c[0-9]+)(?:-([^#]*))?(#.*)?$",
                     focus)
    if match:
        claim, part, fragment = match.groups()
        path = finding.path
        if fragment and fragment.startswith("#identification-"):
            field = "identifications"
        elif part and part.startswith("period"):
            field = "period"
        elif part and part.startswith("f") and part[1:].isdigit():
            field = f"figures.{int(part[1:]) - 1}"
            if path in _FIGURE_KEYS:
                field += "." + _FIGURE_KEYS[path]
        elif part in ("anchor", "quote", "position"):
            field = "quote"
        else:
            field = _PREDICATE_KEYS.get(path)
    value = f" (value: {finding.value})" if finding.value is not None else ""
    return Finding(finding.severity, finding.message + value, claim, field, finding.where)
