"""The benchmark suite at N = 50, so it cannot rot: every stage runs and gives sane figures
(positive times, a clean validation, the same rows from cwkg and bare pyoxigraph for every
stored query). Timings are not checked here; benchmarks/run.py reports them."""

import argparse
import json

import pytest
from benchmarks import commands
from benchmarks.generate import generate
from benchmarks.queries import names
from benchmarks.run import EXPORTS, run_size, table

from cwkg.build.memory import in_memory
from cwkg.build.write import build
from cwkg.load.data import load_data
from cwkg.rdf.store import Store
from cwkg.validate.shacl import run_shacl


def test_generated_corpus_is_deterministic_synthetic_and_valid(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    generate(20, a, seed=5)
    generate(20, b, seed=5)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    text = (a / "data" / "sources" / "synthetic-00007.txt").read_text("utf-8")
    assert text.startswith("Synthetic Source 00007.")
    data, graph = load_data(a / "data"), in_memory(a / "data")
    assert len(data.sources) == 20 and len(data.claims) >= 60
    assert run_shacl(Store(graph.quads), graph.locations).findings == []


def test_the_generator_refuses_a_folder_with_data(tmp_path):
    generate(2, tmp_path)
    try:
        generate(2, tmp_path)
    except SystemExit as exc:
        assert "refusing" in str(exc)
    else:
        raise AssertionError("the generator overwrote existing data")


def test_every_stage_runs_at_n50(tmp_path):
    args = argparse.Namespace(seed=42, repeat=1, long=20.0, naive_timeout=3.0, pyshacl_up_to=0,
                              keep=False)
    r = run_size(50, tmp_path, args)
    for stage in ["pipeline", "build", "load", "validate sparql"] + [f"export {f}"
                                                                     for f in EXPORTS]:
        assert 0 < r[stage]["median"] < 600 and r[stage]["peak_mb"] > 10, stage
    assert r["pipeline"]["findings"] == 0 and r["validate sparql"]["findings"] == 0
    # timed without the memory sampler, the memory from a run of its own with it
    assert r["pipeline"]["sampled_seconds"] > 0 and r["pipeline"]["tree_peak_mb"] > 10
    assert all(r[f"export {f}"]["bytes"] > 100_000 for f in EXPORTS)
    assert r["ox-bulk"]["load"] > 0 and r["ox-bulk"]["dump"] > 0
    assert "timeout" in r["naive"] and r["naive"]["timeout"] == 3.0
    assert set(r["queries"]) == set(names()) and len(r["queries"]) >= 5
    for name, q in r["queries"].items():
        baselines = (q["pyoxigraph rows"], q["pyoxigraph count"])
        assert all(q["cwkg"]["rows"] == b["rows"] for b in baselines), name
        assert q["cwkg"]["median"] > 0 and all(b["median"] > 0 for b in baselines)
    assert sum(q["cwkg"]["rows"] > 0 for q in r["queries"].values()) >= 5  # real answers
    assert 0 < r["help"]["median"] < 5
    printed = table([r])
    assert "full pipeline" in printed and "query death-tolls" in printed


def test_a_stage_without_the_sampler_reports_no_tree_peak(tmp_path):
    from benchmarks.run import _stage
    generate(5, tmp_path, seed=1)
    assert _stage("load", tmp_path, sample=False)["tree_peak_mb"] is None
    assert _stage("load", tmp_path)["tree_peak_mb"] > 10


def test_the_commands_benchmark_times_only_what_it_is_asked(tmp_path, capsys):
    generate(10, tmp_path, seed=3)
    build(tmp_path / "data", tmp_path / "build")
    commands.main([str(tmp_path), "--repeat", "1", "--only", "queries",
                   "--questions", "voices", "about-entity"])
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"python start", "queries"}
    assert set(figures["queries"]) == {"voices", "about-entity"}
    assert all(q["cwkg"]["min"] > 0 and q["engine"]["min"] > 0
               for q in figures["queries"].values())
    with pytest.raises(SystemExit, match="no stored question no-such-question"):
        commands.main([str(tmp_path), "--only", "queries", "--questions", "no-such-question"])
    with pytest.raises(SystemExit):
        commands.main([str(tmp_path), "--only", "serve", "--questions", "voices"])
    assert "--questions goes with --only queries" in capsys.readouterr().err


def test_the_query_a_b_times_two_installs_in_turn(tmp_path, capsys, repo):
    from benchmarks import ab_query
    generate(10, tmp_path, seed=3)
    build(tmp_path / "data", tmp_path / "build")
    ab_query.main([str(tmp_path), "voices", f"one={repo}", f"two={repo}", "--rounds", "1",
                   "--", "--format", "tsv"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["voices one", "voices two"]
    assert all("1 runs" in line for line in lines)
    with pytest.raises(SystemExit):
        ab_query.main([str(tmp_path), "voices", f"x={tmp_path}"])   # no .venv there
    assert "a checkout with .venv/bin/cwkg" in capsys.readouterr().err
