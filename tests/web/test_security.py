"""The server as a server: data is escaped, nothing outside the build is readable, the Host
header is checked, and no error shows a traceback."""

from __future__ import annotations

import pytest

from .conftest import HOSTILE_TITLE

HOSTILE = "/source/hostile-2024-01-01"


def _no_live_markup(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'onerror=alert(1)>' not in html.replace("onerror=alert(1)&gt;", "")


@pytest.mark.parametrize("path", [HOSTILE, "/claim/hostile-2024-01-01-c01",
                                  "/claim/hostile-2024-01-01-c02", "/org/white-helmets",
                                  "/attack/khan-sheikhoun-2017", "/sources", "/",
                                  "/search?q=script", "/search?q=%3Cscript%3E"])
def test_html_and_script_in_the_data_render_as_text(client, path):
    html = client.get(path).text
    _no_live_markup(html)


def test_the_hostile_text_is_there_escaped(client):
    html = client.get(HOSTILE).text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    # the title is shown, escaped, in the heading and the page title
    assert HOSTILE_TITLE not in html


def test_a_hostile_search_query_is_escaped(client):
    html = client.get("/search", params={"q": '"><script>alert(2)</script>'}).text
    assert "<script>alert(2)" not in html
    assert "&lt;script&gt;alert(2)" in html


@pytest.mark.parametrize("path", [
    "/static/../../../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/etc/passwd", "/dumps/../cwkg.nq", "/dumps/.cache/index.json",
    "/dumps/locations.json", "/dumps/%2e%2e%2fdata%2fsources%2fwh-2024-04-04.txt",
    "/dumps/..%5c..%5cetc%5cpasswd", "/claim/..%2f..%2fetc%2fpasswd", "/etc/passwd",
    "/source/wh-2024-04-04.txt", "/data/sources/wh-2024-04-04.txt", "//etc/passwd",
    "/static/", "/static/style.css/..", "/query/../../etc/passwd.csv",
    "/query/death-tolls.csv/../../x"])
def test_no_path_outside_what_is_served_is_readable(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert "root:" not in response.text
    assert "On April 4th, 2024" not in response.text   # the text of a source file
    assert "Not found" in response.text


def test_the_files_that_are_served(client):
    assert client.get("/static/style.css").status_code == 200
    dump = client.get("/dumps/cwkg.ttl")
    assert dump.status_code == 200 and b"@prefix cwkg:" in dump.content


def test_unknown_paths_and_bad_values_give_a_404_page(client):
    for path in ("/nothing", "/claim/no-such-claim", "/org/nobody", "/query/nope",
                 "/sources?page=999", "/sources?page=abc", "/org/white-helmets?page=-1"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "<h1>Not found</h1>" in response.text
        assert "Traceback" not in response.text


def test_other_methods_are_refused(client):
    assert client.post("/").status_code == 405
    assert client.delete("/claim/wh-2024-04-04-c07").status_code == 405


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:8765", "127.0.0.1.evil.test"])
def test_a_foreign_host_header_is_refused(client, host):
    """DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends
    Host: evil.example; the server does not answer it."""
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
    assert "cwkg" not in response.text


def test_loopback_host_headers_are_served(client):
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765"):
        assert client.get("/", headers={"Host": host}).status_code == 200


def test_an_error_in_a_page_shows_no_traceback(pages, monkeypatch):
    from starlette.testclient import TestClient

    from cwkg.web.app import create_app
    monkeypatch.setattr(pages.views, "home", lambda: 1 / 0)
    with TestClient(create_app(pages), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as client:
        response = client.get("/")
    assert response.status_code == 500
    assert "ZeroDivisionError" not in response.text and "Traceback" not in response.text
