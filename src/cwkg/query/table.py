"""Rows for people: a text table that fits the terminal, and CSV for spreadsheets, both with
each entity's label beside its id.

A column whose values are entities (``speaker``) becomes two: ``speaker``, the entity's
preferred label ("Ned Price"), and ``speakerId``, its compact id (``person:ned-price``), the
id every cwkg command accepts back. A column of other IRIs (claims, sources) shows the
compact id; literals show their text. The W3C formats (``tsv``, ``json``) are left alone:
they are lossless, for programs.

>>> import pyoxigraph as ox
>>> rs = ResultSet(["who", "n"], [(ox.NamedNode("https://w3id.org/cwkg/org/un"), ox.Literal("3"))])
>>> view = labelled(rs, {"https://w3id.org/cwkg/org/un": "United Nations"})
>>> view.columns, view.rows
(['who', 'whoId', 'n'], [['United Nations', 'org:un', '3']])
>>> print(render_table(view, width=None)[0])
who             whoId   n
--------------  ------  -
United Nations  org:un  3
>>> print(render_table(view, width=16)[0])
who    whoId   n
-----  ------  -
Unit…  org:un  3
>>> print(render_table(view, width=14)[0])
-[ row 1 ]----
who    United…
whoId  org:un
n      3
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox

from cwkg.prefixes import compact

from .results import ResultSet

MARKER = "…"           # ends a value cut to fit the width
ID_SUFFIX = "Id"
MIN_COLUMN = 5          # a column is never cut narrower than this (the marker included)
SHORT = 12              # a column this narrow (dates, numbers) is cut only as a last resort
UTF8_BOM = "\ufeff"     # what Excel needs to read a CSV file as UTF-8


@dataclass
class View:
    columns: list[str]
    rows: list[list[str]]
    ids: frozenset[int] = frozenset()   # columns of ids: cut to fit only as a last resort


def labelled(result: ResultSet, labels: dict[str, str]) -> View:
    """The rows as text, with a label column beside each column that holds labelled IRIs."""
    with_labels = [i for i, _ in enumerate(result.variables)
                   if any(isinstance(row[i], ox.NamedNode) and row[i].value in labels
                          for row in result.rows)]
    columns: list[str] = []
    ids = set()
    taken = set(result.variables)
    for i, name in enumerate(result.variables):
        columns.append(name)
        if i in with_labels:
            columns.append(_free_name(name + ID_SUFFIX, taken))
        if all(row[i] is None or isinstance(row[i], ox.NamedNode) for row in result.rows):
            ids.add(len(columns) - 1)  # the id column (after the label, if any)
    rows = []
    for row in result.rows:
        cells: list[str] = []
        for i, term in enumerate(row):
            if i in with_labels:
                cells.append(labels.get(term.value, "") if isinstance(term, ox.NamedNode) else "")
            cells.append(_text(term))
        rows.append(cells)
    return View(columns, rows, frozenset(ids))


def _free_name(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}{n}", n + 1
    taken.add(candidate)
    return candidate


def _text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


# ---------------------------------------------------------------------------- the table


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: combining marks none, wide East Asian characters two.

    >>> display_width("abc"), display_width("\u062e\u064e\u0627\u0646"), display_width("\u6f22\u5b57")
    (3, 3, 4)
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _one_line(text: str) -> str:
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending with the marker when anything was cut."""
    if display_width(text) <= width:
        return text
    out, used = [], display_width(MARKER)
    for ch in text:
        used += display_width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + MARKER


def _fit(natural: list[int], available: int, keep: frozenset[int] = frozenset()) -> list[int]:
    """Column widths that fit ``available`` columns: the widest are narrowed first, to a
    common cap, never below MIN_COLUMN; the ``keep`` columns (ids) only if the others
    cannot make room. Too many columns for the width stay too wide.

    >>> _fit([3, 40, 10], 30), _fit([3, 40, 10], 30, keep=frozenset({2}))
    ([3, 17, 10], [3, 17, 10])
    >>> _fit([30, 30], 40), _fit([30, 30], 40, keep=frozenset({1}))
    ([20, 20], [10, 30])
    """
    if sum(natural) <= available:
        return natural
    floors = [w if i in keep else min(w, MIN_COLUMN) for i, w in enumerate(natural)]
    if sum(floors) > available:
        floors = [min(w, MIN_COLUMN) for w in natural]
    cap = max(natural)
    while cap > MIN_COLUMN and sum(max(min(w, cap), f) for w, f in zip(natural, floors)) > available:
        cap -= 1
    widths = [max(min(w, cap), f) for w, f in zip(natural, floors)]
    slack = available - sum(widths)
    for i in sorted(range(len(natural)), key=lambda i: -natural[i]):  # the widest first
        extra = max(0, min(slack, natural[i] - widths[i]))
        widths[i] += extra
        slack -= extra
    return widths


def render_table(view: View, width: int | None) -> tuple[str, int, bool]:
    """The aligned table (no row count: that goes to stderr), how many values were cut to
    fit ``width`` terminal columns (None: no limit), and whether the rows had to be shown
    one block each, a line per column (as psql's expanded display), because the columns
    could not fit side by side without cutting an id."""
    header = [_one_line(c) for c in view.columns]
    cells = [[_one_line(v) for v in row] for row in view.rows]
    natural = [max([display_width(h)] + [display_width(r[i]) for r in cells])
               for i, h in enumerate(header)]
    available = None if width is None else width - 2 * (len(natural) - 1)
    keep = view.ids | {i for i, w in enumerate(natural) if w <= SHORT}
    if available is not None and sum(natural) > available and \
            sum(w if i in keep else min(w, MIN_COLUMN)
                for i, w in enumerate(natural)) > available:
        return (*_blocks(header, cells, width), True)
    widths = natural if available is None else _fit(natural, available, frozenset(keep))
    cut = 0

    def line(values: list[str]) -> str:
        nonlocal cut
        parts = []
        for value, w in zip(values, widths):
            shown = _cut(value, w)
            cut += shown != value
            parts.append(shown + " " * (w - display_width(shown)))
        return "  ".join(parts).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths).rstrip()]
    cut = 0  # a cut header is not a cut value
    lines += [line(row) for row in cells]
    return "\n".join(lines), cut, False


def _blocks(header: list[str], cells: list[list[str]], width: int) -> tuple[str, int]:
    """One block per row: a rule naming the row, then a line per column (name, value)."""
    name_width = max(display_width(h) for h in header)
    value_width = max(width - name_width - 2, MIN_COLUMN)
    lines, cut = [], 0
    for number, row in enumerate(cells, start=1):
        rule = f"-[ row {number} ]"
        lines.append(rule + "-" * max(width - display_width(rule), 0))
        for name, value in zip(header, row):
            shown = _cut(value, value_width)
            cut += shown != value
            pad = " " * (name_width - display_width(name))
            lines.append(f"{name}{pad}  {shown}".rstrip())
    return "\n".join(lines), cut


# ---------------------------------------------------------------------------- CSV


def render_csv(view: View, excel: bool = False) -> bytes:
    """RFC 4180 CSV (CRLF line ends); with ``excel``, a UTF-8 byte-order mark first, which
    is how Excel knows the file is UTF-8 (without it, Arabic reads as mojibake)."""
    import csv  # here: the other formats start without it
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(view.columns)
    writer.writerows(view.rows)
    return ((UTF8_BOM if excel else "") + out.getvalue()).encode("utf-8")
