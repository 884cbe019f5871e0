"""The review: each check's findings, acknowledged or warned; the overdue notes for the pages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from generator import corrections
from generator.checking import Evidence, Overdue
from generator.editorial.announcements import stale_announcements, taken_after
from generator.editorial.conflicts import conflicts
from generator.editorial.coverage import acknowledge, coverage, source_coverage
from generator.editorial.findings import _day, _visible
from generator.editorial.names import (
    _TOKEN,
    _Folded,
    _printed,
    spellings,
    unattested_names,
    word_index,
)
from generator.errors import Diagnostic
from generator.model import Project

SLOW_CHECKS = frozenset({"spelling", "unattested-name", "conflict", "uncovered"})
"""The checks that read every source's text; the preview runs them after the reload."""


def review(
    project: Project,
    evidence: Evidence,
    diagnostics: list[Diagnostic],
    as_of: dt.date | None,
    thorough: bool = True,
    warnings: bool = True,
) -> Evidence:
    """Run the editorial checks; append what is wrong; return the evidence with overdue notes.

    ``as_of`` is the day announcements are judged against; None means the
    newest source's publication date, as for the status of each hostage.
    ``thorough=False`` leaves out :data:`SLOW_CHECKS`, which only ever warn,
    and the acknowledgements of those checks. ``warnings=False`` leaves out
    every check that can only warn, for a caller that reviews beside (the
    preview, a large build): what can be an error, and the overdue notes the
    pages show, are still worked out.
    """
    if evidence.newest is not None:
        diagnostics.extend(taken_after(project, evidence.newest))
        diagnostics.extend(corrections.in_time(project, evidence.newest))
    reference = as_of or (evidence.newest.first_day() if evidence.newest else None)
    stale = []
    if reference is not None:
        why = f"as of {_day(reference)}" + ("" if as_of else ", the date of the newest source")
        stale = list(stale_announcements(project, reference, why))
    if warnings:
        findings = [*(f for f, _, _ in stale), *source_coverage(project, evidence.cited)]
        skipped = set() if thorough else set(SLOW_CHECKS)
        # A source file with an error is reported at its line; a name that stands
        # only in that source would be reported again as unattested: the root
        # cause once, not what follows from it.
        unread = any(u.startswith("sources/") for u in project.unread)
        if unread:
            skipped.add("unattested-name")
        if thorough:
            texts = {
                sid: _visible(s.text, evidence.hidden.get(sid, ()))
                for sid, s in project.sources.items()
            }
            names = {
                t for p in project.people.values() for n in _printed(p) for t in _TOKEN.findall(n)
            }
            index, folded = word_index(texts, names), _Folded(texts)
            findings += [
                *spellings(project, texts, index),
                *(() if unread else unattested_names(project, index, folded)),
                *conflicts(project, texts, index, folded),
            ]
            # A file with an error cites what nobody can tell: no ledger until it is mended.
            if not any(d.severity == "error" for d in diagnostics):
                findings += coverage(project, evidence, texts, diagnostics)
        diagnostics.extend(acknowledge(project, findings, skipped))
    events: dict[str, Overdue] = {}
    people: dict[str, list[Overdue]] = defaultdict(list)
    own = {key.partition(":")[2] for _, key, _ in stale if key.startswith("person:")}
    for _, key, note in stale:
        kind, _, ident = key.partition(":")
        if kind == "person":
            people[ident].append(note)
            continue
        events[ident] = note
        event = next(e for e in project.events if e.id == ident)
        # On a profile the note names its event: "Release announced" on the profile of
        # the official who announced it would read as his own release.
        titled = replace(note, title=event.title)
        for pid in event.people:
            if not (event.kind == "release" and pid in own):  # said by their own note
                people[pid].append(titled)
    return replace(
        evidence,
        overdue_events=events,
        overdue_people={pid: tuple(dict.fromkeys(n)) for pid, n in people.items()},
    )
