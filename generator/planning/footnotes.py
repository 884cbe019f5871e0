"""A page's footnotes: one note per quoted passage, numbered in the order the page cites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator import urls as routes
from generator.checking.quotes import Span, anchor_id, fold
from generator.model import Citation, Claim, Disagreement, Source
from generator.planning.fragments import directive
from generator.views import Cited, DifferView, Note, Page, Ref

if TYPE_CHECKING:
    from generator.planning.planner import Planner


class Footnotes:
    """Numbers a page's citations; one note per quoted passage."""

    def __init__(self, page: Page, plan: Planner) -> None:
        self.page, self.plan = page, plan
        self._by_key: dict[tuple[str, str], Note] = {}

    def refs(self, citations: tuple[Citation, ...]) -> tuple[Ref, ...]:
        refs = []
        for c in citations:
            key = (c.source, fold(c.quote))
            note = self._by_key.get(key)
            if note is None:
                source = self.plan.source(c.source)
                span = self.plan.span(key)
                note = Note(
                    len(self.page.notes) + 1,
                    source,
                    source.text[span.start : span.end],
                    self.plan.urls.page(routes.source(c.source)) + "#" + anchor_id(c.quote),
                    key,
                    source.published.date,
                    [],
                    *self.plan.foreign(source),
                    on_outlet=_on_outlet(source, span),
                    translation=dict(c.translations).get(self.plan.site.language, ""),
                )
                self._by_key[key] = note
                self.page.notes.append(note)
            ref = Ref(note.number, f"ref-{note.number}-{len(note.refs) + 1}")
            note.refs.append(ref.id)
            refs.append(ref)
        return tuple(refs)

    def cited(self, claim: Claim, label: str = "") -> Cited:
        return Cited(claim.text, self.refs(claim.citations), label, lang=claim.shown_in)

    def differ(self, items: tuple[Disagreement, ...]) -> tuple[DifferView, ...]:
        return tuple(
            DifferView(d.topic, d.note, tuple(self.cited(a) for a in d.accounts), d.shown_in)
            for d in items
        )


def _on_outlet(source: Source, span: Span) -> str | None:
    """The URL of the passage at ``span`` on the outlet's page, or None without a URL."""
    if not source.url:
        return None
    fragment = ":~:" + directive(source.text, span.start, span.end)
    return source.url + (fragment if "#" in source.url else "#" + fragment)
