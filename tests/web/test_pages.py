"""The read pages on the repository's data: each shows what the graph says, linked."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

CLAIM = "/claim/wh-2024-04-04-c07"


class Elements(HTMLParser):
    """(tag, attributes, text inside) of every element, for plain checks."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("path", ["/", "/sources", "/entities", "/queries", "/findings",
                                  "/search?q=sarin", CLAIM, "/source/wh-2024-04-04",
                                  "/attack/khan-sheikhoun-2017", "/org/white-helmets",
                                  "/person/ned-price", "/source/news-2021-04-04-author",
                                  "/query/death-tolls"])
def test_every_page_type_answers(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in response.headers


def test_claim_page_gives_the_words_in_context_the_structure_and_a_citation(client):
    html = client.get(CLAIM).text
    assert "<mark>the loss of over 90 lives</mark>" in html
    assert "White Helmets say more than 90 people were killed in Khan Sheikhoun chemical " \
        "attack." in html
    assert "91 or more" in html                      # the honest range
    assert "Characters 882–907" in html
    citation = re.search(r'<textarea id="citation" readonly rows="5">(.*?)</textarea>', html,
                         re.DOTALL).group(1)
    for part in ("White Helmets", "published by The Syrian Observer", "2024-04-04",
                 "“the loss of over 90 lives”", "characters 882–907",
                 "https://w3id.org/cwkg/claim/wh-2024-04-04-c07",
                 "8ecc84fd08e0f70a99e49bea8c338543aaaea1a888bd0afd7254a6eae8a8a131",
                 "has not verified"):
        assert part in citation, part
    assert "data/claims/wh-2024-04-04.yaml:" in html    # where it is curated


def test_source_page_highlights_every_quote_and_links_each_to_its_claim(client, pages):
    html = client.get("/source/wh-2024-04-04").text
    claims = pages.dir.source_claims["https://w3id.org/cwkg/source/wh-2024-04-04"]
    links = {a["href"] for tag, a in elements(html) if tag == "a" and "hl" in a.get("class", "")}
    assert links == {c.replace("https://w3id.org/cwkg", "") for c in claims}
    markers = [a["id"] for tag, a in elements(html) if tag == "a" and a.get("class") == "marker"]
    assert sorted(markers) == sorted("q-" + c.rpartition("-")[2] for c in claims)
    # c14 (Khan Sheikhoun (April 4, 2017)) lies inside c13: the overlap is shown deeper
    assert 'class="hl depth2"' in html
    assert "The Syrian Observer has not verified the content of this story." in html
    assert "8ecc84fd08e0f70a99e49bea8c338543aaaea1a888bd0afd7254a6eae8a8a131" in html
    assert "translated by" in html and "published by" in html


def test_a_source_whose_text_the_graph_lacks_shows_its_quotes_in_context(web_root):
    from cwkg.build.read import load_build
    from cwkg.query.embedded import EmbeddedBackend
    from cwkg.rdf.store import Store
    from cwkg.web.graph import Graph
    from cwkg.web.pages import Pages
    store, locations = load_build(web_root / "build")
    kept = [q for q in store.quads if q.predicate.value != "https://schema.org/text"]
    pages = Pages(Graph(EmbeddedBackend(Store(kept)), locations, web_root / "build"))
    html = pages.html("/source/wh-2024-04-04")
    assert "The quotes in their context" in html
    assert ("resulting in <a class=\"hl depth1\" href=\"/claim/wh-2024-04-04-c07\">the loss "
            "of over 90 lives</a> and exposing") in html.replace("sarin gas, ", "")


def test_entity_page_shows_arabic_right_to_left_and_aliases_isolated(client):
    html = client.get("/attack/khan-sheikhoun-2017").text
    found = elements(html)
    arabic = [a for tag, a in found if tag == "p" and a.get("lang") == "ar"]
    assert arabic and arabic[0]["dir"] == "rtl"
    assert '<p class="arabic" lang="ar" dir="rtl">هجوم خان شيخون الكيميائي</p>' in html
    assert any(tag == "bdi" and a.get("class") == "alias" for tag, a in found)


def test_wikidata_link_only_where_verified(client):
    assert "https://www.wikidata.org/wiki/Q47488" in client.get("/org/icc").text
    assert "wikidata.org" not in client.get("/org/white-helmets").text


def test_dossier_has_every_section_and_the_chart(client):
    html = client.get("/attack/khan-sheikhoun-2017").text
    for anchor in ("figures", "disagreements", "attributions", "investigations", "demands",
                   "instruments", "timeline"):
        assert f'id="{anchor}"' in html
    assert html.count("<svg") == 3          # killed, injured, exposed
    assert "exactly 32 children killed" in html          # a sub-group beside its total
    assert "cannot both hold" in html or "their ranges overlap" in html
    # every row links to the words in the source text
    assert 'href="/source/wh-2024-04-04#q-c07"' in html


def test_a_dossier_shows_the_first_disagreements_and_links_every_pair(client, monkeypatch):
    """An attack with hundreds of differing pairs (10,000 sources) shows the first ones,
    those that cannot both hold first, and links the stored question for every pair."""
    from cwkg.web import views
    whole = client.get("/attack/khan-sheikhoun-2017").text
    pairs = whole.count("cannot both hold</strong>") + whole.count("their ranges overlap")
    assert pairs >= 3 and "Shown:" not in whole
    monkeypatch.setattr(views, "DISAGREEMENTS_SHOWN", 2)
    html = client.get("/attack/khan-sheikhoun-2017").text
    assert html.count("cannot both hold</strong>") + html.count("their ranges overlap") == 2
    assert f"Shown: 2 of {pairs} pairs, those that cannot both hold first" in html
    assert 'href="/query/differing-figures?attack=attack%3Akhan-sheikhoun-2017"' in html
    first = whole.index("cannot both hold</strong>")  # the one that cannot hold comes first
    assert first < whole.index("their ranges overlap")


def test_a_dossier_s_later_pages_show_its_timeline_alone(client):
    """The timeline's page 2 goes on from page 1; the figures and sections stay on page 1
    (at 10,000 sources each attack's timeline has several pages)."""
    first = client.get("/attack/khan-sheikhoun-2017").text
    later = client.get("/attack/khan-sheikhoun-2017?page=2").text
    assert 'id="figures"' in first and 'id="figures"' not in later
    assert "<svg" not in later and 'id="disagreements"' not in later
    assert 'id="timeline"' in later and "Page 2 of" in later
    assert 'are on <a href="/attack/khan-sheikhoun-2017">the dossier\'s first page</a>' in later
    total = int(re.search(r"Page 2 of 2 \((\d+) in all\)", later).group(1))
    timeline = later[later.index('id="timeline"'):]
    assert timeline.count('<li><span class="date">') == total - 50 > 0


def test_an_entity_s_later_pages_leave_its_sources_to_the_first(client, monkeypatch):
    """A publisher of hundreds of sources (10,000 sources) lists them on its first page,
    not again on every page of its statements."""
    from cwkg.web import views
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    first = client.get("/org/white-helmets").text
    later = client.get("/org/white-helmets?page=2").text
    assert "<h2>Sources</h2>" in first and "Written by White Helmets" in first
    assert "<h2>Sources</h2>" not in later and "Written by" not in later
    assert 'are listed on <a href="/org/white-helmets">its first page</a>' in later
    assert "Page 2 of" in later and "first page" not in first


def test_dossier_charts_the_sources_own_words_affected_and_casualties(client):
    """Outcomes the sources name in their own words, neither killed nor injured: the IIT's
    "affecting at least 16 persons", Syria Civil Defence's "Six casualties were reported"."""
    html = client.get("/attack/ltamenah-2017-03-24").text
    assert "at least 16 people affected" in html and "<svg" in html
    html = client.get("/attack/douma-2018").text
    assert "exactly 6 people (casualties)" in html
    assert "exactly 1 person killed" in html        # "One of the injured was dead on arrival"


def test_a_series_of_attacks_shows_its_period(client):
    html = client.get("/attack/chlorine-three-towns-2014-04").text
    assert "2014-04-11" in html and "2014-04-21" in html


def test_entity_page_lists_what_it_says_and_what_is_said_of_it(client):
    html = client.get("/org/white-helmets").text
    assert "speaker" in html and "/claim/wh-2024-04-04-c07" in html
    html = client.get("/org/assad-regime").text
    assert "held responsible" in html


def test_long_lists_paginate(pages):
    from cwkg.web.views import NotFound, Page
    pager, rows = Page.of(list(range(120)), 3)
    assert (pager.count, pager.total, rows) == (3, 120, list(range(100, 120)))
    with pytest.raises(NotFound):
        Page.of(list(range(120)), 4)


@pytest.mark.parametrize("typed, found", [
    ("نظام الاسد", "/org/assad-regime"),        # أ typed as ا (label نظام الأسد)
    ("ادلب", "/place/idlib"),                   # إ typed as ا (إدلب)
    ("الغوطه", "/place/ghouta"),                # ة typed as ه (الغوطة)
    ("نِظَامُ الأَسَـــدِ", "/org/assad-regime"),    # harakat and tatweel
    ("خان شيخون", "/attack/khan-sheikhoun-2017"),
])
def test_search_finds_arabic_names_however_they_are_typed(client, typed, found):
    html = client.get("/search", params={"q": typed}).text
    assert f'href="{found}"' in html


def test_search_finds_quotes(client):
    html = client.get("/search", params={"q": "LOSS of over 90"}).text
    assert "/claim/wh-2024-04-04-c07" in html
