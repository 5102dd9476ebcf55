"""Add a document from a form: a pasted or uploaded text and its metadata, through
``cwkg add``'s own code (:func:`cwkg.ingest.add.add_text`): the same checks, the same
refusal of a text already in data/ (identical or near-identical), the same draft.

The form's fields are those of ``cwkg add``'s options: ``date`` and ``language``
(required), ``publisher``, ``author``, ``translated_by`` (an id, a label, an alias or a
close spelling), ``title``, ``url``, ``quotes``, ``type``, ``id``. Every refusal is a
:class:`.saving.Refused` whose finding names the form field; nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cwkg.errors import CwkgError, UsageError

from .files import claims_path, locked, read_versioned
from .findings import BLOCKING, Finding
from .inputs import document_findings, text_findings
from .saving import Refused

FORM_FIELDS = ("date", "language", "publisher", "author", "translated_by", "title", "url",
               "quotes", "type", "id")
_FORM = "form"  # DocumentMeta.where: errors then read "form: date: ..."


@dataclass(frozen=True)
class Added:
    source: str                 # src:ID
    version: str                # the draft claims file's version (for the review page)
    proposals: int              # proposed claims in the draft
    notes: tuple[str, ...]      # how names were read (close spellings), flags, unknown names


def add_from_form(data_dir: Path, text: str | bytes, file_name: str | None, form: dict,
                  external_text: bool = False, texts=None) -> Added:
    """Add the document ``text`` (``file_name``: the uploaded file's name; None for a
    paste) with the metadata of ``form``."""
    from cwkg.ingest.add import add_text
    from cwkg.ingest.deps import require_ingest
    from cwkg.ingest.metadata import build_meta

    require_ingest()
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    found = document_findings(raw)
    unknown = [k for k in form if k not in FORM_FIELDS]
    found += [Finding(BLOCKING, "not a field of the form; the fields: "
                      + ", ".join(FORM_FIELDS), field=str(k)[:40]) for k in unknown]
    values = {k: v for k, v in form.items() if k in FORM_FIELDS}
    found += [Finding(BLOCKING, "must be text", field=k) for k, v in values.items()
              if v is not None and not isinstance(v, str)]
    found += text_findings({k: v for k, v in values.items() if isinstance(v, str)},
                           markup_ok=())
    found += _name_findings(file_name)
    if not any(f.field == "date" for f in found):
        found += _date_findings(values.get("date"))
    for needed in ("date", "language"):
        if not (values.get(needed) or "").strip():
            found.append(Finding(BLOCKING, "is required", field=needed))
    if found:
        raise Refused(found)
    try:
        meta = build_meta(where=_FORM, **{k: v for k, v in values.items() if v is not None})
        with locked(data_dir):
            result = add_text(Path(data_dir), raw, file_name, meta,
                              external_text=external_text, texts=texts,
                              shown=file_name or "the pasted text")
    except Refused:
        raise
    except CwkgError as exc:
        raise Refused([_placed(exc)], exc.file) from None
    path = claims_path(data_dir, result.source_id)
    _, version = read_versioned(path)
    extraction = result.extraction
    notes = tuple(n.removeprefix(f"{_FORM}: ") for n in result.notes) + \
        tuple(f"{f.code}: {f.message}" for f in extraction.flags)
    if extraction.unknown_names:
        notes += ("names not in data/entities (not linked): "
                  + "; ".join(m.text for m in extraction.unknown_names),)
    return Added(result.source_id, version, len(extraction.candidates), notes)


def _date_findings(value) -> list[Finding]:
    """The date checked now, so that it is named with the form's other findings."""
    from cwkg.ingest.metadata import parse_iso_date
    if not isinstance(value, str) or not value.strip():
        return []
    try:
        parse_iso_date(value, "date")
    except UsageError as exc:
        return [Finding(BLOCKING, exc.message.removeprefix("date: "), field="date")]
    return []


def _name_findings(file_name: str | None) -> list[Finding]:
    """An uploaded file's name is recorded, never used as a path: a plain name only."""
    if file_name is None:
        return []
    if not isinstance(file_name, str) or not file_name.strip() or len(file_name) > 255 \
            or re.search(r"[/\\\x00-\x1f]", file_name) or file_name.startswith("."):
        return [Finding(BLOCKING, f"{str(file_name)[:80]!r} is not a plain file name (no "
                        "folder, no leading dot)", field="file")]
    return text_findings({"file": file_name}, markup_ok=())


def _placed(exc: CwkgError) -> Finding:
    """``cwkg add``'s refusal on the form field it concerns."""
    message = exc.message
    match = re.match(rf"^(?:{_FORM}: |--)?([a-z_-]+): (.*)$", message, re.S)
    if match and match.group(1).replace("-", "_") in FORM_FIELDS:
        return Finding(BLOCKING, match.group(2), field=match.group(1).replace("-", "_"))
    message = message.removeprefix(f"{_FORM}: ")
    if "title" in message:
        return Finding(BLOCKING, message, field="title")
    if "source id" in message:
        return Finding(BLOCKING, message, field="id")
    where = exc.location() or None
    return Finding(BLOCKING, message, field="text", where=where)

