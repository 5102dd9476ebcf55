"""Time as a claim states it: a count of years since an attack ("the fourth anniversary",
"Seven years have passed since") and the period a statement covers ("dozens of times since
2011"), each end as precise as the text: a year, a month or a date.

>>> from cwkg.load.yamlio import loads
>>> import datetime as dt
>>> rec = Record(loads("period: {start: '2011'}\\n", "c.yaml"), "claim")
>>> load_period(rec, dt.date(2021, 4, 4))
Period(start='2011', end=None)
>>> rec = Record(loads("period: {start: '2011', end: '2010-12'}\\n", "c.yaml"), "claim")
>>> load_period(rec, dt.date(2021, 4, 4))
Traceback (most recent call last):
cwkg.errors.DataError: c.yaml:1: field 'end': '2010-12' is before the period's start '2011'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import Period
from .records import Record

PERIOD_KEYS = {"start", "end"}
POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def load_period(rec: Record, said: dt.date | None) -> Period | None:
    """The ``period`` of a claim whose source is dated ``said`` (None: the document states
    no date, so nothing to hold the start against): a start or an end or both."""
    period = rec.mapping("period", "period")
    if period is None:
        return None
    period.check_keys(PERIOD_KEYS)
    start, end = _point(period, "start"), _point(period, "end")
    if start is None and end is None:
        raise rec.error("period", "give its 'start', its 'end' or both, as the text does")
    if start is not None and end is not None and earliest(start) > latest(end):
        raise period.error("end", f"'{end}' is before the period's start '{start}'")
    if start is not None and said is not None and earliest(start) > said:
        raise period.error("start", f"'{start}' is after the source's own date {said}")
    return Period(start=start, end=end)


def load_year_count(rec: Record, key: str, about) -> int | None:
    """``anniversary`` or ``years_since``: a whole number of years, counted from the one
    attack the claim is about."""
    value = rec.integer(key, minimum=1)
    if value is not None:
        attacks = [ref for ref in about if ref.startswith("attack:")]
        if len(attacks) != 1:
            raise rec.error(key, "counts the years since one attack, but 'about' names "
                            f"{len(attacks)}; give the claim exactly one attack: id (split "
                            "a claim that counts years since two attacks)")
    return value


def _point(rec: Record, key: str) -> str | None:
    value = rec.raw(key)
    if value is None:
        return None
    text = str(value)  # YAML reads an unquoted 2011 as a number
    if isinstance(value, bool) or not POINT.match(text):
        raise rec.error(key, f"{value!r} is not a year, month or date written YYYY, YYYY-MM "
                        "or YYYY-MM-DD (quote it)")
    try:
        latest(text)
    except ValueError:
        raise rec.error(key, f"'{text}' is not a real month or date") from None
    return text


def earliest(point: str) -> dt.date:
    """The first day a year, month or date written YYYY[-MM[-DD]] can mean."""
    year, month, day = (int(p) if p else None for p in POINT.match(point).groups())
    return dt.date(year, month or 1, day or 1)


def latest(point: str) -> dt.date:
    """The last day a year, month or date written YYYY[-MM[-DD]] can mean."""
    year, month, day = (int(p) if p else None for p in POINT.match(point).groups())
    if month is None:
        return dt.date(year, 12, 31)
    return dt.date(year, month, day or calendar.monthrange(year, month)[1])
