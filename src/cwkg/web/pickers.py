"""Entity pickers: find an entity by any label or alias, in English or Arabic.

A picker is a text input with a ``<datalist>`` (plain HTML, so it works without
JavaScript): each option's value is the entity's id and its label holds every name, so
the browser's suggestions match any of them. Whatever the curator types is resolved here
too: an id is taken as it is; a name is looked up among data/entities (and the entities
the source's file proposes) folded as the search folds it (case, Arabic diacritics and
letter forms); no match or several is a finding on the field, with the candidates.

>>> from cwkg.load.model import Entity
>>> names = EntityNames([Entity("x", 1, "org:assad-regime", "organisation",
...     {"en": "Assad regime", "ar": "نظام الأسد"}, {"en": ["the Syrian regime"]})])
>>> names.resolve("نظام الاسد", ("org", "person")), names.resolve("org:x", ("org",))
(('org:assad-regime', None), ('org:x', None))
>>> names.resolve("Assad", ("org",))[1]
"no entity is named 'Assad'; did you mean Assad regime (org:assad-regime)?"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cwkg.load.records import LOCAL_NAME
from cwkg.namespaces import ENTITY_PREFIXES

from .search import fold

AGENTS = ("org", "person")
# claim field -> the prefixes its ids take (load/claims.py ID_KEYS and ID_LIST_KEYS)
FIELD_PREFIXES = {"stated_by": AGENTS, "via": ("doc",), "based_on": ("doc",),
                  "weapon": ("weapon",), "place": ("place",), "about": ENTITY_PREFIXES,
                  "perpetrators": AGENTS, "mechanisms": ("mech",), "addressees": AGENTS,
                  "accused": AGENTS, "instruments": ("legal",)}
# one datalist per set of prefixes the fields use
LISTS = {"any": ENTITY_PREFIXES, "agent": AGENTS, "doc": ("doc",), "weapon": ("weapon",),
         "place": ("place",), "mech": ("mech",), "legal": ("legal",)}
_ID = re.compile(r"^([a-z]+):(.+)$")


@dataclass(frozen=True)
class Option:
    id: str
    label: str       # every name, for the browser to match against


def list_of(field: str) -> str:
    prefixes = FIELD_PREFIXES[field]
    return next(name for name, p in LISTS.items() if p == prefixes)


class EntityNames:
    def __init__(self, entities, proposed=()):
        """``entities``: Entity records (data/entities); ``proposed``: the mappings of
        the entities a claims file proposes (``id``, ``label``, ``aliases``)."""
        self.names: dict[str, list[str]] = {}
        for e in entities:
            self.names[e.id] = [*e.labels.values(), *(a for v in e.aliases.values() for a in v)]
        for item in proposed:
            if "id" not in item:
                continue
            label = item.get("label") or {}
            aliases = item.get("aliases") or {}
            self.names[str(item["id"])] = [*(str(v) for v in label.values()),
                                           *(str(a) for v in aliases.values() for a in v)]
        self.folded: dict[str, set[str]] = {}
        for entity_id, names in self.names.items():
            for name in names:
                self.folded.setdefault(fold(name), set()).add(entity_id)

    def options(self, prefixes) -> list[Option]:
        return [Option(i, " · ".join(dict.fromkeys(n)) or i)
                for i, n in sorted(self.names.items()) if i.split(":")[0] in prefixes]

    def label(self, entity_id: str) -> str:
        names = self.names.get(entity_id)
        return names[0] if names else entity_id

    def resolve(self, text: str, prefixes) -> tuple[str | None, str | None]:
        """(the id ``text`` names, None) or (None, why not)."""
        text = text.strip()
        match = _ID.match(text)
        if match and LOCAL_NAME.match(match.group(2)):
            return text, None  # an id: the save checks that it exists
        found = sorted(i for i in self.folded.get(fold(text), ())
                       if i.split(":")[0] in prefixes)
        if len(found) == 1:
            return found[0], None
        if found:
            return None, (f"'{text}' names several entities: "
                          + ", ".join(f"{self.label(i)} ({i})" for i in found) + "; give the id")
        words = fold(text).split()
        near = sorted({i for name, ids in self.folded.items() for i in ids
                       if words and all(w in name for w in words)
                       and i.split(":")[0] in prefixes})[:5]
        hint = ("; did you mean " + " or ".join(f"{self.label(i)} ({i})" for i in near) + "?"
                if near else "; create it below (New entity) or give its id")
        return None, f"no entity is named '{text}'{hint}"
