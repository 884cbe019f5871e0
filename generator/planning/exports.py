"""The case set as data for re-use: JSON of people, events and sources, CSV of people and events.

Every record carries its citations (source id, the passage as it stands in the
article, and the link to that passage on the source's page), so a re-user can
check each claim as a reader of the site can. The shapes are fixed by the JSON
Schemas in ``schemas/`` at the top of the repository; docs/reader.md describes them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator import urls as routes
from generator.checking import citations_of_all
from generator.checking.quotes import anchor_id, fold
from generator.model import Citation, Claim, Disagreement, Event, Person, Source
from generator.planning import profile
from generator.planning.footnotes import Footnotes
from generator.views import Page, Title

if TYPE_CHECKING:
    from generator.planning.planner import Planner

NOTICE = (
    "The quoted passages are short excerpts of the news articles listed in sources.json, quoted"
    " for reporting and commentary with attribution; their copyright stays with the outlets"
    " that published them."
)
SEPARATOR = " | "
"""Joins the several values of one CSV cell (spellings, sources, links)."""

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Exporter:
    """Turns the planned project into plain records (dicts of JSON values).

    A record set's list (its people, events or sources) is an iterator that makes each
    record as it is read, once: :func:`json_text` and the CSV rows write one record at a
    time, and a large site's records are never held all at once.
    """

    plan: Planner

    def citation(self, c: Citation) -> Record:
        source = self.plan.source(c.source)
        span = self.plan.span((c.source, fold(c.quote)))
        return {
            "source": c.source,
            "quote": source.text[span.start : span.end],
            "url": self.plan.urls.absolute(routes.source(c.source)) + "#" + anchor_id(c.quote),
        }

    def citations(self, items: tuple[Citation, ...]) -> list[Record]:
        return [self.citation(c) for c in items]

    def claim(self, claim: Claim) -> Record:
        return {"text": claim.text, "citations": self.citations(claim.citations)}

    def differ(self, items: tuple[Disagreement, ...]) -> list[Record]:
        return [
            {"topic": d.topic, "note": d.note, "accounts": [self.claim(a) for a in d.accounts]}
            for d in items
        ]

    def person(self, person: Person) -> Record:
        captivity = None
        c = person.captivity
        if c is not None:
            # The same status and days held as the profile shows; its notes are not needed.
            notes = Footnotes(Page("", "", Title("file")), self.plan)
            status = profile.status(self.plan, person, notes)
            assert status is not None
            captivity = {
                "abducted": c.abducted.iso(),
                "place": c.place,
                "released": c.released.iso() if c.released else None,
                "release_announced": c.release_announced.iso() if c.release_announced else None,
                "status": status.kind,
                "held_as_of": status.until.iso() if status.until and not c.released else None,
                "days_held": status.days,
                "citations": self.citations(c.citations),
            }
        return {
            "id": person.id,
            "name": person.name,
            "role": person.role,
            "url": self.plan.urls.absolute(routes.person(person.id)),
            "summary": [self.claim(s) for s in person.summary],
            "spellings": [
                {"text": s.text, "citations": self.citations(s.citations)} for s in person.spellings
            ],
            "captivity": captivity,
            "facts": [{"kind": f.kind, **self.claim(f)} for f in person.facts],
            "relations": [
                {
                    "person": r.person,
                    "role": r.role,
                    "inverse": r.inverse,
                    "citations": self.citations(r.citations),
                }
                for r in person.relations
                if self.plan.name(r.person) is not None
            ],
            "sources_differ": self.differ(person.differ),
            "events": [e.id for e in self.plan.events_of(person.id)],
        }

    def event(self, event: Event) -> Record:
        return {
            "id": event.id,
            "date": event.date.iso(),
            "date_label": event.date.label(),
            "title": event.title,
            "kind": event.kind,
            "status": event.status,
            "people": [p for p in event.people if self.plan.name(p) is not None],
            "body": event.body,
            "url": self.plan.urls.absolute(routes.event(event.id)),
            "citations": self.citations(event.citations),
            "sources_differ": self.differ(event.differ),
        }

    def source(self, source: Source, quoted: list[Citation]) -> Record:
        passages: dict[str, Record] = {}
        for c in quoted:
            record = self.citation(c)
            passages.setdefault(record["url"], {"quote": record["quote"], "url": record["url"]})
        published = source.published
        return {
            "id": source.id,
            "outlet": source.outlet,
            "headline": source.headline,
            "url": source.url,
            "archived": source.archived,
            "retrieved": source.retrieved.iso() if source.retrieved else None,
            "language": source.language,
            "published": {
                "date": published.date.iso(),
                "basis": published.basis,
                "written": published.written.iso() if published.written else None,
                "evidence": published.evidence,
            },
            "page": self.plan.urls.absolute(routes.source(source.id)),
            "passages": sorted(passages.values(), key=lambda p: str(p["url"])),
        }

    def header(self) -> Record:
        as_of = self.plan.as_of
        return {
            "title": self.plan.site.title,
            "as_of": as_of.iso() if as_of else None,
            "notice": NOTICE,
        }

    def people(self) -> Record:
        return {**self.header(), "people": map(self.person, self.plan.people)}

    def events(self) -> Record:
        return {**self.header(), "events": map(self.event, self.plan.events)}

    def sources(self) -> Record:
        quoted: dict[str, list[Citation]] = {s.id: [] for s in self.plan.sources}
        for c in citations_of_all(self.plan.people, self.plan.events):
            quoted[c.source].append(c)
        return {
            **self.header(),
            "sources": (self.source(s, quoted[s.id]) for s in self.plan.sources),
        }


def people_rows(data: Record) -> list[list[str]]:
    """Return the CSV rows (header first) of an exported people record set."""
    rows = [
        [
            "id",
            "name",
            "role",
            "status",
            "abducted",
            "released",
            "days_held",
            "held_as_of",
            "spellings",
            "url",
            "sources",
            "citation_urls",
        ]
    ]
    for p in data["people"]:
        c = p["captivity"] or {}
        cited = [x for group in _citation_lists(p) for x in group]
        rows.append(
            [
                p["id"],
                p["name"],
                p["role"],
                c.get("status") or "",
                c.get("abducted") or "",
                c.get("released") or "",
                _cell(c.get("days_held")),
                c.get("held_as_of") or "",
                SEPARATOR.join(s["text"] for s in p["spellings"]),
                p["url"],
                SEPARATOR.join(_unique(x["source"] for x in cited)),
                SEPARATOR.join(_unique(x["url"] for x in cited)),
            ]
        )
    return rows


def event_rows(data: Record) -> list[list[str]]:
    """Return the CSV rows (header first) of an exported event record set."""
    rows = [["id", "date", "title", "kind", "status", "people", "url", "sources", "citation_urls"]]
    for e in data["events"]:
        cited = list(e["citations"])
        cited += [x for d in e["sources_differ"] for a in d["accounts"] for x in a["citations"]]
        rows.append(
            [
                e["id"],
                e["date"],
                e["title"],
                e["kind"],
                e["status"],
                SEPARATOR.join(e["people"]),
                e["url"],
                SEPARATOR.join(_unique(x["source"] for x in cited)),
                SEPARATOR.join(_unique(x["url"] for x in cited)),
            ]
        )
    return rows


def json_text(data: Record) -> str:
    """Serialise a record set: one record per line, the same bytes on every run.

    Each record is written compactly by the json module's C encoder (an indented
    dump goes through its pure-Python one, which cost most of the export on a
    large site); the top-level keys and the record lists are laid out by hand.
    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes (the same JSON values): text
    quoted from the web then cannot turn into markup in a page that pastes the file in.
    The escapes are made record by record and the text joined once: the whole text
    is not copied for each, which on a large site cost tens of megabytes at a time.
    A record list comes as an iterator (:class:`Exporter`), each record made as it is
    written, so that the records of a large site are never held all at once.
    """
    parts = ["{\n"]
    for i, (key, value) in enumerate(data.items()):
        parts.append(",\n  " if i else "  ")
        parts.append(_safe(_compact(key)))
        if isinstance(value, Iterator):  # a record list, made as it is written
            opened = False
            for record in value:
                parts.append(",\n    " if opened else ": [\n    ")
                parts.append(_safe(_compact(record)))
                opened = True
            parts.append("\n  ]" if opened else ": []")
        else:
            parts.append(": " + _safe(_compact(value)))
    parts.append("\n}\n")
    return "".join(parts)


def _safe(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def csv_text(rows: list[list[str]]) -> str:
    """Serialise rows as RFC 4180 CSV (CRLF line ends, quoted where needed).

    A cell that starts with ``=``, ``+``, ``-``, ``@`` or a tab gets a leading ``'``, as
    OWASP advises: a spreadsheet would otherwise run a name such as ``=HYPERLINK(...)``
    from the content as a formula.
    """
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        [[_inert(cell) for cell in row] for row in rows]
    )
    return out.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell


_FORMULA_STARTS = frozenset("=+-@\t\r")


def _citation_lists(person: Record) -> list[list[Record]]:
    lists = [s["citations"] for s in person["summary"]]
    lists += [s["citations"] for s in person["spellings"]]
    if person["captivity"]:
        lists.append(person["captivity"]["citations"])
    lists += [f["citations"] for f in person["facts"]]
    lists += [r["citations"] for r in person["relations"]]
    lists += [a["citations"] for d in person["sources_differ"] for a in d["accounts"]]
    return lists


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))


def _cell(value: object) -> str:
    return "" if value is None else str(value)
