"""Where each page lives: a node's page sits at the path of its IRI
(``https://w3id.org/cwkg/claim/wh-2024-04-04-c07`` -> ``/claim/wh-2024-04-04-c07``), so
the w3id namespace can redirect here; the other pages have fixed paths.

The server links with these paths. The static site writes each page to a file named after
its path (``claim/wh-2024-04-04-c07.html``, page 2 of a list ``sources.page2.html``: no
cwkg id holds a dot) and links relatively, so it works from any folder of a static host and
from ``file://``.

>>> path_of("https://w3id.org/cwkg/claim/wh-2024-04-04-c07")
'/claim/wh-2024-04-04-c07'
>>> path_of("https://w3id.org/cwkg/claim/wh-2024-04-04-c07-f1")
'/claim/wh-2024-04-04-c07'
>>> iri_of("/org/white-helmets"), iri_of("/org/../etc/passwd"), iri_of("/ontology")
('https://w3id.org/cwkg/org/white-helmets', None, None)
>>> Links(static=True, here="/claim/x").url("/source/y", page=2)
'../source/y.page2.html'
>>> Links(static=False, here="/claim/x").url("/source/y", page=2)
'/source/y?page=2'
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, urlencode

from cwkg.namespaces import BASE, ENTITY_PREFIXES, PREFIXES

# the namespaces whose nodes have a page: sources, claims, and every kind of entity
NODE_FOLDERS = tuple(PREFIXES[p][len(BASE):].rstrip("/") for p in ("src", "claim",
                                                                    *ENTITY_PREFIXES))
_LOCAL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # cwkg's ids (load/records.py LOCAL_NAME)
# the nodes a claim owns (rdf/quads.py): its anchor, selectors and figures
_CLAIM_PART = re.compile(r"-(?:anchor|quote|position|f[0-9]+)$")


def path_of(iri: str) -> str | None:
    """The page path of a cwkg node's IRI, or None for an IRI with no page here."""
    if not iri.startswith(BASE):
        return None
    folder, sep, name = iri[len(BASE):].partition("/")
    if not sep or folder not in NODE_FOLDERS or not _LOCAL.fullmatch(name):
        return None
    if folder == "claim":  # a figure or selector is shown on its claim's page
        name = _CLAIM_PART.sub("", name)
    return f"/{folder}/{name}"


def iri_of(path: str) -> str | None:
    """The IRI a page path stands for, or None if it is not a node path."""
    folder, sep, name = path.strip("/").partition("/")
    if not sep or folder not in NODE_FOLDERS or not _LOCAL.fullmatch(name):
        return None
    return f"{BASE}{folder}/{name}"


def static_file(path: str, page: int = 1) -> str:
    """The file the static site writes for ``path`` (relative to the site's root)."""
    if path == "/":
        name = "index"
    else:
        name = path.strip("/")
    if "." in posixpath.basename(name):   # a download (query/x.csv) or an asset
        return name
    return f"{name}.page{page}.html" if page > 1 else f"{name}.html"


class Links:
    """URLs as one page must write them: absolute paths on the server, relative file
    names in the static site."""

    def __init__(self, static: bool, here: str = "/"):
        self.static = static
        self.here = here
        # every static file's name is relative to the site's root: climb to it, then down
        self._up = "../" * static_file(here).count("/") if static else ""

    def url(self, path: str, page: int = 1, query: dict | None = None,
            fragment: str | None = None) -> str:
        if self.static:
            url = self._up + static_file(path, page)
        else:
            params = dict(query or {})
            if page > 1:
                params["page"] = page
            url = quote(path) + (f"?{urlencode(params, doseq=True)}" if params else "")
        return url + (f"#{fragment}" if fragment else "")

    def node(self, iri: str, fragment: str | None = None) -> str | None:
        path = path_of(iri)
        return self.url(path, fragment=fragment) if path else None
