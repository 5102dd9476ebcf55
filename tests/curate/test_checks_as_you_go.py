"""The checks a save runs are cwkg validate's: on each source, the findings of
validate_source are those cwkg validate gives for that source's nodes."""

from __future__ import annotations

from cwkg.validate.batches import validate_data
from cwkg.validate.one_source import validate_source

from .conftest import snapshot


def test_one_source_is_validated_as_the_whole_data_validates_it(data_copy, tmp_path):
    path = data_copy / "claims" / "wh-2024-04-04.yaml"
    text = path.read_text("utf-8")
    # an own-voice claim given a 'via' (a violation check), beside the seeds' own warning
    path.write_text(text.replace('    quote: "Seven years have passed since the massacre"\n',
                                 '    quote: "Seven years have passed since the massacre"\n'
                                 '    via: doc:jim-report-2017-10-26\n'), "utf-8")
    before = snapshot(data_copy)
    whole, _ = validate_data(data_copy, tmp_path / "build", workers=1, use_memo=False)
    assert whole.violations, "the edit should trip a violation check"
    seen = []
    for meta in sorted((data_copy / "sources").glob("*.yaml")):
        report = validate_source(data_copy, f"src:{meta.stem}")
        seen += report.findings
        assert all(f.focus.split(":")[0] in ("src", "claim") for f in report.findings)
    assert sorted(seen) == sorted(f for f in whole.findings
                                  if f.focus.split(":")[0] in ("src", "claim"))
    assert snapshot(data_copy) == before  # validating writes nothing


def test_the_claims_given_are_validated_not_the_file(data_copy):
    path = data_copy / "claims" / "wh-2024-04-04.yaml"
    text = path.read_text("utf-8")
    quote = '    quote: "Despite the passage of time, justice rem'
    line = text[text.index(quote):text.index("\n", text.index(quote)) + 1]
    edited = text.replace(line, line + '    via: doc:jim-report-2017-10-26\n')
    # the seed's own findings are the curator's identifications, reported as Info
    # (compared without their lines: the edit moves the lines below it)
    seed = {(f.severity, f.focus, f.message)
            for f in validate_source(data_copy, "src:wh-2024-04-04").findings}
    assert {severity for severity, _, _ in seed} <= {"Info"}
    found = validate_source(data_copy, "src:wh-2024-04-04", edited.encode()).findings
    assert [(f.severity, f.focus) for f in found if (f.severity, f.focus, f.message)
            not in seed] == [("Violation", "claim:wh-2024-04-04-c05")]
    assert path.read_text("utf-8") == text
