"""content/events/: the timeline's entries."""

from __future__ import annotations

from generator.model import (
    EVENT_KINDS,
    EVENT_STATUSES,
    Event,
)
from generator.reading.reader import Reader
from generator.reading.yamlsafe import Node, Sequence


def read_events(r: Reader, node: Node) -> list[Event]:
    if not isinstance(node, Sequence):
        r.error(
            node.line,
            "an events file must be a list of events",
            "start each event with '- id: ...'",
        )
        return []
    events = []
    for item in node.items:
        m = r.mapping(
            item,
            "an event",
            ("id", "date", "title", "kind", "cite"),
            ("status", "people", "body", "differ", "draft", "corrections"),
            {"kind": EVENT_KINDS},
        )
        if m is None:
            continue
        event_id, date, title = r.ident(m, "id"), r.date(m, "date"), r.text(m, "title")
        kind = r.choice(m, "kind", EVENT_KINDS)
        status = r.choice(m, "status", EVENT_STATUSES, "happened")
        cites, (people, people_lines) = r.citations(m), r.ids(m, "people")
        body, differ = r.markdown(m, "body", required=False) or "", r.differ(m)
        if event_id and date and title and kind and status:
            events.append(
                Event(
                    event_id,
                    date,
                    title,
                    kind,
                    status,
                    people,
                    body,
                    cites,
                    differ,
                    r.where(m),
                    r.flag(m, "draft"),
                    people_lines,
                    r.corrections(m),
                )
            )
    return events
