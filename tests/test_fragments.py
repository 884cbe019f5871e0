"""Text fragments: each directive finds its quoted passage on the outlet's page, nothing earlier."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO

from generator.build import load_and_check
from generator.planning.fragments import directive, find
from generator.reading import ProjectPaths

TEXT = (
    "The council said the talks went on. Officials met on Monday. "
    "The council said the talks went on, and the mayor-elect agreed & signed."
)


def _range(passage: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(passage), TEXT)]
    return starts[nth], starts[nth] + len(passage)


def test_a_unique_passage_needs_no_prefix() -> None:
    start, end = _range("Officials met on Monday.")
    fragment = directive(TEXT, start, end)
    assert fragment == "text=Officials%20met%20on%20Monday."
    assert find(TEXT, fragment) == (start, end)


def test_a_repeated_passage_gets_the_words_before_it() -> None:
    start, end = _range("the talks went on", 1)
    fragment = directive(TEXT, start, end)
    assert fragment.startswith("text=") and "-," in fragment  # a prefix
    assert find(TEXT, fragment) == (start, end)
    # Without its prefix the passage would be found at its first, earlier place.
    bare = "text=" + fragment.split("-,", 1)[1]
    assert find(TEXT, bare) == _range("the talks went on", 0)


def test_reserved_characters_are_percent_encoded() -> None:
    start, end = _range("the mayor-elect agreed & signed.")
    fragment = directive(TEXT, start, end)
    term = fragment.split("-,")[-1].removeprefix("text=")
    assert "-" not in term and "&" not in term and "," not in term
    assert "%2D" in term and "%26" in term
    assert find(TEXT, fragment) == (start, end)


def test_matching_is_case_insensitive_at_word_boundaries() -> None:
    assert find("Tomorrow we go.", "text=we%20go") == (9, 14)
    assert find("Answer now.", "text=swer") is None  # inside a word


@pytest.mark.parametrize("root", [REPO, FIXTURE], ids=["real", "fixture"])
def test_every_cited_passage_gets_a_directive_that_finds_it_first(root: Path) -> None:
    project, evidence, _ = load_and_check(ProjectPaths.at(root))
    checked = 0
    for (source_id, _quote), span in evidence.spans.items():
        source = project.sources[source_id]
        if not source.url:
            continue
        fragment = directive(source.text, span.start, span.end)
        assert find(source.text, fragment) == (span.start, span.end), (source_id, fragment)
        checked += 1
    assert checked > 0


def test_footnotes_link_to_the_passage_on_the_outlets_page(fixture_built: Path) -> None:
    page = (fixture_built / "people" / "dana-example" / "index.html").read_text("utf-8")
    links = re.findall(r'<a class="on-outlet" href="([^"]+)" rel="external">', page)
    assert links and all(h.startswith("https://example.org/gazette#:~:text=") for h in links)
    lev = (fixture_built / "people" / "lev-sample" / "index.html").read_text("utf-8")
    notes = re.findall(r'<li id="fn-\d+">(.*?)</li>', lev, re.S)
    herald = [n for n in notes if "/sources/herald/" in n]
    assert herald and not any("on-outlet" in n for n in herald)  # its address is not known
