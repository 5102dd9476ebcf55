"""cwkg add: what is written, what is refused (and then nothing is written), and the CLI."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest
import yaml

from cwkg.build.memory import in_memory
from cwkg.cli import main
from cwkg.load.data import load_data

from ..conftest import DATA

REPORT = ("[SYNTHETIC TEST TEXT - invented wording for cwkg's tests; not a real document]\n\n"
          "Yesterday's sarin attack on Khan Sheikhoun killed more than 70 people. Opposition "
          "groups accused the Syrian regime of launching the attack, and called for a referral "
          "to the International Criminal Court under Chapter VII.\n")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture()
def report(tmp_path) -> Path:
    path = tmp_path / "incoming" / "report.txt"
    path.parent.mkdir()
    path.write_text(REPORT, "utf-8")
    return path


def add(data, *args) -> int:
    return main(["--data", str(data), "add", *map(str, args)])


def test_add_stores_text_metadata_and_a_draft_then_build_counts_pending(data_copy, report,
                                                                       capsys):
    before = load_data(data_copy)
    assert add(data_copy, report, "--publisher", "Syrian Opposition Coalition", "--date",
               "2017-04-05", "--lang", "en", "--url", "https://example.org/r") == 0
    out, err = capsys.readouterr()
    assert out.strip().endswith("claims/soc-2017-04-05.yaml")
    assert "added src:soc-2017-04-05" in err and "proposed claim(s)" in err
    text = data_copy / "sources" / "soc-2017-04-05.txt"
    assert text.read_bytes() == report.read_bytes()  # unchanged, byte for byte
    meta = yaml.safe_load((data_copy / "sources" / "soc-2017-04-05.yaml").read_text("utf-8"))
    assert meta["sha256"] == hashlib.sha256(report.read_bytes()).hexdigest()
    assert (meta["publisher"], meta["date"], meta["language"], meta["url"]) == \
        ("org:soc", "2017-04-05", "en", "https://example.org/r")
    draft = yaml.safe_load((data_copy / "claims" / "soc-2017-04-05.yaml").read_text("utf-8"))
    kinds = {c["kind"] for c in draft["claims"]}
    assert {"casualty-figure", "event", "attribution", "demand",
            "instrument-citation"} <= kinds
    assert all(c["status"] == "proposed" and c["quote"] in REPORT for c in draft["claims"])
    data, graph = load_data(data_copy), in_memory(data_copy)
    assert len(data.pending) == len(draft["claims"])
    assert len(data.claims) == len(before.claims)  # nothing proposed is in the graph
    assert not any("soc-2017-04-05-c" in q.subject.value for q in graph.quads)


@pytest.mark.parametrize("variant, how", [
    (lambda t: t, "identical to"),
    (lambda t: t.replace("’", "'").upper(), "the same (up to case, quote marks and spacing)"),
    (lambda t: "Republished by another site\n\n" + t.replace("’", "'") + "\nShare this\n",
     "near-identical"),
])
def test_a_seed_text_again_is_refused_naming_the_source(data_copy, tmp_path, capsys, variant,
                                                        how):
    seed = (DATA / "sources" / "wh-2024-04-04.txt").read_text("utf-8")
    path = tmp_path / "again.txt"
    path.write_text(variant(seed), "utf-8")
    snapshot = files(data_copy)
    assert add(data_copy, path, "--date", "2024-04-05", "--lang", "en") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and how in err and "src:wh-2024-04-04" in err
    assert files(data_copy) == snapshot


@pytest.mark.parametrize("args, message", [
    (["--publisher", "org:nobody", "--date", "2017-04-05", "--lang", "en"],
     "--publisher: no agent 'org:nobody'"),  # an unknown id is a typo, not a new agent
    (["--date", "5 April 2017", "--lang", "en"], "not a date as YYYY-MM-DD"),
    (["--date", "2017-04-05", "--lang", "English"], "not a BCP 47 language tag"),
    (["--date", "2017-04-05"], "needs --lang (en, ar, ...) and --date YYYY-MM-DD"),
    (["--date", "2017-04-05", "--lang", "en", "--title", "Not in the text"],
     "title does not occur"),
    (["--date", "2017-04-05", "--lang", "en", "--quotes", "doc:nothing"], "no document"),
    (["--date", "2017-04-05", "--lang", "en", "--id", "Bad Id"], "lower-case"),
    (["--date", "2017-04-05", "--lang", "en", "--id", "wh-2024-04-04"], "already in data"),
])
def test_bad_metadata_is_one_line_exit_2_nothing_written(data_copy, report, capsys, args,
                                                         message):
    snapshot = files(data_copy)
    assert add(data_copy, report, *args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert files(data_copy) == snapshot


def test_non_utf8_text_is_refused(data_copy, tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Khan Sheikhoun, café".encode("latin-1"))
    assert add(data_copy, path, "--date", "2017-04-05", "--lang", "en") == 2
    assert "latin1.txt:1: not valid UTF-8 (byte 0xe9" in capsys.readouterr().err


def test_a_folder_with_a_metadata_csv(data_copy, tmp_path, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, "utf-8")
    (folder / "b.txt").write_text("[SYNTHETIC TEST TEXT]\n\nمقتل أكثر من ٩٠ شخصا في خان شيخون "
                                  "بغاز السارين أمس.\n", "utf-8")
    (folder / "c.txt").write_text(REPORT, "utf-8")  # the same text as a.txt: refused
    (folder / "metadata.csv").write_text(
        "file,publisher,date,lang,title\n"
        "a.txt,org:soc,2017-04-05,en,\n"
        "b.txt,White Helmets,2017-04-05,ar,\n"
        "c.txt,,2017-04-06,en,\n", "utf-8")
    assert add(data_copy, folder) == 2
    err = capsys.readouterr().err
    assert "adding" not in err  # no progress bar: stderr is not a terminal (test_progress.py)
    assert "2 added, 1 refused" in err and "identical to src:soc-2017-04-05" in err
    assert (data_copy / "claims" / "white-helmets-2017-04-05.yaml").exists()
    assert not (data_copy / "sources" / "doc-2017-04-06.txt").exists()


def test_a_bad_csv_row_stops_before_anything_is_written(data_copy, tmp_path, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, "utf-8")
    (folder / "metadata.csv").write_text("file,date,lang\na.txt,2017-04-05,en\n"
                                         "b.txt,2017-13-01,en\n", "utf-8")
    snapshot = files(data_copy)
    assert add(data_copy, folder) == 2
    assert "metadata.csv:3: date: '2017-13-01' is not a date" in capsys.readouterr().err
    assert files(data_copy) == snapshot


def test_missing_ingest_extra_is_a_clear_error(data_copy, report, capsys, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "spacy" else real(name, *a))
    assert add(data_copy, report, "--date", "2017-04-05", "--lang", "en") == 2
    assert "pip install 'cwkg[ingest]'" in capsys.readouterr().err


def test_help_does_not_import_the_ingest_libraries():
    import subprocess
    import sys
    code = ("import sys; from cwkg.cli import main; main(['--help']); "
            "print([m for m in ('spacy', 'rapidfuzz') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().endswith("[]")


def test_a_close_spelling_of_an_agent_is_read_as_it_and_said(data_copy, report, capsys):
    assert add(data_copy, report, "--publisher", "Syrian Oposition Coalition", "--date",
               "2017-04-05", "--lang", "en") == 0
    err = capsys.readouterr().err
    assert "NOTE --publisher: 'Syrian Oposition Coalition' read as org:soc" in err
    meta = yaml.safe_load((data_copy / "sources" / "soc-2017-04-05.yaml").read_text("utf-8"))
    assert meta["publisher"] == "org:soc"


def test_an_unknown_publisher_is_proposed_and_accepting_it_sets_the_field(data_copy, report,
                                                                        capsys):
    assert add(data_copy, report, "--publisher", "Idlib Health Directorate", "--author",
               "Idlib Health Directorate", "--date", "2017-04-05", "--lang", "en") == 0
    err = capsys.readouterr().err
    assert "--publisher: no agent 'Idlib Health Directorate' in data/entities" in err
    assert "proposed as a new agent" in err
    meta_path = data_copy / "sources" / "idlib-health-directorate-2017-04-05.yaml"
    meta = yaml.safe_load(meta_path.read_text("utf-8"))
    assert "publisher" not in meta and "author" not in meta  # until the curator accepts it
    assert "# publisher: org:idlib-health-directorate  (proposed in" in \
        meta_path.read_text("utf-8")
    claims = data_copy / "claims" / "idlib-health-directorate-2017-04-05.yaml"
    draft = yaml.safe_load(claims.read_text("utf-8"))
    [agent] = [e for e in draft["proposed_entities"] if e.get("sets")]
    assert agent == {"id": "org:idlib-health-directorate", "type": "organisation",
                     "label": {"en": "Idlib Health Directorate"},
                     "sets": ["publisher", "author"]}
    in_memory(data_copy)  # builds: a source without a publisher is allowed (a warning)
    assert main(["--data", str(data_copy), "accept", "idlib-health-directorate-2017-04-05",
                 "org:idlib-health-directorate"]) == 0
    meta = yaml.safe_load(meta_path.read_text("utf-8"))
    assert (meta["publisher"], meta["author"]) == ("org:idlib-health-directorate",) * 2
    agents = (data_copy / "entities" / "agents.yaml").read_text("utf-8")
    assert "- id: org:idlib-health-directorate" in agents and "sets:" not in agents
    graph = in_memory(data_copy)
    source = "https://w3id.org/cwkg/source/idlib-health-directorate-2017-04-05"
    assert any(q.subject.value == source and q.predicate.value.endswith("publisher")
               and q.object.value.endswith("org/idlib-health-directorate")
               for q in graph.quads)


def test_rejecting_a_proposed_publisher_leaves_the_source_without_one(data_copy, report):
    assert add(data_copy, report, "--publisher", "Idlib Health Directorate", "--date",
               "2017-04-05", "--lang", "en") == 0
    local = "idlib-health-directorate-2017-04-05"
    assert main(["--data", str(data_copy), "reject", local,
                 "org:idlib-health-directorate"]) == 0
    meta = yaml.safe_load((data_copy / "sources" / f"{local}.yaml").read_text("utf-8"))
    assert "publisher" not in meta
    in_memory(data_copy)


def test_a_document_that_states_no_date_is_added_with_a_note(data_copy, report, capsys):
    args = [report, "--publisher", "org:soc", "--lang", "en", "--id", "undated"]
    assert add(data_copy, *args) == 2
    assert "give the document's date, or, when it states none, a note" in \
        capsys.readouterr().err
    note = "The text states no date; 'Yesterday' is not resolved."
    assert add(data_copy, *args, "--note", note) == 0
    meta = yaml.safe_load((data_copy / "sources" / "undated.yaml").read_text("utf-8"))
    assert "date" not in meta and meta["note"] == note
    draft = yaml.safe_load((data_copy / "claims" / "undated.yaml").read_text("utf-8"))
    assert not any("event_date" in c for c in draft["claims"])  # no day for "Yesterday"
    assert main(["--data", str(data_copy), "accept", "undated", "--all"]) == 0
    graph = in_memory(data_copy)
    dated = {q.subject.value for q in graph.quads
             if q.predicate.value == "http://purl.org/dc/terms/date"}
    assert "https://w3id.org/cwkg/source/undated" not in dated
    assert "https://w3id.org/cwkg/source/soc-2020-04-04" in dated
