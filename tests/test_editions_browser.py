"""Editions in a real browser: the Hebrew edition of tests/fixture_rtl reads right to left,
mirrored, without overflow, and passes axe-core; the Russian edition of the real site too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, TESTS, axe_report, run, serve

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
pytest.importorskip("playwright.sync_api")

PAGES = ("", "people/dana-example/", "timeline/", "sources/gazette/")
"""The home page, a profile, the timeline and a source page: of each edition."""

# Where the text of the page's heading starts and ends, and where its column does.
EDGES = """() => {
  const h1 = document.querySelector('main h1');
  const text = document.createRange();
  text.selectNodeContents(h1);
  const words = text.getBoundingClientRect();
  const main = document.querySelector('main').getBoundingClientRect();
  return {textLeft: words.left, textRight: words.right, mainLeft: main.left,
          mainRight: main.right, dir: document.documentElement.dir,
          direction: getComputedStyle(h1).direction,
          scroll: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def rtl_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/fixture_rtl built (an English and a Hebrew edition) and served."""
    site = tmp_path_factory.mktemp("rtl") / "site"
    assert run("build", "-q", "--project", TESTS / "fixture_rtl", "--out", site) == 0
    yield from serve(site)


@pytest.fixture(scope="module")
def real_url(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_hebrew_edition_reads_right_to_left_mirrored_and_fits(
    browser: Any, rtl_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for route in PAGES:
        page.goto(rtl_url + "he/" + route)
        he = page.evaluate(EDGES)
        assert he["dir"] == "rtl" and he["direction"] == "rtl", route
        assert he["scroll"] <= width, f"he/{route} overflows at {width} px"
        # The heading's text starts at the column's right edge (in English, at its left).
        assert he["mainRight"] - he["textRight"] < 40 < he["textLeft"] - he["mainLeft"], route
        page.goto(rtl_url + route)
        en = page.evaluate(EDGES)
        assert en["dir"] == "" and en["direction"] == "ltr"
        assert en["textLeft"] - en["mainLeft"] < 40, (route, en)
        assert en["scroll"] <= width, f"{route} overflows at {width} px"
    context.close()


AXE_PAGES = [("he", "he/" + route) for route in PAGES] + [
    ("ru", "ru/" + route)
    for route in ("", "people/alexander-trufanov/", "timeline/", "sources/jpost-2025-02-15/")
]
"""The Hebrew fixture's pages and some of the real Russian edition's (one test each, so that
the suite's workers share them out)."""


@pytest.mark.parametrize(("edition", "route"), AXE_PAGES)
def test_axe_finds_no_violations_in_the_hebrew_and_russian_editions(
    browser: Any, rtl_url: str, real_url: str, edition: str, route: str
) -> None:
    page = browser.new_page()
    page.goto((rtl_url if edition == "he" else real_url) + route)
    report = axe_report(page)
    page.close()
    assert not report, (route, report)


@pytest.fixture(scope="module")
def russian_search(browser: Any, real_url: str) -> Iterator[Any]:
    """The Russian search page, open for the module: each query is typed into the same box,
    as a reader trying one spelling after another would (the index is loaded once)."""
    page = browser.new_page()
    page.goto(real_url + "ru/search/")
    yield page
    page.close()


@pytest.mark.parametrize(
    "query", ["Труфанов", "Александр", "Trupanov", "Troufanov"], ids=["ru", "ru-first", "en", "en2"]
)
def test_the_russian_search_finds_a_person_by_the_transliteration_and_every_spelling(
    russian_search: Any, query: str
) -> None:
    from playwright.sync_api import expect

    page = russian_search
    page.get_by_label("Искать имя, событие или источник").fill(query)
    # The results of this query (not those of the one before): the status names it.
    status = page.locator(".search-status")
    expect(status).to_contain_text(f"«{query}»", timeout=15_000)
    results = page.locator(".search-results li > a")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert "/ru/people/alexander-trufanov/" in hrefs[:3], hrefs
