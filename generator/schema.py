"""JSON Schemas of the case files, for editors: completion and inline errors while typing.

The YAML language server (VS Code's YAML extension, Neovim's yamlls and others)
reads a JSON Schema per file kind. These are made from the model's own lists of
allowed values, so a role or a kind added there is offered here too; the loader
(:mod:`generator.reading`) stays the judge, with lines and hints, and a test keeps
the two in step by validating every case file of the real content and of the
fixture against these, and a broken one.
"""

from __future__ import annotations

from typing import Any

from generator.dates import DATE_FORMS
from generator.model import (
    DATE_BASES,
    EDITORIAL_CHECKS,
    EVENT_KINDS,
    EVENT_STATUSES,
    FACT_KINDS,
    ROLES,
)

Schema = dict[str, Any]

KINDS = ("site", "source", "person", "events")
"""The case-file kinds, each with a schema: content/site.yaml, sources/, people/, events/."""
GLOBS = {
    "site": "content/site.yaml",
    "source": "content/sources/*.yaml",
    "person": "content/people/*.yaml",
    "events": "content/events/*.yaml",
}

_TEXT: Schema = {"type": "string", "minLength": 1}
_DATE: Schema = {"type": "string", "description": f"a date: {DATE_FORMS}"}
_URL: Schema = {"type": "string", "pattern": "^https?://"}


def _object(required: dict[str, Schema], optional: dict[str, Schema], about: str) -> Schema:
    return {
        "type": "object",
        "description": about,
        "required": list(required),
        "properties": {**required, **optional},
        "additionalProperties": False,
    }


def _list(item: Schema, about: str) -> Schema:
    return {"type": "array", "items": item, "description": about}


_CITE = _list(
    _object({"source": _TEXT, "quote": _TEXT}, {}, "a verbatim passage of a source"),
    "the passages that say it: source id and verbatim quote",
)
_CLAIM = _object({"text": _TEXT, "cite": _CITE}, {}, "one sentence and what says it")
_DIFFER = _list(
    _object(
        {"topic": _TEXT, "accounts": {**_list(_CLAIM, "each side, cited"), "minItems": 2}},
        {"note": _TEXT},
        "where the sources disagree: every side, none chosen",
    ),
    "disagreements between the sources",
)
_ACKNOWLEDGED = _list(
    _object(
        {"check": {"enum": list(EDITORIAL_CHECKS)}, "reason": _TEXT},
        {"subject": _TEXT},
        "an editorial warning accepted, and why",
    ),
    "editorial warnings accepted",
)
_CORRECTIONS = _list(
    _object(
        {"date": _DATE, "was": _TEXT, "now": _TEXT},
        {},
        "a correction: its day, what the page said, what it says now",
    ),
    "the corrections log",
)


def schema(kind: str) -> Schema:
    """The JSON Schema (draft 2020-12) of one case-file kind, one of :data:`KINDS`."""
    body = {
        "site": _site,
        "source": _source,
        "person": _person,
        "events": _events,
    }[kind]()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"hostage-explainer {kind} file ({GLOBS[kind]})",
        **body,
    }


def _site() -> Schema:
    return _object(
        {"title": _TEXT, "description": _TEXT, "language": _TEXT, "intro": _TEXT, "about": _TEXT},
        {"base_url": _TEXT, "output": _TEXT, "acknowledged": _ACKNOWLEDGED},
        "the site's settings and texts",
    )


def _source() -> Schema:
    published = _object(
        {"date": _DATE, "basis": {"enum": list(DATE_BASES)}, "evidence": _TEXT},
        {"written": _DATE},
        "when the article was published, and how that is known",
    )
    passage = _object({"text": _TEXT}, {"to_end": {"type": "boolean"}}, "clutter to hide")
    unused = _object(
        {"text": _TEXT, "reason": _TEXT},
        {"to_end": {"type": "boolean"}},
        "a passage not cited (to the end of the article, with to_end), and why",
    )
    return _object(
        {"seed": _TEXT, "outlet": _TEXT, "language": _TEXT, "published": published},
        {
            "format": _TEXT,
            "headline": _TEXT,
            "url": _URL,
            "archived": _URL,
            "retrieved": _DATE,
            "hide": _list(passage, "what is not the article"),
            "not_used": _list(unused, "the coverage ledger's declared passages"),
            "acknowledged": _ACKNOWLEDGED,
            "corrections": _CORRECTIONS,
        },
        "a news article in seeds/ and what is known about it",
    )


def _person() -> Schema:
    fact = {
        **_CLAIM,
        "properties": {**_CLAIM["properties"], "kind": {"enum": list(FACT_KINDS)}},
    }
    captivity = _object(
        {"abducted": _DATE, "place": _TEXT, "cite": _CITE},
        {"released": _DATE, "release_announced": _DATE},
        "the abduction, and a release where a source reports it",
    )
    relation = _object(
        {"person": _TEXT, "role": _TEXT, "inverse": _TEXT, "cite": _CITE},
        {},
        "how another person is related, both ways",
    )
    spelling = _object({"text": _TEXT, "cite": _CITE}, {}, "the name as a source prints it")
    return _object(
        {
            "name": _TEXT,
            "role": {"enum": list(ROLES)},
            "summary": {**_list(_CLAIM, "sentences, each cited"), "minItems": 1},
        },
        {
            "spellings": _list(spelling, "the name as each source prints it"),
            "captivity": captivity,
            "facts": _list(fact, "facts, each cited"),
            "relations": _list(relation, "relatives and connections"),
            "differ": _DIFFER,
            "draft": {"type": "boolean"},
            "acknowledged": _ACKNOWLEDGED,
            "corrections": _CORRECTIONS,
        },
        "a person of the story",
    )


def _events() -> Schema:
    event = _object(
        {
            "id": _TEXT,
            "date": _DATE,
            "title": _TEXT,
            "kind": {"enum": list(EVENT_KINDS)},
            "cite": _CITE,
        },
        {
            "status": {"enum": list(EVENT_STATUSES)},
            "people": _list(_TEXT, "ids of the people involved"),
            "body": _TEXT,
            "differ": _DIFFER,
            "draft": {"type": "boolean"},
            "corrections": _CORRECTIONS,
        },
        "an event of the timeline",
    )
    return _list(event, "events of the timeline")
