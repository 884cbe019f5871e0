"""The incremental path that ``serve`` uses gives the same bytes as a full build."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run, tree

from generator.build import Builder, Options, build
from generator.check import Checked, sources_evidence, verify
from generator.errors import ContentError
from generator.load import FileCache, ProjectPaths, load_project
from generator.model import Project


def _sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def _rename(p: Path) -> None:
    _sub(p / "content/people/maxim-herkin.yaml", r"^name: .*$", "name: Maxim Herkin (edited)")


def _reorder(p: Path) -> None:
    # Herkin now sorts first of the hostages: the home page numbers its notes anew.
    _sub(p / "content/people/maxim-herkin.yaml", r"^name: .*$", "name: Aaron Herkin")


def _add_person(p: Path) -> None:
    (p / "content/people/added-person.yaml").write_text(
        (REPO / "content/people/yelena.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )


def _delete_person(p: Path) -> None:
    (p / "content/people/added-person.yaml").unlink()


def _edit_event(p: Path) -> None:
    _sub(p / "content/events/2025.yaml", r"^  title: .*$", "  title: An edited event title")


def _edit_event_kind(p: Path) -> None:
    # Moves the event between the kind filters and changes who it concerns: the filtered
    # timelines and the data exports must follow.
    path = p / "content/events/2024.yaml"
    _sub(path, r"^  kind: sign-of-life$", "  kind: statement")
    _sub(path, r"^  people: \[alexander-trufanov\]$", "  people: [alexander-trufanov, yelena]")


def _edit_timeline_script(p: Path) -> None:
    path = p / "templates/assets/timeline.js"
    path.write_text(path.read_text(encoding="utf-8") + "\n// edited\n", encoding="utf-8")


def _edit_template(p: Path) -> None:
    _sub(p / "templates/person.html", r">At a glance<", ">In brief<")


def _edit_shared_template(p: Path) -> None:
    _sub(p / "templates/base.html", r"Skip to content", "Skip to the content")


def _edit_site(p: Path) -> None:
    _sub(p / "content/site.yaml", r"^title: .*$", "title: An edited title")


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
    """A full build's files, kept in memory (``build`` itself keeps none)."""
    return Builder(options).build().files


def _published(options: Options) -> dict[str, bytes]:
    """What ``build`` (the command line's one-off builder) wrote, the marker left out."""
    assert options.out is not None
    assert build(options).files == {}, "a one-off build keeps no page in memory"
    return {k: v for k, v in tree(options.out).items() if k != ".hostage-explainer"}


@pytest.mark.parametrize("told", [False, True], ids=["looks-at-every-file", "told-what-changed"])
def test_incremental_equals_full_after_each_edit(
    real_copy: Path, tmp_path: Path, told: bool
) -> None:
    """After each edit, as after a save in the preview: with or without the watcher's list."""
    from generator.serve import input_signatures

    out = tmp_path / "incremental"
    builder = Builder(Options(real_copy, out))
    first = builder.build()
    assert first.rendered == first.pages
    seen = input_signatures(real_copy)
    for name, edit in EDITS:
        edit(real_copy)
        now = input_signatures(real_copy)
        keys = now.keys() | seen.keys()
        changed = [str(real_copy / k) for k in keys if now.get(k) != seen.get(k)]
        seen = now
        result = builder.build(changed=changed if told else None)
        full_out = tmp_path / f"full-{len(name)}-{name[:10].replace(' ', '-')}"
        # The search index is a stage of its own, after the Builder (generator/search.py).
        assert run("build", "-q", "--no-search", "--project", real_copy, "--out", full_out) == 0
        expected = tree(full_out)
        assert result.files == {k: v for k, v in expected.items() if k != ".hostage-explainer"}
        assert tree(out) == expected, f"after '{name}' the incremental output differs"
        assert result.written, f"'{name}' changed nothing on disk"


@pytest.mark.parametrize(
    "browse", [True, False], ids=["every-page-each-time", "one-page-each-time"]
)
def test_the_preview_serves_what_a_full_build_makes_after_each_edit(
    real_copy: Path, browse: bool
) -> None:
    """The lazy builder plans a page when it is asked for, or when a source page needs its notes.

    Browsing one page between edits leaves the others unplanned through several
    edits; at the end every page must still be what a full build makes.
    """
    builder = Builder(Options(real_copy), lazy=True)
    builder.build(thorough=False)
    for name, edit in EDITS:
        edit(real_copy)
        builder.build(thorough=False)
        expected = _files(Options(real_copy))
        if browse or (name, edit) == EDITS[-1]:
            served = {path: builder.file(path) for path in expected}
            assert served == expected, f"after '{name}' the preview serves other pages"
        else:
            assert builder.file("people/yelena/index.html") == expected["people/yelena/index.html"]


def test_the_preview_serves_no_file_that_a_full_build_does_not_make(real_copy: Path) -> None:
    folder = real_copy / "content/people"
    people = sorted(p.stem for p in folder.glob("*.yaml"))
    # Someone no event names: a profile, and no timeline of their own.
    (folder / "no-events.yaml").write_bytes((folder / f"{people[0]}.yaml").read_bytes())
    expected = _files(Options(real_copy))
    assert "people/no-events/index.html" in expected
    builder = Builder(Options(real_copy), lazy=True)
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
    builder = Builder(Options(real_copy))
    before = builder.build().files
    _rename(real_copy)
    assert builder.build(changed=[]).files == before, "an edit it was not told of is not seen"
    person = real_copy / "content/people/maxim-herkin.yaml"
    assert (
        b"(edited)"
        in builder.build(changed=[str(person.resolve())]).files["people/maxim-herkin/index.html"]
    )
    _sub(person, r"^name: .*$", "name: Maxim Herkin (edited again)")
    assert b"(edited again)" in builder.build().files["people/maxim-herkin/index.html"], (
        "a build not told looks at every file"
    )


def test_an_edit_renders_only_the_pages_that_use_it(real_copy: Path) -> None:
    builder = Builder(Options(real_copy))
    total = builder.build().pages
    assert builder.build().rendered == 0, "nothing changed, nothing to render"
    _sub(real_copy / "content/people/vitaly.yaml", r"^name: .*$", "name: Vitaly (edited)")
    rendered = builder.build().rendered
    # His profile, the people index, home and timeline, his relatives, the sources he cites.
    assert 1 < rendered < total
    _edit_template(real_copy)
    people = len(list((real_copy / "content/people").glob("*.yaml")))
    assert builder.build().rendered == people, "a profile template edit re-renders profiles only"


@pytest.mark.parametrize("told", [False, True], ids=["looks-at-every-file", "told-what-changed"])
def test_a_failed_build_keeps_the_builder_usable(real_copy: Path, told: bool) -> None:
    builder = Builder(Options(real_copy))
    builder.build()
    person = real_copy / "content/people/yelena.yaml"
    changed = [str(person.resolve())] if told else None
    good = person.read_text(encoding="utf-8")
    person.write_text(good + "nmae: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        builder.build(changed=changed)
    assert "content/people/yelena.yaml" in caught.value.report()
    person.write_text(good.replace("id: yelena", "id: yelena") + "\n", encoding="utf-8")
    assert builder.build(changed=changed).files == _files(Options(real_copy))
    seed = next((real_copy / "seeds").iterdir())
    seed.write_text(seed.read_text(encoding="utf-8") + "\nAn added line.\n", encoding="utf-8")
    changed = [str(seed.resolve())] if told else None
    assert builder.build(changed=changed).files == _files(Options(real_copy))


def test_drafts_are_left_out_unless_asked_for(real_copy: Path, tmp_path: Path) -> None:
    _draft_person(real_copy)
    published = _published(Options(real_copy, tmp_path / "published"))
    assert "people/vitaly/index.html" not in published
    assert b"people/vitaly/" not in b"".join(published.values())
    # nor its id, though an event names it (data-people, the timeline's filter data)
    assert re.search(rb"\bvitaly\b", b"".join(published.values())) is None
    with_drafts = _published(Options(real_copy, tmp_path / "drafts", drafts=True))
    assert b'class="draft-banner"' in with_drafts["people/vitaly/index.html"]
    assert b'class="draft-banner"' not in with_drafts["people/yelena/index.html"]
    assert b"people/vitaly/" in with_drafts["sitemap.xml"]


def test_a_draft_event_is_marked_on_the_timeline(real_copy: Path) -> None:
    events = real_copy / "content/events/2025.yaml"
    _sub(events, r"^- id: (.*)$", "- id: \\1\n  draft: true")
    timeline = _files(Options(real_copy, drafts=True))["timeline/index.html"].decode()
    assert '<strong class="badge">Draft</strong>' in timeline
    published = _files(Options(real_copy))["timeline/index.html"].decode()
    assert '<strong class="badge">Draft</strong>' not in published


def test_incremental_writes_only_what_changed(real_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    builder = Builder(Options(real_copy, out))
    builder.build()
    _edit_event(real_copy)
    written = builder.build().written
    assert "timeline/index.html" in written
    assert "assets/style.css" not in written
    shutil.rmtree(out)
    builder.build()  # the folder is gone: the next build writes it whole again
    assert (out / "timeline/index.html").is_file()


def test_parallel_rendering_gives_the_same_bytes(
    real_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import render

    serial = _files(Options(real_copy, jobs=1))
    serial_published = _published(Options(real_copy, tmp_path / "serial", jobs=1))
    assert serial_published == serial, "the one-off build writes what a kept build holds"
    monkeypatch.setattr(render, "PARALLEL_FROM", 2)  # the real site is small: force workers
    calls: list[int] = []
    fork = render.multiprocessing.get_context("fork").Process.start

    def counting_start(self: object) -> None:
        calls.append(1)
        fork(self)  # type: ignore[arg-type]

    monkeypatch.setattr(render.multiprocessing.context.ForkProcess, "start", counting_start)
    assert _files(Options(real_copy, jobs=2)) == serial
    assert calls, "a worker process rendered part of the site"
    calls.clear()
    # The one-off build: workers plan, render and write their own pages.
    assert _published(Options(real_copy, tmp_path / "parallel", jobs=2)) == serial
    assert len(calls) == 2, "a worker for the pages, then one for the source pages"


def _unlist_a_spelling(project: Path) -> Path:
    """Drop a listed spelling that a source prints: a warning only the slow checks find."""
    person = project / "content/people/alexander-trufanov.yaml"
    text = person.read_text("utf-8")
    start, end = text.index('  - text: "Alexander (Sasha) Trupanov"'), text.index("captivity:")
    person.write_text(text[:start] + text[end:], "utf-8")
    return person


def test_slow_checks_beside_the_rendering_find_the_same(
    real_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import build as build_module

    _unlist_a_spelling(real_copy)
    serial = build(Options(real_copy, tmp_path / "serial", jobs=1))
    monkeypatch.setattr(build_module, "BACKGROUND_REVIEW_FROM", 1)
    started: list[int] = []
    real_init = build_module.Background.__init__

    def counting_init(self: build_module.Background[object], work: Callable[[], object]) -> None:
        started.append(1)
        real_init(self, work)

    monkeypatch.setattr(build_module.Background, "__init__", counting_init)
    beside = build(Options(real_copy, tmp_path / "beside", jobs=2))
    assert started, "the slow checks ran in a child"
    assert any("Trupanov" in w.message for w in serial.warnings)
    assert beside.warnings == serial.warnings
    assert tree(tmp_path / "beside") == tree(tmp_path / "serial")
    # --strict fails on that warning, and the site in place stays as it was.
    before = tree(tmp_path / "beside")
    with pytest.raises(ContentError) as caught:
        build(Options(real_copy, tmp_path / "beside", jobs=2, strict=True))
    assert "Trupanov" in caught.value.report()
    assert tree(tmp_path / "beside") == before
    assert not list(tmp_path.glob(".beside.new-*")), "the staging folder is gone"


def _loaded(root: Path) -> Project:
    project = load_project(ProjectPaths.at(root), [], None)
    assert project is not None
    return project


def test_what_verify_finds_of_the_sources_alone_is_what_it_finds(real_copy: Path) -> None:
    # The review beside verify reads these; the coverage ledger needs where each quote stands.
    project = _loaded(real_copy)
    full, alone = verify(project, []), sources_evidence(project)
    assert alone.hidden == full.hidden and any(full.hidden.values())
    assert alone.cited == full.cited and alone.newest == full.newest
    assert alone.spans == full.spans and alone.spans
    assert alone.unused == full.unused


def test_a_quote_error_stops_the_review_beside_and_reports_everything(
    real_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import build as build_module

    person = _unlist_a_spelling(real_copy)
    text = person.read_text("utf-8")
    person.write_text(text.replace("quote: ", "quote: Not so. ", 1), "utf-8")
    with pytest.raises(ContentError) as serial:
        build(Options(real_copy, tmp_path / "serial", jobs=1))
    monkeypatch.setattr(build_module, "BACKGROUND_REVIEW_FROM", 1)
    with pytest.raises(ContentError) as beside:
        build(Options(real_copy, tmp_path / "beside", jobs=2))
    assert beside.value.diagnostics == serial.value.diagnostics
    found = [d.message for d in beside.value.diagnostics]
    assert any("quote not found" in m for m in found), "the quote error"
    assert any("Trupanov" in m for m in found), "and the slow checks' warning"
    assert not (tmp_path / "beside").exists()


def test_a_failure_after_the_review_started_stops_it(
    real_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import build as build_module

    monkeypatch.setattr(build_module, "BACKGROUND_REVIEW_FROM", 1)
    cancelled: list[int] = []
    real_cancel = build_module.Background.cancel

    def counting_cancel(self: build_module.Background[object]) -> None:
        cancelled.append(1)
        real_cancel(self)

    def broken_verify(*args: object) -> None:
        raise RuntimeError("a bug in verify")

    monkeypatch.setattr(build_module.Background, "cancel", counting_cancel)
    monkeypatch.setattr(build_module, "verify", broken_verify)
    with pytest.raises(RuntimeError, match="a bug in verify"):
        build(Options(real_copy, tmp_path / "site", jobs=2))
    assert cancelled, "the review child is stopped"
    assert not (tmp_path / "site").exists()


def test_a_theme_override_may_still_list_page_sources(real_copy: Path, tmp_path: Path) -> None:
    # The default theme lists page.cited (with each source's date); page.sources stays for
    # overrides copied from an earlier theme.
    (real_copy / "templates").mkdir(exist_ok=True)
    override = "{% for s in page.sources %}<p class=cited>{{ s.outlet }}</p>{% endfor %}\n"
    (real_copy / "templates" / "_notes.html").write_text(override, "utf-8")
    build(Options(real_copy, tmp_path / "site"))
    html = (tmp_path / "site" / "people" / "maxim-herkin" / "index.html").read_text("utf-8")
    listed = re.findall(r"<p class=cited>([^<]+)</p>", html)
    outlets = {s.outlet for s in _loaded(real_copy).sources.values()}
    assert listed and set(listed) <= outlets
    assert "Sources for this page" not in html


def test_the_pages_that_list_the_whole_site_are_sized_largest(real_copy: Path) -> None:
    from generator.build import _listed
    from generator.pages import Planner, Urls

    project = _loaded(real_copy)
    specs = {s.route: s for s in Planner(project, verify(project, []), Urls.from_base("/")).specs()}
    whole, profile = _listed(specs["timeline/"]), _listed(specs["people/maxim-herkin/"])
    assert whole > profile > 0
    assert len(project.events) <= whole


def test_a_large_site_names_only_its_own_person_on_a_filtered_timeline(
    real_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import pages

    monkeypatch.setattr(pages, "MENU_PEOPLE_MAX", 2)
    builder = Builder(Options(real_copy))
    files = builder.build().files
    own = files["timeline/maxim-herkin/index.html"].decode()
    assert own.count("data-person=") == 1, "his own chip only"
    assert "Everyone else" in own
    whole = files["timeline/index.html"].decode()
    assert 'href="/timeline/alexander-trufanov/"' in whole and "Everyone else" not in whole
    _rename(real_copy)
    assert builder.build().files == _files(Options(real_copy))


def test_reading_in_two_processes_finds_the_same(
    real_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import build as build_module

    serial = build(Options(real_copy, tmp_path / "serial", jobs=1))
    monkeypatch.setattr(build_module, "READ_IN_TWO_FROM", 1)
    shares: list[int] = []
    real_share = build_module._read_share

    def counting_share(*args: Any) -> Any:
        shares.append(args[1])
        return real_share(*args)

    monkeypatch.setattr(build_module, "_read_share", counting_share)
    split = build(Options(real_copy, tmp_path / "split", jobs=2))
    assert 0 in shares, "this process read its share (the child's count stays in the child)"
    assert split.warnings == serial.warnings
    assert tree(tmp_path / "split") == tree(tmp_path / "serial")
    # Problems in files of both shares are reported as a serial build reports them.
    for name in ("yelena", "vitaly", "alexander-trufanov"):
        person = real_copy / "content/people" / f"{name}.yaml"
        person.write_text(person.read_text(encoding="utf-8") + "nmae: x\n", encoding="utf-8")
    reports = []
    for jobs in (1, 2):
        with pytest.raises(ContentError) as caught:
            build(Options(real_copy, tmp_path / "split", jobs=jobs))
        reports.append(caught.value.report())
    assert reports[0] == reports[1]
    assert reports[0].count("unknown field 'nmae'") == 3


def test_a_rebuild_checks_again_the_quotes_of_an_edited_seed(real_copy: Path) -> None:
    """Unchanged people whose source changed are verified again, with the same report."""
    builder = Builder(Options(real_copy))
    builder.build()
    quote = "The three women were released in the first hostage deal"
    seeds = [p for p in (real_copy / "seeds").iterdir() if quote in p.read_text("utf-8")]
    assert seeds, "the quote stands in a seed"
    for seed in seeds:
        seed.write_text(seed.read_text("utf-8").replace(quote, "Three women were freed"), "utf-8")
    with pytest.raises(ContentError) as kept:
        builder.build()
    with pytest.raises(ContentError) as fresh:
        Builder(Options(real_copy)).build()
    assert "quote not found" in kept.value.report()
    assert kept.value.report() == fresh.value.report()
    for seed in seeds:
        seed.write_text(seed.read_text("utf-8").replace("Three women were freed", quote), "utf-8")
    assert builder.build().files == _files(Options(real_copy))


def test_a_rebuild_checks_again_the_events_and_hidden_passages_of_an_edited_seed(
    real_copy: Path,
) -> None:
    """Events and hidden passages are kept from the last verify only while their seed is."""
    builder = Builder(Options(real_copy))
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
        Builder(Options(real_copy)).build()
    assert "content/events/2025.yaml" in kept.value.report()
    assert "passage to hide not found" in kept.value.report()
    assert kept.value.report() == fresh.value.report()


def test_a_build_told_of_a_file_removed_and_made_again_lists_it(real_copy: Path) -> None:
    builder = Builder(Options(real_copy))
    builder.build()
    added = real_copy / "content/people/added-person.yaml"
    changed = [str(added.resolve())]
    for _ in range(2):
        _add_person(real_copy)
        assert builder.build(changed=changed).files == _files(Options(real_copy))
        _delete_person(real_copy)
        assert "people/added-person/index.html" not in builder.build(changed=changed).files


def test_a_verify_told_what_changed_finds_what_a_fresh_one_finds(real_copy: Path) -> None:
    """A passage no longer cited leaves the evidence; one newly cited enters it."""
    paths, cache, folded, checked = ProjectPaths.at(real_copy), FileCache(), {}, Checked()

    def again(changed: list[str] | None) -> tuple[object, object]:
        cache.changed = None if changed is None else frozenset(changed)
        project = load_project(paths, [], cache)
        assert project is not None
        found = verify(project, [], folded, checked)
        fresh_project = load_project(paths, [])
        assert fresh_project is not None
        fresh = verify(fresh_project, [])
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
