"""A :class:`~cwkg.api.describe.Description` as text for a person (``cwkg show``): the
quote highlighted in its context, the statements in words, the provenance.

The highlight is bold and underlined on a terminal (ANSI), and plain ``[[...]]`` markers
elsewhere (a pipe, a file), so it survives copying.

>>> from cwkg.api.describe import Quote
>>> q = Quote("claim:x", "src:y", "over 90 lives", "", "", 10, 23, "the loss\\nof ", " and")
>>> quoted(q, PLAIN)
'"…the loss of [[over 90 lives]] and…"'
"""

from __future__ import annotations

from dataclasses import dataclass

from .describe import Description, Quote, Statement


@dataclass(frozen=True)
class Style:
    start: str
    end: str
    heading_start: str = ""
    heading_end: str = ""


PLAIN = Style("[[", "]]")
TERMINAL = Style("\x1b[1;4m", "\x1b[0m", "\x1b[1m", "\x1b[0m")
WIDTH = 22  # the words column


def _flat(text: str) -> str:
    return " ".join(text.split())


def quoted(quote: Quote, style: Style) -> str:
    before, after = _flat(quote.before), _flat(quote.after)
    space_before = " " if quote.before[-1:].isspace() and before else ""
    space_after = " " if quote.after[:1].isspace() and after else ""
    return (f'"…{before}{space_before}{style.start}{_flat(quote.exact)}{style.end}'
            f'{space_after}{after}…"')


def _value(s: Statement) -> str:
    if isinstance(s.value, bool):
        return "yes" if s.value else "no"
    if s.label and s.label != s.value:
        return f"{s.label} ({s.value})" if ":" in str(s.value) and not \
            str(s.value).startswith("cwkg:") else s.label
    return str(s.value)


def _lines(statements: list[Statement], skip=("a",)) -> list[str]:
    return [f"  {_words(s.words)}{_value(s)}" for s in statements if s.words not in skip]


def _words(words: str) -> str:
    return f"{words:<{WIDTH - 1}} "


def render(item: Description, style: Style = PLAIN, source: Description | None = None) -> str:
    """``item`` in words; for a claim, ``source`` (its source's description) gives the
    provenance."""
    h = lambda text: f"{style.heading_start}{text}{style.heading_end}"  # noqa: E731
    title = f"{item.id}  {item.kind}" + (f": {item.label}" if item.label else "")
    out = [h(title)]
    if item.defined_at:
        out.append(f"  {_words('defined at')}{item.defined_at}")
    if item.quote is not None:
        q = item.quote
        out += ["", "  " + quoted(q, style),
                f"  {q.source}, characters {q.start}-{q.end} (prefix {q.prefix!r}, "
                f"suffix {q.suffix!r})"]
    if item.names:
        out += ["", h("Names")]
        for language, names in sorted(item.names.items()):
            out.append(f"  {_words(language or '-')}{names[0]}"
                       + (f"  (also: {'; '.join(names[1:])})" if len(names) > 1 else ""))
    said = [s for s in item.statements if s.words not in ("a", "source")] \
        if item.quote is not None or item.figures else item.statements
    lines = _lines(said) + [f"  {_words('figure')}{f}" for f in item.figures]
    if lines:
        out += ["", h("What it says" if item.kind.endswith("claim") else "Statements"), *lines]
    if source is not None:
        out += ["", h("Provenance"),
                f"  {_words('source')}{source.id}" + (f": {source.label}" if source.label
                                                      else ""),
                *_lines(source.statements, skip=("a", "title", "text", "SHA-256",
                                                 "text file", "original file name"))]
    if item.claims:
        heading = "Claims" if item.kind == "source" else "What the claims say of it"
        out += ["", h(f"{heading} ({len(item.claims)})")]
        for c in item.claims:
            how = f" [{c['how']}]" if c.get("how") and item.kind != "source" else ""
            out.append(f"  {c['claim']}{how}  {c['speaker']}: \"{_flat(c['quote'])}\"")
    return "\n".join(out) + "\n"
