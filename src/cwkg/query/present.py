"""What ``cwkg query`` prints for each kind of answer, and in which formats.

Rows (SELECT): ``table`` (the default; labels beside ids, fitted to the terminal), ``csv``
(labels beside ids; ``--excel`` adds the byte-order mark Excel needs), and the W3C
formats ``tsv`` and ``json``. A graph (CONSTRUCT, DESCRIBE): ``turtle`` (the default),
``ntriples``, ``jsonld``. A boolean (ASK): ``yes`` or ``no`` (the default) or ``json``, and
the exit code says it too: 0 for yes, 1 for no, as ``grep`` does. The count (rows,
triples) goes to stderr in every format, so stdout holds only the answer.

>>> check_format("ASK", "csv", excel=False)
Traceback (most recent call last):
cwkg.errors.UsageError: an ASK query answers yes or no: --format text or json, not csv
>>> check_format("CONSTRUCT", None, excel=False)
'turtle'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pyoxigraph as ox

from cwkg.errors import UsageError

from .results import BOOLEAN_FORMATS, GRAPH_FORMATS, ROW_FORMATS, BooleanResult, GraphResult
from .table import labelled, render_csv, render_table

FORMATS_BY_FORM = {"SELECT": ROW_FORMATS, "ASK": BOOLEAN_FORMATS,
                   "CONSTRUCT": tuple(GRAPH_FORMATS), "DESCRIBE": tuple(GRAPH_FORMATS)}
ALL_FORMATS = tuple(dict.fromkeys(f for fs in FORMATS_BY_FORM.values() for f in fs))
ANSWERS = {"SELECT": "rows", "ASK": "yes or no", "CONSTRUCT": "a graph", "DESCRIBE": "a graph"}
EXIT_NO = 1   # an ASK answered no


def check_format(form: str | None, fmt: str | None, excel: bool) -> str:
    """The format to write a ``form`` query's answer in (``fmt``, or the form's default);
    a UsageError before anything runs if they do not go together."""
    form = form if form in FORMATS_BY_FORM else "SELECT"
    allowed = FORMATS_BY_FORM[form]
    fmt = fmt or allowed[0]
    if fmt not in allowed:
        article = "an" if form == "ASK" else "a"
        raise UsageError(f"{article} {form} query answers {ANSWERS[form]}: --format "
                         f"{_choices(allowed)}, not {fmt}")
    if excel and fmt != "csv":
        raise UsageError("--excel goes with --format csv (it adds the byte-order mark Excel "
                         "needs to read UTF-8)")
    return fmt


def _choices(formats) -> str:
    formats = list(formats)
    return formats[0] if len(formats) == 1 else ", ".join(formats[:-1]) + " or " + formats[-1]


@dataclass
class Output:
    data: bytes                                   # for stdout
    notes: list[str] = field(default_factory=list)  # for stderr
    exit_code: int = 0


def present(answer, fmt: str, *, labels: Callable[..., dict[str, str]],
            width: int | None = None, excel: bool = False) -> Output:
    """The bytes to print for ``answer``, the lines for stderr and the exit code.
    ``labels(among=IRIS)`` gives the label of each entity among the rows' IRIs (asked
    only for a table or CSV)."""
    if isinstance(answer, BooleanResult):
        return Output(answer.format(fmt), [], 0 if answer.value else EXIT_NO)
    if isinstance(answer, GraphResult):
        return Output(answer.format(fmt), [answer.count()])
    if fmt in ("tsv", "json"):
        return Output(answer.format(fmt), [answer.count()])
    among = {term.value for row in answer.rows for term in row
             if isinstance(term, ox.NamedNode)}
    view = labelled(answer, labels(among=among) if among else {})
    if fmt == "csv":
        return Output(render_csv(view, excel), [answer.count()])
    text, cut, blocks = render_table(view, width)
    notes = [answer.count()]
    if blocks:
        notes.append(f"the {len(view.columns)} columns do not fit {width} columns side by "
                     "side: one block per row (--width 0 for the table)")
    if cut:
        notes.append(f"{cut} value(s) cut to fit {width} columns (marked …); --width 0 or "
                     "--format csv shows them whole")
    return Output((text + "\n").encode("utf-8"), notes)
