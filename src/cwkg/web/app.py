"""The HTTP side of ``cwkg web``: a Starlette application over :class:`cwkg.web.pages.Pages`.

It serves only what it knows: the read pages, a node's description in an RDF format
(content negotiation), the build's dump files by their fixed names and the files of
``static/`` by name; every other path is a 404 page. The Host header must name this
server (a DNS-rebinding page cannot then read it), and no error shows a traceback.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from . import conneg, curate_routes, questions
from .links import iri_of
from .pages import DUMPS, Pages
from .render import STATIC
from .views import NotFound, node_kind

LOG = logging.getLogger("cwkg.web")
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
HEADERS = {  # nothing runs but our own files; no page may frame this one
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; frame-ancestors 'none'; "
                               "form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY"}
_DOWNLOAD = re.compile(r"/query/([a-z0-9][a-z0-9-]*)\.(csv|json)")


def create_app(pages: Pages, allowed_hosts: list[str] | None = None, curator=None,
               access=None) -> Starlette:
    """The application; ``allowed_hosts``: the names the Host header may give (this
    machine's loopback names by default). ``curator`` (a :class:`.curator.Curator`) and
    ``access`` (its :class:`.access.Access`): the curator's pages under ``/curate``,
    which write to data/; without them (``--read-only``) those paths are 404."""
    dumps = {name for _, name in DUMPS}
    statics = {p.name for p in STATIC.iterdir() if p.is_file()}

    def html(request: Request, status: int, body: str) -> Response:
        return HTMLResponse(body, status_code=status, headers=HEADERS)

    def not_found(request: Request, what: str = "") -> Response:
        return html(request, 404, pages.error(404, "Not found", "There is no page at this "
                                                  "address." + (f" ({what})" if what else "")))

    async def everything(request: Request) -> Response:
        path = request.url.path
        if curator is not None and curate_routes.is_curation(path):
            try:
                return await curate_routes.answer(request, pages, curator, access, HEADERS)
            except Exception:
                LOG.exception("error while answering %s", path)
                return html(request, 500, pages.error(500, "Something went wrong",
                                                      "cwkg could not do this; nothing was "
                                                      "written. The server's terminal shows "
                                                      "why."))
        if request.method not in ("GET", "HEAD"):
            return Response("Only GET and HEAD are served.\n", 405, headers={"Allow": "GET, HEAD"})
        try:
            return await _answer(request, path)
        except NotFound:
            return not_found(request)
        except Exception:
            LOG.exception("error while answering %s", path)
            return html(request, 500, pages.error(500, "Something went wrong",
                                                  "cwkg could not make this page; the server's "
                                                  "terminal shows why."))

    async def _answer(request: Request, path: str) -> Response:
        from starlette.concurrency import run_in_threadpool
        if path.startswith("/static/"):
            name = path[len("/static/"):]
            if name in statics:  # a name from the folder's own listing: nothing else
                return FileResponse(STATIC / name, headers=HEADERS)
            raise NotFound(path)
        if path.startswith("/dumps/"):
            name = path[len("/dumps/"):]
            if name in dumps and pages.views.graph.out_dir is not None:
                file = Path(pages.views.graph.out_dir) / name
                if file.is_file():
                    return FileResponse(file, headers=HEADERS)
            raise NotFound(path)
        download = _DOWNLOAD.fullmatch(path)
        if download:
            return await run_in_threadpool(_download, request, *download.groups())
        for suffix, fmt in conneg.SUFFIXES.items():
            if path.endswith(suffix) and iri_of(path[:-len(suffix)]):
                return await run_in_threadpool(_rdf, path[:-len(suffix)], fmt)
        params = dict(request.query_params)
        if iri_of(path):
            fmt = conneg.choose(request.headers.get("accept", ""))
            if fmt is None:
                return Response("Acceptable: text/html, text/turtle, application/ld+json, "
                                "application/n-triples\n", 406, headers={"Vary": "Accept"})
            if fmt != "html":
                return await run_in_threadpool(_rdf, path, fmt)
        body = await run_in_threadpool(pages.html, path, params)
        response = html(request, 200, body)
        if iri_of(path):
            response.headers["Vary"] = "Accept"
        return response

    def _rdf(path: str, fmt: str) -> Response:
        iri = iri_of(path)
        quads = pages.views.graph.quads_of(iri, parts=node_kind(iri) == "claim")
        if not quads:
            raise NotFound(path)
        return Response(conneg.describe(quads, fmt), media_type=conneg.MEDIA_TYPES[fmt],
                        headers={**HEADERS, "Vary": "Accept"})

    def _download(request: Request, query_id: str, fmt: str) -> Response:
        query = questions.catalogue().get(query_id)
        if query is None:
            raise NotFound(query_id)
        answer = questions.answer(pages.dir, query, dict(request.query_params),
                                  answers=pages.answers)
        if answer.result is None:
            message = answer.error or "give every required parameter"
            return Response(f"{message}\n", 400, media_type="text/plain; charset=utf-8")
        given = {k: v for k, v in answer.values.items() if v}
        if fmt == "csv":
            media = "text/csv; charset=utf-8"
            pieces = lambda result: questions.csv_chunks(pages.dir, result)  # noqa: E731
            body = pages.answers.streamed(query, given, fmt, answer.result, pieces)
        else:  # the file the answer is kept in
            media = "application/sparql-results+json"
            body = pages.answers.json_pieces(query, given, answer.result)
        disposition = f'attachment; filename="{query_id}.{fmt}"'
        # sent as it is made: the first rows leave at once, while the others are labelled
        return StreamingResponse(body, media_type=media,
                                 headers={**HEADERS, "Content-Disposition": disposition})

    app = Starlette(routes=[Route("/{path:path}", everything, methods=["GET", "HEAD", "POST",
                                                                        "PUT", "DELETE"])],
                    middleware=[Middleware(TrustedHostMiddleware,
                                           allowed_hosts=allowed_hosts or LOCAL_HOSTS)])
    app.state.pages = pages
    return app
