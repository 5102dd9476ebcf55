"""The curator's pages over HTTP (Starlette's TestClient): the session token and the CSRF
check, every action as a plain form (no script), findings on the page next to their
field, conflicts with both versions, and hostile input refused with nothing written."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from ..curate.conftest import snapshot
from ..ingest.test_add import REPORT

TOKEN = "test-token"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture()
def curate(web_root, tmp_path):
    """(client with the session cookie, data/ it writes to, Access)."""
    from starlette.testclient import TestClient

    from cwkg.web.access import Access
    from cwkg.web.app import create_app
    from cwkg.web.curator import Curator
    from cwkg.web.graph import open_graph
    from cwkg.web.pages import Pages
    data = tmp_path / "data"
    shutil.copytree(web_root / "data", data)
    pages = Pages(open_graph(web_root / "build"), data)
    pages.site["curate"] = True
    access = Access(TOKEN)
    app = create_app(pages, None, Curator(data, web_root / "build"), access)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        client.cookies.set("cwkg_session", TOKEN)
        yield client, data, access


def version_of(html: str) -> str:
    return re.search(r'name="version" value="([0-9a-f]{64})"', html).group(1)


def added(client, access, **fields) -> str:
    form = {"csrf": access.csrf, "text": REPORT, "date": "2017-04-05", "language": "en",
            "publisher": "Syrian Opposition Coalition", "id": "t1", **fields}
    response = client.post("/curate/add", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]
    return response.headers["location"]


def test_the_token_opens_the_curator_pages_and_nothing_else_does(web_root):
    from starlette.testclient import TestClient

    from cwkg.web.access import Access
    from cwkg.web.app import create_app
    from cwkg.web.curator import Curator
    from cwkg.web.graph import open_graph
    from cwkg.web.pages import Pages
    pages = Pages(open_graph(web_root / "build"), web_root / "data")
    app = create_app(pages, None, Curator(web_root / "data"), Access(TOKEN))
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        assert client.get("/curate").status_code == 403
        assert client.get("/curate?token=wrong").status_code == 403
        opened = client.get("/curate?token=" + TOKEN, follow_redirects=False)
        assert opened.status_code == 303 and opened.headers["location"] == "/curate"
        assert "HttpOnly" in opened.headers["set-cookie"]
        assert "SameSite=Strict" in opened.headers["set-cookie"]
        assert client.get("/curate").status_code == 200  # the cookie now
    read_only = create_app(pages)  # cwkg web --read-only
    with TestClient(read_only, base_url="http://127.0.0.1:8765") as client:
        assert client.get("/curate?token=" + TOKEN).status_code == 404
        assert client.post("/curate/add", data={"text": "x"}).status_code == 405
        assert "Curate" not in client.get("/").text


def test_a_write_without_the_csrf_field_or_from_another_site_is_refused(curate):
    client, data, access = curate
    before = snapshot(data)
    form = {"text": REPORT, "date": "2017-04-05", "language": "en"}
    assert client.post("/curate/add", data=form).status_code == 403
    assert client.post("/curate/add", data={**form, "csrf": "guess"}).status_code == 403
    assert client.post("/curate/add", data={**form, "csrf": access.csrf},
                       headers={"origin": "http://evil.example"}).status_code == 403
    client.cookies.clear()
    assert client.post("/curate/add", data={**form, "csrf": access.csrf}).status_code == 403
    assert snapshot(data) == before


def test_add_review_accept_edit_reject_and_a_claim_from_a_quote(curate):
    client, data, access = curate
    where = added(client, access)
    assert where == "/curate/source/t1"
    page = client.get(where).text
    assert "Added src:t1" in page and 'class="hl-proposed"' in page
    claims = yaml.safe_load((data / "claims" / "t1.yaml").read_text("utf-8"))["claims"]
    figure = next(c for c in claims if c["kind"] == "casualty-figure")
    first = next(c for c in claims if c is not figure)
    version = version_of(page)
    base = {"csrf": access.csrf}
    response = client.post(f"{where}/accept", data={**base, "version": version,
                                                    "claim": first["id"]})
    assert response.status_code == 200 and f"Accepted {first['id']}" in response.text
    assert 'class="hl-accepted"' in response.text
    version = version_of(response.text)
    edit = {**base, "version": version, "claim": figure["id"], "kind": "casualty-figure",
            "stated_by": "author", "about": ["Khan Sheikhoun chemical attack"],
            "quote": figure["quote"], "figures-0-counts": "killed",
            "figures-0-group": "people", "figures-0-qualifier": "more-than",
            "figures-0-value": "71"}
    response = client.post(f"{where}/edit", data=edit)
    assert f"Saved {figure['id']}" in response.text
    version = version_of(response.text)
    other = next(c for c in claims if c not in (first, figure))
    response = client.post(f"{where}/reject", data={**base, "version": version,
                                                    "claim": other["id"]})
    assert f"Rejected {other['id']}" in response.text
    version = version_of(response.text)
    response = client.post(f"{where}/new-claim", data={
        **base, "version": version, "quote": "Khan Sheikhoun", "occurrence": "1",
        "kind": "event", "stated_by": "author", "about": ["attack:khan-sheikhoun-2017"],
        "place": "خان شيخون"})  # the place by its Arabic label
    assert "Made c" in response.text, response.text[:2000]
    after = {c["id"]: c for c in yaml.safe_load(
        (data / "claims" / "t1.yaml").read_text("utf-8"))["claims"]}
    assert "status" not in after[first["id"]] and other["id"] not in after
    assert after[figure["id"]]["figures"][0]["value"] == 71
    assert after[figure["id"]]["about"] == "attack:khan-sheikhoun-2017" or \
        after[figure["id"]]["about"] == ["attack:khan-sheikhoun-2017"]
    made = [c for i, c in after.items() if i not in {x["id"] for x in claims}]
    assert made == [{"id": made[0]["id"], "status": "proposed", "kind": "event",
                     "stated_by": "author", "about": ["attack:khan-sheikhoun-2017"],
                     "quote": "Khan Sheikhoun", "place": "place:khan-sheikhoun"}]


def test_a_card_says_why_it_cannot_be_accepted_before_the_curator_tries(curate):
    client, data, access = curate
    where = added(client, access)
    path = data / "claims" / "t1.yaml"
    text = path.read_text("utf-8")
    about = text.index("about:")
    path.write_text(text[:about] + "about: []" + text[text.index("\n", about):], "utf-8")
    page = client.get(where).text
    card = page[page.index('id="card-c01"'):page.index("</article>", page.index('id="card-c01"'))]
    assert "Cannot be accepted yet" in card and "about" in card
    assert re.search(r"<button type=\"submit\" disabled[^>]*>Accept c01", card)


def test_a_refused_save_shows_the_finding_beside_its_field_and_keeps_the_values(curate):
    client, data, access = curate
    where = added(client, access)
    page = client.get(where).text
    before = snapshot(data)
    form = {"csrf": access.csrf, "version": version_of(page), "claim": "c01",
            "kind": "event", "stated_by": "author", "about": ["attack:khan-sheikhoun-2017"],
            "quote": "sarin attack", "event_date": "2017-02-30"}
    response = client.post(f"{where}/edit", data=form)
    assert response.status_code == 422 and snapshot(data) == before
    card = response.text[response.text.index('id="card-c01"'):]
    field = card[card.index('name="event_date"'):card.index("</div>", card.index(
        'name="event_date"'))]
    assert 'value="2017-02-30"' in field and "not a real date" in field
    assert "<details open>" in card
    # marked invalid, its finding read with it
    described = re.search(r'name="event_date"[^>]*aria-invalid="true" aria-describedby="([^"]+)"',
                          card).group(1)
    assert f'<ul class="findings" id="{described}">' in field
    assert card.count('aria-invalid="true"') == 1


def test_a_conflict_shows_both_versions_and_writes_nothing(curate):
    client, data, access = curate
    where = added(client, access)
    page = client.get(where).text
    path = data / "claims" / "t1.yaml"
    path.write_text(path.read_text("utf-8") + "# saved meanwhile in an editor\n", "utf-8")
    before = snapshot(data)
    response = client.post(f"{where}/reject", data={"csrf": access.csrf, "claim": "c01",
                                                    "version": version_of(page)})
    assert response.status_code == 409 and snapshot(data) == before
    assert "changed on disk" in response.text
    assert "# saved meanwhile in an editor" in response.text  # the file now
    assert "<dt>claim</dt><dd>c01</dd>" in response.text       # the curator's change
    diff = response.text[response.text.index("What changed since your page read it"):]
    diff = diff[:diff.index("</pre>")]
    assert "<ins>+# saved meanwhile in an editor</ins>" in diff  # the line added meanwhile
    assert "<del>" not in diff


@pytest.mark.parametrize("field", ["text", "date", "language", "publisher", "author",
                                   "translated_by", "title", "url", "quotes", "type", "id"])
def test_markup_in_any_field_of_the_add_form_is_refused_on_the_page(curate, field):
    client, data, access = curate
    before = snapshot(data)
    form = {"csrf": access.csrf, "text": REPORT, "date": "2017-04-05", "language": "en"}
    form[field] = (REPORT + SCRIPT) if field == "text" else SCRIPT
    response = client.post("/curate/add", data=form)
    assert response.status_code == 422 and snapshot(data) == before
    assert SCRIPT not in response.text and "&lt;script&gt;" in response.text
    assert "HTML markup" in response.text


@pytest.mark.parametrize("field", ["kind", "stated_by", "speech", "via", "about", "quote",
                                   "occurrence", "perpetrators", "mechanisms", "addressees",
                                   "accused", "instruments", "based_on", "weapon", "place",
                                   "event_date", "figures-0-value"])
def test_markup_in_any_field_of_a_claim_form_is_refused_on_the_page(curate, field):
    client, data, access = curate
    where = added(client, access)
    page = client.get(where).text
    before = snapshot(data)
    form = {"csrf": access.csrf, "version": version_of(page), "claim": "c01",
            "kind": "event", "stated_by": "author", "quote": "sarin attack",
            "about": ["attack:khan-sheikhoun-2017"], field: SCRIPT}
    response = client.post(f"{where}/edit", data=form)
    assert response.status_code == 422 and snapshot(data) == before
    assert SCRIPT not in response.text and "&lt;script&gt;" in response.text


def test_a_ten_megabyte_paste_gets_a_clear_message(curate):
    client, data, access = curate
    before = snapshot(data)
    response = client.post("/curate/add", data={"csrf": access.csrf, "text": "x" * 10_485_760,
                                                "date": "2017-04-05", "language": "en"})
    assert response.status_code == 413 and "cwkg add FILE" in response.text
    assert snapshot(data) == before


@pytest.mark.parametrize("path", ["/curate/source/..%2F..%2Fetc%2Fpasswd",
                                  "/curate/source/%2Fetc%2Fpasswd/edit",
                                  "/curate/source/../../etc/passwd",
                                  "/curate/source/src:..%2Fx", "/curate/../data/claims",
                                  "/curate/source/wh-2024-04-04/../../x"])
def test_paths_outside_data_are_refused(curate, path):
    client, data, access = curate
    before = snapshot(data)
    assert client.get(path).status_code == 404
    # 405: a client that resolves the dots asks a read view, which takes no POST
    assert client.post(path, data={"csrf": access.csrf, "claim": "c01"}).status_code in \
        (403, 404, 405)
    assert snapshot(data) == before


def test_a_new_entity_from_the_form_and_a_refused_one_keeps_its_values(curate):
    client, data, access = curate
    where = added(client, access)
    page = client.get(where).text
    form = {"csrf": access.csrf, "version": version_of(page), "type": "organisation",
            "label_en": "Syrian opposition groups", "label_ar": "فصائل المعارضة",
            "alias": "Opposition groups"}
    response = client.post(f"{where}/new-entity", data=form)
    assert "Created org:syrian-opposition-groups" in response.text
    card = response.text[response.text.index('id="entity-org-syrian-opposition-groups"'):]
    assert "Accept org:syrian-opposition-groups</button>" in card  # a card of its own
    # the pickers offer it by its names
    assert re.search(r'<option value="org:syrian-opposition-groups">[^<]*فصائل المعارضة',
                     response.text)
    before = snapshot(data)
    form.update(version=version_of(response.text), label_en="Another " + SCRIPT,
                alias="words the text does not have")
    response = client.post(f"{where}/new-entity", data=form)
    assert response.status_code == 422 and snapshot(data) == before
    section = response.text[response.text.index('id="new-entity"'):]
    assert "&lt;script&gt;" in section and SCRIPT not in response.text
    assert 'value="words the text does not have"' in section
    # accepted on its own from its card: into data/entities
    response = client.post(f"{where}/accept", data={
        "csrf": access.csrf, "version": version_of(response.text),
        "claim": "org:syrian-opposition-groups"})
    assert "Accepted org:syrian-opposition-groups" in response.text
    assert 'id="entity-org-syrian-opposition-groups"' not in response.text
    assert "- id: org:syrian-opposition-groups" in \
        (data / "entities" / "agents.yaml").read_text("utf-8")


def test_an_unexpected_error_is_a_page_not_a_traceback(curate, monkeypatch):
    from cwkg.web.curator import Curator
    client, data, access = curate

    def broken(self, source, *args, **kwargs):
        raise RuntimeError("a bug")
    monkeypatch.setattr(Curator, "review", broken)
    response = client.get("/curate/source/wh-2024-04-04")
    assert response.status_code == 500
    assert "Something went wrong" in response.text and "nothing was written" in response.text
    assert "Traceback" not in response.text and "a bug" not in response.text


def test_an_uploaded_file_is_added_and_the_same_text_again_is_refused(curate):
    client, data, access = curate
    form = {"csrf": access.csrf, "date": "2017-04-05", "language": "en", "id": "upload"}
    response = client.post("/curate/add", data=form, follow_redirects=False,
                           files={"file": ("report.txt", REPORT.encode(), "text/plain")})
    assert response.status_code == 303 and response.headers["location"].endswith("/upload")
    assert (data / "sources" / "upload.txt").read_bytes() == REPORT.encode()
    before = snapshot(data)
    response = client.post("/curate/add", data={**form, "id": "again", "text": REPORT})
    assert response.status_code == 422 and snapshot(data) == before
    text_field = response.text[response.text.index('id="add-text"'):]
    assert "src:upload" in text_field[:text_field.index("</div>")]


def test_a_new_publisher_is_proposed_on_the_page_and_accepting_it_sets_the_field(curate):
    client, data, access = curate
    where = added(client, access, publisher="Idlib Health Directorate")
    page = client.get(where).text
    assert "no agent &#39;Idlib Health Directorate&#39; in data/entities" in page
    card = page[page.index('id="entity-org-idlib-health-directorate"'):]
    card = card[:card.index("</article>")]
    assert "accepting it makes it the source's</dt><dd>publisher" in card
    assert "Cannot be accepted" not in card
    meta = data / "sources" / "t1.yaml"
    assert "publisher" not in yaml.safe_load(meta.read_text("utf-8"))
    response = client.post(f"{where}/accept", data={"csrf": access.csrf,
                                                    "version": version_of(page),
                                                    "claim": "org:idlib-health-directorate"})
    assert response.status_code == 200 and "Accepted org:idlib-health-directorate" in \
        response.text, response.text[:1000]
    assert yaml.safe_load(meta.read_text("utf-8"))["publisher"] == \
        "org:idlib-health-directorate"


def test_the_form_edits_anniversaries_periods_and_the_curators_identifications(curate):
    client, data, access = curate
    where = added(client, access)
    page = client.get(where).text
    claims = yaml.safe_load((data / "claims" / "t1.yaml").read_text("utf-8"))["claims"]
    figure = next(c for c in claims if c["kind"] == "casualty-figure")
    reason = "'Yesterday's sarin attack on Khan Sheikhoun', in a text of 5 April 2017"
    form = {"csrf": access.csrf, "version": version_of(page), "claim": figure["id"],
            "kind": "casualty-figure", "stated_by": "author",
            "about": ["attack:khan-sheikhoun-2017"], "quote": figure["quote"],
            "figures-0-counts": "killed", "figures-0-group": "people",
            "figures-0-qualifier": "more-than", "figures-0-value": "70",
            "years_since": "1", "period-start": "2017-04", "period-end": "",
            "identifications-0-field": "about",
            "identifications-0-id": "attack:khan-sheikhoun-2017",
            "identifications-0-reason": reason}
    response = client.post(f"{where}/edit", data=form)
    assert f"Saved {figure['id']}" in response.text, re.findall(r"<li class=\"sev-[^\"]*\">.*?</li>", response.text)
    saved = next(c for c in yaml.safe_load((data / "claims" / "t1.yaml").read_text("utf-8"))
                 ["claims"] if c["id"] == figure["id"])
    assert saved["years_since"] == 1 and saved["period"] == {"start": "2017-04"}
    assert saved["identifications"] == [{"field": "about", "id": "attack:khan-sheikhoun-2017",
                                         "identified_by": "curator", "reason": reason}]
    card = response.text[response.text.index(f'id="c-{figure["id"]}-period-start"'):]
    assert card.startswith(f'id="c-{figure["id"]}-period-start" name="period-start" '
                           'type="text" dir="ltr" size="10" value="2017-04"')
    # an identification of an id its field does not hold is refused on its row
    form.update({"version": version_of(response.text), "identifications-0-id": "org:soc"})
    response = client.post(f"{where}/edit", data=form)
    assert response.status_code == 422 and "Not saved" in response.text
    assert f'id="c-{figure["id"]}-i0-findings"' in response.text, \
        re.findall(r'<ul class="findings"[^>]*>\s*<li.*?</li>', response.text, re.S)
