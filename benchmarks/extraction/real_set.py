"""The real evaluation set (``real/``): gold items of the archived texts that are present.

The texts are third-party material kept outside git (``archive/corpus/`` by default,
``archive/dev2/`` to ``archive/dev7/`` for the dev2 to dev7 splits, ``archive/heldout2/`` for
heldout2; see ``real/README.md``). A document is scored only when its text is there and is the one that
was annotated (its SHA-256, or the same text up to where no-break spaces are, which
``real/check.py`` also accepts); every other document is named with the reason, never
scored and never counted as found or missed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks.extraction.scoring import Item, items
from cwkg.load.anchoring import anchor

REAL = Path(__file__).resolve().parent / "real"
SPLITS = {"real-dev": "dev", "real-heldout": "heldout", "real-dev2": "dev2",
          "real-dev3": "dev3", "real-dev4": "dev4", "real-dev5": "dev5",
          "real-dev6": "dev6", "real-dev7": "dev7", "real-heldout2": "heldout2"}
# where each split's texts are by default (the corpus's, and the later dev splits' own folders)
ARCHIVES = {"dev": Path("archive/corpus"), "heldout": Path("archive/corpus"),
            "dev2": Path("archive/dev2"), "dev3": Path("archive/dev3"),
            "dev4": Path("archive/dev4"), "dev5": Path("archive/dev5"),
            "dev6": Path("archive/dev6"), "dev7": Path("archive/dev7"),
            "heldout2": Path("archive/heldout2")}
NBSP = ("\u00a0", "\u202f")


@dataclass
class RealDocument:
    name: str            # the annotation's file stem ("11_sams_sarmin_...")
    split: str           # "dev", "heldout", "dev2" to "dev7" or "heldout2"
    language: str
    date: dt.date | None  # None when the text states no full date (the annotation's `date`)
    text: str | None = None
    status: str = "missing"   # "ok", "nbsp-variant", "missing", "differs"
    gold: list[Item] = field(default_factory=list)

    @property
    def scored(self) -> bool:
        return self.status in ("ok", "nbsp-variant")


def fold_nbsp(text: str) -> str:
    for ch in NBSP:
        text = text.replace(ch, " ")
    return text


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _date(value) -> dt.date | None:
    """A full ISO day, else None: "2020-04" or null give the extractor no day to resolve
    relative dates against (rule E3: only a date the text states counts)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def real_documents(split: str, archive: Path, root: Path = REAL) -> list[RealDocument]:
    """Every annotated document of ``split`` (a folder of ``root``) under ``root``, with its
    text and gold items when the archive holds the annotated text."""
    docs = []
    for path in sorted((root / split).glob("*.yaml")):
        meta = yaml.safe_load(path.read_text("utf-8"))
        doc = RealDocument(path.stem, split, meta["language"], _date(meta.get("date")))
        text_path = Path(archive) / meta["file"]
        docs.append(doc)
        if not text_path.is_file():
            continue
        text = text_path.read_bytes().decode("utf-8", errors="replace")
        if _sha(text) == meta["sha256"]:
            doc.status = "ok"
        elif meta.get("sha256_nbsp_folded") and _sha(fold_nbsp(text)) == meta["sha256_nbsp_folded"]:
            doc.status = "nbsp-variant"   # quotes are anchored in the folded text (same offsets)
        else:
            doc.status = "differs"
            continue
        doc.text = text
        haystack = fold_nbsp(text) if doc.status == "nbsp-variant" else text
        for claim in meta["claims"]:
            a = anchor(haystack, claim["quote"], claim.get("occurrence"))
            doc.gold += items(claim["kind"], claim, a.start, a.end, doc.name)
    return docs


def availability(docs: list[RealDocument], archive: Path) -> list[str]:
    """Lines naming what could not be scored, and why."""
    lines = []
    missing = [d.name for d in docs if d.status == "missing"]
    differs = [d.name for d in docs if d.status == "differs"]
    if missing:
        lines.append(f"not in {archive} ({len(missing)} of {len(docs)}): " + ", ".join(missing))
    if differs:
        lines.append(f"in {archive} but not the annotated text (SHA-256 differs; not scored): "
                     + ", ".join(differs))
    variants = [d.name for d in docs if d.status == "nbsp-variant"]
    if variants:
        lines.append("scored with no-break spaces read as spaces (the annotated text up to "
                     "where they stand): " + ", ".join(variants))
    return lines
