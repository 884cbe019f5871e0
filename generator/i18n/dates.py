"""Dates as a reader of a language should see them, at the precision the sources give.

The words around a date ("around", "late", "the 1990s") are the theme's
(``date_words`` in ``_words.html``, translated through its catalogue); the names
of months and the order of day, month and year are the locale's, from Babel
(CLDR). The patterns are the theme's too, so that a catalogue decides, say,
whether a Russian date ends with the word for "year".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel.dates import format_date

from generator.dates import PartialDate

DATE_WORDS = (
    "day",
    "month",
    "decade",
    "early",
    "mid",
    "late",
    "early_decade",
    "mid_decade",
    "late_decade",
    "around",
)
"""The keys of ``date_words``: two Babel patterns (a day, a month), then format strings of
{date} (the date it qualifies, worded) or {decade} (a decade's first year: 1990)."""

MONTH_PARTS = ("early_month", "mid_month", "late_month")
"""Optional keys of ``date_words``: Babel patterns of a month only early, mid or late in it,
for a language whose word for "early" takes the month in another case (Russian "начало
октября", not "начало октябрь"). Without one, the month is worded alone and then qualified
with ``early``, ``mid`` or ``late``."""


class DateWords:
    """Words dates in one locale."""

    def __init__(self, lang: str, words: Mapping[str, str]) -> None:
        self.locale = lang.replace("-", "_")
        self.words = {key: str(words[key]) for key in DATE_WORDS}
        self.words.update({key: str(words[key]) for key in MONTH_PARTS if key in words})
        self._known: dict[PartialDate, str] = {}

    def __call__(self, date: PartialDate) -> str:
        text = self._known.get(date)
        if text is None:
            text = self._known[date] = self._word(date)
        return text

    def _word(self, date: PartialDate) -> str:
        words = self.words
        if date.decade:
            key = f"{date.part}_decade" if date.part else "decade"
            text = words[key].format(decade=date.year)
        else:
            if date.day is not None and date.month is not None:
                day = dt.date(date.year, date.month, date.day)
                text = format_date(day, words["day"], locale=self.locale)
            elif date.month is not None:
                month = dt.date(date.year, date.month, 1)
                pattern = words.get(f"{date.part}_month") if date.part else None
                text = format_date(month, pattern or words["month"], locale=self.locale)
                if date.part and pattern is None:
                    text = words[date.part].format(date=text)
            else:
                text = str(date.year)
                if date.part:
                    text = words[date.part].format(date=text)
        if date.approximate:
            text = words["around"].format(date=text)
        return text
