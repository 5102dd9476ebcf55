"""Pages as HTML: Jinja2 templates with autoescape always on, so every text from the data
(a source text holding ``<script>``, a title holding ``"><img onerror=...>``) is shown as
text. Templates never mark data as safe.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from cwkg.namespaces import compact

from .links import Links
from .words import KIND_WORDS, QUALIFIER_WORDS, SPEECH_WORDS, bounds_phrase, figure_phrase

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
PREDICATE_WORDS = {
    "dcterms:source": "Source", "dcterms:isPartOf": "Part of", "schema:worksFor": "Works for",
    "schema:containedInPlace": "Lies in", "sem:hasPlace": "Place", "cwkg:weapon": "Weapon",
    "cwkg:allegedPerpetrator": "Alleged perpetrator", "dcterms:creator": "Author or issuer",
    "skos:related": "Related to", "schema:parentOrganization": "Part of", "dcterms:date": "Date",
    "schema:jobTitle": "Job title", "dcterms:bibliographicCitation": "Reference",
    "sem:hasTimeStamp": "Reference date"}
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "ku", "ckb", "yi", "dv"}


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,                 # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
        # the templates are the package's: no check of their files' times at every page
        # (five stats a page, a tenth of a claim page's time)
        auto_reload=False)
    env.globals.update(compact=compact, kind_words=KIND_WORDS, speech_words=SPEECH_WORDS,
                       qualifier_words=QUALIFIER_WORDS, figure_phrase=figure_phrase,
                       bounds_phrase=bounds_phrase, direction=direction,
                       predicate_words=predicate_words)
    return env


def direction(lang: str | None) -> str:
    """'rtl' for a right-to-left language tag, else 'ltr'."""
    return "rtl" if (lang or "").split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def predicate_words(iri: str) -> str:
    short = compact(iri)
    return PREDICATE_WORDS.get(short, short)


def render(template: str, context: dict, *, links: Links, names, site: dict) -> str:
    """``names``: the Directory (names of nodes); ``site``: what the frame shows (is it the
    static site, the dumps it links)."""
    return environment().get_template(template).render(
        **context, links=links, url=links.url, node_url=links.node, name=names.name,
        arabic_name=names.arabic_name, site=site)
