"""The check stage: every id resolves, every quote stands in its source.

:mod:`.evidence` checks a loaded project (:func:`check_citations`: pure, it never
changes the model) and returns the :class:`Evidence` the planner needs to link notes
to passages: where each quote stands, tolerating typography and nothing else
(:mod:`.quotes`: a source folded once, positions mapped back). A quote that stands
nowhere is reported with its closest passage and a word-level diff (:mod:`.mismatch`);
:mod:`.ledger` places each ``not_used`` passage and reads the coverage ledger of a
source. The preview runs the same checks save after save
(:mod:`generator.preview.checking`).
"""

from generator.checking.evidence import (
    Evidence,
    ItemFindings,
    Overdue,
    SourceFindings,
    check_citations,
    citations_of_all,
    citations_of_event,
    citations_of_person,
    duplicate_events,
    evidence_of,
    examine,
    hidden_spans,
    newest_date,
    source_findings,
    source_maps,
    sources_evidence,
)

__all__ = [
    "Evidence",
    "ItemFindings",
    "Overdue",
    "SourceFindings",
    "check_citations",
    "citations_of_all",
    "citations_of_event",
    "citations_of_person",
    "duplicate_events",
    "evidence_of",
    "examine",
    "hidden_spans",
    "newest_date",
    "source_findings",
    "source_maps",
    "sources_evidence",
]
