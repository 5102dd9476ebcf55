"""A claim's structure in plain English words, and the plain-text citation of a claim.

Every function returns plain text; the templates escape it.

>>> f = FigureView("x-f1", "killed", "people", "more-than", 90, 91, None)
>>> figure_phrase(f), bounds_phrase(f)
('more than 90 people killed', '91 or more')
>>> bounds_phrase(FigureView("x-f1", "killed", "people", "about", 100, None, None))
'no bounds (the wording gives none)'
"""

from __future__ import annotations

from .records import ClaimView, FigureView, SourceView

KIND_WORDS = {"casualty-figure": "casualty figure", "attribution": "attribution",
              "investigation-finding": "investigation finding", "demand": "demand",
              "instrument-citation": "instrument citation", "event": "event",
              "commemoration": "commemoration", "characterisation": "characterisation",
              "claim": "claim"}
SPEECH_WORDS = {"own-voice": "in its own voice", "direct-quote": "quoted directly",
                "reported": "reported speech"}
QUALIFIER_WORDS = {"exactly": "exactly", "about": "about", "more-than": "more than",
                   "at-least": "at least", "up-to": "up to", "dozens": "dozens of",
                   "hundreds": "hundreds of", "thousands": "thousands of"}
OUTCOME_VERBS = {"killed": "killed", "injured": "injured", "exposed": "exposed",
                 "affected": "affected", "attacks": "attacks"}


def figure_phrase(f: FigureView) -> str:
    """'more than 90 people killed', 'dozens of civilians injured', 'exactly 12 attacks'."""
    amount = QUALIFIER_WORDS.get(f.qualifier, f.qualifier)
    if f.stated is not None:
        amount = f"{amount} {f.stated}"
    if f.outcome == "attacks":
        return f"{amount} attacks"
    group = f.population or "people"
    if group == "people" and f.stated == 1:
        group = "person"
    if f.outcome == "casualties":  # the source's word: neither killed nor injured
        return f"{amount} {group} (casualties)"
    return f"{amount} {group} {OUTCOME_VERBS.get(f.outcome, f.outcome)}"


def figure_clause(f: FigureView) -> str:
    """The figure as a clause: 'more than 90 people were killed', 'up to 3 attacks'."""
    if f.outcome == "attacks":
        return figure_phrase(f)
    one = f.stated == 1
    if f.outcome == "casualties":
        amount = figure_phrase(f).rsplit(" ", 1)[0]
        return f"{amount} {'was a casualty' if one else 'were casualties'}"
    amount = figure_phrase(f).rsplit(" ", 1)[0]
    return f"{amount} {'was' if one else 'were'} {OUTCOME_VERBS.get(f.outcome)}"


def bounds_phrase(f: FigureView) -> str:
    """The range the wording allows, honestly: no bound is invented."""
    if f.min is not None and f.max is not None:
        return f"exactly {f.min}" if f.min == f.max else f"{f.min} to {f.max}"
    if f.min is not None:
        return f"{f.min} or more"
    if f.max is not None:
        return f"at most {f.max}"
    return "no bounds (the wording gives none)"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _verb(speaker_is_person: bool, plural: str, singular: str) -> str:
    return singular if speaker_is_person else plural


def claim_sentence(c: ClaimView, name, speaker_is_person: bool = False) -> str:
    """The claim's structure in words: 'White Helmets say more than 90 people were killed
    in Khan Sheikhoun chemical attack.' ``name`` gives an IRI's label."""
    who = name(c.speaker)

    def names(role: str) -> str:
        return _join([name(i) for i in c.named(role)])

    about = names("about")
    say = _verb(speaker_is_person, "say", "says")
    if c.speech == "direct-quote":
        say = "are quoted saying" if not speaker_is_person else "is quoted saying"
    elif c.speech == "reported":
        say = "are reported to say" if not speaker_is_person else "is reported to say"
    if c.kind == "casualty-figure" and c.figures:
        totals = [f for f in c.figures if not f.is_subgroup]
        groups = [f for f in c.figures if f.is_subgroup]
        parts = [figure_clause(f) for f in totals or groups]
        text = f"{who} {say} {_join(parts)}"
        if totals and groups:
            text += ", including " + _join([figure_phrase(f).rsplit(" ", 1)[0] for f in groups])
        text += f" in {about}" if about else ""
    elif c.kind in ("attribution", "investigation-finding"):
        whom = names("perpetrators") or "someone not named"
        text = f"{who} {say} {whom} {'is' if len(c.named('perpetrators')) < 2 else 'are'} " \
               f"responsible for {about or 'the attack'}"
        if c.named("weapon"):
            text += f", using {names('weapon')}"
        if c.named("based_on"):
            text += f" (based on {names('based_on')})"
    elif c.kind == "demand":
        text = f"{who} {'demand' if not speaker_is_person else 'demands'}"
        text += f" {names('mechanisms')}" if c.named("mechanisms") else " accountability"
        if c.named("addressees"):
            text += f" of {names('addressees')}"
        if c.named("accused"):
            text += f" to hold {names('accused')} accountable"
        text += f" for {about}" if about else ""
    elif c.kind == "instrument-citation":
        text = f"{who} {'cite' if not speaker_is_person else 'cites'} {names('instruments')}"
        text += f" about {about}" if about else ""
    elif c.kind == "event":
        text = f"{who} {say} {about or 'the event'} happened"
        if c.event_date:
            text += f" on {c.event_date}"
        if c.named("place"):
            text += f" in {names('place')}"
        if c.named("weapon"):
            text += f", with {names('weapon')}"
    elif c.kind == "commemoration":
        text = f"{who} {'commemorate' if not speaker_is_person else 'commemorates'} {about}"
    else:
        text = f"{who} {'characterise' if not speaker_is_person else 'characterises'} {about}"
    if c.via:
        text += f" (via {name(c.via)})"
    return text + "."


def citation(c: ClaimView, s: SourceView, name, iri_base: str = "") -> str:
    """A plain-text citation a lawyer or journalist can paste: speaker, source, publisher,
    date, URL, the exact words with their offsets, and the claim's IRI."""
    parts = [name(c.speaker)]
    title = f"\u201c{s.title}\u201d" if s.title else f"untitled {s.type.replace('-', ' ')}"
    parts.append(f"in {title} ({s.id})")
    if s.author and s.author != c.speaker:
        parts.append(f"by {name(s.author)}")
    if s.translator:
        parts.append(f"translated by {name(s.translator)}")
    if s.publisher:
        parts.append(f"published by {name(s.publisher)}")
    parts.append(s.date)
    text = ", ".join(parts) + "."
    if s.url:
        text += f" {s.url}."
    text += (f" \u201c{c.exact}\u201d (characters {c.start}\u2013{c.end} of the text, "
             f"SHA-256 {s.sha256}).")
    if s.verified is False:
        text += " The publisher says it has not verified the content."
    return text + f" cwkg claim {c.iri}"
