"""A source's page: the article as received, its quoted passages marked and linked to
every note that cites them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator import urls as routes
from generator.checking.quotes import Span, anchor_id
from generator.model import Source
from generator.planning.article import article_paragraphs
from generator.views import Page, PageLink, Passage, SourceView, Title

if TYPE_CHECKING:
    from generator.planning.planner import Planner


def source_page(plan: Planner, source: Source) -> Page:
    title = Title("source", source.outlet, date=source.published.date)
    page = Page(routes.source(source.id), "source.html", title, searchable=True)
    quoted: tuple[tuple[str, Span, tuple[PageLink, ...]], ...]
    quoted = plan.db.get("quoted_passages", source.id)
    # A passage quoted only by drafts is left out with them.
    passages = sorted(
        ((span, anchor_id(quote), list(links)) for quote, span, links in quoted if links),
        key=lambda item: (item[0].start, item[0].end),
    )
    language, way = plan.foreign(source)
    paragraphs = article_paragraphs(source.text, plan.hidden(source.id), passages)
    page.view = SourceView(
        source=source,
        language=language,
        direction=way,
        basis=source.published.basis,
        paragraphs=tuple(tuple(p) for p in paragraphs),
        passages=tuple(
            Passage(anchor, source.text[span.start : span.end], tuple(links))
            for span, anchor, links in passages
        ),
    )
    return page
