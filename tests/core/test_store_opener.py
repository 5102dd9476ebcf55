"""The build's store opened in a thread as ``cwkg query`` starts is the store the command
reads when it is still the build's current one; otherwise the command opens its own, and
no thread outlives the command."""

from __future__ import annotations

import threading

import pytest

from cwkg.build import persistent, store_opener
from cwkg.build.layout import current_generation
from cwkg.build.read import open_build
from cwkg.build.write import build
from cwkg.cli import main

CLAIMS = "claims/wh-2024-04-04.yaml"


@pytest.fixture()
def out(data_copy, tmp_path):
    folder = tmp_path / "b"
    build(data_copy, folder)
    yield folder
    store_opener.finish()


def _openers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "cwkg-store-opener"]


def test_the_store_opened_in_a_thread_is_the_one_read(out, monkeypatch):
    store_opener.begin(out)
    opened = store_opener._begun[out]
    opened.join()
    generation, oxigraph = opened.opened
    assert generation == current_generation(out)
    monkeypatch.setattr(persistent.ox.Store, "read_only", None)  # no second open
    store = open_build(out)
    assert store.oxigraph is oxigraph and len(store.oxigraph) > 5000


def test_a_store_replaced_meanwhile_is_not_taken(data_copy, out):
    store_opener.begin(out)
    opened = store_opener._begun[out]
    opened.join()
    claims = data_copy / CLAIMS
    claims.write_text(claims.read_text("utf-8").replace("the loss of over 90 lives",
                                                        "over 90 lives"), "utf-8")
    build(data_copy, out)                       # a new generation, the old one removed
    store = open_build(out)
    assert store.oxigraph is not opened.opened[1]
    assert store.label_table.parent == current_generation(out) != opened.opened[0]
    assert not _openers()


def test_no_build_no_store(tmp_path):
    store_opener.begin(tmp_path / "none")
    assert store_opener.take(tmp_path / "none") is None


def test_cwkg_query_takes_it_and_leaves_no_thread(out, data_copy, capsys, monkeypatch):
    taken = []
    real_take = store_opener.take
    monkeypatch.setattr(store_opener, "take", lambda d: taken.append(real_take(d)) or taken[-1])
    code = main(["--data", str(data_copy), "--out", str(out), "query", "voices",
                 "--format", "tsv"])
    assert code == 0 and "row(s)" in capsys.readouterr().err
    assert taken and taken[0] is not None and taken[0][0] == current_generation(out)
    assert not _openers()


def test_a_command_that_fails_first_leaves_no_thread(out, data_copy, capsys):
    code = main(["--data", str(data_copy), "--out", str(out), "query", "no-such-question"])
    assert code == 2 and "no-such-question" in capsys.readouterr().err
    assert not _openers() and not store_opener._begun


def test_cwkg_show_takes_it_too(out, data_copy, capsys, monkeypatch):
    taken = []
    real_take = store_opener.take
    monkeypatch.setattr(store_opener, "take", lambda d: taken.append(real_take(d)) or taken[-1])
    code = main(["--data", str(data_copy), "--out", str(out), "show", "org:white-helmets"])
    assert code == 0 and "White Helmets" in capsys.readouterr().out
    assert taken and taken[0] is not None and taken[0][0] == current_generation(out)
    assert not _openers()
