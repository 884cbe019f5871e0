"""A publication date is taken only where a page states it, with the words it rests on."""

from __future__ import annotations

import pytest

pytest.importorskip("htmldate")  # the `import` extra

from lxml import html

from generator.pagedates import Dated, page_dates


def _dates(body: str, head: str = "", url: str | None = None) -> list[Dated]:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return page_dates(html.fromstring(page), url)


def test_json_ld_in_a_graph_and_not_its_modified_date() -> None:
    head = (
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage",'
        ' "datePublished": "2020-01-01"}, {"@type": "NewsArticle",'
        ' "datePublished": "2024-05-01T23:30:00-04:00", "dateModified": "2024-05-09"}]}</script>'
        '<script type="application/ld+json">{broken</script>'
    )
    assert _dates("<p>Text</p>", head) == [
        Dated(
            "2024-05-01",
            "stated",
            'The page\'s NewsArticle JSON-LD gives "datePublished": "2024-05-01T23:30:00-04:00".',
        )
    ]


def test_meta_tag() -> None:
    head = '<meta property="article:published_time" content="2024-06-14T17:40:00Z">'
    assert _dates("", head)[0].evidence == (
        'The page\'s article:published_time meta tag reads "2024-06-14T17:40:00Z".'
    )


def test_a_byline_in_words_is_read_by_htmldate() -> None:
    body = '<p class="byline">By Ann Other. Published 3 March 2024</p>'
    assert _dates(body) == [
        Dated("2024-03-03", "stated", 'The byline reads "By Ann Other. Published 3 March 2024".')
    ]


def test_the_url_gives_a_day_or_a_month() -> None:
    day = _dates("", url="https://x.example/news/2024/05/02/story/")
    assert [(d.date, d.basis) for d in day] == [("2024-05-02", "url")]
    assert '"/2024/05/02"' in day[0].evidence
    month = _dates("", url="https://x.example/2023/11/story.html")
    assert [(d.date, d.basis) for d in month] == [("2023-11", "url")]


def test_other_dates_on_the_page_are_not_publication_dates() -> None:
    body = (
        '<article><p>Text.</p></article><div class="comments"><p>Posted'
        ' <time datetime="2024-05-02T09:40">2 May 2024</time></p></div>'
        '<ul class="related"><li><a href="/news/2024/04/28/fete/">Fete, 28 April 2024</a></li></ul>'
    )
    assert _dates(body, url="https://x.example/news/story") == []
