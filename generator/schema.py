"""JSON Schemas of the case files, for editors: completion and inline errors while typing.

The YAML language server (VS Code's YAML extension, Neovim's yamlls and others)
reads a JSON Schema per file kind. Each is written from the declaration of the
case files (:mod:`generator.reading.casefiles`) that the loader checks them
against, so a field, a required one or an allowed value added there is offered
here too, with the same line of documentation on hover. The loader stays the
judge, with lines and hints; a test validates every case file of the real content
and of the fixture against these, and a broken one.
"""

from __future__ import annotations

from typing import Any

from generator.dates import DATE_FORMS
from generator.reading.casefiles import CASE_FILES
from generator.reading.fields import (
    Address,
    Choice,
    Date,
    Field,
    Flag,
    Id,
    Ids,
    Language,
    Languages,
    LanguageTexts,
    ListOf,
    Markdown,
    Nested,
    Setting,
    Shape,
    Text,
    Translated,
    Value,
)
from generator.reading.forms import ADDRESS, ID_PATTERN, LANGUAGE_TAG

Schema = dict[str, Any]

_CASE_FILES = {case.kind: case for case in CASE_FILES}
KINDS = tuple(_CASE_FILES)
"""The case-file kinds, each with a schema: content/site.yaml, sources/, people/, events/."""
GLOBS = {case.kind: case.glob for case in CASE_FILES}


def schema(kind: str) -> Schema:
    """The JSON Schema (draft 2020-12) of one case-file kind, one of :data:`KINDS`."""
    case = _CASE_FILES[kind]
    body = _object(case.shape)
    if case.listed:
        body = {"type": "array", "items": body, "description": case.doc}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"hostage-explainer {kind} file ({case.glob})",
        **body,
    }


def _object(shape: Shape) -> Schema:
    return {
        "type": "object",
        "description": shape.doc,
        "required": list(shape.required),
        "properties": {field.name: _property(field) for field in shape.fields},
        "additionalProperties": False,
    }


def _property(field: Field) -> Schema:
    """The field's schema, with its line of documentation (and a date's forms) on hover."""
    about = f"{field.doc} (a date: {DATE_FORMS})" if isinstance(field.value, Date) else field.doc
    return {**_value(field.value), "description": about}


def _value(value: Value) -> Schema:
    match value:
        case Text(blank=blank) | Markdown(blank=blank):
            return {"type": "string"} if blank else _TEXT
        case Setting() | Date():
            return _TEXT
        case Language():
            return _pattern(LANGUAGE_TAG.pattern)
        case Languages():
            return {"type": "array", "minItems": 1, "items": _pattern(LANGUAGE_TAG.pattern)}
        case Id():
            return _pattern(ID_PATTERN.pattern)
        case Address():
            return _pattern(ADDRESS.pattern)
        case Ids():
            return {"type": "array", "items": _pattern(ID_PATTERN.pattern)}
        case Flag():
            return {"type": "boolean"}
        case Choice():
            return {"enum": list(value.values)}
        case Nested():
            return _object(value.shape)
        case LanguageTexts():
            return {
                "type": "object",
                "propertyNames": _pattern(LANGUAGE_TAG.pattern),
                "additionalProperties": _TEXT,
            }
        case Translated():
            return {
                "type": "object",
                "propertyNames": _pattern(LANGUAGE_TAG.pattern),
                "additionalProperties": _object(value.shape),
            }
        case ListOf():
            listed = {"type": "array", "items": _object(value.shape)}
            return {**listed, "minItems": value.at_least} if value.at_least else listed


_TEXT: Schema = {"type": "string", "minLength": 1}


def _pattern(regex: str) -> Schema:
    """A string the whole of which matches ``regex`` (the loader's ``fullmatch``)."""
    return {"type": "string", "pattern": f"^(?:{regex})$"}
