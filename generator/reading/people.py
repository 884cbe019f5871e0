"""content/people/<id>.yaml: a person of the story.

The fields are declared in :mod:`generator.reading.casefiles`; what is checked here
takes more than one field or item: a summary item of one sentence, a name with
letters, a spelling or a relation given once, a release not before the abduction.
"""

from __future__ import annotations

import re
from typing import cast

from generator.model import Captivity, Person, Relation, Role, Spelling
from generator.reading.casefiles import PERSON
from generator.reading.reader import Reader
from generator.reading.shared import (
    acknowledgements,
    citations,
    claims,
    corrections,
    disagreements,
    once,
    translated,
)
from generator.reading.values import Fields
from generator.reading.yamlsafe import Node

_LETTER = re.compile(r"[^\W\d_]")
_NAME_HINT = "write the name in letters, as the sources print it"

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
    f = r.read(node, PERSON)
    if f is None:
        return None
    person_id, name, role = r.file_id(), f.text("name"), f.text("role")
    if name is not None and not _LETTER.search(name):
        r.error(f.line("name"), f"'name' is '{name}': it has no letters", _NAME_HINT)
        name = None
    summary = claims(r, f.items("summary"))
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
    for s in f.items("spellings"):
        text, cites = s.text("text"), citations(r, s.items("cite"))
        if not text:
            continue
        if not _LETTER.search(text):
            r.error(s.line("text"), f"spelling '{text}' has no letters", _NAME_HINT)
        elif once(r, spellings.get(text), s, f"spelling '{text}'"):
            spellings[text] = Spelling(text, cites, r.where(s))
    relations: dict[tuple[str, str], Relation] = {}
    for rel in f.items("relations"):
        other, what, inverse = rel.text("person"), rel.text("role"), rel.text("inverse")
        cites = citations(r, rel.items("cite"))
        if other and what and inverse:
            same = relations.get((other, what))
            if once(r, same, rel, f"the relation '{what}: {other}'"):
                tr = translated(r, rel, ("role", "inverse"))
                relations[other, what] = Relation(other, what, inverse, cites, r.where(rel), tr)
    captivity = _captivity(r, f.nested("captivity"))
    facts, differ = claims(r, f.items("facts")), disagreements(r, f.items("differ"))
    acknowledged = acknowledgements(r, f.items("acknowledged"))
    corrected = corrections(r, f.items("corrections"))
    if person_id is None or name is None or role is None:
        return None
    return Person(
        person_id,
        name,
        cast(Role, role),  # one of ROLES, as declared
        summary,
        tuple(spellings.values()),
        captivity,
        facts,
        tuple(relations.values()),
        differ,
        r.where(f),
        f.flag("draft"),
        acknowledged,
        corrected,
        translated(r, f, ("name",)),
    )


def _captivity(r: Reader, c: Fields | None) -> Captivity | None:
    if c is None:
        return None
    abducted, place, cites = c.date("abducted"), c.text("place"), citations(r, c.items("cite"))
    released, announced = c.date("released"), c.date("release_announced")
    if abducted is None or place is None:
        return None
    for key, later in (("released", released), ("release_announced", announced)):
        if later is not None and later.last_day() < abducted.first_day():
            r.error(
                c.line(key),
                f"'{key}' ({later.label()}) is before 'abducted' ({abducted.label()})",
                "check both dates against the sources",
            )
            return None
    tr = translated(r, c, ("place",))
    return Captivity(abducted, place, released, announced, cites, r.where(c), tr)
