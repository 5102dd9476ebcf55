"""Names data/entities lacks, proposed as new entities or new aliases for the curator.

Three sources: the gazetteer's names and close spellings of known names (mentions the
linker marks ``proposed``), unknown names the text writes with capitals, typed by the
words around them, and what the other extractors propose (instruments, attacks). Each
proposal keeps the names as written (its aliases), a suggested id, a type and the reason;
an unknown name whose type the words around it do not tell stays a listed unknown name.

>>> m = Mention(11, 23, "Tiger Forces", None)
>>> [(p.id, p.type) for p in typed_names("under the Tiger Forces control", "en", [m])]
[('org:tiger-forces', 'organisation')]
"""

from __future__ import annotations

import re
import unicodedata

from . import gazetteer as gz
from .model import Mention, Proposal

PREFIX = {"organisation": "org", "person": "person", "place": "place", "attack": "attack",
          "legal-instrument": "legal", "mechanism": "mech", "collective": "org",
          "campaign": "org", "weapon": "weapon", "document": "doc"}
ORG_HEADS = set("""forces force army brigade brigades division regiment battalion unit council
ministry mission mechanism team organisation organization commission court office committee
network society coalition agency department government watch institute institution centre
center foundation union group party prosecutor police guard front corps service services
authority tribunal fund association alliance movement federation bureau secretariat
parliament assembly archive defence defense international""".split())
PERSON_TITLES = ("President", "Minister", "Secretary", "Secretary-General", "Spokesperson",
                 "spokesperson", "spokesman", "spokeswoman", "General", "Brigadier", "Colonel",
                 "Major", "Lieutenant", "Head", "head", "Director", "director", "Ambassador",
                 "ambassador", "envoy", "Judge", "judge", "Dr", "Dr.", "Mr", "Mr.", "Mrs",
                 "Ms", "brother", "commander", "Commander", "leader", "chief", "Chief")
# adjectives of a head ("Elite Unit", "Special Forces"): a name made only of these and
# heads names no one in particular
# ("Republican Guard", "National Coalition" are names: their adjectives are not here)
GENERIC_WORDS = set("""elite special main first second third""".split())
# a nationality adjective alone ("the Syrian people", "of the Syrian “Tiger Forces”") is
# neither a place nor an organisation
DEMONYM = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ean|ese|ish)|Arab|Iraqi|Israeli|Saudi|Qatari|Emirati|"
                     r"Yemeni|Kuwaiti|Omani|Pakistani|French|British|German|Dutch|Swiss|Greek|"
                     r"Thai|Afghan)$")
PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|near|on|from|of|targeted|hit|struck|attack\s+on|attacks\s+on|"
                          r"town\s+of|village\s+of|city\s+of|area\s+of|eastern|western|"
                          r"northern|southern)\s+(?:the\s+)?)$")
PLACE_AFTER = re.compile(r"^\s+(?:province|governorate|countryside|town|village|city|district|"
                         r"neighbou?rhood|camp|airbase|air\s+base|suburbs?|area|region)\b",
                         re.IGNORECASE)


def slug(name: str) -> str:
    """The local part of a suggested id: ASCII, lower case, hyphens.

    >>> slug("the Tiger Forces"), slug("Maher al-Assad"), slug("Ein Terma")
    ('tiger-forces', 'maher-al-assad', 'ein-terma')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"^(?:the|The)\s+", "", ascii_name).replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def name_type(text: str, m: Mention) -> str | None:
    """The entity type the words in and around an unknown name tell, or None."""
    words = m.text.split()
    last = words[-1].lower().strip("’'")
    before, after = text[max(0, m.start - 40):m.start], text[m.end:m.end + 30]
    if len(words) == 1 and DEMONYM.match(words[0]):
        return None
    if all(w.lower() in ORG_HEADS | GENERIC_WORDS for w in words):
        return None
    if last in ORG_HEADS or any(w.lower() in ("forces", "army", "brigade", "division")
                                for w in words):
        return "organisation"
    title = re.search(r"(?:^|\s)([\w.-]+)\s*,?\s*$", before)
    if len(words) >= 2 and (title and title.group(1) in PERSON_TITLES
                            or re.search(r"\b(?:al|el|bin|ibn|abu|Abu)-", m.text)
                            and all(w[:1].isupper() or "-" in w for w in words)):
        return "person"
    if len(words) == 1 and last in ("eastern", "western", "northern", "southern", "central"):
        return None
    if len(words) <= 3 and not m.text.isupper() and (PLACE_BEFORE.search(before)
                                                     or PLACE_AFTER.match(after)):
        return "place"
    return None


def extends_a_known_name(text: str, m: Mention) -> bool:
    """Is a known person's "al-Assad" the end of a longer name ("Maher al-Assad"), a
    different person? (A title before it, "President al-Assad", is not a name.)"""
    if m.type != "person" or not re.match(r"(?:al|el|Al|El)-", m.text):
        return False
    before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, m.start - 30):m.start])
    return before is not None and before.group(1) not in PERSON_TITLES and \
        before.group(1).lower() not in ("the", "of", "and", "by", "on", "in")


def typed_names(text: str, language: str, unknown: list[Mention]) -> list[Proposal]:
    """A proposal for each unknown name whose type the text tells."""
    out: dict[str, Proposal] = {}
    for m in unknown:
        etype = name_type(text, m)
        local = slug(m.text)
        if etype is None or not local:
            continue
        pid = f"{PREFIX[etype]}:{local}"
        p = out.setdefault(pid, Proposal(pid, etype, {language: []}, m.start, m.end,
                                         reason=f"'{m.text}' is named in the text and "
                                                "data/entities has no such entity"))
        if m.text not in p.names[language]:
            p.names[language].append(m.text)
    return list(out.values())


def from_mentions(mentions: list[Mention], language: str) -> list[Proposal]:
    """Proposals for the linker's proposed mentions: gazetteer entities data/entities lacks,
    and new aliases (gazetteer names, close spellings) of entities it has."""
    out: dict[tuple[str, bool], Proposal] = {}
    for m in mentions:
        if m.proposed not in ("entity", "alias") or not m.entity:
            continue
        alias = m.proposed == "alias"
        key = (m.entity, alias)
        label = gz.ENTITIES.get(m.entity, (None, "", {}))[1] or \
            gz.INSTRUMENTS.get(m.entity, ("", {}))[0]
        base = language.split("-")[0]
        names = gz.ENTITIES.get(m.entity, (None, "", {}))[2].get(base, []) + \
            gz.INSTRUMENTS.get(m.entity, ("", {}))[1].get(base, [])
        written = _as_written(m.text, language, names)
        reason = (f"'{written}' names {m.entity}, which data/entities gives no such name"
                  if alias else f"'{written}' names an entity data/entities lacks")
        p = out.setdefault(key, Proposal(m.entity, m.type, {language: []}, m.start, m.end,
                                         alias_of=alias, label="" if alias else label,
                                         reason=reason))
        if written not in p.names[language]:
            p.names[language].append(written)
    return list(out.values())


def _as_written(text: str, language: str, names=()) -> str:
    """The name without an Arabic clitic the matcher took with it ("واتفاقية" -> "اتفاقية"),
    unless the letter begins the word in a known name (the ف of "فريق التحقيق").

    >>> _as_written("واتفاقية الأسلحة", "ar"), _as_written("فريق التحقيق", "ar", ["فريق التحقيق"])
    ('اتفاقية الأسلحة', 'فريق التحقيق')
    """
    first = text.split()[0] if text.split() else ""
    if language.startswith("ar") and first not in {n.split()[0] for n in names if n.split()}:
        return re.sub(r"^(?:و|ب|ل|ف|وب|ول)(?=[\u0621-\u064a]{3})(?!ال)", "", text) \
            if not text.startswith("ال") else text
    return text


def merge(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per (id, alias or new), names joined, in the order first met."""
    out: dict[tuple[str, bool], Proposal] = {}
    for p in sorted(proposals, key=lambda p: p.start):
        key = (p.id, p.alias_of)
        if key not in out:
            out[key] = p
            continue
        for lang, names in p.names.items():
            kept = out[key].names.setdefault(lang, [])
            kept += [n for n in names if n not in kept]
    return list(out.values())
