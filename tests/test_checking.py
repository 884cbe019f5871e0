"""The preview's check finds, save after save, what a fresh check finds, examining only
what changed."""

from __future__ import annotations

from pathlib import Path

from conftest import sub

from generator.checking import check_citations
from generator.errors import Diagnostic
from generator.model import Project
from generator.preview.checking import Checker
from generator.reading import ProjectPaths, load_project


def _load(root: Path) -> Project:
    project = load_project(ProjectPaths.at(root), [])
    assert project is not None
    return project


def _same_as_fresh(checker: Checker, root: Path) -> list[Diagnostic]:
    project = _load(root)
    kept: list[Diagnostic] = []
    fresh: list[Diagnostic] = []
    assert checker(project, kept) == check_citations(project, fresh)
    assert kept == fresh
    return kept


def test_each_edit_finds_what_a_fresh_verify_finds(fixture_site: Path) -> None:
    checker = Checker()
    assert _same_as_fresh(checker, fixture_site) == []
    person = fixture_site / "content/people/dana-example.yaml"
    sub(person, r'quote: "was abducted on October 7, 2023"', 'quote: "was taken on October 7"')
    assert any("quote not found" in d.message for d in _same_as_fresh(checker, fixture_site))
    sub(person, r"person: lev-sample", "person: lev-sampel")
    found = _same_as_fresh(checker, fixture_site)
    assert any("unknown person 'lev-sampel'" in d.message for d in found)
    seed = next((fixture_site / "seeds").iterdir())
    seed.write_text(seed.read_text("utf-8") + "\nAn added line.\n", "utf-8")
    _same_as_fresh(checker, fixture_site)
    events = fixture_site / "content/events/2023.yaml"
    sub(events, r"^- id: lev-sample-appeal$", "- id: dana-example-abducted")
    assert any("duplicate event id" in d.message for d in _same_as_fresh(checker, fixture_site))


def test_an_edit_examines_only_what_read_it(fixture_site: Path) -> None:
    checker = Checker()
    _same_as_fresh(checker, fixture_site)
    sub(fixture_site / "content/people/lev-sample.yaml", r"^name: .*$", "name: Lev Sample Jr")
    _same_as_fresh(checker, fixture_site)
    assert checker.db.ran.get("examined") == 1, "Lev's file; the others read only his id"
    assert "source_findings" not in checker.db.ran, "no seed changed: none folded again"


def test_files_added_removed_and_passages_moved_find_what_a_fresh_verify_finds(
    fixture_site: Path,
) -> None:
    """The kept findings mended (a save that adds or removes no file) and put together again
    (one that does), an error fixed, and passages that move in their article."""
    checker = Checker()
    _same_as_fresh(checker, fixture_site)
    people = fixture_site / "content/people"
    lev = (people / "lev-sample.yaml").read_text("utf-8")
    (people / "lev-sample.yaml").unlink()
    assert any(
        "unknown person 'lev-sample'" in d.message for d in _same_as_fresh(checker, fixture_site)
    )
    (people / "lev-sample.yaml").write_text(lev, "utf-8")
    assert _same_as_fresh(checker, fixture_site) == []
    seed = next((fixture_site / "seeds").iterdir())
    seed.write_text("A first line, added.\n\n" + seed.read_text("utf-8"), "utf-8")
    before = checker(_load(fixture_site), [])
    assert _same_as_fresh(checker, fixture_site) == []
    (people / "lev-sample.yaml").write_text(lev.replace("Lev", "Leo", 1), "utf-8")
    after = checker(_load(fixture_site), [])
    assert after.spans is before.spans, "nothing came or went: the very same passages"
    assert _same_as_fresh(checker, fixture_site) == []
