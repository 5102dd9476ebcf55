"""benchmarks/validation.py runs on a small corpus, so it cannot rot (timings unchecked)."""

from benchmarks.generate import generate
from benchmarks.validation import measure

from cwkg.build.write import build


def test_the_validation_benchmark_runs_and_reports_every_figure(tmp_path):
    generate(5, tmp_path, seed=1)
    build(tmp_path / "data", tmp_path / "build")
    lines = []
    figures = measure(tmp_path, repeat=2, top=3, say=lines.append)
    assert all(len(v) == 2 and min(v) >= 0 for v in figures.values())
    assert lines[0].startswith("load ") and "0 findings" in lines[1]
    assert "0 rows" in lines[2] and len(lines) == 5 + 3
