"""Dates as editors and sources give them: a day, a month, a year or a decade,
perhaps only "early", "mid" or "late" in it, perhaps only approximately.

Keeping the precision stops the site from printing "1 November 2023" for
"late November 2023", and lets it refuse to count days between dates that are
not known to the day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from generator.pickled import by_fields

Part = Literal["early", "mid", "late"]
Precision = Literal["day", "month", "year", "decade"]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, as the pages write dates."""
_PATTERN = re.compile(
    r"(?:(?P<approx>c\.)\s+)?(?:(?P<part>early|mid|late)\s+)?"
    r"(?:(?P<decade>\d{3}0)s|(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?)"
)
_PART_FRACTION = {None: 0.0, "early": 0.0, "mid": 1 / 3, "late": 2 / 3}
DATE_FORMS = "2023-10-07, 2023-11, 2023, 1990s, optionally after 'early', 'mid', 'late' or 'c.'"


@by_fields
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to some precision."""

    year: int
    """The year, or the first year of the decade."""
    month: int | None = None
    day: int | None = None
    decade: bool = False
    part: Part | None = None
    """Only early, mid or late in the period."""
    approximate: bool = False
    """Known only roughly ("around January 2025")."""

    @property
    def precision(self) -> Precision:
        if self.decade:
            return "decade"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def exact(self) -> bool:
        """True for a day known exactly, the only kind days can be counted from."""
        return self.precision == "day" and not self.approximate and self.part is None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """Return the last day the date may stand for (31 December 2023 for "2023")."""
        return self._last_day()

    def _last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day()
        if self.month is not None:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year + (9 if self.decade else 0), 12, 31)

    def sort_key(self) -> tuple[int, int]:
        """Order by where in time the date most likely falls, then by precision."""
        start, end = self.first_day().toordinal(), self._last_day().toordinal()
        middle = start + int((end - start) * _PART_FRACTION[self.part])
        rank = {"decade": 0, "year": 1, "month": 2, "day": 3}[self.precision]
        return (middle, rank)

    def iso(self) -> str:
        """Return the ISO 8601 form at this precision (a decade gives its first year)."""
        if self.day is not None:
            return self.first_day().isoformat()
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def label(self) -> str:
        """Return the date as a reader should see it: "late November 2023"."""
        if self.decade:
            text = f"{self.year}s"
        elif self.day is not None and self.month is not None:
            text = f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        elif self.month is not None:
            text = f"{MONTHS[self.month - 1]} {self.year}"
        else:
            text = str(self.year)
        if self.part:
            text = f"{self.part} {text}"
        if self.decade:
            text = f"the {text}" if not self.part else text
        return f"around {text}" if self.approximate else text

    def year_label(self) -> str:
        """Return the year (or decade) heading this date files under in a timeline."""
        return f"{self.year}s" if self.decade else str(self.year)

    def month_label(self) -> str:
        """Return the month heading this date files under in a timeline, under its year's.

        A date without a month files under a heading that says so, not under a
        second copy of the year heading.
        """
        if self.decade:
            return "Year not given"
        if self.month is None:
            return "Month not given"
        return f"{MONTHS[self.month - 1]} {self.year}"


def parse_date(text: str) -> PartialDate | str:
    """Return the date ``text`` spells, or a message saying why it spells none."""
    match = _PATTERN.fullmatch(text.strip())
    if not match:
        return f"'{text}' is not a date of a known form"
    part = match["part"]
    approximate = match["approx"] is not None
    if match["decade"]:
        return PartialDate(int(match["decade"]), decade=True, part=part, approximate=approximate)  # type: ignore[arg-type]
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if day is not None and part:
        return f"'{text}': 'early', 'mid' and 'late' go with a month, a year or a decade, not a day"
    try:  # month 00 or day 00 must fail here too: not `month or 1`
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as exc:
        return f"'{text}' is not a real date ({exc})"
    return PartialDate(year, month, day, part=part, approximate=approximate)  # type: ignore[arg-type]


def days_between(start: PartialDate, end: PartialDate) -> int | None:
    """Return the days from ``start`` to ``end``, not counting the first, if both are exact."""
    if not (start.exact and end.exact):
        return None
    return (end.first_day() - start.first_day()).days
