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


def _modules_after(args: list[str], cwd) -> tuple[int, list[str]]:
    code = ("import sys; from cwkg.cli import main; rc = main(%r); "
            "print(rc, sorted(m for m in ('rdflib', 'pyshacl', 'SPARQLWrapper', 'yaml', "
            "'multiprocessing', 'tomllib', 'jinja2', 'importlib.resources') "
            "if m in sys.modules))" % args)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    return proc.stdout.strip().splitlines()[-1]


def test_query_validate_and_a_build_with_nothing_to_do_start_light(data_copy, tmp_path):
    """What each of these imports costs every run (rdflib 0.1 s, PyYAML 20 ms...): a
    stored question reads the store; validation after a build, and a build with nothing
    changed, make no graph and run no pySHACL."""
    where = ["--data", str(data_copy), "--out", str(tmp_path / "build")]
    assert _modules_after([*where, "build"], tmp_path).startswith("0 ")  # (file names as
    # shown from the working folder are in the keys: the same folder for every command)
    assert _modules_after([*where, "query", "death-tolls"], tmp_path) == "0 []"
    assert _modules_after([*where, "validate"], tmp_path) == "0 ['yaml']"  # data/ is YAML
    assert _modules_after([*where, "build"], tmp_path) == "0 ['yaml']"
    claims = data_copy / "claims" / "soc-2020-04-04.yaml"
    claims.write_text(claims.read_text() + "# edited\n")  # its source is validated again
    assert _modules_after([*where, "validate"], tmp_path) == "0 ['yaml']"


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
