"""Edit a claim, or make one from a selection of the text: round-trip edits of the claims
file that change the curator's fields and nothing else.

A change is a mapping field -> value, in the claims file's terms (docs/data-format.md):
a string, a list of ids, a list of figure mappings, a number; ``None`` (or an empty
string or list) removes the field. Only fields whose value differs are written; a new
field goes where the data format lists it (after ``quote``, before ``figures``...), in
the style the files use (id lists and figures on one line, the quote and dates in
double quotes). Then :func:`.saving.save_claims` checks and writes.
"""

from __future__ import annotations

import re
from pathlib import Path

from cwkg.errors import UsageError
from cwkg.fsio import display_path
from cwkg.ingest.anchors import claim_items, claim_spans
from cwkg.ingest.review import claim_ids
from cwkg.load import yamlio
from cwkg.load.anchoring import AnchorError, anchor, occurrences
from cwkg.load.claims import CLAIM_ID, CLAIM_KEYS, ID_LIST_KEYS

from . import roundtrip as rt
from .files import claims_path
from .findings import BLOCKING, Finding
from .inputs import text_findings
from .saving import Refused, Saved, save_claims

# the order the data format lists a claim's keys in: where a new key goes
KEY_ORDER = ("id", "status", "kind", "stated_by", "speech", "via", "about", "quote",
             "occurrence", "figures", "perpetrators", "based_on", "weapon", "event_date",
             "place", "mechanisms", "addressees", "accused", "instruments", "anniversary",
             "years_since", "period", "identifications", "anchor")
FIGURE_ORDER = ("counts", "group", "qualifier", "value")
# fields a curator does not set: the id is the file's, the status moves by accept, the
# anchor is computed from the text
NOT_EDITABLE = ("id", "status", "anchor")


def edit_claim(data_dir: Path, source: str, claim_id: str, changes: dict,
               version: str | None, texts=None, out_dir=None) -> Saved:
    """Change fields of one claim (proposed or accepted) and save, as the module says."""
    path = claims_path(data_dir, source)
    local = _claim_local(f"src:{path.stem}", claim_id)
    _check_changes(changes, local)

    def edit(current: str, at):
        doc = rt.parse(current, display_path(path))
        item = _find(doc, local, path)
        rt.detach_trailing_comment(item)  # _keep_trailer puts it back after the edit
        _apply(item, changes)
        if at.source.external and "status" not in item:
            _set_anchor(item, at, local)
        new_text = _keep_trailer(current, doc.render(), path, local)
        _check_confined(current, new_text, path, local)
        return new_text, [local]

    return save_claims(data_dir, path, version, edit, None, texts, out_dir)


def claim_from_selection(data_dir: Path, source: str, start: int, end: int, fields: dict,
                         version: str | None, texts=None, out_dir=None) -> Saved:
    """A new proposed claim whose quote is the text's characters ``start`` to ``end``
    (Unicode code points, end exclusive; spaces at either end are left out), with its
    occurrence when the words occur more than once, and ``fields`` (kind, stated_by,
    about, figures...). Accept it as any proposal (it checks like one)."""
    path = claims_path(data_dir, source)
    _check_changes(fields, None, creating=True)

    def edit(current: str, at):
        text = at.source.text
        if text is None:
            raise Refused([Finding(BLOCKING, f"the text of {at.source.id} is not in "
                                   f"{at.texts}: a claim is made from its text (give --texts "
                                   "DIR)", field="quote")], display_path(path))
        quote, occurrence = _selected(text, start, end)
        doc = rt.parse(current, display_path(path))
        claims = doc.data.get("claims")
        if claims is None or not isinstance(claims, list):
            raise UsageError(f"{display_path(path)} has no 'claims' list")
        local = _next_id([str(c.get("id")) for c in claims if isinstance(c, dict)])
        item = rt.block_map({"id": local, "status": "proposed"})
        _apply(item, {"stated_by": "author", **fields, "quote": quote,
                      "occurrence": occurrence})
        claims.append(item)
        claims.fa.set_block_style()  # 'claims: []' becomes a block list
        new_text = _blank_line_before_last(doc.render(), current, path)
        return new_text, [local]

    return save_claims(data_dir, path, version, edit, None, texts, out_dir)


def _claim_local(source: str, claim_id: str) -> str:
    """The claim's id in its file (c07), from any way cwkg takes a claim id."""
    try:
        (local,) = claim_ids(source, [claim_id]) if isinstance(claim_id, str) else [""]
    except UsageError as exc:
        raise Refused([Finding(BLOCKING, exc.message, field="id")]) from None
    if not CLAIM_ID.match(local):
        raise Refused([Finding(BLOCKING, f"{str(claim_id)[:80]!r} is not a claim id such as "
                               "c01", field="id")])
    return local


def _check_changes(changes: dict, local: str | None, creating: bool = False) -> None:
    if not isinstance(changes, dict):
        raise Refused([Finding(BLOCKING, "the changes must be a mapping of field: value",
                               local)])
    found = []
    for key in changes:
        if key not in CLAIM_KEYS:
            found.append(Finding(BLOCKING, f"unknown field '{str(key)[:40]}'; the fields of a "
                                 "claim: " + ", ".join(k for k in KEY_ORDER
                                                       if k not in NOT_EDITABLE),
                                 local, str(key)[:40]))
        elif key in NOT_EDITABLE or (creating and key in ("quote", "occurrence")):
            found.append(Finding(BLOCKING, "is not set by hand here (the id is the file's, "
                                 "accepting sets the status, the anchor and a new claim's "
                                 "quote come from the text)", local, key))
    found += text_findings(changes, local)
    if found:
        raise Refused(found)


def _find(doc: rt.Document, local: str, path: Path):
    for item in doc.data.get("claims") or []:
        if isinstance(item, dict) and str(item.get("id")) == local:
            return item
    raise Refused([Finding(BLOCKING, f"no claim {local} in {display_path(path)} (deleted "
                           "meanwhile?)", local)], display_path(path))


def _apply(item, changes: dict) -> None:
    """Set or remove each changed field of ``item`` (a round-trip mapping)."""
    for key in sorted(changes, key=KEY_ORDER.index):
        value = changes[key]
        if value is None or value == "" or value == []:
            if key in item:
                del item[key]
            continue
        if key in item and rt.plain(item[key]) == rt.plain(_styled(key, value, item[key])):
            continue  # unchanged: keep it exactly as written
        styled = _styled(key, value, item.get(key))
        if key in item:
            _keep_leading_comment(item[key], styled)
            item[key] = styled
        else:
            item.insert(_position(item, key), key, styled)


def _keep_leading_comment(old, new) -> None:
    """Comment lines between a key and its block list ('figures:', '# ...', '- {...}') belong
    to the old list: the new one takes them (else the writer would put the list's first
    item on the key's line, which is no longer YAML)."""
    comment = getattr(getattr(old, "ca", None), "comment", None)
    if comment and hasattr(new, "ca") and not new.fa.flow_style():
        new.ca.comment = comment


def _styled(key: str, value, old):
    """``value`` in the style the claims files write ``key`` in."""
    if key in ID_LIST_KEYS:
        if not isinstance(value, (list, tuple)):
            return value  # one id, as given: 'about: attack:x'
        if len(value) == 1 and isinstance(old, str):
            return value[0]  # 'about: attack:x' stays a single id
        return rt.flow_list(list(value))
    if key == "figures" and isinstance(value, (list, tuple)):
        return rt.block_list([rt.flow_map({k: f[k] for k in FIGURE_ORDER if k in f
                                           and f[k] not in (None, "")}
                                          | {k: v for k, v in f.items() if k not in FIGURE_ORDER})
                              if isinstance(f, dict) else f for f in value])
    if key in ("quote", "event_date") and isinstance(value, str):
        return rt.quoted(value)
    if key == "identifications" and isinstance(value, (list, tuple)):
        order = ("field", "id", "identified_by", "reason")
        return rt.block_list([rt.flow_map({k: i[k] for k in order if k in i}
                                          | {k: v for k, v in i.items() if k not in order})
                              if isinstance(i, dict) else i for i in value])
    if key == "period" and isinstance(value, dict):  # {start: "2011"}, ends quoted
        return rt.flow_map({k: rt.quoted(v) if isinstance(v, str) else v
                            for k, v in value.items() if v not in (None, "")})
    return value


def _position(item, key: str) -> int:
    """Where a new ``key`` goes: after the last key that comes before it in KEY_ORDER."""
    rank = KEY_ORDER.index(key)
    keys = list(item)
    before = [n for n, k in enumerate(keys) if k in KEY_ORDER and KEY_ORDER.index(k) < rank]
    return before[-1] + 1 if before else 0


def _set_anchor(item, at, local: str) -> None:
    """An accepted claim of a source kept outside the repository stores its anchor,
    computed from the text (which must be at hand)."""
    if at.source.text is None:
        raise Refused([Finding(BLOCKING, f"the text of {at.source.id} is not in {at.texts}: "
                               "the stored anchor of an accepted claim is computed from it",
                               local, "quote")])
    try:
        a = anchor(at.source.text, str(item.get("quote", "")), item.get("occurrence"))
    except AnchorError as exc:
        raise Refused([Finding(BLOCKING, str(exc), local, "quote")]) from None
    value = rt.flow_map({"start": a.start, "end": a.end, "prefix": rt.quoted(a.prefix),
                         "suffix": rt.quoted(a.suffix)})
    if rt.plain(item.get("anchor")) != rt.plain(value):
        item["anchor"] = value


def _selected(text: str, start, end) -> tuple[str, int | None]:
    """The quote a selection gives (its spaces at either end left out) and its
    occurrence (None when the words occur once)."""
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)) or \
            not 0 <= start < end <= len(text):
        raise Refused([Finding(BLOCKING, f"the selection {start!r}-{end!r} is not a span of "
                               f"the text (0 to {len(text)} characters)", field="quote")])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise Refused([Finding(BLOCKING, "the selection holds no words", field="quote")])
    quote = text[start:end]
    found = occurrences(text, quote)
    return quote, (found.index(start) + 1 if len(found) > 1 else None)


def _next_id(ids: list[str]) -> str:
    """The next claim id, as wide as the file's (c01 ... c09 -> c10).

    >>> _next_id(["c01", "c07"]), _next_id([]), _next_id(["c1"])
    ('c08', 'c01', 'c2')
    """
    numbers = [int(i[1:]) for i in ids if CLAIM_ID.match(i)]
    width = max((len(i) - 1 for i in ids if CLAIM_ID.match(i)), default=2)
    return f"c{max(numbers, default=0) + 1:0{width}d}"


def _blank_line_before_last(new_text: str, old_text: str, path: Path) -> str:
    """A blank line before the claim just appended, when the file separates its claims
    with one (the writer adds the claim directly under the last one)."""
    items = claim_items(yamlio.loads(new_text, display_path(path)))
    if len(items) < 2:
        return new_text
    lines = new_text.split("\n")
    at = items[-1][1] - 1
    old_lines = old_text.split("\n")
    old_items = claim_items(yamlio.loads(old_text, display_path(path)))
    separated = any(not old_lines[line - 2].strip() for _, line in old_items[1:])
    if separated and lines[at - 1].strip():
        lines.insert(at, "")
    return "\n".join(lines)


def _check_confined(old: str, new: str, path: Path, local: str) -> None:
    """The lines outside the claim's block are the same before and after (the writer
    changed nothing else); a defect of the writer otherwise, and nothing is written."""
    old_lines, old_start, old_end = _block(old, path, local)
    new_lines, new_start, new_end = _block(new, path, local)
    if old_lines[:old_start] != new_lines[:new_start] or \
            old_lines[old_end:] != new_lines[new_end:]:
        raise Refused([Finding(BLOCKING, "the writer would have changed lines outside this "
                               "claim; nothing was written (a defect of cwkg: please report "
                               "it with the file)", local)], display_path(path))


def _keep_trailer(old: str, new: str, path: Path, local: str) -> str:
    """``new`` with the claim's block ending as in ``old``: the blank lines and comments
    between a claim's last key and the next claim (which the writer keeps with the last
    value, so a replaced value would take them away)."""
    old_lines, old_start, old_end = _block(old, path, local)
    new_lines, new_start, new_end = _block(new, path, local)
    old_cut = _trailer_start(old_lines, old_start, old_end)
    new_cut = _trailer_start(new_lines, new_start, new_end)
    return "\n".join(new_lines[:new_cut] + old_lines[old_cut:old_end] + new_lines[new_end:])


def _trailer_start(lines: list[str], start: int, end: int) -> int:
    cut = end
    while cut - 1 > start and re.match(r"^\s*(#.*)?$", lines[cut - 1]):
        cut -= 1
    return cut


def _block(text: str, path: Path, local: str) -> tuple[list[str], int, int]:
    """The file's lines and the span of the claim's block: from its first line to the
    next claim, or to the next top-level key (or the end of the file)."""
    doc = yamlio.loads(text, display_path(path))
    lines = text.split("\n")
    n = [str(i.get("id")) for i, _ in claim_items(doc)].index(local)
    return (lines, *claim_spans(doc, lines)[n])
