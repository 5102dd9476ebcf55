"""Check the gold annotations of the real evaluation set (standard library + PyYAML only).

    python benchmarks/extraction/real/check.py [--archive DIR] [--archive-dev2 DIR]
                                               [--archive-dev3 DIR] [--archive-dev4 DIR]
                                               [--archive-dev5 DIR] [--archive-dev6 DIR]
                                               [--archive-dev7 DIR] [--archive-heldout2 DIR]
                                               [--allow-nbsp-variants]

For every annotation file under dev/, heldout/, dev2/ to dev7/ and heldout2/:

- structure: required keys, well-formed figures, dates, kinds and fields (see README.md);
- entity ids: every id an annotation uses is either an `id:` of data/entities/*.yaml or
  declared under its `new_entities:` (and a new id has the same type in every file);
- text, when the archived text is present in archive/corpus/ (or --archive; dev2's in
  archive/dev2/ or --archive-dev2, and likewise for dev3 to dev7 and heldout2): its SHA-256
  and length match, every quote occurs in it, and `occurrence` is in range.

Prints one line per document and names the documents whose text is missing; exits 1 on
any error. It does not import cwkg (whose modules may move); it only reads files.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
ARCHIVE = REPO / "archive" / "corpus"
# dev2: real documents annotated after the corpus (README.md, "The dev2 split"), their
# texts kept in their own archive folder
ARCHIVE_DEV2 = REPO / "archive" / "dev2"
ARCHIVE_DEV3 = REPO / "archive" / "dev3"   # dev3: README.md, "The dev3 split"
ARCHIVE_DEV4 = REPO / "archive" / "dev4"   # dev4: README.md, "The dev4 split"
ARCHIVE_DEV5 = REPO / "archive" / "dev5"   # dev5: README.md, "The dev5 split"
ARCHIVE_DEV6 = REPO / "archive" / "dev6"   # dev6: README.md, "The dev6 split"
ARCHIVE_DEV7 = REPO / "archive" / "dev7"   # dev7: README.md, "The dev7 split"
ARCHIVE_HELDOUT2 = REPO / "archive" / "heldout2"   # README.md, "The heldout2 split"
SPLITS = ("heldout", "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "heldout2")

KINDS = ("casualty-figure", "event", "attribution", "investigation-finding", "demand",
         "instrument-citation")
COUNTS = ("killed", "injured", "exposed", "affected", "casualties")
GROUPS = ("people", "civilians", "children", "women", "opposition-fighters", "prisoners")
QUALIFIERS = ("exactly", "about", "more-than", "at-least", "up-to", "dozens", "hundreds",
              "thousands")
WORD_QUANTITIES = ("dozens", "hundreds", "thousands")
LANGUAGES = ("en", "ar", "fr")
TYPES = {"org": "org", "person": "person", "place": "place", "attack": "attack",
         "legal": "legal", "mech": "mech", "weapon": "weapon", "doc": "doc"}
ID_RE = re.compile(r"^(org|person|place|attack|legal|mech|weapon|doc):[a-z0-9]+(-[a-z0-9]+)*"
                   r"(--[a-z0-9]+(-[a-z0-9]+)*)?$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_QUOTE = 250          # hard limit (code points); the rule is "the shortest span", mostly < 200
ID_FIELDS = ("about", "perpetrators", "mechanisms", "instruments", "addressees")
NBSP = ("\u00a0", "\u202f")

REQUIRED = ("synthetic", "split", "file", "url", "publisher", "language", "sha256",
            "characters", "claims")
KIND_FIELD = {"attribution": "perpetrators", "demand": "mechanisms",
              "instrument-citation": "instruments"}


def fold_nbsp(text: str) -> str:
    """The text with every no-break space written as a plain space."""
    for ch in NBSP:
        text = text.replace(ch, " ")
    return text


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def known_ids(repo: Path = REPO) -> set[str]:
    """The `id:` keys of data/entities/*.yaml."""
    ids: set[str] = set()
    for path in sorted((repo / "data" / "entities").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text("utf-8")) or []:
            if isinstance(entry, dict) and "id" in entry:
                ids.add(entry["id"])
    return ids


def annotation_files(root: Path = HERE) -> list[Path]:
    return [p for split in SPLITS for p in sorted((root / split).glob("*.yaml"))]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def used_ids(claim: dict) -> list[str]:
    return [i for field in ID_FIELDS for i in _as_list(claim.get(field))]


def check_structure(path: Path, meta: dict, known: set[str]) -> list[str]:
    """Errors in one annotation file that can be found without its text."""
    errors: list[str] = []
    err = errors.append
    if not isinstance(meta, dict):
        return [f"{path.name}: not a mapping"]
    for key in REQUIRED:
        if key not in meta:
            err(f"missing key {key!r}")
    if meta.get("synthetic") is not False:
        err("synthetic must be false")
    if meta.get("split") != path.parent.name:
        err(f"split {meta.get('split')!r} is not the folder {path.parent.name!r}")
    if Path(str(meta.get("file", ""))).stem != path.stem:
        err(f"file {meta.get('file')!r} does not match the annotation's name")
    if meta.get("language") not in LANGUAGES:
        err(f"language {meta.get('language')!r}")
    if not SHA_RE.match(str(meta.get("sha256", ""))):
        err("sha256 is not 64 lower-case hex digits")
    if "sha256_nbsp_folded" in meta and not SHA_RE.match(str(meta["sha256_nbsp_folded"])):
        err("sha256_nbsp_folded is not 64 lower-case hex digits")
    if not isinstance(meta.get("characters"), int) or meta.get("characters", 0) <= 0:
        err("characters is not a positive integer")
    date = meta.get("date")
    if date is None:
        if not meta.get("date_note"):
            err("date is null but there is no date_note")
    elif not (isinstance(date, str) and ISO_DATE.match(date)):
        err(f"date {date!r} is not a quoted ISO date")

    declared: dict[str, str] = {}
    for ent in _as_list(meta.get("new_entities")):
        if not isinstance(ent, dict):
            err(f"new entity {ent!r} is not a mapping")
            continue
        eid, etype = ent.get("id"), ent.get("type")
        if not isinstance(eid, str) or not ID_RE.match(eid):
            err(f"new entity id {eid!r} is malformed")
            continue
        if etype not in TYPES or eid.split(":")[0] != TYPES[etype]:
            err(f"new entity {eid}: type {etype!r} does not fit its prefix")
        if not ent.get("label"):
            err(f"new entity {eid}: no label")
        if ent.get("language") not in LANGUAGES:
            err(f"new entity {eid}: language {ent.get('language')!r}")
        # no check against data/entities here: ids new when a text was annotated join
        # data/entities as the real documents are curated into data/ (issue 16); an id's
        # prefix fixes its type in both
        if eid in declared:
            err(f"new entity {eid} declared twice")
        declared[eid] = etype

    claims = meta.get("claims")
    if not isinstance(claims, list) or not claims:
        err("claims is not a non-empty list")
        claims = []
    for n, claim in enumerate(claims, 1):
        where = f"claim {n}"
        if not isinstance(claim, dict):
            err(f"{where}: not a mapping")
            continue
        kind = claim.get("kind")
        if kind not in KINDS:
            err(f"{where}: kind {kind!r}")
        quote = claim.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            err(f"{where}: empty quote")
        elif len(quote) > MAX_QUOTE:
            err(f"{where}: quote of {len(quote)} characters (limit {MAX_QUOTE})")
        elif quote != quote.strip():
            err(f"{where}: quote starts or ends with white space")
        occ = claim.get("occurrence")
        if occ is not None and (not isinstance(occ, int) or occ < 1):
            err(f"{where}: occurrence {occ!r}")
        if not _as_list(claim.get("about")):
            err(f"{where}: no about")
        for field in ID_FIELDS:
            value = claim.get(field)
            if value is not None and not isinstance(value, list):
                err(f"{where}: {field} is not a list")
        for eid in used_ids(claim):
            if not isinstance(eid, str) or not ID_RE.match(eid):
                err(f"{where}: malformed id {eid!r}")
            elif eid not in known and eid not in declared:
                err(f"{where}: unknown id {eid} (not in data/entities, not in new_entities)")
        if kind == "casualty-figure":
            figures = claim.get("figures")
            if not isinstance(figures, list) or not figures:
                err(f"{where}: no figures")
                figures = []
            for fig in figures:
                if not isinstance(fig, dict) or set(fig) - {"counts", "group", "qualifier", "value"}:
                    err(f"{where}: figure {fig!r} has other keys")
                    continue
                if fig.get("counts") not in COUNTS:
                    err(f"{where}: counts {fig.get('counts')!r}")
                if fig.get("group") not in GROUPS:
                    err(f"{where}: group {fig.get('group')!r}")
                q = fig.get("qualifier")
                if q not in QUALIFIERS:
                    err(f"{where}: qualifier {q!r}")
                value = fig.get("value")
                if q in WORD_QUANTITIES:
                    if value is not None:
                        err(f"{where}: a word quantity ({q}) has no value")
                elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    err(f"{where}: value {value!r} is not a whole number")
        elif kind == "event":
            d = claim.get("event_date")
            if not (isinstance(d, str) and ISO_DAY.match(d)):
                err(f"{where}: event_date {d!r} is not a quoted YYYY-MM-DD")
        elif kind in KIND_FIELD:
            if not _as_list(claim.get(KIND_FIELD[kind])):
                err(f"{where}: {kind} without {KIND_FIELD[kind]}")
        elif kind == "investigation-finding":
            if "perpetrators" in claim and not isinstance(claim["perpetrators"], list):
                err(f"{where}: perpetrators is not a list")
    for n, item in enumerate(_as_list(meta.get("not_gold")), 1):
        if not isinstance(item, dict) or not item.get("quote") or not item.get("reason"):
            err(f"not_gold {n}: needs a quote and a reason")
        elif len(item["quote"]) > MAX_QUOTE:
            err(f"not_gold {n}: quote of {len(item['quote'])} characters")
    return [f"{path.parent.name}/{path.name}: {e}" for e in errors]


def quotes(meta: dict):
    """(label, quote, occurrence) of every claim and not_gold item."""
    for n, claim in enumerate(meta.get("claims") or [], 1):
        yield f"claim {n}", claim.get("quote"), claim.get("occurrence")
    for n, item in enumerate(meta.get("not_gold") or [], 1):
        yield f"not_gold {n}", item.get("quote"), item.get("occurrence")


def check_text(path: Path, meta: dict, text: str, allow_nbsp: bool = False) -> list[str]:
    """Errors found by comparing one annotation file with its archived text."""
    errors: list[str] = []
    fold = False
    if sha256(text) != meta.get("sha256"):
        folded = meta.get("sha256_nbsp_folded")
        if folded and sha256(fold_nbsp(text)) == folded:
            fold = True  # same text but for where no-break spaces are: compare folded
            if not allow_nbsp:
                errors.append("SHA-256 differs, but the text is the annotated one once no-break "
                              "spaces are read as spaces (--allow-nbsp-variants accepts it)")
        else:
            errors.append("SHA-256 of the archived text differs from the annotation's sha256")
    if len(text) != meta.get("characters"):
        errors.append(f"text has {len(text)} characters, annotation says {meta.get('characters')}")
    haystack = fold_nbsp(text) if fold else text
    for label, quote, occ in quotes(meta):
        if not isinstance(quote, str) or not quote:
            continue
        needle = fold_nbsp(quote) if fold else quote
        count = haystack.count(needle)
        if count == 0:
            errors.append(f"{label}: quote not in text: {quote[:80]!r}")
        elif occ is None and count > 1:
            errors.append(f"{label}: quote occurs {count} times but has no occurrence")
        elif occ is not None and occ > count:
            errors.append(f"{label}: occurrence {occ} but the quote occurs {count} times")
    return [f"{path.parent.name}/{path.name}: {e}" for e in errors]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="check.py", description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE,
                        help=f"folder of the archived texts (default {ARCHIVE})")
    parser.add_argument("--archive-dev2", type=Path, default=ARCHIVE_DEV2,
                        help=f"folder of the dev2 split's texts (default {ARCHIVE_DEV2})")
    parser.add_argument("--archive-dev3", type=Path, default=ARCHIVE_DEV3,
                        help=f"folder of the dev3 split's texts (default {ARCHIVE_DEV3})")
    parser.add_argument("--archive-dev4", type=Path, default=ARCHIVE_DEV4,
                        help=f"folder of the dev4 split's texts (default {ARCHIVE_DEV4})")
    parser.add_argument("--archive-dev5", type=Path, default=ARCHIVE_DEV5,
                        help=f"folder of the dev5 split's texts (default {ARCHIVE_DEV5})")
    parser.add_argument("--archive-dev6", type=Path, default=ARCHIVE_DEV6,
                        help=f"folder of the dev6 split's texts (default {ARCHIVE_DEV6})")
    parser.add_argument("--archive-dev7", type=Path, default=ARCHIVE_DEV7,
                        help=f"folder of the dev7 split's texts (default {ARCHIVE_DEV7})")
    parser.add_argument("--archive-heldout2", type=Path, default=ARCHIVE_HELDOUT2,
                        help=f"folder of the heldout2 split's texts (default {ARCHIVE_HELDOUT2})")
    parser.add_argument("--allow-nbsp-variants", action="store_true",
                        help="accept a text that matches once no-break spaces are plain spaces")
    args = parser.parse_args(argv)
    known = known_ids()
    files = annotation_files()
    all_errors: list[str] = []
    missing: list[str] = []
    types: dict[str, tuple[str, str]] = {}
    for path in files:
        meta = load(path)
        errors = check_structure(path, meta, known)
        for ent in (meta.get("new_entities") or []) if isinstance(meta, dict) else []:
            if isinstance(ent, dict) and ent.get("id"):
                first = types.setdefault(ent["id"], (ent.get("type"), path.name))
                if first[0] != ent.get("type"):
                    errors.append(f"{path.parent.name}/{path.name}: {ent['id']} has type "
                                  f"{ent.get('type')!r} here and {first[0]!r} in {first[1]}")
        n_claims = len(meta.get("claims") or []) if isinstance(meta, dict) else 0
        folder = {"dev2": args.archive_dev2, "dev3": args.archive_dev3,
                  "dev4": args.archive_dev4, "dev5": args.archive_dev5,
                  "dev6": args.archive_dev6, "dev7": args.archive_dev7,
                  "heldout2": args.archive_heldout2}.get(path.parent.name, args.archive)
        text_path = folder / str(meta.get("file", "")) if isinstance(meta, dict) else None
        if text_path is not None and text_path.is_file():
            text = text_path.read_text("utf-8")
            errors += check_text(path, meta, text, args.allow_nbsp_variants)
            state = "text checked"
        else:
            missing.append(f"{path.parent.name}/{path.stem}")
            state = "TEXT MISSING"
        status = "ERROR" if errors else "ok"
        print(f"{status:5} {path.parent.name:7} {path.stem:62} {n_claims:3} claims  {state}")
        all_errors += errors
    print()
    if missing:
        print(f"{len(missing)} of {len(files)} texts are missing from {args.archive}, "
              f"{args.archive_dev2}, {args.archive_dev3}, {args.archive_dev4}, {args.archive_dev5}, "
              f"{args.archive_dev6}, {args.archive_dev7} or {args.archive_heldout2} "
              f"(structure and ids checked, quotes not): " + ", ".join(missing))
    for e in all_errors:
        print("ERROR", e)
    print(f"{len(files)} annotation files, {len(all_errors)} errors")
    return 1 if all_errors or not files else 0


if __name__ == "__main__":
    sys.exit(main())
