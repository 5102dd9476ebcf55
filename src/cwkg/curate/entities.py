"""A new entity from a name in the text: proposed in the source's claims file, as ``cwkg
add`` proposes the entities data/entities lacks (``proposed_entities:``,
docs/data-format.md), so it is accepted the same way: with the first claim that uses it
(``cwkg accept``), which moves it into data/entities.

The curator gives the type, an English label, an optional Arabic label and the name as
the text writes it (kept as an alias, in the text's language); the id is made from the
English label unless given. An attack also takes its date, place and weapon (needed
before it can be accepted).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from cwkg.errors import DataError
from cwkg.fsio import display_path
from cwkg.load import yamlio
from cwkg.load.records import Record, check_identifier

from . import roundtrip as rt
from .files import claims_path
from .findings import BLOCKING, CANNOT_ACCEPT, Finding
from .inputs import text_findings
from .saving import Refused, Saved, known_ids, save_claims

# the kinds of entity a curator creates from a name in a text, and their id prefixes
TYPES = {"organisation": "org", "person": "person", "place": "place", "attack": "attack",
         "weapon": "weapon", "legal-instrument": "legal", "mechanism": "mech"}
ATTACK_KEYS = {"date": None, "place": ("place",), "weapon": ("weapon",)}
KEY = "proposed_entities"


def create_entity(data_dir: Path, source: str, version: str | None, type: str,
                  label_en: str, label_ar: str | None = None, alias: str | None = None,
                  entity_id: str | None = None, extra: dict | None = None, texts=None,
                  out_dir=None) -> Saved:
    """Propose a new entity in ``source``'s claims file; ``extra``: an attack's ``date``,
    ``place`` and ``weapon``. ``Saved.changed`` holds its id."""
    path = claims_path(data_dir, source)
    extra = dict(extra or {})
    values = {"type": type, "label_en": label_en, "label_ar": label_ar, "alias": alias,
              "id": entity_id, **extra}
    found = text_findings({k: v for k, v in values.items() if isinstance(v, str)},
                          markup_ok=())
    if type not in TYPES:
        found.append(Finding(BLOCKING, f"choose one of: {', '.join(TYPES)}", field="type"))
    if not (label_en or "").strip():
        found.append(Finding(BLOCKING, "an English label is required", field="label_en"))
    unknown = [k for k in extra if k not in ATTACK_KEYS or type != "attack"]
    found += [Finding(BLOCKING, "only for an attack (date, place, weapon)", field=k)
              for k in unknown]
    if found:
        raise Refused(found)
    label_en, label_ar = label_en.strip(), (label_ar or "").strip() or None
    alias = " ".join((alias or "").split()) or None
    prefix = TYPES[type]

    def edit(current: str, at):
        doc = rt.parse(current, display_path(path))
        new_id = _checked_id(entity_id.strip() if entity_id else _slug(prefix, label_en),
                             prefix, known_ids(at, yamlio.loads(current, display_path(path))))
        problems = _attack_findings(extra) + _alias_findings(alias, at.source.text)
        if problems:
            raise Refused(problems)
        item = rt.block_map({"id": new_id, "type": type,
                             "label": rt.flow_map({"en": label_en} |
                                                  ({"ar": label_ar} if label_ar else {}))})
        language = at.source.language.split("-")[0]
        if alias and alias != {"en": label_en, "ar": label_ar}.get(language):
            item["aliases"] = rt.flow_map({language: rt.flow_list([alias])})
        for key in ATTACK_KEYS:
            if extra.get(key):
                item[key] = rt.quoted(extra[key]) if key == "date" else extra[key]
        listed = doc.data.get(KEY)
        if listed is None:
            doc.data[KEY] = rt.block_list([item])
        else:
            listed.append(item)
        new_text = doc.render()
        _check_shape(new_text, path)
        return new_text, [new_id]

    saved = save_claims(data_dir, path, version, edit, [], texts, out_dir)
    saved.findings += _acceptance(data_dir, path, saved.changed[0], texts)
    return saved


def _slug(prefix: str, label: str) -> str:
    """An id from an English label: ASCII letters and digits joined by hyphens.

    >>> _slug("org", "Syrian Arab Air Force"), _slug("place", "Khān Shaykhūn (Idlib)")
    ('org:syrian-arab-air-force', 'place:khan-shaykhun-idlib')
    """
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_label.lower())
    return f"{prefix}:{'-'.join(words)[:80].strip('-')}"


def _checked_id(entity_id: str, prefix: str, taken) -> str:
    def fail(message):
        return Refused([Finding(BLOCKING, message, field="id")])

    if entity_id.endswith(":"):
        raise fail("the English label gives no id (no Latin letters or digits): give the id")
    check_identifier(entity_id, (prefix,), fail)
    if entity_id in taken:
        raise fail(f"'{entity_id}' is already an entity (in data/entities or proposed here): "
                   "use it, or give another id")
    return entity_id


def _attack_findings(extra: dict) -> list[Finding]:
    found = []
    item = yamlio.Mapping({k: v for k, v in extra.items() if v})
    item.file, item.line, item.key_lines = "the form", 1, {}
    rec = Record(item, "attack")
    for key, prefixes in ATTACK_KEYS.items():
        try:
            if prefixes is None:
                rec.date(key)
            else:
                rec.identifier(key, prefixes)
        except DataError as exc:
            found.append(Finding(BLOCKING, exc.message.removeprefix(f"field '{key}': "),
                                 field=key))
    return found


def _alias_findings(alias: str | None, text: str | None) -> list[Finding]:
    """The alias is the name as the text writes it: it must occur in the text."""
    if alias and text is not None and " ".join(text.split()).find(alias) < 0:
        return [Finding(BLOCKING, "does not occur in the text: give the name as the text "
                        "writes it (select it in the text)", field="alias")]
    return []


def _check_shape(text: str, path: Path) -> None:
    """The list as ``cwkg build`` checks it (each item an entity or new aliases)."""
    from cwkg.load.claims import proposed_entities
    try:
        proposed_entities(yamlio.loads(text, display_path(path)))
    except DataError as exc:
        raise Refused([Finding(BLOCKING, exc.message, where=exc.location())]) from None


def _acceptance(data_dir: Path, path: Path, entity_id: str, texts) -> list[Finding]:
    """Why the new entity cannot be accepted yet (an attack without its weapon...)."""
    from cwkg.ingest.entities_draft import entity_problem
    from cwkg.load.claims import proposed_entities
    from cwkg.load.entities import load_entities
    doc = yamlio.loads(path.read_text("utf-8"), display_path(path))
    known = set(load_entities(Path(data_dir))) | {
        str(i["id"]) for i in proposed_entities(doc) if "id" in i}
    item = next(i for i in proposed_entities(doc) if str(i.get("id")) == entity_id)
    problem = entity_problem(item, known)
    return [Finding(CANNOT_ACCEPT, problem, entity_id)] if problem else []
