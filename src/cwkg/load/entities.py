"""Load reference entities: organisations, people, places, attacks, weapons,
legal instruments, accountability mechanisms and documents."""

from __future__ import annotations

import re
from pathlib import Path

from cwkg.errors import DataError

from . import yamlio
from .model import Entity
from .records import Record
from .sources import display_path

AGENTS = ("org", "person")
COMMON_KEYS = {"id", "type", "label", "aliases", "sources", "references", "wikidata"}

# type -> (id prefix, {link key: (allowed prefixes, many?)}, {value key: kind}, required keys)
TYPES = {
    "organisation": ("org", {"part_of": (("org",), False)}, {}, ()),
    "collective": ("org", {"part_of": (("org",), False)}, {}, ()),
    "campaign": ("org", {"part_of": (("org",), False)}, {}, ()),
    "person": ("person", {"works_for": (("org",), False)}, {"job_title": "text"}, ()),
    "place": ("place", {"contained_in": (("place",), False)}, {}, ()),
    "attack": ("attack", {"place": (("place",), False), "weapon": (("weapon",), False),
                          "alleged_perpetrators": (AGENTS, True)},
               {"date": "date", "from": "date", "to": "date"}, ("place", "weapon")),
    "weapon": ("weapon", {}, {}, ()),
    "legal-instrument": ("legal", {"part_of": (("legal",), False), "issued_by": (AGENTS, False)},
                         {"year": "year"}, ()),
    "mechanism": ("mech", {"related": (("org", "legal"), True)}, {}, ()),
    "document": ("doc", {"author": (AGENTS, False)},
                 {"date": "date", "document_type": ("report", "statement", "social-media-post")},
                 ("document_type",)),
}


def load_entity(rec: Record) -> Entity:
    entity_type = rec.choice("type", tuple(TYPES), required=True)
    prefix, link_keys, value_keys, required = TYPES[entity_type]
    rec.check_keys(COMMON_KEYS | set(link_keys) | set(value_keys))
    entity_id = rec.identifier("id", (prefix,), required=True)
    for key in required:
        rec.raw(key, required=True)
    labels = _labels(rec)
    links = {}
    for key, (prefixes, many) in link_keys.items():
        value = rec.identifiers(key, prefixes) if many else rec.identifier(key, prefixes)
        if value:
            links[key] = value
    values = {}
    for key, kind in value_keys.items():
        if kind == "date":
            value = rec.date(key)
        elif kind == "year":
            value = rec.integer(key, minimum=1)
        elif kind == "text":
            value = rec.string(key)
        else:
            value = rec.choice(key, kind)
        if value is not None:
            values[key] = value
    if entity_type == "attack":
        _check_when(rec, values)
    wikidata = rec.string("wikidata")
    if wikidata is not None and not re.fullmatch(r"Q[1-9][0-9]*", wikidata):
        raise rec.error("wikidata", f"'{wikidata}' is not a Wikidata item id such as Q1065")
    return Entity(file=rec.file, line=rec.line, id=entity_id, type=entity_type, labels=labels,
                  aliases=_aliases(rec), sources=tuple(rec.identifiers("sources", ("src",))),
                  references=tuple(rec.strings("references")), wikidata=wikidata,
                  links=links, values=values)


ATTACK_WHEN = ("an attack needs its 'date', or, for a series of attacks over a period, "
               "'from' and 'to' (not both)")


def attack_when_given(values) -> bool:
    """An attack has a day (``date``), or is a series over a period (``from`` and ``to``)."""
    span = ("from" in values) + ("to" in values)
    return (span == 0 and "date" in values) or (span == 2 and "date" not in values)


def _check_when(rec: Record, values: dict) -> None:
    if not attack_when_given(values):
        raise DataError(ATTACK_WHEN, file=rec.file, line=rec.line)
    if "from" in values and values["from"] > values["to"]:
        raise rec.error("to", f"{values['to']} is before 'from' {values['from']}")


def _labels(rec: Record) -> dict:
    labels = rec.mapping("label", "label", required=True)
    out = {}
    for lang in labels.m:
        out[lang] = labels.string(lang, required=True)
    if "en" not in out:
        raise rec.error("label", "needs an English label (en)")
    return out


def _aliases(rec: Record) -> dict:
    aliases = rec.mapping("aliases", "aliases")
    if aliases is None:
        return {}
    return {lang: aliases.strings(lang) for lang in aliases.m}


# the last entities read, by folder: a long-running process (cwkg web's curator pages)
# reads them on every request, and they change far less often
_LAST: dict[Path, tuple[tuple, dict[str, Entity], dict[str, bytes]]] = {}


def load_entities(data_dir: Path, read: dict[str, bytes] | None = None,
                  files: dict[str, tuple[Path, bytes]] | None = None) -> dict[str, Entity]:
    """Every entity in data/entities/*.yaml; ``read``, when given, receives each file's
    bytes as parsed, by shown name (so a cache key can hash exactly what was checked).
    ``files``: those bytes read already (:func:`read_entity_files`), parsed as they are.
    Files unchanged since the last call (same names, sizes, modification times and
    inodes) are not parsed again."""
    if files is not None:
        entities = _parse(files)
        if read is not None:
            read.update({name: data for name, (_, data) in files.items()})
        return entities
    folder = _folder(data_dir)
    paths = sorted(folder.glob("*.yaml"))
    stats = tuple((p.name, s.st_mtime_ns, s.st_size, s.st_ino)
                  for p, s in ((p, p.stat()) for p in paths))
    key = (folder.resolve(), Path.cwd())  # names shown are relative to the working folder
    last = _LAST.get(key[0])
    if last is not None and last[0] == (stats, key[1]):
        if read is not None:
            read.update(last[2])
        return dict(last[1])
    files = _read(paths)
    entities = _parse(files)
    kept = {name: data for name, (_, data) in files.items()}
    _LAST.clear()
    _LAST[key[0]] = ((stats, key[1]), entities, kept)
    if read is not None:
        read.update(kept)
    return dict(entities)


def read_entity_files(data_dir: Path) -> dict[str, tuple[Path, bytes]]:
    """Each data/entities/*.yaml file, by shown name, in file order: its path and bytes."""
    return _read(sorted(_folder(data_dir).glob("*.yaml")))


def _folder(data_dir: Path) -> Path:
    folder = data_dir / "entities"
    if not folder.is_dir():
        raise DataError(f"no entities folder: expected {display_path(folder)}")
    return folder


def _read(paths: list[Path]) -> dict[str, tuple[Path, bytes]]:
    files = {}
    for path in paths:
        name = display_path(path)
        files[name] = (path, yamlio.read_bytes(path, name))
    return files


def _parse(files: dict[str, tuple[Path, bytes]]) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for name, (path, data) in files.items():
        doc = yamlio.load(path, name, data)
        if doc is None:
            continue
        if not isinstance(doc, yamlio.Sequence):
            raise DataError("an entities file must be a list of entities", file=name,
                            line=getattr(doc, "line", 1))
        for item, line in zip(doc, doc.item_lines):
            entity = load_entity(Record(item, "entity", file=name, line=line))
            if entity.id in entities:
                first = entities[entity.id]
                raise DataError(f"duplicate entity id '{entity.id}' (first defined at "
                                f"{first.where()})", file=entity.file, line=entity.line)
            entities[entity.id] = entity
    return entities
