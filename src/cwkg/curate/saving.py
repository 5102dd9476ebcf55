"""The one path of every save: check the version, check the new file as the build and
validation would, write it atomically, say what was found.

:func:`save_claims` takes the claims file's new text (made by an edit) and the claims
the save touches. It refuses (:class:`Refused`, nothing written) when a touched claim
has a malformed field or when ``cwkg build`` would fail on the new file; it writes
otherwise, and returns the findings that remain (why a proposal cannot be accepted yet,
``cwkg validate``'s violations and warnings), each on its claim and field.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from cwkg.errors import CwkgError, DataError, UsageError
from cwkg.fsio import display_path
from cwkg.ingest.anchors import SourceAt, claim_items, source_at
from cwkg.load import yamlio
from cwkg.load.claims import proposed_entities

from .files import check_version, locked, version_of, write_checked
from .findings import BLOCKING, CANNOT_ACCEPT, Finding, LineIndex, field_findings, from_validation


@dataclass
class Saved:
    source: str                     # src:ID
    version: str                    # the claims file's version after the save
    changed: list[str]              # the claims made, edited, accepted or rejected
    findings: list[Finding]         # what remains to see (nothing that blocked the save)
    left: dict[str, str] = field(default_factory=dict)  # accept all: id -> why it was left


class Refused(CwkgError):
    """The save was refused; nothing was written. ``findings`` says why, field by field."""

    def __init__(self, findings: list[Finding], file: str | None = None):
        self.findings = findings
        first = findings[0] if findings else None
        at = ".".join(p for p in (first.claim, first.field) if p) if first else ""
        super().__init__(f"nothing was written: {at}{': ' if at else ''}"
                         f"{first.message if first else 'refused'}", file=file)


def context(data_dir: Path, local: str, texts=None) -> SourceAt:
    """The source as the build loads it, with the ids its claims may name; a source that
    does not load is refused with the build's message."""
    try:
        return source_at(data_dir, local, texts)
    except DataError as exc:
        raise Refused([Finding(BLOCKING, exc.message, where=exc.location() or None)],
                      exc.file) from None


def known_ids(at: SourceAt, doc) -> frozenset[str]:
    """The entity ids the claims of ``doc`` may name: data/entities', and the new
    entities the file proposes."""
    proposed = (doc or {}).get("proposed_entities") if isinstance(doc, dict) else None
    new = {str(i["id"]) for i in proposed or [] if isinstance(i, dict) and "id" in i}
    return at.entity_ids | new


def claim_findings(text: str, path: Path, at: SourceAt, ids=None) -> list[Finding]:
    """The findings about each claim of a claims file's ``text`` (of ``ids`` only, when
    given): malformed fields (``error``), and what a proposal lacks (``cannot-accept``)."""
    doc = yamlio.loads(text, display_path(path))
    known = known_ids(at, doc)
    found = []
    for item, _ in claim_items(doc):
        if ids is None or str(item.get("id")) in ids:
            found += field_findings(item, at.source, known)
    return found


def build_findings(data_dir: Path, path: Path, text: str, at: SourceAt, out_dir=None,
                   texts=None) -> list[Finding]:
    """``cwkg build``'s error on the source with ``text`` as its claims file (blocking),
    or ``cwkg validate``'s findings about its nodes, each on its claim and field."""
    from cwkg.validate.one_source import validate_source

    name = display_path(path)
    try:
        report = validate_source(data_dir, at.source.id, text.encode(), out_dir, texts)
    except DataError as exc:
        return [LineIndex(yamlio.loads(text, name), name).place(exc)]
    return [from_validation(f, at.source.local) for f in report.findings]


def save_claims(data_dir: Path, path: Path, version: str | None, edit, touched,
                texts=None, out_dir=None) -> Saved:
    """Apply ``edit`` (the file's current text -> (its new text, the claim ids changed))
    and save the result, as the module says; ``version``: the version the curator's
    page read (a Conflict if the file has another). ``touched``: the claims whose field
    errors block the save (None: those ``edit`` returns)."""
    at = context(data_dir, path.stem, texts)
    with locked(data_dir):
        current = check_version(path, version).decode("utf-8")
        new_text, changed = edit(current, at)
        blocking = [f for f in claim_findings(new_text, path, at, touched or changed)
                    if f.severity == BLOCKING]
        if blocking:
            raise Refused(blocking, display_path(path))
        after = build_findings(data_dir, path, new_text, at, out_dir, texts)
        blocking = [_proposed_hint(f, yamlio.loads(new_text, display_path(path)))
                    for f in after if f.severity == BLOCKING]
        if blocking:
            raise Refused(blocking, display_path(path))
        new_version = write_checked(path, new_text.encode()) if new_text != current \
            else version_of(current.encode())
    remaining = [f for f in claim_findings(new_text, path, at, changed)
                 if f.severity == CANNOT_ACCEPT]
    return Saved(at.source.id, new_version, changed, remaining + after)


def _proposed_hint(finding: Finding, doc) -> Finding:
    """An accepted claim naming an entity the file only proposes: say how to accept it."""
    match = re.search(r"unknown entity id '([^']+)'", finding.message)
    proposed = {str(i.get("id")) for i in proposed_entities(doc)}
    if not match or match.group(1) not in proposed:
        return finding
    ref = match.group(1)
    return dataclasses.replace(finding, message=f"'{ref}' is only proposed in this file: "
                               f"accept it first (its card under Proposed entities), then "
                               "name it in an accepted claim")


def refused_by(exc: CwkgError) -> Refused:
    """A refusal from an error of the code a save reuses (ingest's accept and reject)."""
    if isinstance(exc, Refused):
        return exc
    severity = BLOCKING
    message = exc.message.removesuffix("; nothing was changed")
    if isinstance(exc, UsageError):
        return Refused([Finding(severity, message)], exc.file)
    return Refused([Finding(severity, message, where=exc.location() or None)], exc.file)
