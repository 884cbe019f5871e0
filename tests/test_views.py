"""The template contract: typed views, named fields, every field documented for themes."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

from generator import views
from generator.dates import PartialDate
from generator.model import Published, Source, Where
from generator.views import Note, Page, Title, YearGroup, variables

DOCS = Path(__file__).resolve().parent.parent / "docs" / "theming.md"


def _views() -> list[type]:
    return list(typing.get_args(views.View))


def test_each_view_hands_its_template_named_fields_only() -> None:
    year = YearGroup(2023, False, ())
    timeline = views.TimelineView((year,), False, None, None, 0, "/timeline/", (), False, ())
    expected = {f.name: getattr(timeline, f.name) for f in dataclasses.fields(timeline)}
    assert variables(timeline) == expected
    assert variables(views.NoView()) == {}


def test_every_field_of_every_view_is_documented_for_themes() -> None:
    text = DOCS.read_text("utf-8")
    table = text[text.index("## What each template receives") :]
    named = set(re.findall(r"`([a-z_]+)`", table))
    for kind in _views():
        if kind is views.DataView:  # no template: serialised in Python
            continue
        missing = {f.name for f in dataclasses.fields(kind)} - named
        assert not missing, f"{kind.__name__}: {sorted(missing)} not in docs/theming.md"


def test_no_view_holds_a_field_typed_as_a_bare_object_or_dict() -> None:
    for kind in _views():
        for f in dataclasses.fields(kind):
            assert "dict[str, object]" not in str(f.type), (kind.__name__, f.name)
            assert str(f.type) not in ("object", "Any"), (kind.__name__, f.name)


def test_years_and_decades_label_their_headings() -> None:
    assert YearGroup(2023, False, ()).label == "2023"
    assert YearGroup(1990, True, ()).label == "1990s"


def _source(sid: str, day: int) -> Source:
    published = Published(PartialDate(2024, 5, day), "stated", "It says so.")
    where = Where(f"content/sources/{sid}.yaml", 1)
    return Source(
        sid, f"{sid}.txt", "", "Gazette", "article", None, None, "en", published, (), where
    )


def test_a_page_cites_each_source_once_in_order_of_first_citation() -> None:
    a, b = _source("a", 1), _source("b", 2)
    page = Page("people/x/", "person.html", Title("person", "X"))
    for n, source in enumerate([b, a, b], 1):
        href = f"/sources/{source.id}/#q-{n}"
        page.notes.append(Note(n, source, "q", href, (source.id, "q"), source.published.date))
    assert [c.source.id for c in page.cited] == ["b", "a"]
    assert [c.date for c in page.cited] == [PartialDate(2024, 5, 2), PartialDate(2024, 5, 1)]
    assert [c.href for c in page.cited] == ["/sources/b/", "/sources/a/"]
    assert page.sources == [b, a]


def test_a_note_numbers_the_uses_of_its_marks() -> None:
    note = Note(3, _source("a", 1), "q", "#", ("a", "q"), PartialDate(2024), ["ref-3-1", "ref-3-2"])
    assert [(u.number, u.ref) for u in note.uses] == [(1, "ref-3-1"), (2, "ref-3-2")]
    assert note.id == "fn-3"
