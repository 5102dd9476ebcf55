"""The curator's loop in a real browser (Debian's chromium, as ``test_browser.py``): open
the URL ``cwkg web`` prints, add a document from the form, accept a proposal from the
keyboard, edit a figure, reject one, make a claim from words selected with the mouse,
create an entity from a name in the text, hit a conflict; then ``cwkg build`` and
``cwkg validate`` pass on what the browser wrote and the claims are in the graph. The
curator's pages pass axe-core at 375 and 1440 px. Screenshots go to
``tests/web/artifacts/curate-*.png``.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml

from ..conftest import DATA
from ..ingest.test_add import REPORT
from .test_browser import WIDTHS, _axe, _free_port, _shot, browser  # noqa: F401 (a fixture)

SOURCE = "browser-report"


@pytest.fixture(scope="module")
def curating(tmp_path_factory):
    """(data/ the server writes to, its base URL, the token URL it printed)."""
    from cwkg.build.write import build
    root = tmp_path_factory.mktemp("curate-browser")
    shutil.copytree(DATA, root / "data")
    build(root / "data", root / "build")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cwkg.cli", "--data", str(root / "data"), "--out",
         str(root / "build"), "web", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    token_url, deadline = None, time.monotonic() + 90
    while token_url is None and time.monotonic() < deadline:
        line = process.stderr.readline()
        found = re.search(r"(http://\S+/curate\?token=\S+)", line)
        token_url = found.group(1) if found else None
        if not line and process.poll() is not None:
            raise AssertionError("cwkg web did not start")
    assert token_url, "cwkg web printed no curator's URL"
    yield root / "data", f"http://127.0.0.1:{port}", token_url
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)


def _context(browser, curating, width=1440):  # noqa: F811 (the fixture's value)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(curating[2])  # the printed URL: sets the session cookie
    return context, page


def _submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def _select(page, words: str) -> None:
    """Select the first ``words`` of the source text with the mouse, as a curator does."""
    box = page.evaluate("""words => {
        const text = document.getElementById('source-text');
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(words);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + words.length);
            range.startContainer.parentElement.scrollIntoView({block: 'center'});
            const rects = range.getClientRects();
            const a = rects[0], b = rects[rects.length - 1];
            return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2];
        }
        return null;
    }""", words)
    assert box, f"{words!r} is not in one piece of the text"
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=5)
    page.mouse.up()


def _claims(data) -> dict[str, dict]:
    text = (data / "claims" / f"{SOURCE}.yaml").read_text("utf-8")
    return {c["id"]: c for c in yaml.safe_load(text)["claims"]}


def test_the_curators_loop_in_the_browser(browser, curating):  # noqa: F811
    data = curating[0]
    context, page = _context(browser, curating)
    try:
        assert page.url.endswith("/curate") and "token" not in page.url
        _submit(page, page.get_by_role("link", name="Add a document"))
        page.fill("#add-text", REPORT)
        page.fill("#add-date", "2017-04-05")
        page.fill("#add-language", "en")
        page.fill("#add-publisher", "Syrian Opposition Coalition")  # a label, not an id
        page.fill("#add-id", SOURCE)
        _shot(page, "curate-add")
        _submit(page, page.get_by_role("button", name="Add and review"))
        assert page.url.endswith(f"/curate/source/{SOURCE}")
        assert f"Added src:{SOURCE}" in page.locator("p.ok").inner_text()
        assert page.locator("#source-text a.hl-proposed").count() >= 3
        _shot(page, "curate-review")
        drafted = _claims(data)
        figure = next(i for i, c in drafted.items() if c["kind"] == "casualty-figure")
        first, other = [i for i in drafted if i != figure][:2]

        # accept one from the keyboard: focus its button, press Enter
        page.get_by_role("button", name=f"Accept {first}").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert f"Accepted {first}" in page.locator("p.ok").inner_text()
        assert page.locator(f"#card-{first}.accepted").count() == 1

        # edit a figure: 'more than 70' read as 71 and more... the curator sets 71
        page.locator(f"#card-{figure} summary").click()
        page.fill(f"#c-{figure}-f0-value", "71")
        _submit(page, page.get_by_role("button", name=f"Save {figure}"))
        assert f"Saved {figure}" in page.locator("p.ok").inner_text()

        _submit(page, page.get_by_role("button", name=f"Reject {other}"))
        assert f"Rejected {other}" in page.locator("p.ok").inner_text()
        assert page.locator(f"#card-{other}").count() == 0

        # a claim from words selected in the text: quote and offsets filled in
        _select(page, "Khan Sheikhoun")
        start = REPORT.index("Khan Sheikhoun")
        assert page.input_value("#new-quote") == "Khan Sheikhoun"
        assert (page.input_value("#new-start"), page.input_value("#new-end")) == \
            (str(start), str(start + len("Khan Sheikhoun")))
        page.select_option("#new-kind", "event")
        page.fill("#new-about-0", "Khan Sheikhoun chemical attack")
        page.fill("#new-place", "خان شيخون")  # the place by its Arabic label
        _shot(page, "curate-selection")
        _submit(page, page.get_by_role("button", name="Make the claim (proposed)"))
        made = page.locator("p.ok").inner_text()
        assert made.startswith("Made c"), made

        # an entity from a name in the text
        _select(page, "Opposition groups")
        assert page.input_value("#ent-alias") == "Opposition groups"
        page.select_option("#ent-type", "organisation")
        page.fill("#ent-label_en", "Syrian opposition groups")
        _submit(page, page.get_by_role("button", name="Create the entity (proposed)"))
        assert "Created org:syrian-opposition-groups" in page.locator("p.ok").inner_text()
        # ... named by a claim (found by its label in the picker), it is accepted with it
        demand = next(i for i, c in drafted.items() if c["kind"] == "demand")
        page.locator(f"#card-{demand} summary").click()
        page.fill(f"#c-{demand}-stated_by", "Syrian opposition groups")
        page.select_option(f"#c-{demand}-speech", "reported")
        _submit(page, page.get_by_role("button", name=f"Save {demand}"))
        assert f"Saved {demand}" in page.locator("p.ok").inner_text()

        after = _claims(data)
        assert other not in after and "status" not in after[first]
        assert after[figure]["figures"][0]["value"] == 71
        new = next(c for i, c in after.items() if i not in drafted)
        assert (new["quote"], new["kind"], new["place"]) == \
            ("Khan Sheikhoun", "event", "place:khan-sheikhoun")

        # a conflict: the file changes on disk while the page is open; nothing is written
        path = data / "claims" / f"{SOURCE}.yaml"
        path.write_text(path.read_text("utf-8") + "# saved meanwhile in an editor\n", "utf-8")
        theirs = path.read_bytes()
        _submit(page, page.get_by_role("button", name="Accept all that can be accepted"))
        assert page.locator("h1").inner_text() == "Not saved: the file changed on disk"
        assert "# saved meanwhile in an editor" in page.locator("pre.file").inner_text()
        assert path.read_bytes() == theirs
        _shot(page, "curate-conflict")

        # reload, then accept every acceptable proposal
        page.goto(f"{curating[1]}/curate/source/{SOURCE}")
        _submit(page, page.get_by_role("button", name="Accept all that can be accepted"))
        assert page.locator("p.ok").inner_text().startswith("Accepted ")
        _shot(page, "curate-accepted")
    finally:
        context.close()
    for command in ("build", "validate"):
        done = subprocess.run([sys.executable, "-m", "cwkg.cli", "--data", str(data), "--out",
                               str(data.parent / "build"), command],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
    nquads = (data.parent / "build" / "cwkg.nq").read_text("utf-8")
    for local in (first, figure, new["id"], demand):
        assert f"<https://w3id.org/cwkg/claim/{SOURCE}-{local}>" in nquads
    assert "<https://w3id.org/cwkg/org/syrian-opposition-groups>" in nquads
    assert "org:syrian-opposition-groups" in \
        (data / "entities" / "agents.yaml").read_text("utf-8")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_curators_pages_pass_axe_and_fit_the_width(browser, curating, width):  # noqa: F811
    context, page = _context(browser, curating, width)
    problems = []
    try:
        pages = {"index": "/curate", "add": "/curate/add",
                 "review": "/curate/source/wh-2024-04-04"}
        for name, path in pages.items():
            page.goto(curating[1] + path)
            problems += _problems(page, f"{name} at {width}px")
            _shot(page, f"curate-{name}-{width}")
        # a refused save: the findings beside their fields, the values kept
        page.goto(curating[1] + "/curate/add")
        page.fill("#add-text", "<script>alert(1)</script> a text")
        page.fill("#add-date", "2017-02-30")
        page.fill("#add-language", "en")
        _submit(page, page.get_by_role("button", name="Add and review"))
        assert "Not added." in page.locator("[role=alert]").inner_text()
        date_field = page.locator("#add-date").locator("xpath=..")
        assert "2017-02-30" in page.input_value("#add-date")
        assert date_field.locator("ul.findings").count() == 1
        problems += _problems(page, f"refused add at {width}px")
        _shot(page, f"curate-refused-{width}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def _problems(page, where: str) -> list[str]:
    out = [f"{where}: {v}" for v in _axe(page)]
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 1:
        out.append(f"{where}: the page scrolls sideways by {overflow}px")
    return out
