"""The dataset checks (``#+ scope: dataset``) after an edit run again only for what the
edit touched (cwkg.validate.across); the findings must be exactly a whole run's, whether
the edit makes a finding across sources appear, disappear or move to another attack."""

import random
import re
import shutil

import pytest
from benchmarks.generate import generate

from cwkg.build.write import build
from cwkg.cli import main
from cwkg.validate import across
from cwkg.validate import batches as batched
from cwkg.validate.report import Finding

DATASET_CHECKS = {"query:event-date-not-the-attacks-violation]",
                  "query:figure-far-from-other-sources-violation]",
                  "query:subgroup-above-other-totals-violation]"}
ATTACKS = 4
SPARE = [("sources", "synthetic-00030.yaml"), ("sources", "synthetic-00030.txt"),
         ("claims", "synthetic-00030.yaml")]


def _attack(match) -> str:
    return f"attack:synthetic-attack-{int(match.group(1)) % ATTACKS:04d}"


@pytest.fixture(scope="module")
def crowded_corpus(tmp_path_factory):
    """A synthetic corpus whose claims are about four attacks, so that the sources
    disagree: figures five times apart, event dates that are not the attack's, and one
    source giving children killed but no total. One more source waits in spare/."""
    root = tmp_path_factory.mktemp("crowded")
    generate(31, root, seed=5)
    data = root / "data"
    for path in sorted((data / "claims").glob("*.yaml")):
        path.write_text(re.sub(r"attack:synthetic-attack-(\d{4})", _attack, path.read_text()))
    # children killed and no total, about an attack one other source gives a total of
    claims = data / "claims" / "synthetic-00003.yaml"
    claims.write_text(claims.read_text()
                      .replace("      - {counts: killed, group: people, qualifier: exactly, "
                               "value: 571}\n", "")
                      .replace("group: children, qualifier: exactly, value: 3}",
                               "group: children, qualifier: exactly, value: 99999}")
                      .replace("about: attack:synthetic-attack-0001",
                               "about: attack:synthetic-attack-0005", 1))
    claims = data / "claims" / f"{_exact_total_source(data)}.yaml"
    blocks = claims.read_text().split("\n  - id: ")
    at = next(i for i, block in enumerate(blocks) if "group: people, qualifier: exactly" in block)
    blocks[at] = re.sub(r"about: attack:synthetic-attack-\d{4}",
                        "about: attack:synthetic-attack-0005", blocks[at])
    claims.write_text("\n  - id: ".join(blocks))
    spare = data / "claims" / "synthetic-00030.yaml"  # far below the others' figures
    spare.write_text(re.sub(r"value: \d+", "value: 2", spare.read_text(), count=1))
    for folder, name in SPARE:
        (root / "spare" / folder).mkdir(parents=True, exist_ok=True)
        shutil.move(data / folder / name, root / "spare" / folder / name)
    return root


@pytest.fixture()
def corpus(crowded_corpus, tmp_path):
    shutil.copytree(crowded_corpus, tmp_path / "c")
    return tmp_path / "c"


def _lines(report) -> list[str]:
    return [f.line() for f in report.findings]


def _whole_run(data, out, **options) -> list[str]:
    """Every source validated and every check run on the whole dataset (no memo)."""
    return _lines(batched.validate_data(data, out, workers=1, use_memo=False, **options)[0])


class Runs:
    """How validation checked the dataset: each run on the whole dataset, and the number
    of sources in each store made to check only what changed."""

    def __init__(self, monkeypatch):
        self.whole, self.partial = 0, []
        whole, store_of = across._on_the_whole, across.store_of

        def counted_whole(*args):
            self.whole += 1
            return whole(*args)

        def counted_store_of(prepared, sources, out_dir, **options):
            self.partial.append(len(sources))
            return store_of(prepared, sources, out_dir, **options)

        monkeypatch.setattr(across, "_on_the_whole", counted_whole)
        monkeypatch.setattr(across, "store_of", counted_store_of)

    def reset(self):
        self.whole, self.partial = 0, []


def _validated(data, out, **options) -> list[str]:
    return _lines(batched.validate_data(data, out, workers=1, **options)[0])


def _kinds(lines: list[str]) -> set[str]:
    return {line.rsplit("[", 1)[1] for line in lines}


def test_the_corpus_trips_every_dataset_check(corpus):
    build(corpus / "data", corpus / "build")
    assert DATASET_CHECKS <= _kinds(_whole_run(corpus / "data", corpus / "build"))


def test_right_after_a_build_nothing_is_checked_again(corpus, monkeypatch, capsys):
    where = ["--data", str(corpus / "data"), "--out", str(corpus / "build")]
    assert main([*where, "build"]) == 0  # it validates, and keeps what it found
    capsys.readouterr()
    runs = Runs(monkeypatch)
    jobs = []
    real_job = batched._validate_job
    monkeypatch.setattr(batched, "_validate_job", lambda job: jobs.append(job) or real_job(job))
    assert main([*where, "validate"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert (jobs, runs.whole, runs.partial) == ([], 0, [])
    assert main([*where, "build"]) == 0  # nothing changed: nor does its validation check
    assert (jobs, runs.whole, runs.partial) == ([], 0, [])
    assert sorted(printed) == sorted(_whole_run(corpus / "data", corpus / "build"))


def _blocks(data, source: str) -> list[str]:
    return (data / "claims" / f"{source}.yaml").read_text().split("\n  - id: ")


def _compared(block: str) -> bool:
    """An exact total about one of the attacks the sources compare figures of."""
    return "group: people, qualifier: exactly" in block \
        and re.search(rf"about: attack:synthetic-attack-000[0-{ATTACKS - 1}]", block) is not None


def _set_figure(data, source: str, value: int) -> None:
    """The first compared total of ``source`` becomes ``value`` (its quote does not say
    the number: the loader does not compare them)."""
    blocks = _blocks(data, source)
    at = next((i for i, block in enumerate(blocks) if _compared(block)), None)
    if at is None:
        return
    blocks[at] = re.sub(r"group: people, qualifier: exactly, value: \d+",
                        f"group: people, qualifier: exactly, value: {value}", blocks[at])
    (data / "claims" / f"{source}.yaml").write_text("\n  - id: ".join(blocks))


def _move_about(data, source: str, attack: int) -> None:
    path = data / "claims" / f"{source}.yaml"
    path.write_text(re.sub(r"about: attack:synthetic-attack-\d{4}",
                           f"about: attack:synthetic-attack-{attack:04d}", path.read_text()))


def _drop_claims(data, source: str) -> None:
    path = data / "claims" / f"{source}.yaml"
    path.write_text(path.read_text().split("claims:\n")[0] + "claims: []\n")


def _delete(data, source: str) -> None:
    for path in (data / "sources" / f"{source}.yaml", data / "sources" / f"{source}.txt",
                 data / "claims" / f"{source}.yaml"):
        path.unlink()


def _add_spare(data) -> None:
    for folder, name in SPARE:
        shutil.copy(data.parent / "spare" / folder / name, data / folder / name)


def _exact_total_source(data) -> str:
    return next(p.stem for p in sorted((data / "claims").glob("*.yaml"))
                if "group: people, qualifier: exactly" in p.read_text())


def _compared_source(data) -> str:
    return next(p.stem for p in sorted((data / "claims").glob("*.yaml"))
                if any(_compared(block) for block in _blocks(data, p.stem)))


EDITS = {
    "a figure far from the others appears": lambda data: _set_figure(
        data, _compared_source(data), 9_999_999),
    "claims move to another attack": lambda data: _move_about(data, "synthetic-00003", 2),
    "a source's claims are withdrawn": lambda data: _drop_claims(data, "synthetic-00003"),
    "a source is deleted": lambda data: _delete(data, "synthetic-00007"),
    "a source is added": _add_spare,
}


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_the_findings_are_a_whole_runs(corpus, monkeypatch, edit):
    data, out = corpus / "data", corpus / "build"
    build(data, out)
    before = _validated(data, out)
    runs = Runs(monkeypatch)
    EDITS[edit](data)
    after = _validated(data, out)
    assert runs.whole == 0 and len(runs.partial) == 1 and runs.partial[0] < 30
    assert after == _whole_run(data, out)
    assert {line for line in set(before) ^ set(after)
            if line.rsplit("[", 1)[1] in DATASET_CHECKS}, "the edit changes a finding across sources"


def test_a_finding_that_appears_disappears_again(corpus, monkeypatch):
    data, out = corpus / "data", corpus / "build"
    build(data, out)
    source = _compared_source(data)
    original = (data / "claims" / f"{source}.yaml").read_text()
    first = _validated(data, out)
    runs = Runs(monkeypatch)
    _set_figure(data, source, 9_999_999)
    far = [line for line in _validated(data, out)
           if "figure-far" in line and "value: \"9999999\"" in line]
    assert len(far) == 1 and f"claims/{source}.yaml:" in far[0]
    (data / "claims" / f"{source}.yaml").write_text(original)
    assert _validated(data, out) == first
    assert runs.whole == 0 and len(runs.partial) == 2
    assert first == _whole_run(data, out)


def test_random_edits_in_a_row_keep_to_a_whole_run(corpus, monkeypatch):
    """Edits one after another, each validated with what the last validation kept (a
    build between some of them), each compared with a whole run."""
    data, out = corpus / "data", corpus / "build"
    build(data, out)
    _validated(data, out)
    rng = random.Random(19)
    runs = Runs(monkeypatch)
    partial = 0
    sources = sorted(p.stem for p in (data / "claims").glob("*.yaml"))
    for step in range(12):
        source = rng.choice(sources)
        kind = rng.randrange(3)
        if kind == 0:
            _set_figure(data, source, rng.choice([1, 10, 500, 100_000]))
        elif kind == 1:
            _move_about(data, source, rng.randrange(ATTACKS))
        else:
            _drop_claims(data, source)
        if step % 3 == 2:
            build(data, out)
        found = _validated(data, out)
        assert runs.whole == 0 and len(runs.partial) <= 1, (step, source, kind)  # 0: no change
        partial += len(runs.partial)
        assert found == _whole_run(data, out), (step, source, kind)
        runs.reset()
    assert partial >= 5


def test_another_reference_graph_checks_the_whole_dataset(corpus, monkeypatch):
    data, out = corpus / "data", corpus / "build"
    build(data, out)
    _validated(data, out)
    runs = Runs(monkeypatch)
    attacks = data / "entities" / "attacks.yaml"
    attacks.write_text(re.sub(r'date: "\d{4}-\d\d-\d\d"', 'date: "2013-05-05"',
                              attacks.read_text(), count=1))
    found = _validated(data, out)
    assert runs.whole == 1 and runs.partial == []
    assert found == _whole_run(data, out)


def test_a_check_without_a_partition_runs_on_the_whole_dataset(corpus, monkeypatch):
    from cwkg.query.catalogue import QUERIES_DIR
    data, out = corpus / "data", corpus / "build"
    queries = corpus / "queries"
    shutil.copytree(QUERIES_DIR, queries)
    check = queries / "figure-far-from-other-sources-violation.rq"
    check.write_text(check.read_text().replace("#+ partition: attack\n", ""))
    build(data, out)
    _validated(data, out, queries_dir=queries)
    runs = Runs(monkeypatch)
    _set_figure(data, _compared_source(data), 9_999_999)
    found = _validated(data, out, queries_dir=queries)
    assert runs.whole == 1 and runs.partial == []
    assert found == _whole_run(data, out, queries_dir=queries)


def test_the_same_dataset_is_not_checked_again(corpus, monkeypatch):
    """The kept findings come back as they were kept (a made-up finding that only the
    first run gives stays), until a source changes."""
    data, out = corpus / "data", corpus / "build"
    build(data, out)
    marker = Finding("x.yaml:1", "Warning", "query:figure-far-from-other-sources-violation",
                     "claim:x-c01", None, None, "a finding only the first run gives")
    runs = []
    real = across._on_the_whole

    def first_with_marker(*args):
        rows = real(*args)
        if not runs:
            rows["figure-far-from-other-sources-violation"].append(("attack:x", marker))
        runs.append(1)
        return rows

    monkeypatch.setattr(across, "_on_the_whole", first_with_marker)
    first = _validated(data, out)
    assert runs == [1] and marker.line() in first
    assert _validated(data, out) == first and runs == [1]
    _set_figure(data, _compared_source(data), 9_999_999)
    assert marker.line() in _validated(data, out)  # its attack was not touched
    assert runs == [1]


EVERY_ATTACK = """#+ summary: Every attack, the rows the reference graph alone gives
#+ description: Every attack of the reference graph, for the test.
#+ tags: [violation]
#+ scope: dataset
#+ partition: attack
#+ severity: Info
PREFIX cwkg: <https://w3id.org/cwkg/ontology#>
PREFIX graph: <https://w3id.org/cwkg/graph/>
SELECT ?focus ?attack WHERE {
  GRAPH graph:reference { ?attack a cwkg:Attack }
  BIND (?attack AS ?focus)
}
"""


@pytest.mark.parametrize("group_sources, workers, keyed", [(1, 1, False), (3, 2, True),
                                                           (10, 1, True)])
def test_by_groups_of_attacks_the_rows_are_one_stores(corpus, monkeypatch, group_sources,
                                                     workers, keyed):
    """The dataset checks run group by group of attacks, each group on a store of the
    reference graph and the sources about it (cwkg.validate.partitioned), give the rows
    one store of the whole dataset gives: those the sources give, and those about attacks
    no source is about (a check of the reference graph alone). ``keyed``: the sources'
    chunks read from the build by their keys, else made from their files."""
    import pyoxigraph as ox

    from cwkg.build.cache import FragmentCache
    from cwkg.build.pipeline import prepare, source_graph, source_key
    from cwkg.query.catalogue import QUERIES_DIR
    from cwkg.validate import partitioned
    from cwkg.validate.checks import check_findings
    from cwkg.validate.partitioned import _groups, partitioned_rows
    data, out = corpus / "data", corpus / "build"
    queries = corpus / "queries"
    shutil.copytree(QUERIES_DIR, queries)
    (queries / "every-attack-violation.rq").write_text(EVERY_ATTACK)
    build(data, out)
    cache = FragmentCache(out, write=False, formats=("nquads",))
    try:
        prepared = prepare(data, formats=("nquads",), cache=cache)
    finally:
        cache.close()
    store, locations = across.store_of(prepared, range(len(prepared.sources)), out)
    graphs = {source_graph(meta): i for i, (meta, _) in enumerate(prepared.sources)}
    about = [set() for _ in prepared.sources]
    for quad in store.oxigraph.quads_for_pattern(
            None, ox.NamedNode("https://w3id.org/cwkg/ontology#about"), None, None):
        about[graphs[quad.graph_name.value]].add(
            quad.object.value.replace("https://w3id.org/cwkg/attack/", "attack:"))
    about = [frozenset(values) for values in about]
    checks = across.dataset_checks(queries)
    whole = check_findings(store, checks, locations)
    assert len(_groups(about, group_sources)) > 1
    keys = [source_key(meta, claims, prepared.context)[0] if keyed else None
            for meta, claims in prepared.sources]
    if keyed:  # every chunk is the build's
        monkeypatch.setattr(partitioned, "source_fragment", None)
    rows = partitioned_rows(prepared, about, checks, out, workers, group_sources, keys)
    for check in checks:
        assert sorted(rows[check.id]) == sorted(whole[check.id]), check.id
        assert whole[check.id], check.id  # every check finds something here
    # more attacks than the sources are about: the reference graph's own rows count
    assert len(whole["every-attack-violation"]) > len(frozenset().union(*about))
