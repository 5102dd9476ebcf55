"""The metadata of a document to add: from command-line options or a CSV row.

Every value is checked before anything is written: the date is an ISO date,
the language a BCP 47 tag, agents and quoted documents are known ids (or an
agent's exact label or alias), the URL is http(s), the title occurs in the text.

>>> parse_iso_date("2023-04-07", "--date")
datetime.date(2023, 4, 7)
>>> parse_iso_date("7 April 2023", "--date")
Traceback (most recent call last):
cwkg.errors.UsageError: --date: '7 April 2023' is not a date as YYYY-MM-DD
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from cwkg.errors import CwkgError, DataError, UsageError
from cwkg.load.sources import SOURCE_TYPES

CSV_COLUMNS = ("file", "publisher", "date", "language", "title", "url", "translated_by",
               "quotes", "type", "author", "id", "note")
CSV_ALIASES = {"lang": "language", "translated-by": "translated_by"}


@dataclass
class DocumentMeta:
    """Metadata as given by the curator; ids resolved by :func:`resolve`."""

    date: dt.date | None        # None: the document states none (then ``note`` says so)
    language: str
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    translated_by: str | None = None
    quotes: tuple[str, ...] = ()
    type: str = "news-article"
    author: str | None = None
    id: str | None = None
    note: str | None = None     # the curator's note on how the metadata was read
    where: str = "options"   # "options" or "file.csv:LINE", for error messages
    file: Path | None = None
    extra: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # how names were read, for the curator
    # field (author, publisher, translated_by) -> a name data/entities lacks: proposed as a
    # new agent in the draft; accepting it there writes the field (see ingest/add.py)
    new_agents: dict[str, str] = field(default_factory=dict)


def parse_iso_date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError, TypeError):
        shaped = isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
                                                         value.strip())
        raise UsageError(f"{what}: '{value}' is not a date "
                         + ("(no such month or day)" if shaped else "as YYYY-MM-DD")) from None


def parse_language(value: str, what: str) -> str:
    """The tag as given, if it is one.

    >>> parse_language("ar", "--lang")
    'ar'
    """
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value or ""):
        raise UsageError(f"{what}: '{value}' is not a BCP 47 language tag such as en or ar")
    return value


def build_meta(*, date: str | None, language: str, where: str = "options",
               **values) -> DocumentMeta:
    """Checked metadata from strings (options or a CSV row); ids are resolved later. A
    document without a date needs a note saying why (it states none)."""
    prefix = "" if where == "options" else f"{where}: "
    meta = DocumentMeta(date=parse_iso_date(date, f"{prefix}date") if (date or "").strip()
                        else None,
                        language=parse_language(language, f"{prefix}language"), where=where)
    for key in ("publisher", "title", "url", "translated_by", "author", "id", "note"):
        value = (values.get(key) or "").strip() or None
        setattr(meta, key, value)
    if meta.url and not re.match(r"https?://\S+$", meta.url):
        raise UsageError(f"{prefix}url: '{meta.url}' is not an http(s) URL")
    kind = (values.get("type") or "").strip() or "news-article"
    if kind not in SOURCE_TYPES:
        raise UsageError(f"{prefix}type: '{kind}' is not one of {', '.join(SOURCE_TYPES)}")
    meta.type = kind
    quotes = values.get("quotes") or ()
    if isinstance(quotes, str):
        quotes = [q for q in re.split(r"[,\s]+", quotes) if q]
    meta.quotes = tuple(quotes)
    if meta.date is None and meta.note is None:
        raise UsageError(f"{prefix}date: give the document's date, or, when it states none, "
                         "a note saying so (--note, or the CSV's note column)")
    if meta.id is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta.id):
        raise UsageError(f"{prefix}id: '{meta.id}' must be lower-case letters, digits and "
                         "hyphens (the source becomes src:<id>)")
    return meta


def read_metadata_csv(path: Path, folder: Path | None = None) -> list[DocumentMeta]:
    """One DocumentMeta per row of a metadata CSV (header: file,publisher,date,language,...).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
    >>> _ = p.write_text("file,date,language\\na.txt,2023-04-07,en\\n")
    >>> [(m.file.name, m.date.isoformat(), m.where) for m in read_metadata_csv(p)]
    [('a.txt', '2023-04-07', 'm.csv:2')]
    """
    folder = folder or path.parent
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 (byte {exc.start})", file=path) from None
    return parse_metadata_csv(raw, path.name, folder)


def parse_metadata_csv(raw: str, name: str, folder: Path) -> list[DocumentMeta]:
    """The rows of a metadata CSV given as text; every error is a CwkgError with file:line."""
    try:
        reader = csv.reader(io.StringIO(raw, newline=""), strict=True)
        rows = list(reader)
    except csv.Error as exc:
        raise DataError(f"not a valid CSV: {exc}", file=name) from None
    if not rows:
        raise DataError("empty metadata CSV; expected a header line: "
                        + ",".join(CSV_COLUMNS), file=name)
    header = [CSV_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise DataError(f"unknown column(s) {', '.join(repr(u) for u in unknown)}; allowed: "
                        + ", ".join(CSV_COLUMNS), file=name, line=1)
    for needed in ("file", "date", "language"):
        if needed not in header:
            raise DataError(f"missing column '{needed}'", file=name, line=1)
    if len(set(header)) != len(header):
        raise DataError("a column is named twice", file=name, line=1)
    metas, seen = [], {}
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(f"{len(row)} fields where the header has {len(header)}",
                            file=name, line=line_no)
        values = dict(zip(header, row))
        where = f"{name}:{line_no}"
        file_name = values.pop("file").strip()
        if not file_name or "/" in file_name or "\\" in file_name or file_name.startswith("."):
            raise DataError(f"file '{file_name}' must be the name of a file in {folder}",
                            file=name, line=line_no)
        if file_name in seen:
            raise DataError(f"file '{file_name}' is listed twice (first at line "
                            f"{seen[file_name]})", file=name, line=line_no)
        seen[file_name] = line_no
        try:
            meta = build_meta(where=where, **values)
        except CwkgError as exc:
            raise DataError(exc.message.removeprefix(where + ": "), file=name,
                            line=line_no) from None
        meta.file = folder / file_name
        metas.append(meta)
    return metas


class UnknownAgent(UsageError):
    """A name that is no agent's id, label, alias or close spelling."""


def resolve_agent(value: str | None, entities: dict, what: str,
                  notes: list[str] | None = None) -> str | None:
    """An agent id from an id, a label or alias (any case), or a close spelling of one
    (said in ``notes``); a UsageError with suggestions otherwise.

    >>> from cwkg.load.model import Entity
    >>> wh = Entity("x", 1, "org:wh", "organisation", {"en": "Syria Civil Defence"}, {"en": ["SCD"]})
    >>> resolve_agent("scd", {"org:wh": wh}, "--publisher")
    'org:wh'
    >>> notes = []
    >>> resolve_agent("Syria Civil Defense", {"org:wh": wh}, "--publisher", notes), notes
    ('org:wh', ["--publisher: 'Syria Civil Defense' read as org:wh ('Syria Civil Defence')"])
    """
    if value is None:
        return None
    agents = {i: e for i, e in entities.items() if i.split(":")[0] in ("org", "person")}
    if value in agents:
        return value
    names = [(n, i) for i, e in agents.items()
             for n in list(e.labels.values()) + [a for v in e.aliases.values() for a in v]]
    exact = {i for n, i in names if value.casefold() == n.casefold()}
    if len(exact) == 1:
        return exact.pop()
    from rapidfuzz import fuzz
    scored = sorted(((fuzz.ratio(_folded(value), _folded(n)), n, i) for n, i in names),
                    reverse=True)
    close = [(score, n, i) for score, n, i in scored if score >= CLOSE_SPELLING]
    if close and len({i for _, _, i in close}) == 1 and not exact:
        _, name, entity_id = close[0]
        if notes is not None:
            notes.append(f"{what}: '{value}' read as {entity_id} ('{name}')")
        return entity_id
    candidates = sorted(exact) or [f"{n} ({i})" for score, n, i in scored[:3] if score >= 60]
    if exact or len(close) > 1:
        raise UsageError(f"{what}: '{value}' could be any of {', '.join(candidates)}; give the id")
    hint = f"; did you mean {' or '.join(candidates)}?" if candidates else ""
    raise UnknownAgent(f"{what}: no agent '{value}' in data/entities{hint}")


# rapidfuzz ratio of two names, folded, from which one is a spelling of the other
# ("Syria Civil Defense" / "Syria Civil Defence" 94.7, "Human Rights Watch" / "Human Right
# Watch" 97.1; names of distinct agents in data/ score at most 70 against each other)
CLOSE_SPELLING = 90


def _folded(name: str) -> str:
    """A name as compared for spelling: NFKC, case-folded, no accents or punctuation."""
    import unicodedata
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", kept).split())


def resolve(meta: DocumentMeta, entities: dict) -> DocumentMeta:
    """Resolve agent names to ids and check that quoted documents exist. A name no agent
    has (not an id: an unknown id is a typo) is left for the draft to propose as a new
    agent (``meta.new_agents``); the field stays empty until the curator accepts it."""
    prefix = "--" if meta.where == "options" else f"{meta.where}: "
    for key in ("publisher", "author", "translated_by"):
        what = prefix + (key.replace("_", "-") if prefix == "--" else key)
        value = getattr(meta, key)
        try:
            setattr(meta, key, resolve_agent(value, entities, what, meta.notes))
        except UnknownAgent as exc:
            if re.fullmatch(r"[a-z]+:\S+", value):
                raise UsageError(f"{what}: no agent '{value}' in data/entities") from None
            meta.new_agents[key] = value
            meta.notes.append(exc.message + ": proposed as a new agent in the draft")
            setattr(meta, key, None)
    for doc in meta.quotes:
        if doc not in entities or not doc.startswith("doc:"):
            raise UsageError(f"{prefix}quotes: no document '{doc}' in data/entities "
                             "(give doc: ids, comma-separated)")
    return meta
