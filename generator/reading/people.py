"""content/people/: a person of the story."""

from __future__ import annotations

import re

from generator.model import (
    ROLES,
    Captivity,
    Person,
    Relation,
    Spelling,
)
from generator.reading.reader import LETTER, NAME_HINT, Reader, once
from generator.reading.yamlsafe import Node

_SENTENCE_END = re.compile('[.!?]["\u201d\u2019)]*\\s+(?=["\u201c]?[A-Z])')
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|c|Mr|Mrs|Ms|Dr|St|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Gen|Col|Lt|Sgt|Prof|Rep|Sen|Gov)$"
)


def sentences(text: str) -> list[str]:
    """Split our own prose into sentences; initials and common abbreviations do not end one."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start : m.start()]):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    return [*out, rest] if rest else out


def read_person(r: Reader, node: Node) -> Person | None:
    m = r.mapping(
        node,
        "a person",
        ("name", "role", "summary"),
        (
            "spellings",
            "captivity",
            "facts",
            "relations",
            "differ",
            "draft",
            "acknowledged",
            "corrections",
        ),
        {"role": ROLES},
    )
    if m is None:
        return None
    person_id, name, role = r.file_id(), r.text(m, "name"), r.choice(m, "role", ROLES)
    if name is not None and not LETTER.search(name):
        r.error(m.items["name"].line, f"'name' is '{name}': it has no letters", NAME_HINT)
        name = None
    summary = r.claims(m, "summary", required=True)
    for claim in summary:
        # Every sentence of a summary carries its own notes: one sentence per item.
        count = len(sentences(claim.text))
        if count > 1:
            r.error(
                claim.where.line,
                f"a summary item of {count} sentences: the notes stand only after the last,"
                " so the others read as uncited",
                "give each sentence its own item with its own cite",
            )
    spellings: dict[str, Spelling] = {}
    for item in r.items(m, "spellings"):
        s = r.mapping(item, "a spelling", ("text", "cite"))
        if s is None or not (text := r.text(s, "text")):
            continue
        if not LETTER.search(text):
            r.error(s.items["text"].line, f"spelling '{text}' has no letters", NAME_HINT)
        elif once(r, spellings.get(text), s, f"spelling '{text}'"):
            spellings[text] = Spelling(text, r.citations(s), r.where(s))
    relations: dict[tuple[str, str], Relation] = {}
    for item in r.items(m, "relations"):
        rel = r.mapping(item, "a relation", ("person", "role", "inverse", "cite"))
        if rel is None:
            continue
        other, what, inverse = r.ident(rel, "person"), r.text(rel, "role"), r.text(rel, "inverse")
        if other and what and inverse:
            same = relations.get((other, what))
            if once(r, same, rel, f"the relation '{what}: {other}'"):
                relations[other, what] = Relation(
                    other, what, inverse, r.citations(rel), r.where(rel)
                )
    captivity = _captivity(r, m.items["captivity"]) if "captivity" in m.items else None
    if person_id is None or name is None or role is None:
        return None
    return Person(
        person_id,
        name,
        role,  # type: ignore[arg-type]  # choice() returned one of ROLES
        summary,
        tuple(spellings.values()),
        captivity,
        r.claims(m, "facts", with_kind=True),
        tuple(relations.values()),
        r.differ(m),
        r.where(m),
        r.flag(m, "draft"),
        r.acknowledged(m),
        r.corrections(m),
    )


def _captivity(r: Reader, node: Node) -> Captivity | None:
    m = r.mapping(
        node, "'captivity'", ("abducted", "place", "cite"), ("released", "release_announced")
    )
    if m is None:
        return None
    abducted, place, cites = r.date(m, "abducted"), r.text(m, "place"), r.citations(m)
    released = r.date(m, "released")
    announced = r.date(m, "release_announced")
    if abducted is None or place is None:
        return None
    for key, later in (("released", released), ("release_announced", announced)):
        if later is not None and later.last_day() < abducted.first_day():
            r.error(
                m.items[key].line,
                f"'{key}' ({later.label()}) is before 'abducted' ({abducted.label()})",
                "check both dates against the sources",
            )
            return None
    return Captivity(abducted, place, released, announced, cites, r.where(m))
