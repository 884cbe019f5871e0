import datetime as dt

import pytest

from generator.dates import PartialDate, days_between, parse_date


@pytest.mark.parametrize(
    ("text", "label", "precision", "iso"),
    [
        ("2023-10-07", "7 October 2023", "day", "2023-10-07"),
        ("2023-11", "November 2023", "month", "2023-11"),
        ("2023", "2023", "year", "2023"),
        ("1990s", "the 1990s", "decade", "1990"),
        ("late 2023-11", "late November 2023", "month", "2023-11"),
        ("late 1990s", "late 1990s", "decade", "1990"),
        ("early 2025-01", "early January 2025", "month", "2025-01"),
        ("c. 2025-01", "around January 2025", "month", "2025-01"),
        ("  2024-02-29 ", "29 February 2024", "day", "2024-02-29"),
    ],
)
def test_parse_and_label(text, label, precision, iso):
    date = parse_date(text)
    assert isinstance(date, PartialDate)
    assert (date.label(), date.precision, date.iso()) == (label, precision, iso)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("2025-02-30", "not a real date"),
        ("2023-02-29", "not a real date"),
        ("2023-13", "not a real date"),
        ("late 2023-10-07", "not a day"),
        ("7 October 2023", "not a date of a known form"),
        ("1995s", "not a date of a known form"),
        ("", "not a date of a known form"),
    ],
)
def test_bad_dates(text, needle):
    result = parse_date(text)
    assert isinstance(result, str) and needle in result


def test_sort_order_and_days():
    dates = [
        parse_date(t) for t in ("late 2023-11", "mid 2023-11", "2023-11", "1990s", "2023-10-07")
    ]
    ordered = [d.label() for d in sorted(dates, key=PartialDate.sort_key)]
    assert ordered == [
        "the 1990s",
        "7 October 2023",
        "November 2023",
        "mid November 2023",
        "late November 2023",
    ]
    assert days_between(parse_date("2023-10-07"), parse_date("2025-02-15")) == 497
    assert days_between(parse_date("2023-10"), parse_date("2025-02-15")) is None
    assert days_between(parse_date("c. 2023-10-07"), parse_date("2025-02-15")) is None
    assert parse_date("2024-02").first_day() == dt.date(2024, 2, 1)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2025-02-15", "February 2025"),
        ("2025", "Month not given"),
        ("late 1990s", "Year not given"),
    ],
)
def test_month_label_never_repeats_the_year_heading(text: str, label: str) -> None:
    date = parse_date(text)
    assert isinstance(date, PartialDate)
    assert date.month_label() == label
    assert date.month_label() != date.year_label()
