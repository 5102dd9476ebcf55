"""Every read page by its path: the one dispatcher the server and the static site share.
A page is (status, HTML); a path with no page raises :class:`NotFound`.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from cwkg.build.layout import FILES, LOCATIONS
from cwkg.load.sources import AUTHOR_SUFFIX

from . import questions
from .answers import Answers
from .findings import Findings, focus_iri
from .graph import Graph
from .links import Links, iri_of, path_of
from .render import render
from .views import NotFound, Page, Views, node_kind

SEARCH_PAGE = 50
QUESTION_WAIT = 0.25  # seconds a question page waits for its answer before saying it is asked
# the dumps the site links, as (format, file name in the build folder)
DUMPS = [(fmt, name) for fmt, name in FILES.items() if fmt != LOCATIONS]


class Pages:
    def __init__(self, graph: Graph, data_dir: Path | None = None, static: bool = False,
                 echo=None):
        self.views = Views(graph, echo)
        self.dir = self.views.dir
        self.answers = Answers(graph)
        self.findings = Findings(data_dir, graph.out_dir, graph.build)
        self.static = static
        # seconds a question page waits for its answer (then says it is being asked and
        # reloads itself); the static site waits for every answer
        self.question_wait = None if static else QUESTION_WAIT
        self.site = {"static": static, "dumps": [(fmt, name) for fmt, name in DUMPS]}

    def html(self, path: str, params: dict | None = None) -> str:
        """The page at ``path`` (``params``: the query string's values) as HTML."""
        params = params or {}
        template, context = self.context(path, params)
        return self.render(template, context, path)

    def render(self, template: str, context: dict, path: str) -> str:
        links = Links(self.static, path)
        return render(template, {"here_path": path, **context}, links=links,
                      names=self.dir, site=self.site)

    def error(self, status: int, heading: str, message: str, path: str = "/") -> str:
        return self.render("error.html", {"status": status, "heading": heading,
                                          "message": message}, path)

    def context(self, path: str, params: dict) -> tuple[str, dict]:
        page = _page_number(params.get("page", "1"))
        if path == "/":
            return "home.html", self.views.home()
        if path == "/sources":
            return "sources.html", self.views.sources_list(page)
        if path == "/entities":
            return "entities.html", self.views.entities_list()
        if path == "/search":
            return "search.html", self.search(params.get("q", ""), page)
        if path == "/queries":
            return "queries.html", {"queries": questions.catalogue()}
        if path.startswith("/query/"):
            return "query.html", self.question(path[len("/query/"):], params)
        if path == "/findings":
            # the server answers at once, saying so while validation is under way
            result = self.findings.get(wait=self.static)
            return "findings.html", {"result": result, "focus_iri": focus_iri,
                                     "path_of": path_of, "started": self.findings.started,
                                     "now": time.monotonic()}
        iri = iri_of(path)
        if iri is None:
            raise NotFound(path)
        kind = node_kind(iri)
        if kind == "claim":
            return "claim.html", self.views.claim(iri)
        if kind == "source" and not iri.endswith(AUTHOR_SUFFIX):
            return "source.html", self.views.source(iri)
        return "entity.html", self.views.entity(iri, page)

    def warm(self, log=None) -> threading.Thread:
        """Look for the findings kept for this build, then ask every stored question that
        needs no value, in a background thread, so that a user finds them at once
        (``log``: called with a line when it is done)."""
        def run():
            try:
                self.findings.read_kept()
            except Exception:  # the page will look again, and say what went wrong
                logging.getLogger("cwkg.web").exception("while reading the kept findings")
            started = time.perf_counter()
            for query in questions.catalogue().values():
                try:
                    questions.answer(self.dir, query, {}, answers=self.answers)
                except Exception:  # the page will say what went wrong when asked
                    logging.getLogger("cwkg.web").exception("while asking %s", query.id)
            if log:
                log(f"cwkg web: every stored question without parameters answered "
                    f"({time.perf_counter() - started:.1f} s)")
        thread = threading.Thread(target=run, name="cwkg-web-warm", daemon=True)
        thread.start()
        return thread

    def search(self, query: str, page: int) -> dict:
        hits = self.dir.index.search(query) if query.strip() else []
        pager, shown = Page.of(hits, page, SEARCH_PAGE)
        return {"search_query": query, "hits": shown, "pager": pager,
                "claims": {c.iri: c for c in self.views.claims(
                    h.iri for h in shown if h.kind == "claim")}}

    def question(self, query_id: str, params: dict) -> dict:
        catalogue = questions.catalogue()
        query = catalogue.get(query_id)
        if query is None:
            raise NotFound(query_id)
        # the server answers at once, saying so while a slow question is being asked
        answer = questions.answer(self.dir, query, params, example=self.static,
                                  answers=self.answers, wait=self.question_wait)
        page = _page_number(params.get("page", "1"))
        rows, pager = [], None
        if answer.result is not None:
            pager, shown = Page.of(answer.result.rows, page, 100)
            rows = questions.cells(self.dir, answer.result, shown)
        return {"query": query, "answer": answer, "rows": rows, "pager": pager,
                "pickers": questions.pickers(self.dir, query),
                "download_query": {k: v for k, v in answer.values.items() if v}}


def _page_number(text: str) -> int:
    try:
        number = int(text)
    except (TypeError, ValueError):
        raise NotFound(f"no page {text!r}") from None
    if number < 1 or number > 1_000_000:
        raise NotFound(f"no page {text!r}")
    return number
