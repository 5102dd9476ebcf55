"""``cwkg site``: the same pages as static files; every internal link resolves to a file,
data stays escaped, and a folder that is not a site is never overwritten."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from cwkg.cli import main


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


@pytest.fixture(scope="module")
def site(web_root, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site") / "out"
    code = main(["--data", str(web_root / "data"), "--out", str(web_root / "build"), "site",
                 "-o", str(target)])
    assert code == 0
    return target


def _parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_no_internal_link_is_broken(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 150
    parsed = {p: _parsed(p) for p in pages}
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # an external link (a source's URL, Wikidata)
            assert not link.startswith("/"), f"{page}: absolute link {link} fails on file://"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parsed(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert not broken, "\n".join(broken[:20])


def test_every_node_has_its_page_at_its_iri_path(site):
    for path in ("claim/wh-2024-04-04-c07.html", "source/wh-2024-04-04.html",
                 "attack/khan-sheikhoun-2017.html", "org/white-helmets.html",
                 "mechanism/icc-referral.html", "source/news-2021-04-04-author.html",
                 "query/death-tolls.html", "query/death-tolls.csv", "dumps/cwkg.nq",
                 "static/search-index.js", "index.html"):
        assert (site / path).is_file(), path


def test_data_is_escaped_in_the_static_pages(site):
    for path in ("source/hostile-2024-01-01.html", "claim/hostile-2024-01-01-c01.html"):
        html = (site / path).read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html
    # the search index is a script: the data inside it must not close it
    index = (site / "static" / "search-index.js").read_text("utf-8")
    assert "</script>" not in index.replace("<\\/script>", "")


def test_a_folder_that_is_not_a_site_is_refused(web_root, tmp_path, capsys):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    code = main(["--out", str(web_root / "build"), "site", "-o", str(target)])
    assert code == 2
    assert "not empty" in capsys.readouterr().err
    assert (target / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_a_site_is_replaced_whole(web_root, site, tmp_path):
    (site / "stale.html").write_text("old")
    code = main(["--data", str(web_root / "data"), "--out", str(web_root / "build"), "site",
                 "-o", str(site)])
    assert code == 0
    assert not (site / "stale.html").exists()
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".out.")]


def test_links_are_relative_and_pages_are_html_files(site):
    html = (site / "claim" / "wh-2024-04-04-c07.html").read_text("utf-8")
    assert 'href="../source/wh-2024-04-04.html#q-c07"' in html
    assert re.search(r'href="\.\./static/style\.css"', html)
