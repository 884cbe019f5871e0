"""content/events/*.yaml: each file a list of the timeline's entries.

The fields of an event are declared in :mod:`generator.reading.casefiles`; that an
id is used once across every file is checked later, with the whole timeline
(:mod:`generator.checking.evidence`).
"""

from __future__ import annotations

from generator.model import Event
from generator.reading.casefiles import EVENT
from generator.reading.reader import Reader
from generator.reading.shared import citations, corrections, disagreements, translated
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
        f = r.read(item, EVENT)
        if f is None:
            continue
        event_id, date, title = f.text("id"), f.date("date"), f.text("title")
        kind, status = f.text("kind"), f.text("status")
        cites, (people, people_lines) = citations(r, f.items("cite")), f.ids("people")
        body, differ = f.text("body") or "", disagreements(r, f.items("differ"))
        corrected = corrections(r, f.items("corrections"))
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
                    r.where(f),
                    f.flag("draft"),
                    people_lines,
                    corrected,
                    translated(r, f, ("title", "body") if body else ("title",)),
                )
            )
    return events
