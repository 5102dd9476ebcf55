"""The command layer: exit codes, one-line errors, and a light start-up."""

import subprocess
import sys

import cwkg.build.write
from cwkg.cli import main


def test_help_imports_no_heavy_library():
    code = ("import sys; from cwkg.cli import main; rc = main(['--help']); "
            "heavy = [m for m in ('rdflib', 'pyshacl', 'pyoxigraph', 'SPARQLWrapper', 'yaml') "
            "if m in sys.modules]; print(rc, heavy)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "0 []"


def test_a_bug_is_one_line_with_a_hint_not_a_traceback(monkeypatch, capsys, tmp_path):
    def broken(*args, **kwargs):
        raise ValueError("something impossible")
    monkeypatch.setattr(cwkg.build.write, "build", broken)
    code = main(["--out", str(tmp_path), "build"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == ("cwkg: internal error: ValueError: something impossible. This is a "
                           "bug in cwkg; rerun with --debug for the traceback and report it.")


def test_debug_shows_the_traceback(monkeypatch, tmp_path):
    import pytest

    def broken(*args, **kwargs):
        raise ValueError("something impossible")
    monkeypatch.setattr(cwkg.build.write, "build", broken)
    with pytest.raises(ValueError):
        main(["--debug", "--out", str(tmp_path), "build"])


def test_unknown_option_is_a_usage_error(capsys):
    assert main(["export", "--format", "n3"]) == 2
    assert "Invalid value for '--format'" in capsys.readouterr().err
