"""The reader's side in a real browser: search, timeline filters, accessibility, layout.

Runs Debian's chromium through Playwright (never a downloaded browser) against the
real content, built once with its search index and served over loopback by a plain
``http.server``. Skipped where chromium is not installed; ``.ci/run`` installs it.
Screenshots land in the pytest temporary folder (the path is printed) for people to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, axe_report, serve, soon

WAIT_MS = 15_000
# One page of each type (and each timeline filter type).
PAGES = {
    "home": "",
    "people": "people/",
    "profile": "people/alexander-trufanov/",
    "timeline": "timeline/",
    "person timeline": "timeline/maxim-herkin/",
    "kind timeline": "timeline/kind/release/",
    "source": "sources/jpost-2025-02-03/",
    "dated source": "sources/jpost-2025-02-15/",  # a date line, passages not used
    "about": "about/",
    "corrections": "corrections/",
    "search": "search/?q=Trupanov",
    "not found": "404.html",
}
SPELLINGS = [
    ("Troufanov", "alexander-trufanov"),
    ("Trupanov", "alexander-trufanov"),
    ("Trufanov", "alexander-trufanov"),
    ("Sasha", "alexander-trufanov"),
    ("Marzook", "musa-abu-marzouk"),
    ("Marzuk", "musa-abu-marzouk"),
    ("Marzouk", "musa-abu-marzouk"),
]

# Pairs of text boxes near the top of a page that overlap without one holding the other.
OVERLAPS = """() => {
  const boxes = Array.from(document.querySelectorAll(
      'h1, h2, .site-header a, .status, .role, .filters a, p'))
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width && r.height && r.top < 1200);
  const within = (a, b) =>
    a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
  let n = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1 && !within(a, b) && !within(b, a)) n++;
    }
  return n;
}"""

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)


def _events(page) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The timeline entries a reader can see: id, kind and people of each."""
    return page.locator(".timeline .event:visible").evaluate_all(
        "els => els.map(e => ({id: e.id, kind: e.dataset.kind, people: e.dataset.people}))"
    )


def _expected(real_site: Path, person: str) -> list[str]:
    events = json.loads((real_site / "data/events.json").read_text("utf-8"))["events"]
    return [e["id"] for e in events if person in e["people"]]


@pytest.fixture(scope="module")
def search_page(browser, site_url) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The search page, open for the module: each query is typed into the same box, as a
    reader trying one spelling after another would (the index is loaded once)."""
    page = browser.new_page()
    page.goto(site_url + "search/")
    yield page
    page.close()


@pytest.mark.parametrize(("query", "person"), SPELLINGS)
def test_every_spelling_finds_the_person(search_page, query, person) -> None:  # type: ignore[no-untyped-def]
    page = search_page
    page.get_by_label("Search for a name, an event or a source").fill(query)
    # The results of this query (not those of the one before): the status names it.
    status = page.locator(".search-status")
    soon(lambda ms: sync_api.expect(status).to_contain_text(f"for “{query}”", timeout=ms))
    results = page.locator(".search-results li > a")
    sync_api.expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert f"/people/{person}/" in hrefs[:3], hrefs


def test_without_javascript_search_leads_to_the_index_of_spellings(browser, site_url) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    assert page.locator("input").count() == 0
    page.locator(".search-fallback").get_by_role("link", name="index of people").click()
    page.wait_for_url("**/people/")
    listing = page.locator("main").inner_text()
    for spelling in ("Troufanov", "Trupanov", "Marzook", "Marzuk"):
        assert spelling in listing
    context.close()


def _count(events: list[dict[str, str]]) -> str:
    return f"{len(events)} event{'s' if len(events) != 1 else ''}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_timeline_filter_shows_only_that_persons_events(
    browser, site_url, real_site, javascript
) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site_url + "timeline/")
    everything = _events(page)
    page.locator(".filters a[data-person='yelena']").click()
    page.wait_for_url("**/timeline/yelena/")
    # With JavaScript the same document is filtered in place; without, a page of its own loads.
    marker = page.evaluate("document.querySelector('[data-timeline=\"all\"]') !== null")
    assert marker is javascript
    shown = _events(page)
    assert [e["id"] for e in shown] == _expected(real_site, "yelena")
    assert all("yelena" in e["people"].split() for e in shown)
    assert len(shown) < len(everything)
    # The same words with and without JavaScript (the page's own, written by the build).
    status = page.locator("[data-timeline-status]").inner_text()
    assert status == f"Showing {_count(shown)} concerning Yelena."
    current = page.locator(".filters a[aria-current='page']")
    sync_api.expect(current).to_have_text("Yelena")

    page.locator(".filters a[data-kind='release']").click()
    page.wait_for_url("**/timeline/kind/release/")
    releases = _events(page)
    assert {e["kind"] for e in releases} == {"release"}
    status = page.locator("[data-timeline-status]").inner_text()
    assert status == f"Showing {_count(releases)} of kind: release."
    page.locator(".filters a", has_text="All events").click()
    page.wait_for_url("**/timeline/")
    assert len(_events(page)) == len(everything)
    context.close()


def test_back_after_filtering_in_place_restores_the_filter(browser, site_url) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "timeline/")
    total = len(_events(page))
    page.locator(".filters a[data-person='maxim-herkin']").click()
    page.wait_for_url("**/timeline/maxim-herkin/")
    assert len(_events(page)) < total
    page.go_back()
    page.wait_for_url("**/timeline/")
    assert len(_events(page)) == total
    page.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations_in_light_and_dark(browser, site_url, name) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + PAGES[name])
    if name == "search":
        first = page.locator(".search-results li").first
        soon(lambda ms: sync_api.expect(first).to_be_visible(timeout=ms))
    report = axe_report(page)
    assert not report, report
    page.close()


@pytest.fixture(scope="module")
def narrow(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A context with a 320 px wide window, for the module; each test opens its own page."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    yield context
    context.close()


# The Russian edition's words run longer than the English.
NARROW = {
    **PAGES,
    **{f"ru {name}": f"ru/{PAGES[name]}" for name in ("profile", "timeline", "source")},
}


@pytest.mark.parametrize("name", list(NARROW))
def test_no_horizontal_scrolling_at_320_px(narrow, site_url, name) -> None:  # type: ignore[no-untyped-def]
    page = narrow.new_page()
    page.goto(site_url + NARROW[name])
    if name == "search":
        first = page.locator(".search-results li").first
        soon(lambda ms: sync_api.expect(first).to_be_visible(timeout=ms))
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
            .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    assert width <= 320, wide
    page.close()


def test_a_long_name_without_spaces_wraps_in_the_filter_menu(narrow, site_url) -> None:  # type: ignore[no-untyped-def]
    page = narrow.new_page()
    page.goto(site_url + "timeline/")
    page.evaluate("document.querySelector('.filters a[data-person]').textContent = 'W'.repeat(120)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


def test_screenshots_of_each_page_type(browser, site_url, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("screenshots")
    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name in ("home", "profile", "timeline", "source"):
            page.goto(site_url + PAGES[name])
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            overlaps = page.evaluate(OVERLAPS)
            assert overlaps == 0, f"{name} at {width} px: {overlaps} overlapping boxes"
            shot = folder / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 5_000
        page.close()
    print(f"screenshots in {folder}")


def test_the_accessibility_check_sees_a_contrast_fault_of_the_dark_scheme_alone(browser) -> None:  # type: ignore[no-untyped-def]
    """axe_report runs only the colour rules in the dark scheme: they must still see a fault."""
    page = browser.new_page()
    page.set_content(
        '<!doctype html><html lang="en"><head><title>t</title><style>'
        "@media (prefers-color-scheme: dark) { body { background: #000; color: #222; } }"
        "</style></head><body><main><h1>Title</h1><p>Some text to read.</p></main></body></html>"
    )
    report = axe_report(page)
    page.close()
    assert report.startswith("dark: ") and "color-contrast" in report, report
