"""When a news page says its article was published, and the words that say so.

A source's date must come with its basis and evidence (``docs/fields.md``), so a
date is only taken from a place that states it, quoted: the page's ``NewsArticle``
JSON-LD ``datePublished``, its ``article:published_time`` meta tag, its byline
(parsed by htmldate), or its URL's path. A date found anywhere else (a comment's
time stamp, a related story's address, the date the page was changed) is not the
publication date and is never used. Needs the ``import`` extra (lxml, htmldate).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from htmldate import find_date

_ARTICLE_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNews",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Report",
}
"""schema.org types of an article whose ``datePublished`` is the article's."""
_ISO_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)")
_URL_DAY = re.compile(r"/(\d{4})[/-](\d{2})[/-](\d{2})(?=[/._-]|$)")
_URL_MONTH = re.compile(r"/(\d{4})/(\d{2})(?=/)")
_PUBLISHED_TIME = "//meta[@property='article:published_time' or @name='article:published_time']"
_BYLINE = (
    "//*[@itemprop='datePublished']"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' dateline ')]"
    " | //*[@id='byline' or @id='dateline']"
)
"""Where a page prints its byline or date line, as marked in its HTML (not a comment's time)."""


@dataclass(frozen=True, slots=True)
class Dated:
    """A publication date the page states, where it states it, and the words it rests on."""

    date: str
    """A DATE of the project: ``YYYY-MM-DD``, or ``YYYY-MM`` from a URL that gives no day."""
    basis: str
    """``stated`` (the page's metadata or byline) or ``url`` (the URL's path)."""
    evidence: str
    """Plain words for ``published.evidence``, quoting what the date rests on."""


def page_dates(tree: Any, url: str | None) -> list[Dated]:
    """Every publication date the page states, most explicit first.

    ``tree`` is the page as lxml parsed it; ``url`` its canonical address, if known.
    The first is the one to use; the others confirm or contradict it.
    """
    found = [*_json_ld(tree), *_meta(tree), *_byline(tree)]
    if url:
        found.extend(_url(url))
    return found


def _day(value: str) -> str | None:
    """The day an ISO 8601 time stamp names, as written (its own offset, not converted)."""
    match = _ISO_DAY.match(value)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every item of the page's JSON-LD blocks (a broken block says nothing)."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            found.extend(_items(json.loads(script.text_content() or "")))
        except ValueError:
            continue
    return found


def _json_ld(tree: Any) -> Iterator[Dated]:
    for item in json_ld(tree):
        types = item.get("@type")
        types = types if isinstance(types, list) else [types]
        published = item.get("datePublished")
        name = next((t for t in types if t in _ARTICLE_TYPES), None)
        if name and isinstance(published, str) and (day := _day(published)):
            yield Dated(
                day,
                "stated",
                f'The page\'s {name} JSON-LD gives "datePublished": {json.dumps(published)}.',
            )


def _items(data: object) -> Iterator[dict[str, Any]]:
    """Every mapping of a JSON-LD document: a list, an ``@graph``, or one item."""
    if isinstance(data, list):
        for item in data:
            yield from _items(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _items(data["@graph"])


def _meta(tree: Any) -> Iterator[Dated]:
    for meta in tree.xpath(
        "//meta[@property='article:published_time' or @name='article:published_time']"
    ):
        content = meta.get("content") or ""
        if day := _day(content):
            yield Dated(
                day,
                "stated",
                f'The page\'s article:published_time meta tag reads "{content.strip()}".',
            )


def _byline(tree: Any) -> Iterator[Dated]:
    for element in tree.xpath(_BYLINE):
        words = " ".join(element.text_content().split())
        stamp = element.get("datetime") or element.get("content")
        times = element.xpath(".//time[@datetime]")
        if not stamp and times:
            stamp = times[0].get("datetime")
        day = _day(stamp) if stamp else None
        if day is None and words:
            day = _parsed(words)
        if day is None:
            continue
        shown = words or stamp or ""
        yield Dated(day, "stated", f'The byline reads "{shown}".')


def _parsed(words: str) -> str | None:
    """The date that the words of a byline print (``Thursday 2 May 2024, 08:15``), by htmldate.

    htmldate is given the byline alone, so that no other date of the page can answer.
    """
    found = find_date(
        f"<html><body><p>{_escape(words)}</p></body></html>",
        extensive_search=True,
        original_date=True,
        outputformat="%Y-%m-%d",
        max_date=dt.date.today().isoformat(),
    )
    return found if isinstance(found, str) else None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _url(url: str) -> Iterator[Dated]:
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1]
    path = path[path.find("/") :] if "/" in path else ""
    if match := _URL_DAY.search(path):
        try:
            day = dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return
        yield Dated(day, "url", f'The article\'s URL holds "{match.group(0)}": {url}')
    elif (
        (match := _URL_MONTH.search(path))
        and 1990 <= int(match.group(1)) <= dt.date.today().year
        and 1 <= int(match.group(2)) <= 12
    ):
        month = f"{match.group(1)}-{match.group(2)}"
        yield Dated(month, "url", f'The article\'s URL holds "{match.group(0)}/": {url}')
