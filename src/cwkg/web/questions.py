"""The stored questions (``queries/*.rq``) as pages: the parameters as a form with entity
pickers, the answer as a table of labels and links, and downloads (CSV for spreadsheets,
with a byte-order mark so Excel reads Arabic as UTF-8; SPARQL JSON results).

Questions run through :func:`cwkg.query.run.run`, as ``cwkg query`` does: values are
resolved to RDF terms (an id, a label or an alias in English or Arabic), never pasted.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass

import pyoxigraph as ox

from cwkg.errors import CwkgError
from cwkg.namespaces import PREFIXES
from cwkg.query.catalogue import Query, load_catalogue
from cwkg.query.results import ResultSet

from .answers import Answers
from .directory import Directory

BOM = "\ufeff"


def catalogue() -> dict[str, Query]:
    """The questions a user asks (the ``*-violation`` checks are on the findings page)."""
    return {k: q for k, q in load_catalogue().items() if not q.is_violation}


@dataclass
class Answer:
    query: Query
    values: dict[str, str]          # parameter -> what the user typed
    result: ResultSet | None
    error: str | None
    seconds: float | None = None    # how long the answer took when first asked
    asking: float | None = None     # not there yet: seconds since it is being asked


def answer(directory: Directory, query: Query, form: dict[str, str],
           example: bool = False, answers: Answers | None = None,
           wait: float | None = None) -> Answer:
    """Run ``query`` with the non-empty values of ``form``; with ``example``, a required
    parameter left empty takes the example the catalogue gives (the static site's copy).
    ``answers``: where answers are kept for the build (asked once per build and values);
    ``wait``: seconds to wait for it (None: until it is there), after which the answer
    says since when it is being asked."""
    values = {p.name: form.get(p.name, "").strip() for p in query.params}
    if example:
        for p in query.params:
            if not values[p.name] and not p.optional:
                values[p.name] = p.example
    if not is_complete(query, values):
        return Answer(query, values, None, None)  # the form alone, nothing asked yet
    given = {k: v for k, v in values.items() if v}
    if answers is None:
        answers = Answers(directory.graph)
    try:
        found = answers.get(query, given, wait)
    except CwkgError as exc:
        return Answer(query, values, None, exc.message)
    if found is None:
        since = answers.asking(query, given)
        return Answer(query, values, None, None,
                      asking=time.monotonic() - since if since is not None else 0.0)
    return Answer(query, values, found[0], None, found[1])


def is_complete(query: Query, values: dict[str, str]) -> bool:
    """Whether every required parameter has a value."""
    return all(p.optional or values.get(p.name) for p in query.params)


def pickers(directory: Directory, query: Query) -> dict[str, list[tuple[str, str]]]:
    """parameter -> [(id, 'label · aliases')] for each entity parameter: the options of an
    HTML datalist, so a browser suggests entities by any of their names."""
    out = {}
    for p in query.params:
        if p.type != "entity":
            continue
        namespaces = tuple(PREFIXES[x] for x in p.prefixes) or (
            tuple(PREFIXES[x] for x in ("org", "person", "place", "attack", "weapon",
                                        "legal", "mech", "doc")))
        options = []
        for e in directory.entities.values():
            if e.iri.startswith(namespaces):
                names = [e.label("en")] + [n for lang, n in sorted(e.labels.items())
                                           if lang != "en"] + [a for a, _ in e.aliases]
                options.append((e.id, " · ".join(dict.fromkeys(names))))
        out[p.name] = sorted(options, key=lambda o: o[1].casefold())
    return out


def cells(directory: Directory, result: ResultSet, rows: list[tuple]) -> list[list[dict]]:
    """Each value as the table shows it: an IRI with its name and page, a literal with its
    language."""
    out = []
    for row in rows:
        line = []
        for term in row:
            if term is None:
                line.append({"text": ""})
            elif isinstance(term, ox.NamedNode):
                line.append({"text": directory.name(term.value), "iri": term.value})
            else:
                line.append({"text": term.value, "lang": getattr(term, "language", None)})
        out.append(line)
    return out


def to_csv(directory: Directory, result: ResultSet) -> bytes:
    """SPARQL CSV values, with a ``NAME_label`` column after each column that holds IRIs,
    UTF-8 with a byte-order mark (Excel then reads Arabic as it is)."""
    return b"".join(csv_chunks(directory, result))


def csv_chunks(directory: Directory, result: ResultSet, rows_per_chunk: int = 1000):
    """:func:`to_csv`'s bytes in pieces, each made as it is asked for: a server sends the
    header and the first rows at once, while the rest are labelled (40,000 rows with
    their labels take seconds)."""
    labelled = {i for i, _ in enumerate(result.variables)
                if any(isinstance(r[i], ox.NamedNode) for r in result.rows)}
    header = []
    for i, v in enumerate(result.variables):
        header.append(v)
        if i in labelled:
            header.append(f"{v}_label")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    yield (BOM + out.getvalue()).encode("utf-8")
    out.seek(0)
    out.truncate()
    names: dict[str, str] = {}  # an answer names the same nodes on many rows
    for number, row in enumerate(result.rows, start=1):
        line = []
        for i, term in enumerate(row):
            line.append("" if term is None else term.value)
            if i in labelled:
                if isinstance(term, ox.NamedNode):
                    name = names.get(term.value)
                    if name is None:
                        name = names[term.value] = directory.name(term.value)
                    line.append(name)
                else:
                    line.append("")
        writer.writerow(line)
        if number % rows_per_chunk == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")
