"""The pieces several kinds of case file share, built into the model: citations, claims,
disagreements, acknowledgements, corrections.

What each holds is declared in :mod:`generator.reading.casefile_parts` and checked as it
is read; what is built here checks only what the declaration cannot say (a quote
too short to show anything, a correction dated to a month).
"""

from __future__ import annotations

import re
from typing import cast

from generator.model import (
    Acknowledgement,
    Citation,
    Claim,
    Correction,
    Disagreement,
    Hidden,
    NotUsed,
    Relation,
    Spelling,
    Translations,
    Where,
)
from generator.reading.reader import Reader
from generator.reading.values import Fields
from generator.reading.yamlsafe import Mapping

_TWO_LETTERS = re.compile(r"\w\w")


def citations(r: Reader, items: list[Fields]) -> tuple[Citation, ...]:
    out = []
    for c in items:
        source, quote = c.text("source"), c.text("quote")
        if quote is not None and not _TWO_LETTERS.search(quote):
            r.error(
                c.line("quote"),
                f"quote '{quote}' is too short to show anything",
                "quote the words of the source that say it",
            )
            quote = None
        if source and quote:
            translations = cast("tuple[tuple[str, str], ...]", c.values.get("translation", ()))
            where = Where(r.rel, c.line("quote"))
            out.append(Citation(source, quote, where, c.line("source"), translations))
    return tuple(out)


def translated(r: Reader, f: Fields, texts: tuple[str, ...]) -> Translations:
    """The translations of a mapping whose ``texts`` are written; a translation must give
    every one of them (an edition shows an item in one language, not in two)."""
    found = f.translations()
    for lang, given in found:
        missing = [t for t in texts if t not in dict(given)]
        if missing:
            written = f.node.items["translations"]
            line = written.items[lang].line if isinstance(written, Mapping) else written.line
            r.error(
                line,
                f"the '{lang}' translation has no '{missing[0]}'",
                f"translate every text of the item: {', '.join(texts)}",
            )
    return found


def claims(r: Reader, items: list[Fields]) -> tuple[Claim, ...]:
    """The claims (or facts: claims with a kind) of a list; a claim whose text or kind is
    wrong is left out."""
    out = []
    for c in items:
        text, cites, kind = c.text("text"), citations(r, c.items("cite")), c.text("kind", "other")
        if text is not None and kind is not None:
            tr = translated(r, c, ("text",))
            out.append(Claim(text, cites, r.where(c), kind, tr))
    return tuple(out)


def disagreements(r: Reader, items: list[Fields]) -> tuple[Disagreement, ...]:
    out = []
    for d in items:
        topic, note = d.text("topic"), d.text("note") or ""
        accounts = claims(r, d.items("accounts"))
        if d.count("accounts") == 1:
            r.error(
                d.node.line,
                "a disagreement needs at least two accounts",
                "add the other side, cited",
            )
        if topic:
            tr = translated(r, d, ("topic", "note") if note else ("topic",))
            out.append(Disagreement(topic, note, accounts, r.where(d), tr))
    return tuple(out)


def acknowledgements(r: Reader, items: list[Fields]) -> tuple[Acknowledgement, ...]:
    out = []
    for a in items:
        check, reason = a.text("check"), a.text("reason")
        if check and reason:
            out.append(Acknowledgement(check, a.text("subject") or "", reason, r.where(a)))
    return tuple(out)


def corrections(r: Reader, items: list[Fields]) -> tuple[Correction, ...]:
    """The item's corrections log: each dated to the day, saying what was wrong and what
    the page says now. When a correction may be dated is checked once every source is
    read (:func:`generator.corrections.in_time`)."""
    out = []
    for c in items:
        date, was, now = c.date("date"), c.text("was"), c.text("now")
        if date is not None and not date.exact:
            r.error(
                c.line("date"),
                f"a correction's 'date' is {date.label()}, not a day",
                "give the day the correction was made, e.g. 2025-02-16",
            )
            continue
        if date and was and now:
            out.append(Correction(date, was, now, r.where(c)))
    return tuple(out)


_Once = Spelling | Relation | Hidden | NotUsed


def once(r: Reader, first: _Once | None, item: Fields, what: str) -> bool:
    """Report ``what`` at ``item`` if it was given before (``first``); True if it is new."""
    if first is None:
        return True
    line = item.node.line
    r.error(line, f"{what} is given twice (first on line {first.where.line})", "remove one")
    return False
