"""The real evaluation set (benchmarks/extraction/real): its gold annotations, checked.

The structural checks (fields well-formed, ids known, quotes non-empty and short) run on
every annotation without the texts. The text checks (SHA-256, every quote in the text)
run only on texts present in the git-ignored archive; for a missing text the test is
skipped with a reason naming the archive folder, which `pytest -ra` prints.

check.py is loaded from its file: it uses the standard library and PyYAML only, never cwkg.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from ..conftest import REPO

REAL = REPO / "benchmarks" / "extraction" / "real"


def _load_check():
    spec = importlib.util.spec_from_file_location("real_set_check", REAL / "check.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _load_check()
FILES = check.annotation_files(REAL)
KNOWN = check.known_ids(REPO)


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem[:40]}"


def test_the_set_is_complete_and_split_as_documented():
    metas = [check.load(p) for p in FILES]
    by_split = Counter((m["split"], m["language"]) for m in metas)
    assert by_split == Counter({("heldout", "en"): 8, ("heldout", "ar"): 4,
                                ("dev", "en"): 16, ("dev", "ar"): 4, ("dev", "fr"): 1,
                                ("dev2", "en"): 7, ("dev2", "ar"): 7,
                                ("dev3", "en"): 8, ("dev3", "ar"): 5,
                                ("dev4", "en"): 6, ("dev4", "ar"): 6,
                                ("dev5", "en"): 6, ("dev5", "ar"): 6,
                                ("dev6", "en"): 6, ("dev6", "ar"): 6,
                                ("dev7", "en"): 5, ("dev7", "ar"): 6,
                                ("heldout2", "en"): 6, ("heldout2", "ar"): 5})
    assert len({m["file"] for m in metas}) == 118


def test_the_texts_are_kept_out_of_git():
    ignored = (REPO / ".gitignore").read_text("utf-8").splitlines()
    # "/archive", not "/archive/": a symbolic link to an archive elsewhere is ignored too
    assert "/archive" in ignored
    assert not any(p.suffix == ".txt" for p in REAL.rglob("*")), "no text files in the set"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_annotation_is_well_formed_and_its_ids_are_known(path):
    meta = check.load(path)
    assert check.check_structure(path, meta, KNOWN) == []
    for _, quote, _ in check.quotes(meta):
        assert quote and len(quote) <= check.MAX_QUOTE
        assert not any(ch in quote for ch in check.NBSP), "no quote spans a no-break space"


def test_a_new_entity_has_one_type_everywhere():
    types: dict[str, set[str]] = {}
    for path in FILES:
        for ent in check.load(path).get("new_entities") or []:
            types.setdefault(ent["id"], set()).add(ent["type"])
    assert {i: t for i, t in types.items() if len(t) > 1} == {}


def test_quotes_are_short():
    lengths = sorted(len(q) for p in FILES for _, q, _ in check.quotes(check.load(p)))
    assert lengths[len(lengths) // 2] < 100          # the median quote is a phrase
    assert sum(n > 200 for n in lengths) <= len(lengths) // 20


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_annotation_matches_its_archived_text(path):
    meta = check.load(path)
    archive = {"dev2": check.ARCHIVE_DEV2, "dev3": check.ARCHIVE_DEV3,
               "dev4": check.ARCHIVE_DEV4, "dev5": check.ARCHIVE_DEV5,
               "dev6": check.ARCHIVE_DEV6, "dev7": check.ARCHIVE_DEV7,
               "heldout2": check.ARCHIVE_HELDOUT2}.get(path.parent.name, check.ARCHIVE)
    text_path = archive / meta["file"]
    if not text_path.is_file():
        pytest.skip(f"text not in the archive folder {archive} ({meta['file']}); "
                    "see benchmarks/extraction/real/README.md for how to get it")
    # a copy that differs from the annotated text only in where its no-break spaces are
    # is accepted, as check.py --allow-nbsp-variants does (the store shows them as spaces;
    # real/README.md, "Getting the texts"); its quotes are then compared with them folded
    assert check.check_text(path, meta, text_path.read_text("utf-8"), allow_nbsp=True) == []


def test_check_reports_a_wrong_quote_and_an_unknown_id(tmp_path):
    path = FILES[0]
    meta = check.load(path)
    meta["claims"][0]["quote"] = "words that are in no document"
    meta["claims"][0]["about"] = ["attack:nowhere-1999"]
    errors = check.check_structure(path, meta, KNOWN)
    assert any("unknown id attack:nowhere-1999" in e for e in errors)
    errors = check.check_text(path, meta, "some other text")
    assert any("SHA-256" in e for e in errors) and any("quote not in text" in e for e in errors)


def test_no_held_out_document_is_in_data():
    """The held-out splits are scored, never tuned on: none of their texts may be curated into
    data/ (by its file name or the SHA-256 of its text); the dev split's are."""
    import yaml

    metas = [check.load(p) for p in FILES]
    held_out = {m["sha256"] for m in metas if m["split"] in ("heldout", "heldout2")} | \
        {m["file"] for m in metas if m["split"] in ("heldout", "heldout2")}
    dev = {m["sha256"] for m in metas if m["split"] == "dev"}
    sources = [yaml.safe_load(p.read_text("utf-8"))
               for p in (REPO / "data" / "sources").glob("*.yaml")]
    in_data = {s["sha256"] for s in sources} | {str(s.get("original_file")) for s in sources}
    assert not held_out & in_data
    assert len(dev & in_data) == 21  # the 21 dev documents curated in data/
