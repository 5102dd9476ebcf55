"""The HTTP side of the curator's pages (``/curate``...): the session token and the CSRF
check (:mod:`.access`), the forms read within limits, and each answer of
:class:`.curator.Curator` rendered, redirected or refused.

Paths: ``/curate`` (what waits), ``/curate/add`` (GET the form, POST a document),
``/curate/source/<id>`` (the review page) and ``/curate/source/<id>/<action>`` (POST:
accept, reject, accept-all, edit, new-claim, new-entity). A source id is checked by the
curation layer before any path is made from it; any other path is a 404.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cwkg.curate.entities import TYPES
from cwkg.curate.inputs import MAX_DOCUMENT_BYTES
from cwkg.errors import CwkgError, UsageError

from .access import COOKIE, Access, same_origin
from .curator import Answer, Curator

_SOURCE = re.compile(r"^/curate/source/([^/]+)(?:/([a-z-]+))?$")
ACTIONS = ("accept", "reject", "accept-all", "edit", "new-claim", "new-entity")
# a review page's forms are a few KB; a document may be MAX_DOCUMENT_BYTES, sent as
# multipart (a little more on the wire)
MAX_BODY = MAX_DOCUMENT_BYTES + 256 * 1024
SEVERITY_WORDS = {"error": "Error", "cannot-accept": "Cannot accept yet",
                  "Violation": "Violation", "Warning": "Warning", "Info": "Note",
                  "note": "Note"}
ENTITY_TYPES = tuple(TYPES)


def is_curation(path: str) -> bool:
    return path == "/curate" or path.startswith("/curate/")


async def answer(request: Request, pages, curator: Curator, access: Access, headers: dict
                 ) -> Response:
    path = request.url.path
    # a browser sends a form's Origin as 'null' under 'no-referrer': these pages let it say
    # where a form comes from (this server), and no more
    headers = {**headers, "Referrer-Policy": "same-origin"}

    def page(status: int, template: str, context: dict) -> Response:
        body = pages.render(template, {**context, "csrf": access.csrf,
                                       "severity_words": SEVERITY_WORDS,
                                       "entity_types": ENTITY_TYPES}, path)
        return HTMLResponse(body, status_code=status, headers=headers)

    def refuse(status: int, heading: str, message: str) -> Response:
        return HTMLResponse(pages.error(status, heading, message, path), status_code=status,
                            headers=headers)

    token = request.query_params.get("token")
    if token is not None:  # the printed URL: set the cookie, then drop the token from the URL
        if not access.allows(token):
            return refuse(403, "Wrong token", "This token is not the one cwkg web printed "
                          "when it started.")
        rest = {k: v for k, v in request.query_params.items() if k != "token"}
        response = RedirectResponse(path + (f"?{urlencode(rest)}" if rest else ""), 303,
                                    headers=headers)
        response.headers["Set-Cookie"] = access.cookie()
        return response
    if not access.allows(request.cookies.get(COOKIE)):
        return refuse(403, "The curator's pages need the session token",
                      "Open the address cwkg web printed when it started (it ends in "
                      "?token=...); it lets this browser write to data/.")
    if request.method == "POST":
        if not same_origin(request.headers.get("origin"), request.headers.get("host")):
            return refuse(403, "Refused", "This form was sent from another site.")
        length = request.headers.get("content-length")
        if length is None or not length.isdigit() or int(length) > MAX_BODY:
            return refuse(413, "Too large", f"A form may send at most {MAX_BODY // 2**20} MiB; "
                          "add a longer document with 'cwkg add FILE'.")
    elif request.method not in ("GET", "HEAD"):
        return Response("Only GET, HEAD and POST are served here.\n", 405,
                        headers={"Allow": "GET, HEAD, POST"})
    try:
        result = await _dispatch(request, path, curator, access)
    except UsageError as exc:
        return refuse(404, "Not found", exc.message)
    except CwkgError as exc:
        return refuse(422, "cwkg cannot open this", str(exc))
    if result is None:
        return refuse(404, "Not found", "There is no curator's page at this address.")
    if isinstance(result, Response):
        return result
    if result.redirect:
        return RedirectResponse(result.redirect, 303, headers=headers)
    return page(result.status, result.template, result.context)


async def _dispatch(request: Request, path: str, curator: Curator, access: Access):
    post = request.method == "POST"
    if post:
        form = await _form(request)
        if isinstance(form, Answer):
            return form
        if not access.csrf_ok(form.get("csrf")):
            return Response("The form's CSRF field is missing or wrong; reload the page.\n",
                            403, media_type="text/plain; charset=utf-8")
    if path == "/curate":
        return None if post else await run_in_threadpool(curator.index)
    if path == "/curate/add":
        if not post:
            return await run_in_threadpool(curator.add_page)
        text, name = await _document(form)
        return await run_in_threadpool(curator.add, form, text, name)
    match = _SOURCE.match(path)
    if not match:
        return None
    source, action = match.groups()
    if action is None and not post:
        return await run_in_threadpool(curator.review, source)
    if action in ACTIONS and post:
        return await run_in_threadpool(curator.act, source, action, form)
    return None


async def _form(request: Request):
    from starlette.formparsers import MultiPartException
    try:
        return await request.form(max_files=1, max_fields=2000,
                                  max_part_size=MAX_DOCUMENT_BYTES + 1)
    except MultiPartException:
        return Answer(413, "error.html", {
            "status": 413, "heading": "Too large",
            "message": f"A field may hold at most {MAX_DOCUMENT_BYTES // 2**20} MiB; add a "
                       "longer document with 'cwkg add FILE'."})


async def _document(form) -> tuple[str | bytes, str | None]:
    """The document's text: an uploaded file's bytes (and its name), else the pasted text."""
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        data = await upload.read(MAX_DOCUMENT_BYTES + 1)
        if data:
            return data, upload.filename
    # a browser sends a textarea's line breaks as CRLF (HTML's form encoding): the text
    # pasted had the line breaks of the document it came from
    return (form.get("text") or "").replace("\r\n", "\n"), None

