"""Proposed entities: drafted by ``cwkg add`` in the claims file, accepted into data/entities.

The claims file of a new source may hold a ``proposed_entities:`` list beside ``claims:``
(format in docs/data-format.md). Each item is either a new entity, written as an entry of
data/entities (``id``, ``type``, ``label``, ``aliases``...), or ``alias_of: <id>`` with
``aliases``: names a known entity lacks. ``cwkg build`` ignores the list, as it ignores
proposed claims. :func:`plan_accept` turns accepted items into edits of data/entities
files: a new entity is appended to the file of its type, with this source in its
``sources``; new aliases (and this source) are added to the known entity's entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from cwkg.errors import DataError, UsageError
from cwkg.load import yamlio
from cwkg.load.claims import PROPOSED_ENTITIES as KEY
from cwkg.load.claims import proposed_entities as items
from cwkg.load.entities import ATTACK_WHEN, TYPES, attack_when_given
from cwkg.load.sources import display_path

ENTITY_FILES = {"organisation": "agents", "collective": "agents", "campaign": "agents",
                "person": "agents", "place": "places", "attack": "attacks",
                "weapon": "weapons", "legal-instrument": "legal", "mechanism": "mechanisms",
                "document": "documents"}


def _s(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _by_language(names: dict) -> str:
    return "{" + ", ".join(f"{lang}: [{', '.join(_s(n) for n in ns)}]"
                           for lang, ns in names.items() if ns) + "}"


def render(proposals, source_id: str) -> list[str]:
    """The ``proposed_entities:`` lines of a draft, each item with its reason as a comment."""
    if not proposals:
        return []
    lines = [f"{KEY}:"]
    for p in proposals:
        lines.append(f"  # {p.reason}")
        if p.alias_of:
            lines += [f"  - alias_of: {p.id}", f"    aliases: {_by_language(p.names)}"]
            continue
        label = {"en": p.label} if p.label else {lang: ns[0] for lang, ns in p.names.items() if ns}
        lines += [f"  - id: {p.id}", f"    type: {p.type}"]
        lines.append("    label: {" + ", ".join(f"{k}: {_s(v)}" for k, v in label.items()) + "}"
                     + ("" if "en" in label else "  # add an English label (required)"))
        aliases = {lang: [n for n in ns if n != label.get(lang)] for lang, ns in p.names.items()}
        if any(aliases.values()):
            lines.append(f"    aliases: {_by_language(aliases)}")
        for key, value in p.values.items():
            lines.append(f"    {key}: {_s(value) if key == 'date' else value}")
        if p.sets:
            lines.append(f"    sets: [{', '.join(p.sets)}]  # accepting it makes it the "
                         f"source's {' and '.join(p.sets)}")
        for key in TYPES[p.type][3]:
            if key not in p.values:
                lines.append(f"    # {key}: ... (required: give it before accepting)")
    return lines


SOURCE_FIELDS = ("author", "publisher", "translated_by")


def placeholder(key: str, agent_id: str, local: str) -> str:
    """The source metadata's line for a field whose agent is proposed: a comment until the
    curator accepts the agent (then :func:`plan_accept` writes the field there)."""
    return (f"# {key}: {agent_id}  (proposed in data/claims/{local}.yaml: accepting it "
            "there writes this field)")


def key_of(item) -> str:
    return str(item.get("id") or item.get("alias_of"))


def entity_problem(item, known_ids) -> str | None:
    """Why a proposed entity cannot be accepted as it stands, or None."""
    if "alias_of" in item:
        if str(item["alias_of"]) not in known_ids:
            return f"alias_of {item['alias_of']}: no such entity in data/entities"
        return None if item.get("aliases") else "give the aliases to add"
    etype = item.get("type")
    if etype not in ENTITY_FILES:
        return f"type {etype!r} is not one of {', '.join(ENTITY_FILES)}"
    sets = item.get("sets") or []
    if not isinstance(sets, list) or not set(map(str, sets)) <= set(SOURCE_FIELDS):
        return f"sets: a list of the source's fields {', '.join(SOURCE_FIELDS)}"
    if sets and etype not in ("organisation", "person", "collective"):
        return f"sets {', '.join(map(str, sets))}: the agent must be an organisation, " \
            "person or collective"
    if "en" not in (item.get("label") or {}):
        return "needs an English label (label: {en: ...})"
    missing = [k for k in TYPES[etype][3] if k not in item]
    if etype == "attack" and not attack_when_given(item):
        if any(k in item for k in ("date", "from", "to")):
            return ATTACK_WHEN
        missing.insert(0, "date")  # (or from and to, for a series: said once one is given)
    return f"needs {', '.join(missing)}" if missing else None


@dataclass
class Plan:
    """What accepting some proposed entities changes: entity files' new texts, and the
    claims file's lines to drop."""

    files: dict[Path, str] = field(default_factory=dict)
    drop_lines: set[int] = field(default_factory=set)
    accepted: list[str] = field(default_factory=list)


def plan_accept(data_dir: Path, source: str, claims_text: str, doc, keys: set[str]) -> Plan:
    """The edits that accept the proposed entities whose id (or alias_of) is in ``keys``."""
    plan = Plan()
    lines = claims_text.split("\n")
    found = items(doc)
    unknown = keys - {key_of(i) for i in found}
    if unknown:
        raise UsageError(f"no proposed entity {', '.join(sorted(unknown))} in "
                         f"{doc.file}")
    folder = Path(data_dir) / "entities"
    texts = {p: p.read_text("utf-8") for p in sorted(folder.glob("*.yaml"))}
    known = _entity_lines(texts)
    for n, item in enumerate(found):
        if key_of(item) not in keys:
            continue
        start = item.line - 1
        end = found[n + 1].line - 1 if n + 1 < len(found) else _end_of_list(lines, start)
        while end - 1 > start and (not lines[end - 1].strip()
                                   or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        above = start   # the item's comments (its reason) go with it
        while above > 0 and lines[above - 1].lstrip().startswith("#") and \
                lines[above - 1].startswith("  "):
            above -= 1
        plan.drop_lines |= set(range(above, end))
        target = item.get("alias_of") or item["id"]
        if target in known:   # new aliases, or an entity accepted since the draft was made
            path, line = known[target]
            names = item.get("aliases") or {}
            if "id" in item:
                names = _merge(dict(item.get("label") or {}), names)
            texts[path] = add_aliases(texts[path], line, names, source, display_path(path))
        else:
            if "alias_of" in item:
                raise DataError(f"alias_of {target}: no such entity in data/entities",
                                file=doc.file, line=item.line)
            etype = item.get("type")
            if etype not in ENTITY_FILES:
                raise DataError(f"proposed entity {target}: type {etype!r} is not one of "
                                f"{', '.join(ENTITY_FILES)}", file=doc.file, line=item.line)
            path = folder / f"{ENTITY_FILES[etype]}.yaml"
            texts.setdefault(path, "")
            texts[path] = texts[path].rstrip("\n") + "\n\n" + _entry(lines[above:end], source)
            if item.get("sets"):
                meta = Path(data_dir) / "sources" / f"{source.partition(':')[2]}.yaml"
                plan.files[meta] = with_fields(plan.files.get(meta) or meta.read_text("utf-8"),
                                               [str(k) for k in item["sets"]], target)
        # the file's entries moved (lines added): where each one starts now
        known.update(_entity_lines({path: texts[path]}))
        plan.files[path] = texts[path]
        plan.accepted.append(target)
    return plan


def with_fields(text: str, keys: list[str], agent_id: str) -> str:
    """Source metadata ``text`` with each field of ``keys`` set to ``agent_id``: in place of
    its :func:`placeholder` comment, or before ``date:``. A field the curator has set
    meanwhile is kept as it is."""
    lines = text.split("\n")
    for key in keys:
        if any(re.match(rf"{key}:", line) for line in lines):
            continue
        at = next((n for n, line in enumerate(lines) if line.startswith(f"# {key}: {agent_id} ")),
                  None)
        if at is not None:
            lines[at] = f"{key}: {agent_id}"
        else:
            at = next((n for n, line in enumerate(lines) if line.startswith("date:")), len(lines))
            lines.insert(at, f"{key}: {agent_id}")
    return "\n".join(lines)


def _end_of_list(lines: list[str], start: int) -> int:
    """The line after the last item of the list that ``start`` is in (the next top-level
    key, or the end of the file)."""
    for n in range(start + 1, len(lines)):
        if lines[n] and not lines[n].startswith((" ", "#", "-")):
            return n
    return len(lines)


def _entry(block: list[str], source: str) -> str:
    """A draft item as an entry of data/entities: its lines, unindented (its reason kept as
    a comment naming the source), with the source added to ``sources``."""
    out = []
    for line in block:
        stripped = line[2:] if line.startswith("  ") else line.lstrip()
        if stripped.lstrip().startswith("#") and "(required" in stripped or \
                stripped.startswith("  sets:"):
            continue
        if stripped.startswith("# "):
            stripped = f"# proposed by cwkg add for {source}: {stripped[2:]}"
        out.append(stripped)
    if not any(re.match(r"\s*sources:", line) for line in out):
        out.append(f"  sources: [{source}]")
    return "\n".join(out).rstrip() + "\n"


def _merge(a: dict, b: dict) -> dict:
    out = {lang: ([v] if isinstance(v, str) else list(v)) for lang, v in a.items()}
    for lang, names in (b or {}).items():
        out.setdefault(lang, [])
        out[lang] += [n for n in names if n not in out[lang]]
    return out


def _entity_lines(texts: dict[Path, str]) -> dict[str, tuple[Path, int]]:
    """entity id -> (file, 1-based line of its entry)."""
    out = {}
    for path, text in texts.items():
        doc = yamlio.loads(text, display_path(path)) if text.strip() else None
        for item, line in zip(doc or [], getattr(doc, "item_lines", [])):
            if isinstance(item, dict) and "id" in item:
                out[str(item["id"])] = (path, line)
    return out


def add_aliases(text: str, line: int, names: dict, source: str, shown: str) -> str:
    """The entities file ``text`` with ``names`` (language -> names) added to the aliases
    of the entry at ``line``, and ``source`` to its sources; other lines untouched."""
    lines = text.split("\n")
    start = line - 1
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("- ")),
               len(lines))
    entry = yamlio.loads("\n".join(lines[start:end]), shown)[0]
    labels = {lang: [v] for lang, v in (entry.get("label") or {}).items()}
    aliases = _merge(dict(entry.get("aliases") or {}), {})
    for lang, ns in names.items():
        aliases.setdefault(lang, [])
        aliases[lang] += [n for n in ns if n not in aliases[lang] + labels.get(lang, [])]
    sources = list(entry.get("sources") or [])
    if source not in sources:
        sources.append(source)
    block = lines[start:end]
    block = _set_key(block, "aliases", _by_language(aliases), after="label")
    block = _set_key(block, "sources", "[" + ", ".join(sources) + "]", after=None)
    return "\n".join(lines[:start] + block + lines[end:])


def _set_key(block: list[str], key: str, value: str, after: str | None) -> list[str]:
    """Replace ``key``'s lines in an entry (flow or block style) by one flow line, or add it
    after the ``after`` key (or at the end of the entry)."""
    pattern = re.compile(rf"^(?:- |  ){key}:")
    at = next((n for n, line in enumerate(block) if pattern.match(line)), None)
    new = f"  {key}: {value}"
    if at is not None:
        end = at + 1
        while end < len(block) and block[end].startswith("    "):
            end += 1
        return block[:at] + [new] + block[end:]
    anchor = next((n for n, line in enumerate(block) if after and
                   re.match(rf"^(?:- |  ){after}:", line)), None)
    if anchor is None:
        last = len(block)
        while last > 0 and not block[last - 1].strip():
            last -= 1
        return block[:last] + [new] + block[last:]
    end = anchor + 1
    while end < len(block) and block[end].startswith("    "):
        end += 1
    return block[:end] + [new] + block[end:]
