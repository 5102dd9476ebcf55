"""A save changes the curator's field and nothing else: the diff of each seed claims file
after editing one field is exactly that field's lines (comments, key order, blank lines,
quoting and the other claims untouched)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwkg.curate import roundtrip as rt
from cwkg.curate.edits import _apply, _keep_trailer, edit_claim
from cwkg.curate.review import open_source
from cwkg.ingest.anchors import claim_items
from cwkg.load import yamlio
from cwkg.load.claims import ID_LIST_KEYS

from ..conftest import DATA

SEEDS = sorted(p.stem for p in (DATA / "claims").glob("*.yaml"))
# one edit of each kind a curator makes, on a claim of each seed that can take it:
# a figure's number, an id added to a list, a scalar replaced, a key added, a key removed
EDITS = [
    ("wh-2024-04-04", "c07", "figures",
     [{"counts": "killed", "group": "people", "qualifier": "more-than", "value": 91}]),
    ("wh-2024-04-04", "c03", "about", ["attack:khan-sheikhoun-2017", "attack:douma-2018"]),
    ("wh-2024-04-04", "c05", "kind", "commemoration"),
    ("wh-2024-04-04", "c04", "event_date", "2017-04-04"),
    ("wh-2024-04-04", "c03", "place", None),
    ("news-2021-04-04", "c01", "kind", "characterisation"),
    ("news-2021-04-04", "c10", "weapon", "weapon:sarin"),
    ("soc-2020-04-04", "c01", "kind", "characterisation"),
    ("soc-2020-04-04", "c02", "accused", ["org:assad-regime"]),
    ("news-2021-04-04", "c29", "period", {"start": "2012"}),
    # a claim whose identification is a flow mapping wrapped over two lines: kept wrapped
    ("news-2021-04-04", "c06", "instruments", ["legal:un-charter-ch7", "legal:unscr-2118"]),
]


def field_lines(text: str, claim: str, key: str) -> list[str]:
    """The lines of ``key`` in ``claim``'s block: its key line and the lines that continue
    it (deeper indented, comment lines within it included), without the blank lines and
    comments that end the block."""
    lines = text.split("\n")
    for item, _ in claim_items(yamlio.loads(text, "x.yaml")):
        if str(item.get("id")) == claim and key in item:
            start = item.key_line(key) - 1
            indent = len(lines[start]) - len(lines[start].lstrip())
            end = start + 1
            while end < len(lines) and lines[end].strip() and \
                    len(lines[end]) - len(lines[end].lstrip()) > indent:
                end += 1
            while lines[end - 1].lstrip().startswith("#"):  # comments after it end it
                end -= 1
            return lines[start:end]
    return []


def as_list(key: str, value):
    """An id list as a list (the files may write a single id without brackets)."""
    return [value] if key in ID_LIST_KEYS and isinstance(value, str) else value


def within(changed: list[str], lines: list[str]) -> bool:
    """``changed`` is a run of ``lines`` (a figure's line of a figures list, or all of it)."""
    return not changed or any(lines[n:n + len(changed)] == changed for n in range(len(lines)))


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines a diff removes and adds (difflib without its 'popular line' heuristic,
    which would show a repeated line such as 'stated_by: author' as changed)."""
    a, b = old.splitlines(), new.splitlines()
    removed, added = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def test_every_seed_gets_an_edit():
    """Every claims file whose text is in data/sources; saving an edit of a real document's
    claim needs its text (kept outside the repository: its anchor is computed from it), so
    those files go through the writer alone, below."""
    assert {seed for seed, *_ in EDITS} == \
        {s for s in SEEDS if (DATA / "sources" / f"{s}.txt").exists()} == \
        {"wh-2024-04-04", "news-2021-04-04", "soc-2020-04-04"}


@pytest.mark.parametrize("seed, claim, key, value", EDITS,
                         ids=[f"{s}-{c}-{k}" for s, c, k, _ in EDITS])
def test_the_diff_is_that_field_alone(data_copy, seed, claim, key, value):
    path = data_copy / "claims" / f"{seed}.yaml"
    old = path.read_text("utf-8")
    review = open_source(data_copy, seed)
    saved = edit_claim(data_copy, seed, claim, {key: value}, review.version)
    new = path.read_text("utf-8")
    assert saved.changed == [claim] and new != old
    removed, added = changed_lines(old, new)
    assert removed or added
    assert within(removed, field_lines(old, claim, key))
    assert within(added, field_lines(new, claim, key))
    # the data agrees: this field changed, and only it
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    edited = next(c for c in after["claims"] if c["id"] == claim)
    assert as_list(key, edited.get(key)) == as_list(key, value)
    for a, b in zip(before["claims"], after["claims"]):
        if a["id"] != claim:
            assert a == b
        else:
            assert {k: v for k, v in a.items() if k != key} == \
                {k: v for k, v in b.items() if k != key}


def test_a_comment_before_a_lists_first_item_stays_with_the_list():
    """'figures:', a comment line, then the figures (as snhr-2014-08-18 c03 writes them):
    new figures keep the comment above them, and the file stays YAML."""
    old = ("claims:\n  - id: c03\n    figures:\n      # a share gives no figure\n"
           "      - {counts: killed, group: people, qualifier: at-least, value: 1127}\n"
           "    quote: \"killed 1127 at least\"\n")
    doc = rt.parse(old, "x.yaml")
    _apply(doc.data["claims"][0], {"figures": [
        {"counts": "killed", "group": "people", "qualifier": "exactly", "value": 3}]})
    assert doc.render() == old.replace("at-least, value: 1127", "exactly, value: 3")


# the round-trip writer alone, on any claim of any seed and any field: the changed lines
# are the field's (no build checks: what the writer does to the text)
_VALUES = {
    "kind": st.sampled_from(["event", "demand", "characterisation"]),
    "stated_by": st.sampled_from(["author", "org:white-helmets"]),
    "about": st.lists(st.sampled_from(["attack:douma-2018", "attack:ghouta-2013",
                                       "place:syria"]), min_size=1, max_size=3, unique=True),
    "event_date": st.sampled_from(["2017-04-04", "2013-08-21"]),
    "weapon": st.sampled_from(["weapon:sarin", "weapon:chlorine", None]),
    "figures": st.lists(st.fixed_dictionaries(
        {"counts": st.sampled_from(["killed", "injured"]), "group": st.just("people"),
         "qualifier": st.just("exactly"), "value": st.integers(0, 2000)}),
        min_size=1, max_size=2),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), pick=st.integers(0, 60), data=st.data())
def test_the_writer_changes_only_the_field_it_sets(seed, pick, data):
    old = (DATA / "claims" / f"{seed}.yaml").read_text("utf-8")
    doc = rt.parse(old, "x.yaml")
    claims = doc.data["claims"]
    item = claims[pick % len(claims)]
    local = str(item["id"])
    key = data.draw(st.sampled_from(sorted(_VALUES)))
    value = data.draw(_VALUES[key])
    rt.detach_trailing_comment(item)
    _apply(item, {key: value})
    new = _keep_trailer(old, doc.render(), Path("x.yaml"), local)
    removed, added = changed_lines(old, new)
    assert within(removed, field_lines(old, local, key))
    assert within(added, field_lines(new, local, key))
    edited = next(c for c in yaml.safe_load(new)["claims"] if c["id"] == local)
    assert as_list(key, edited.get(key)) == as_list(key, value)
