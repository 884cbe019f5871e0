"""The JSON-LD of a built page: schema.org of the right type, each field of the kind it needs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from generator import urls

# A small hand-written check per schema.org type the generator emits. A JSON Schema
# library would add a dependency to say the same in more lines.

Check = Callable[[dict[str, Any], str], Iterator[str]]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?)?)?$")
_EVENT_STATUSES = {
    f"https://schema.org/{s}"
    for s in (
        "EventScheduled",
        "EventCompleted",
        "EventCancelled",
        "EventPostponed",
        "EventRescheduled",
        "EventMovedOnline",
    )
}


def _text(data: dict[str, Any], key: str, where: str) -> Iterator[str]:
    if not isinstance(data.get(key), str) or not data[key].strip():
        yield f"{where}{key} is missing or not text"


def _date(data: dict[str, Any], key: str, where: str) -> Iterator[str]:
    if not isinstance(data.get(key), str) or not _DATE.match(data[key]):
        yield f"{where}{key} is {data.get(key)!r}, not an ISO 8601 date"


def _each(data: dict[str, Any], key: str, kind: str, where: str, required: bool) -> Iterator[str]:
    values = data.get(key)
    if values is None and not required:
        return
    if not isinstance(values, list) or not values:
        yield f"{where}{key} is missing or not a list"
        return
    for i, value in enumerate(values):
        yield from _thing(value, kind, f"{where}{key}[{i}].")


def _person(d: dict[str, Any], where: str) -> Iterator[str]:
    yield from _text(d, "name", where)
    yield from _each(d, "subjectOf", "Event", where, required=False)


def _event(d: dict[str, Any], where: str) -> Iterator[str]:
    yield from _text(d, "name", where)
    if "startDate" in d:  # absent where the date is a decade or approximate
        yield from _date(d, "startDate", where)
    if d.get("eventStatus", next(iter(_EVENT_STATUSES))) not in _EVENT_STATUSES:
        yield f"{where}eventStatus {d['eventStatus']!r} is not a schema.org EventStatusType"
    yield from _each(d, "about", "Person", where, required=False)


def _article(d: dict[str, Any], where: str) -> Iterator[str]:
    yield from _thing(d.get("publisher"), "Organization", f"{where}publisher.")
    yield from _date(d, "datePublished", where)
    if "url" in d:  # absent where the article's address is not known
        yield from _text(d, "url", where)


def _organization(d: dict[str, Any], where: str) -> Iterator[str]:
    yield from _text(d, "name", where)


def _item_list(d: dict[str, Any], where: str) -> Iterator[str]:
    yield from _each(d, "itemListElement", "ListItem", where, required=True)


def _list_item(d: dict[str, Any], where: str) -> Iterator[str]:
    if not isinstance(d.get("position"), int):
        yield f"{where}position is missing or not a number"
    yield from _thing(d.get("item"), "Event", f"{where}item.")


def _web_page(d: dict[str, Any], where: str) -> Iterator[str]:
    yield from _text(d, "name", where)
    yield from _text(d, "url", where)


_CHECKS: dict[str, Check] = {
    "Person": _person,
    "Event": _event,
    "NewsArticle": _article,
    "Organization": _organization,
    "ItemList": _item_list,
    "ListItem": _list_item,
    "WebPage": _web_page,
    "WebSite": _web_page,
}


def _thing(value: object, kind: str, where: str) -> Iterator[str]:
    """Yield what is wrong with ``value`` as a schema.org ``kind``."""
    if not isinstance(value, dict):
        yield f"{where.rstrip('.') or 'the block'} is not an object"
        return
    if value.get("@type") != kind:
        yield f"{where}@type is {value.get('@type')!r}, expected {kind!r}"
        return
    yield from _CHECKS[kind](value, where)
    if "citation" in value:
        yield from _each(value, "citation", "NewsArticle", where, required=True)


def expected_type(rel: str) -> str | None:
    """Return the schema.org type the page in file ``rel`` must describe, None if any."""
    route = urls.route_of(rel)
    if route == urls.TIMELINE:
        return "ItemList"
    kind = urls.page_kind(route)
    return {"person": "Person", "source": "NewsArticle", "home": "WebSite"}.get(kind)


def _urls_in(value: object) -> Iterator[str]:
    """Yield the addresses a JSON-LD block gives for things (this site's pages among them)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "mainEntityOfPage") and isinstance(item, str):
                yield item
            else:
                yield from _urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls_in(item)
