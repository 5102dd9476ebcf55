"""In a real browser: Debian's chromium (``.ci/install-browser``), driven by Playwright.

The user's paths end to end (open a dossier, follow a highlight to its claim, search in
Arabic, ask a stored question, fetch a claim as Turtle), the static site from ``file://``,
and every page type checked with axe-core (vendored from npm, ``vendor/axe-core``) at 375
and 1440 px. Screenshots go to ``tests/web/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = (375, 1440)
PAGE_TYPES = {
    "home": "/", "sources": "/sources", "entities": "/entities",
    "dossier": "/attack/khan-sheikhoun-2017", "source": "/source/wh-2024-04-04",
    "claim": "/claim/wh-2024-04-04-c07", "entity": "/org/white-helmets",
    "entity-ar": "/org/assad-regime", "search": "/search?q=%D8%A7%D9%84%D8%A7%D8%B3%D8%AF",
    "queries": "/queries", "question": "/query/death-tolls?attack=attack%3Akhan-sheikhoun-2017",
    "findings": "/findings", "not-found": "/no/such/page",
}

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/install-browser installs it")
    pytest.skip(f"{CHROMIUM} is not installed (run .ci/install-browser)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_root):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cwkg.cli", "--data", str(web_root / "data"), "--out",
         str(web_root / "build"), "web", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if "cwkg web: serving" in line:
            break
        if not line and process.poll() is not None:
            raise AssertionError("cwkg web did not start")
    yield f"http://127.0.0.1:{port}"
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        # launch() starts chromium with a fresh temporary profile (--user-data-dir) of its own
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _click(page, link) -> None:
    """Click a link as a person would, in the middle of its widest line: the centre of the
    box of a link that wraps over two lines can fall outside both."""
    link.scroll_into_view_if_needed()
    x, y = link.evaluate("e => { const r = Array.from(e.getClientRects()).sort((a, b) => "
                         "b.width - a.width)[0]; return [r.x + r.width / 2, r.y + r.height / 2] }")
    page.mouse.click(x, y)


def test_open_a_dossier_and_follow_a_highlight_to_its_claim(page, server):
    page.goto(f"{server}/attack/khan-sheikhoun-2017")
    assert page.locator("h1").inner_text().startswith("Khan Sheikhoun chemical attack")
    assert page.locator("figure.chart svg").count() >= 1
    _shot(page, "e2e-dossier")
    # a figure's exact words link into the source text, at the quote (a seed's: the texts
    # of the sources kept outside the repository are not in the graph)
    _click(page, page.locator('#figures ~ .scroll a.quote[href*="/source/wh-2024-04-04"]').first)
    page.wait_for_url("**/source/**")
    assert "/source/" in page.url and "#q-" in page.url
    fragment = page.url.rpartition("#")[2]
    assert page.locator(f"#{fragment}").is_visible()
    # the highlight right after the marker is the quote: it opens the claim
    _click(page, page.locator(f"#{fragment} + a.hl"))
    page.wait_for_url("**/claim/**")
    assert "/claim/" in page.url
    assert page.locator("h1").inner_text().startswith("Claim ")
    assert page.locator("blockquote.context mark").inner_text()
    _shot(page, "e2e-claim")


def test_search_in_arabic_from_the_search_box(page, server):
    page.goto(f"{server}/")
    page.fill("#q", "نظام الاسد")          # typed without the hamza of الأسد
    page.press("#q", "Enter")
    page.wait_for_load_state()
    link = page.locator('ol.hits a[href="/org/assad-regime"]')
    assert link.count() >= 1
    _shot(page, "e2e-search-arabic")
    link.first.click()
    page.wait_for_load_state()
    assert page.locator("p.arabic[lang=ar][dir=rtl]").inner_text() == "نظام الأسد"


def test_ask_a_stored_question(page, server):
    page.goto(f"{server}/query/death-tolls")
    page.fill("#p-attack", "هجوم خان شيخون الكيميائي")
    page.click("form.ask button")
    page.wait_for_load_state()
    # a slow answer: the page says it is being asked and reloads itself until it is there
    page.locator("table.answer").wait_for(timeout=120_000)
    rows = page.locator("table.answer tbody tr")
    assert rows.count() >= 4
    assert "White Helmets" in page.locator("table.answer").inner_text()
    _shot(page, "e2e-question")
    with page.expect_download() as download:
        page.click("text=CSV")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode()) and b"White Helmets" in data


def test_fetch_a_claim_as_turtle(page, server):
    import pyoxigraph as ox
    response = page.request.get(f"{server}/claim/wh-2024-04-04-c07",
                                headers={"Accept": "text/turtle"})
    assert response.ok and response.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(response.body(), format=ox.RdfFormat.TURTLE))
    exact = [t.object.value for t in triples if t.predicate.value.endswith("#exact")]
    assert exact == ["the loss of over 90 lives"]


def _open_when_made(page, url: str, timeout: float = 120) -> None:
    """Open ``url``; a page that says it is still being made (a question being asked, the
    findings while validation runs) is opened again until it is made."""
    deadline = time.monotonic() + timeout
    page.goto(url)
    while page.locator("[data-reload-after]").count() and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        page.goto(url)


def _axe(page) -> list[dict]:
    page.evaluate(AXE.read_text("utf-8") + "\n;0")  # evaluated by the browser, as the CSP allows
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']}))"
                           ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
                           "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_passes_axe_and_fits_the_width(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    try:
        for name, path in PAGE_TYPES.items():
            _open_when_made(page, server + path)
            for violation in _axe(page):
                problems.append(f"{name} at {width}px: {violation}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 1:
                problems.append(f"{name} at {width}px: the page scrolls sideways by {overflow}px")
            _shot(page, f"{name}-{width}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def static_site(web_root, tmp_path_factory) -> Path:
    from cwkg.cli import main
    target = tmp_path_factory.mktemp("browser-site") / "site"
    assert main(["--data", str(web_root / "data"), "--out", str(web_root / "build"), "site",
                 "-o", str(target)]) == 0
    return target


def test_the_static_site_from_file_urls(browser, static_site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto((static_site / "index.html").as_uri())
        page.click("text=Khan Sheikhoun chemical attack")
        page.wait_for_load_state()
        assert page.url.endswith("attack/khan-sheikhoun-2017.html")
        assert not _axe(page)
        page.fill("#q", "الغوطه")             # ة typed as ه; searched in the browser
        page.press("#q", "Enter")
        page.wait_for_load_state()
        page.wait_for_selector("#static-results ol.hits a")
        hrefs = page.eval_on_selector_all("#static-results ol.hits a",
                                          "els => els.map(e => e.getAttribute('href'))")
        assert "place/ghouta.html" in hrefs
        assert not _axe(page)
        _shot(page, "static-search-arabic-375")
        page.click('#static-results a[href="place/ghouta.html"]')
        page.wait_for_load_state()
        assert page.locator("h1").inner_text().startswith("Ghouta")
    finally:
        context.close()
