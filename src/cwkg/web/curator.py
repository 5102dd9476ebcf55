"""The curator's pages of ``cwkg web``: each request's answer, from the curation layer.

A GET gives a page (template and context); a POST calls one function of
:mod:`cwkg.curate` and answers with a redirect to the review page when the save went
through (what it found is shown there once), the same page again with the curator's
values and the findings next to their fields when it was refused (422, nothing
written), or the conflict page with both versions when the file changed on disk (409).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cwkg.curate.files import Conflict, source_local
from cwkg.curate.findings import Finding
from cwkg.curate.saving import Refused
from cwkg.errors import UsageError
from cwkg.load.claims import KINDS, LINK_FIELDS, SPEECH
from cwkg.load.figures import COUNTS, GROUPS, QUALIFIERS

from .claim_form import (
    COMPOUND,
    FIGURE_FIELDS,
    IDENTIFICATION_FIELDS,
    LISTS,
    MAX_FIGURES,
    MAX_IDENTIFICATIONS,
    SCALARS,
    changes_of,
    figure_rows,
    identification_rows,
)
from .highlight import segments
from .pickers import LISTS as PICKER_LISTS
from .pickers import EntityNames, list_of


@dataclass
class Answer:
    status: int = 200
    template: str | None = None
    context: dict = field(default_factory=dict)
    redirect: str | None = None


class Curator:
    def __init__(self, data_dir: Path, out_dir: Path | None = None, texts=None):
        self.data_dir, self.out_dir, self.texts = Path(data_dir), out_dir, texts
        self.notes: dict[str, tuple[str, list[Finding]]] = {}  # source -> last save's news

    # -- pages -----------------------------------------------------------------

    def index(self) -> Answer:
        from cwkg.ingest.review import pending
        waiting: dict[str, int] = {}
        for p in pending(self.data_dir, texts=self.texts):
            local = p.source.partition(":")[2]
            waiting[local] = waiting.get(local, 0) + 1
        sources = sorted(p.stem for p in (self.data_dir / "sources").glob("*.yaml"))
        return Answer(template="curate_index.html",
                      context={"waiting": waiting, "sources": sources})

    def add_page(self, values: dict | None = None, findings=(), status: int = 200) -> Answer:
        from cwkg.load.sources import SOURCE_TYPES
        return Answer(status, "curate_add.html",
                      {"values": values or {}, "findings": list(findings),
                       "source_types": SOURCE_TYPES, **self._pickers(())})

    def review(self, source: str, form=None, findings=(), status: int = 200,
               failed: str | None = None) -> Answer:
        """The review page; after a refused save, ``form`` holds the curator's values for
        the form ``failed`` names (a claim id, 'new' or 'entity')."""
        from cwkg.curate.review import open_source
        review = open_source(self.data_dir, source, self.texts)
        local = review.source.local
        news, found = self.notes.pop(local, ("", []))
        spans = [(c.id, *c.span) for c in review.cards if c.span]
        status_of = {c.id: c.status for c in review.cards}
        pickers = self._pickers(review.proposed_entities)
        names = pickers["names"]
        return Answer(status, "curate_review.html", {
            "review": review, "local": local, "news": news, "news_findings": found,
            "segments": segments(review.text, spans) if review.text is not None else None,
            "status_of": status_of,
            "cards": [self._card(c, form if failed == c.id else None, names)
                      for c in review.cards],
            "new": _values(form) if failed == "new" else {},
            "entity": _values(form) if failed == "entity" else {},
            "failed": failed, "findings": list(findings),
            "proposed": _proposed(review.proposed_entities, names),
            "figure_rows": figure_rows, **pickers})

    # -- actions -----------------------------------------------------------------

    def act(self, source: str, action: str, form) -> Answer:
        """One write on the review page of ``source``; ``form``: the submitted fields."""
        from cwkg.curate import decisions, edits
        local = source_local(source)
        version = form.get("version") or None
        claim = form.get("claim") or ""
        names = self._names(local)
        try:
            if action == "accept":
                saved = decisions.accept_claims(self.data_dir, local, [claim], version,
                                                self.texts, self.out_dir)
                done = "accepted"
            elif action == "reject":
                saved = decisions.reject_claims(self.data_dir, local, [claim], version,
                                                self.texts, self.out_dir)
                done = "rejected"
            elif action == "accept-all":
                saved = decisions.accept_all(self.data_dir, local, version, self.texts,
                                             self.out_dir)
                done = "accepted"
            elif action == "edit":
                changes, problems = changes_of(form, names, claim=claim)
                if problems:
                    raise Refused(problems)
                saved = edits.edit_claim(self.data_dir, local, claim, changes, version,
                                         self.texts, self.out_dir)
                done = "saved"
            elif action == "new-claim":
                saved = self._new_claim(local, form, names, version)
                done = "made"
            elif action == "new-entity":
                saved = self._new_entity(local, form, version)
                done = "created"
            else:
                raise UsageError(f"no action {action!r} here")
        except Conflict as exc:
            return self._conflict(local, form, exc)
        except Refused as exc:
            failed = {"edit": claim, "new-claim": "new", "new-entity": "entity"}.get(action)
            return self.review(local, form, exc.findings, 422, failed)
        self.notes[local] = (_news(done, saved), saved.findings)
        return Answer(redirect=f"/curate/source/{local}")

    def add(self, form, text: str | bytes, file_name: str | None) -> Answer:
        from cwkg.curate.documents import FORM_FIELDS, add_from_form
        values = {k: (form.get(k) or "") for k in FORM_FIELDS}
        form_values = {k: v for k, v in values.items() if v.strip()}
        try:
            added = add_from_form(self.data_dir, text, file_name, form_values,
                                  external_text=form.get("external_text") == "yes",
                                  texts=self.texts)
        except Refused as exc:
            return self.add_page({**values, "text": text if isinstance(text, str) else ""},
                                 exc.findings, 422)
        local = added.source.partition(":")[2]
        notes = [Finding("note", n) for n in added.notes]
        self.notes[local] = (f"Added {added.source} with {added.proposals} proposed "
                             "claim(s): review them below.", notes)
        return Answer(redirect=f"/curate/source/{local}")

    # -- helpers -------------------------------------------------------------------

    def _new_claim(self, local: str, form, names: EntityNames, version):
        from cwkg.curate.edits import claim_from_selection
        from cwkg.curate.review import open_source
        fields = tuple(f for f in SCALARS + LISTS + COMPOUND
                       if f not in ("quote", "occurrence"))
        changes, problems = changes_of(form, names, fields, claim=None)
        start, end = _int(form.get("start")), _int(form.get("end"))
        if start is None or end is None:  # no script: the quote typed, and its occurrence
            text = open_source(self.data_dir, local, self.texts).text or ""
            start, end, problem = _span_of(text, form.get("quote") or "",
                                           _int(form.get("occurrence")) or 1)
            if problem:
                problems.append(Finding("error", problem, field="quote"))
        if problems:
            raise Refused(problems)
        return claim_from_selection(self.data_dir, local, start, end,
                                    {k: v for k, v in changes.items() if v not in (None, [])},
                                    version, self.texts, self.out_dir)

    def _new_entity(self, local: str, form, version):
        from cwkg.curate.entities import create_entity
        extra = {k: (form.get(k) or "").strip() for k in ("date", "place", "weapon")}
        return create_entity(self.data_dir, local, version, form.get("type") or "",
                             form.get("label_en") or "", form.get("label_ar") or None,
                             form.get("alias") or None, form.get("id") or None,
                             {k: v for k, v in extra.items() if v}, self.texts, self.out_dir)

    def _conflict(self, local: str, form, exc: Conflict) -> Answer:
        mine = {k: v for k, v in _values(form).items() if k not in ("version", "csrf")}
        return Answer(409, "curate_conflict.html",
                      {"local": local, "conflict": exc, "mine": mine,
                       "theirs": exc.current_text or "(the file was removed)"})

    def _names(self, local: str | None) -> EntityNames:
        from cwkg.curate.review import open_source
        from cwkg.load.entities import load_entities
        proposed = open_source(self.data_dir, local, self.texts).proposed_entities \
            if local else ()
        return EntityNames(load_entities(self.data_dir).values(), proposed)

    def _pickers(self, proposed) -> dict:
        from cwkg.load.entities import load_entities
        names = EntityNames(load_entities(self.data_dir).values(), proposed)
        return {"datalists": {name: names.options(prefixes)
                              for name, prefixes in PICKER_LISTS.items()},
                "list_of": list_of, "names": names, "kinds": KINDS, "speech_modes": SPEECH,
                "counts": COUNTS, "groups": GROUPS, "qualifiers": QUALIFIERS,
                "link_fields": LINK_FIELDS}

    def _card(self, card, form, names: EntityNames) -> dict:
        """A card and the values its form shows: the claim's, or after a refused save of
        this card, what the curator sent."""
        if form is None:
            shown = {k: card.fields.get(k) for k in SCALARS}
            shown.update({k: _as_list(card.fields.get(k)) for k in LISTS})
            shown["figures"] = figure_rows(card.fields.get("figures"))
            shown["period"] = card.fields.get("period") or {}
            shown["identifications"] = identification_rows(card.fields.get("identifications"))
        else:
            shown = {k: form.get(k) or "" for k in SCALARS}
            shown.update({k: [v for v in form.getlist(k) if v.strip()] for k in LISTS})
            shown["figures"] = figure_rows([
                {f: form.get(f"figures-{n}-{f}") or "" for f in FIGURE_FIELDS}
                for n in range(MAX_FIGURES) if any(form.get(f"figures-{n}-{f}")
                                                   for f in FIGURE_FIELDS)])
            shown["period"] = {k: form.get(f"period-{k}") or "" for k in ("start", "end")}
            shown["identifications"] = identification_rows([
                {f: form.get(f"identifications-{n}-{f}") or "" for f in IDENTIFICATION_FIELDS}
                for n in range(MAX_IDENTIFICATIONS)
                if any(form.get(f"identifications-{n}-{f}") for f in IDENTIFICATION_FIELDS)])
        return {"card": card, "shown": shown, "open": form is not None,
                "facts": _facts(card.fields, names)}


def _proposed(items, names: EntityNames) -> list[dict]:
    """The entities the claims file proposes, each with its names and why it cannot be
    accepted yet (None: it can, alone or with a claim that names it)."""
    from cwkg.ingest.entities_draft import entity_problem, key_of
    known = set(names.names)
    out = []
    for item in items:
        label = item.get("label") if isinstance(item.get("label"), dict) else {}
        aliases = item.get("aliases") if isinstance(item.get("aliases"), dict) else {}
        out.append({"key": key_of(item), "new": "id" in item, "type": item.get("type"),
                    "labels": {str(k): str(v) for k, v in label.items()},
                    "aliases": "; ".join(str(a) for v in aliases.values()
                                         for a in (v if isinstance(v, list) else [v])),
                    "of": names.label(str(item["alias_of"])) if "alias_of" in item else None,
                    "sets": ", ".join(str(k).replace("_", " ") for k in item.get("sets") or []
                                      if isinstance(item.get("sets"), list)),
                    "problem": entity_problem(item, known)})
    return out


def _values(form) -> dict:
    """A submitted form as field -> value (lists for repeated fields), to show again."""
    if form is None:
        return {}
    out = {}
    for key in form.keys():
        values = form.getlist(key)
        out[key] = values if key in LISTS else values[-1]
    return out


def _facts(fields: dict, names: EntityNames) -> list[tuple[str, str]]:
    """A claim's structure in a few words, for its card: who, about what, which figures."""
    from .words import QUALIFIER_WORDS
    stated_by = fields.get("stated_by")
    out = [("stated by", "the source's own voice" if stated_by in (None, "author")
            else f"{names.label(stated_by)} ({fields.get('speech') or 'speech mode missing'})")]
    for key in ("about", "perpetrators", "accused", "mechanisms", "addressees", "instruments",
                "place", "weapon", "via", "based_on"):
        values = _as_list(fields.get(key))
        if values:
            out.append((key.replace("_", " "), "; ".join(names.label(str(v)) for v in values)))
    for f in fields.get("figures") or []:
        if isinstance(f, dict):
            amount = " ".join(str(x) for x in (QUALIFIER_WORDS.get(f.get("qualifier"), ""),
                                               f.get("value")) if x not in ("", None))
            out.append(("figure", " ".join(str(x) for x in (amount, f.get("group"),
                                                              f.get("counts")) if x)))
    if fields.get("event_date"):
        out.append(("event date", str(fields["event_date"])))
    return out


def _as_list(value) -> list:
    return [] if value in (None, "") else (list(value) if isinstance(value, list) else [value])


def _news(done: str, saved) -> str:
    changed = ", ".join(saved.changed) or "nothing"
    left = f"; left {len(saved.left)}: " + "; ".join(
        f"{k}: {v}" for k, v in saved.left.items()) if saved.left else ""
    return f"{done.capitalize()} {changed}{left}."


def _int(text) -> int | None:
    return int(text) if isinstance(text, str) and re.fullmatch(r"[0-9]{1,9}", text) else None


def _span_of(text: str, quote: str, occurrence: int) -> tuple[int | None, int | None, str | None]:
    from cwkg.load.anchoring import occurrences
    found = occurrences(text, quote) if quote else []
    if not found:
        return None, None, "select words in the text, or type a quote that occurs in it"
    if occurrence > len(found):
        return None, None, f"the quote occurs {len(found)} time(s), not {occurrence}"
    start = found[occurrence - 1]
    return start, start + len(quote), None

