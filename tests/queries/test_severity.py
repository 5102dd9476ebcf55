"""A *-violation.rq check declares its severity (Violation, Warning, Info); `cwkg validate`
prints each row at that level and exits 1 only when a row is a Violation, as SHACL does."""

from __future__ import annotations

import functools
import shutil

import pytest

from cwkg.cli import main
from cwkg.query.catalogue import QUERIES_DIR
from cwkg.validate import batches

# fires on data/: every own-voice claim (the seeds have some)
OWN_VOICE = """#+ summary: A claim in the source's own voice
#+ description: Every claim a source makes in its own voice, for the record.
#+ tags: [test]
#+ scope: source
#+ severity: {severity}
PREFIX cwkg: <https://w3id.org/cwkg/ontology#>
SELECT ?focus ?source
WHERE {{ GRAPH ?source {{ ?focus a cwkg:Claim ; cwkg:speechMode cwkg:OwnVoice }} }}
"""


def _queries(tmp_path, severity):
    queries = tmp_path / f"queries-{severity}"
    shutil.copytree(QUERIES_DIR, queries)
    (queries / "own-voice-violation.rq").write_text(OWN_VOICE.format(severity=severity))
    return queries


@pytest.mark.parametrize("severity, code", [("Violation", 1), ("Warning", 0), ("Info", 0)])
def test_validate_prints_rows_at_the_declared_level_and_fails_only_on_violations(
        data_copy, tmp_path, capsys, monkeypatch, severity, code):
    queries = _queries(tmp_path, severity)
    monkeypatch.setattr(batches, "validate_data",
                        functools.partial(batches.validate_data, queries_dir=queries))
    status = main(["--data", str(data_copy), "--out", str(tmp_path / "out"), "validate"])
    captured = capsys.readouterr()
    rows = [line for line in captured.out.splitlines() if "query:own-voice-violation" in line]
    assert rows, "the check fires on data/"
    assert all(f": {severity}: claim:" in line for line in rows)
    assert status == code, captured.err
    counts = dict.fromkeys(("Violation", "Warning", "Info"), 0)
    for line in captured.out.splitlines():  # every finding, the shapes' too
        counts[line.split(": ")[1]] += 1
    info = f", {counts['Info']} info" if counts["Info"] else ""
    assert captured.err.startswith(f"{counts['Violation']} violation(s), {counts['Warning']} "
                                   f"warning(s){info} in ")


def test_the_shipped_checks_are_violations_but_the_plausibility_warnings():
    """Every shipped check is a Violation but the plausibility warnings (issue 16), which
    report what is likely, not certainly, wrong; a lower level must be a deliberate change
    of this test."""
    from cwkg.query.catalogue import load_catalogue
    checks = [q for q in load_catalogue().values() if q.is_violation]
    warnings = {q.id for q in checks if q.severity == "Warning"}
    assert warnings == {"figure-far-from-other-sources-violation",
                        "subgroup-above-other-totals-violation",
                        "event-date-not-the-attacks-violation"}
    assert {q.severity for q in checks if q.id not in warnings} == {"Violation"}
