"""The planner, page by page, on the fixture project: notes, statuses, the timeline's
grouping, the source pages' links back, and what each page reads."""

from __future__ import annotations

import pytest
from conftest import FIXTURE

from generator.checking import check_citations
from generator.dates import PartialDate
from generator.planning import Planner
from generator.reading import ProjectPaths, load_project
from generator.urls import Urls
from generator.views import PersonView, SourceView, TimelineView


@pytest.fixture(scope="module")
def planner() -> Planner:
    project = load_project(ProjectPaths.at(FIXTURE), [])
    assert project is not None
    plan = Planner(Urls.from_base("/x/"))
    plan.update(project.without_drafts(), check_citations(project, []))
    return plan


def test_notes_are_numbered_in_the_order_the_page_cites(planner: Planner) -> None:
    page = planner.page("people/dana-example/")
    assert [n.number for n in page.notes] == list(range(1, len(page.notes) + 1))
    view = page.view
    assert isinstance(view, PersonView)
    first = view.summary[0].refs[0]
    assert (first.number, first.id) == (1, "ref-1-1")
    # A passage cited twice is one note with two marks.
    keys = [n.key for n in page.notes]
    assert len(keys) == len(set(keys))
    assert all(n.href.startswith("/x/sources/") for n in page.notes)


def test_a_status_keeps_its_facts(planner: Planner) -> None:
    view = planner.page("people/dana-example/").view
    assert isinstance(view, PersonView) and view.status is not None
    status = view.status
    assert status.abducted == PartialDate(2023, 10, 7)
    assert status.place == "Examplefield"
    assert status.kind in ("held", "announced")
    if status.until is not None and status.until.exact:
        assert status.days == (status.until.first_day() - status.abducted.first_day()).days
    lev = planner.page("people/lev-sample/").view
    assert isinstance(lev, PersonView) and lev.status is None


def test_the_timeline_groups_by_year_then_month(planner: Planner) -> None:
    view = planner.page("timeline/").view
    assert isinstance(view, TimelineView)
    assert [y.label for y in view.years] == ["2023", "2024"]
    assert [m.month for m in view.years[0].months] == [PartialDate(2023, 10)]
    shown = [e.event.id for y in view.years for m in y.months for e in m.events]
    assert shown[0] == "dana-example-abducted"
    assert view.count == len(shown) and not view.filtered
    filtered = planner.page("timeline/lev-sample/").view
    assert isinstance(filtered, TimelineView)
    assert filtered.filtered and filtered.person == "Lev Sample"
    assert [c.key for c in filtered.by_person if c.current] == ["lev-sample"]


def test_a_source_page_links_each_passage_to_the_pages_citing_it(planner: Planner) -> None:
    view = planner.page("sources/herald/").view
    assert isinstance(view, SourceView)
    assert view.passages
    for passage in view.passages:
        assert passage.links
        assert all(link.href.startswith("/x/") and "#fn-" in link.href for link in passage.links)


def test_a_profile_reads_its_person_not_everyone(planner: Planner) -> None:
    planner.page("people/lev-sample/")
    reads = set(planner.db.reads("page", "people/lev-sample/"))
    assert ("person", "lev-sample") in reads
    assert ("name", "dana-example") in reads, "who it links: by name only"
    assert ("person", "dana-example") not in reads
    assert ("model", "people") not in reads and ("people", None) not in reads


def test_every_route_is_planned_and_known(planner: Planner) -> None:
    every = planner.routes() + planner.source_routes() + planner.file_routes()
    assert len(set(every)) == len(every)
    for route in every:
        assert planner.has(route)
        assert planner.page(route).route == route
    assert not planner.has("people/nobody/")
