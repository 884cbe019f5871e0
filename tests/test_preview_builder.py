"""The preview's builder serves, save after save, the bytes a one-off build writes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, sub, tree

from generator.build import Options, build
from generator.checking import check_citations
from generator.errors import ContentError
from generator.incremental.files import FileCache
from generator.preview.builder import PreviewBuilder
from generator.preview.checking import Checker
from generator.reading import ProjectPaths, load_project


def _rename(p: Path) -> None:
    sub(p / "content/people/maxim-herkin.yaml", r"^name: .*$", "name: Maxim Herkin (edited)")


def _reorder(p: Path) -> None:
    # Herkin now sorts first of the hostages: the home page numbers its notes anew.
    sub(p / "content/people/maxim-herkin.yaml", r"^name: .*$", "name: Aaron Herkin")


def _add_person(p: Path) -> None:
    (p / "content/people/added-person.yaml").write_text(
        (REPO / "content/people/yelena.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )


def _delete_person(p: Path) -> None:
    (p / "content/people/added-person.yaml").unlink()


def _edit_event(p: Path) -> None:
    sub(p / "content/events/2025.yaml", r"^  title: .*$", "  title: An edited event title")


def _edit_event_kind(p: Path) -> None:
    # Moves the event between the kind filters and changes who it concerns: the filtered
    # timelines and the data exports must follow.
    path = p / "content/events/2024.yaml"
    sub(path, r"^  kind: sign-of-life$", "  kind: statement")
    sub(path, r"^  people: \[alexander-trufanov\]$", "  people: [alexander-trufanov, yelena]")


def _edit_timeline_script(p: Path) -> None:
    path = p / "templates/assets/timeline.js"
    path.write_text(path.read_text(encoding="utf-8") + "\n// edited\n", encoding="utf-8")


def _edit_template(p: Path) -> None:
    sub(p / "templates/person.html", r'>\{\{ _\("At a glance"\) \}\}<', ">In brief<")


def _edit_shared_template(p: Path) -> None:
    sub(p / "templates/base.html", r"Skip to content", "Skip to the content")


def _edit_site(p: Path) -> None:
    sub(p / "content/site.yaml", r"^title: .*$", "title: An edited title")


def _edit_asset(p: Path) -> None:
    path = p / "templates/assets/style.css"
    path.write_text(path.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")


def _draft_person(p: Path) -> None:
    path = p / "content/people/vitaly.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "draft: true\n", encoding="utf-8")


def _edit_seed(p: Path) -> None:
    path = p / "seeds" / sorted(x.name for x in (p / "seeds").iterdir())[0]
    path.write_text("An added first line.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("change a seed", _edit_seed),
    ("change a person", _rename),
    ("rename a person so that the order changes", _reorder),
    ("add a person", _add_person),
    ("delete a person", _delete_person),
    ("change an event", _edit_event),
    ("change an event's kind and people", _edit_event_kind),
    ("change a script", _edit_timeline_script),
    ("change a page template", _edit_template),
    ("change the base template", _edit_shared_template),
    ("change site.yaml", _edit_site),
    ("change a stylesheet", _edit_asset),
    ("mark a person as a draft", _draft_person),
]


def _files(options: Options) -> dict[str, bytes]:
    """What a one-off build writes, its marker file left out."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build(replace(options, out=out))
        return {k: v for k, v in tree(out).items() if k != ".hostage-explainer"}


def _rebuilt(builder: PreviewBuilder, changed: list[str] | None = None) -> dict[str, bytes]:
    """Build again, as after a save, and return every file the preview serves."""
    builder.build(changed=changed)
    return builder.files()


def test_the_preview_serves_what_a_one_off_build_writes_after_each_edit(real_copy: Path) -> None:
    """After each edit, as after a save in the preview, three builders against one one-off
    build: one told what changed (as by the watcher), one that looks at every file, and one
    asked for a single page between edits (the others left unplanned through several
    edits, and still right at the end)."""
    from generator.preview.watch import input_signatures

    told, looks, browses = (PreviewBuilder(Options(real_copy)) for _ in range(3))
    first = told.build()
    told.files()
    editions = len(first.project.site.languages)
    assert told.rendered == first.pages + 1 + editions + 5, "pages, sitemap, feeds and data"
    looks.build()
    browses.build(thorough=False)
    seen = input_signatures(real_copy)
    for name, edit in EDITS:
        edit(real_copy)
        now = input_signatures(real_copy)
        changed = [
            str(real_copy / k) for k in now.keys() | seen.keys() if now.get(k) != seen.get(k)
        ]
        seen = now
        expected = _files(Options(real_copy))
        assert _rebuilt(told, changed) == expected, f"after '{name}' (told) other bytes"
        assert _rebuilt(looks) == expected, f"after '{name}' (looking) other bytes"
        browses.build(thorough=False)
        profile = "people/yelena/index.html"
        assert browses.file(profile) == expected[profile], f"after '{name}' another profile"
    assert browses.files() == expected, "the pages left unplanned through the edits"


def test_the_preview_serves_no_file_that_a_full_build_does_not_make(real_copy: Path) -> None:
    folder = real_copy / "content/people"
    people = sorted(p.stem for p in folder.glob("*.yaml"))
    # Someone no event names: a profile, and no timeline of their own.
    (folder / "no-events.yaml").write_bytes((folder / f"{people[0]}.yaml").read_bytes())
    expected = _files(Options(real_copy))
    assert "people/no-events/index.html" in expected
    builder = PreviewBuilder(Options(real_copy))
    builder.build(thorough=False)
    for name in [
        "timeline/no-events/index.html",
        "timeline/kind/index.html",
        "timeline/kind/no-such-kind/index.html",
        "people/no-one/index.html",
        f"people/{people[0]}/more/index.html",
        "people/index.html/index.html",
        "sources/no-such-source/index.html",
        "data/no-such.json",
        "index.htm",
    ]:
        assert name not in expected
        assert builder.file(name) is None, name


def test_a_build_told_what_changed_looks_at_nothing_else(real_copy: Path) -> None:
    builder = PreviewBuilder(Options(real_copy))
    before = _rebuilt(builder)
    _rename(real_copy)
    assert _rebuilt(builder, []) == before, "an edit it was not told of is not seen"
    person = real_copy / "content/people/maxim-herkin.yaml"
    told = _rebuilt(builder, [str(person.resolve())])
    assert b"(edited)" in told["people/maxim-herkin/index.html"]
    sub(person, r"^name: .*$", "name: Maxim Herkin (edited again)")
    assert b"(edited again)" in _rebuilt(builder)["people/maxim-herkin/index.html"], (
        "a build not told looks at every file"
    )


def test_an_edit_renders_only_the_pages_that_use_it(real_copy: Path) -> None:
    builder = PreviewBuilder(Options(real_copy))
    first = builder.build()
    total, editions = first.pages, len(first.project.site.languages)
    builder.files()
    _rebuilt(builder)
    assert builder.rendered == 0, "nothing changed, nothing to render"
    sub(real_copy / "content/people/vitaly.yaml", r"^name: .*$", "name: Vitaly (edited)")
    _rebuilt(builder)
    # His profile, the people index, home and timeline, his relatives, the sources he cites.
    assert 1 < builder.rendered < total
    _edit_template(real_copy)
    _rebuilt(builder)
    people = len(list((real_copy / "content/people").glob("*.yaml")))
    assert builder.rendered == people * editions, "a profile edit re-renders profiles only"


@pytest.mark.parametrize("told", [False, True], ids=["looks-at-every-file", "told-what-changed"])
def test_a_failed_build_keeps_the_builder_usable(real_copy: Path, told: bool) -> None:
    builder = PreviewBuilder(Options(real_copy))
    builder.build()
    person = real_copy / "content/people/yelena.yaml"
    changed = [str(person.resolve())] if told else None
    good = person.read_text(encoding="utf-8")
    person.write_text(good + "nmae: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        builder.build(changed=changed)
    assert "content/people/yelena.yaml" in caught.value.report()
    person.write_text(good.replace("id: yelena", "id: yelena") + "\n", encoding="utf-8")
    assert _rebuilt(builder, changed) == _files(Options(real_copy))
    seed = next((real_copy / "seeds").iterdir())
    seed.write_text(seed.read_text(encoding="utf-8") + "\nAn added line.\n", encoding="utf-8")
    changed = [str(seed.resolve())] if told else None
    assert _rebuilt(builder, changed) == _files(Options(real_copy))


def test_a_large_site_names_only_its_own_person_on_a_filtered_timeline(
    real_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.planning import queries

    monkeypatch.setattr(queries, "MENU_PEOPLE_MAX", 2)
    builder = PreviewBuilder(Options(real_copy))
    files = _rebuilt(builder)
    own = files["timeline/maxim-herkin/index.html"].decode()
    assert own.count("data-person=") == 1, "his own chip only"
    assert "Everyone else" in own
    whole = files["timeline/index.html"].decode()
    assert 'href="/timeline/alexander-trufanov/"' in whole and "Everyone else" not in whole
    _rename(real_copy)
    assert _rebuilt(builder) == _files(Options(real_copy))


def test_a_rebuild_checks_again_the_quotes_of_an_edited_seed(real_copy: Path) -> None:
    """Unchanged people whose source changed are verified again, with the same report."""
    builder = PreviewBuilder(Options(real_copy))
    builder.build()
    quote = "The three women were released in the first hostage deal"
    seeds = [p for p in (real_copy / "seeds").iterdir() if quote in p.read_text("utf-8")]
    assert seeds, "the quote stands in a seed"
    for seed in seeds:
        seed.write_text(seed.read_text("utf-8").replace(quote, "Three women were freed"), "utf-8")
    with pytest.raises(ContentError) as kept:
        builder.build()
    with pytest.raises(ContentError) as fresh:
        PreviewBuilder(Options(real_copy)).build()
    assert "quote not found" in kept.value.report()
    assert kept.value.report() == fresh.value.report()
    for seed in seeds:
        seed.write_text(seed.read_text("utf-8").replace("Three women were freed", quote), "utf-8")
    assert _rebuilt(builder) == _files(Options(real_copy))


def test_a_rebuild_checks_again_the_events_and_hidden_passages_of_an_edited_seed(
    real_copy: Path,
) -> None:
    """Events and hidden passages are kept from the last check only while their seed is."""
    builder = PreviewBuilder(Options(real_copy))
    builder.build()
    cited = "the issue of his swift return home"  # quoted by an event
    for seed in (real_copy / "seeds").iterdir():
        text = seed.read_text("utf-8")
        edited = text.replace(cited, "the matter of his return").replace("ARTICLE AD BOX", "AD")
        if edited != text:
            seed.write_text(edited, "utf-8")
    with pytest.raises(ContentError) as kept:
        builder.build()
    with pytest.raises(ContentError) as fresh:
        PreviewBuilder(Options(real_copy)).build()
    assert "content/events/2025.yaml" in kept.value.report()
    assert "passage to hide not found" in kept.value.report()
    assert kept.value.report() == fresh.value.report()


def test_a_build_told_of_a_file_removed_and_made_again_lists_it(real_copy: Path) -> None:
    builder = PreviewBuilder(Options(real_copy))
    builder.build()
    added = real_copy / "content/people/added-person.yaml"
    changed = [str(added.resolve())]
    for _ in range(2):
        _add_person(real_copy)
        assert _rebuilt(builder, changed) == _files(Options(real_copy))
        _delete_person(real_copy)
        assert "people/added-person/index.html" not in _rebuilt(builder, changed)


def test_a_verify_told_what_changed_finds_what_a_fresh_one_finds(real_copy: Path) -> None:
    """A passage no longer cited leaves the evidence; one newly cited enters it."""
    paths, cache, checker = ProjectPaths.at(real_copy), FileCache(), Checker()

    def again(changed: list[str] | None) -> tuple[object, object]:
        cache.changed = None if changed is None else frozenset(changed)
        project = load_project(paths, [], cache)
        assert project is not None
        found = checker(project, [])
        fresh_project = load_project(paths, [])
        assert fresh_project is not None
        fresh = check_citations(fresh_project, [])
        assert (found.spans, found.cited) == (fresh.spans, fresh.cited)
        return found.spans, fresh.spans

    again(None)
    short = "the Supernova rave music festival on October 7, 2023"
    for old, new in [(short + '."', short + '"'), (short + '"', short + '."')]:
        changed = []  # each file that quotes it: the longer passage is cited no more, or again
        for path in (real_copy / "content").rglob("*.yaml"):
            text = path.read_text("utf-8")
            if old in text:
                path.write_text(text.replace(old, new), "utf-8")
                changed.append(str(path.resolve()))
        assert changed
        spans, _ = again(changed)
        assert any(q.endswith(short) for _, q in spans) == (new == short + '"')
        assert any(q.endswith(short + ".") for _, q in spans) == (new == short + '."')


def test_a_template_that_reads_a_new_value_shows_it_with_nothing_else_edited(
    real_copy: Path,
) -> None:
    """No page lists what it depends on: the renders record the templates they load."""
    builder = PreviewBuilder(Options(real_copy))
    builder.build()
    profile = "people/yelena/index.html"
    assert b"data-events=" not in (builder.file(profile) or b"")
    sub(
        real_copy / "templates/person.html",
        r"<h1>",
        '<h1 data-events="{{ events|length }}">{% include "_extra.html" %}',
    )
    (real_copy / "templates/_extra.html").write_text("<span>first</span>", "utf-8")
    builder.build()
    assert builder.file(profile) == _files(Options(real_copy))[profile]
    assert b'data-events="' in (builder.file(profile) or b"")
    # Only the new partial changes: the pages that include it are rendered again.
    (real_copy / "templates/_extra.html").write_text("<span>second</span>", "utf-8")
    builder.build()
    assert b"<span>second</span>" in (builder.file(profile) or b"")
    assert builder.rendered == 1, "the one page asked for"
    assert builder.file("about/index.html") == _files(Options(real_copy))["about/index.html"]
