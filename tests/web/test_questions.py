"""Stored questions in the browser: parameters by name (English or Arabic), the answer with
labels and links, CSV that Excel opens with Arabic intact, SPARQL JSON."""

from __future__ import annotations

import csv
import io
import json


def test_a_question_asked_with_an_arabic_name(client):
    html = client.get("/query/death-tolls", params={"attack": "هجوم خان شيخون الكيميائي"}).text
    assert "Answer:" in html
    assert '<a href="/claim/wh-2024-04-04-c07"><bdi>claim:wh-2024-04-04-c07</bdi></a>' in html \
        or "/claim/wh-2024-04-04-c07" in html
    assert "White Helmets" in html          # a label, not an IRI
    assert "<bdi>own voice</bdi>" in html and "cwkg:OwnVoice" not in html   # cwkg's terms in words


def test_a_bad_parameter_is_a_message_on_the_page(client):
    html = client.get("/query/death-tolls", params={"attack": "Atlantis"}).text
    assert 'class="error"' in html and "Atlantis" in html


def test_the_form_offers_entities_by_every_name(client):
    html = client.get("/query/death-tolls").text
    assert '<datalist id="list-attack">' in html
    assert "هجوم خان شيخون الكيميائي" in html and "Khan Sheikhoun Massacre" in html


def test_csv_has_a_byte_order_mark_labels_and_arabic(client):
    response = client.get("/query/names-and-aliases.csv", params={"entity": "White Helmets"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert any(h.endswith("_label") for h in header)
    assert any("الخوذ البيضاء" in cell for row in rows for cell in row)
    assert "attachment" in response.headers["content-disposition"]


def test_a_csv_is_sent_as_it_is_made(client, pages):
    """The header leaves first, then the rows as they are labelled (a large answer's
    first byte does not wait for its last row); the bytes are those of the whole file,
    and a second download is the same file."""
    from cwkg.web import questions
    query = questions.catalogue()["voices"]
    result = questions.answer(pages.dir, query, {}, answers=pages.answers).result
    assert len(result.rows) > 4
    chunks = list(questions.csv_chunks(pages.dir, result, rows_per_chunk=2))
    assert chunks[0].startswith("\ufeff".encode()) and chunks[0].count(b"\r\n") == 1
    assert len(chunks) == 2 + len(result.rows) // 2
    whole = questions.to_csv(pages.dir, result)
    assert b"".join(chunks) == whole
    with client.stream("GET", "/query/voices.csv") as response:
        assert "content-length" not in response.headers   # streamed, not made first
        assert response.read() == whole
    assert client.get("/query/voices.csv").content == whole
    # the JSON download is the file the answer is kept in, as the answer writes it
    assert pages.answers.folder is not None and any(pages.answers.folder.glob("voices-*"))
    assert client.get("/query/voices.json").content == result.to_json()


def test_json_is_sparql_results(client):
    response = client.get("/query/death-tolls.json", params={"attack": "attack:douma-2018"})
    doc = json.loads(response.content)
    assert set(doc) == {"head", "results"}
    assert "attack" in doc["head"]["vars"]


def test_a_download_missing_a_required_parameter_says_so(client):
    response = client.get("/query/claim-provenance.csv")
    assert response.status_code == 400
