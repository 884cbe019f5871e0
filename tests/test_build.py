"""The one-off build: drafts, parallel rendering, the checks beside it, the theme."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import sub, tree

from generator.build import Options, build
from generator.checking import check_citations, sources_evidence
from generator.errors import ContentError
from generator.model import Project
from generator.reading import ProjectPaths, load_project


def _draft_person(p: Path) -> None:
    path = p / "content/people/vitaly.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "draft: true\n", encoding="utf-8")


def _files(options: Options) -> dict[str, bytes]:
    """What a one-off build writes, its marker file left out."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build(replace(options, out=out))
        return {k: v for k, v in tree(out).items() if k != ".hostage-explainer"}


def _published(options: Options) -> dict[str, bytes]:
    """What ``build`` (the command line's one-off builder) wrote, the marker left out."""
    assert options.out is not None
    build(options)
    return {k: v for k, v in tree(options.out).items() if k != ".hostage-explainer"}


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
    sub(events, r"^- id: (.*)$", "- id: \\1\n  draft: true")
    timeline = _files(Options(real_copy, drafts=True))["timeline/index.html"].decode()
    assert '<strong class="badge">Draft</strong>' in timeline
    published = _files(Options(real_copy))["timeline/index.html"].decode()
    assert '<strong class="badge">Draft</strong>' not in published


def test_parallel_rendering_gives_the_same_bytes(
    real_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.rendering import parallel

    serial = _published(Options(real_copy, tmp_path / "serial", jobs=1))
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)  # the real site is small: force workers
    calls: list[int] = []
    fork = parallel.multiprocessing.get_context("fork").Process.start

    def counting_start(self: object) -> None:
        calls.append(1)
        fork(self)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel.multiprocessing.context.ForkProcess, "start", counting_start)
    # Workers plan, render and write their own pages.
    assert _published(Options(real_copy, tmp_path / "parallel", jobs=2)) == serial
    site = yaml.safe_load((real_copy / "content" / "site.yaml").read_text(encoding="utf-8"))
    editions = len(site.get("languages", [site.get("language")]))
    assert len(calls) == 2 * editions, "each edition: a worker for pages, one for source pages"


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
    # The review beside the check reads these; the coverage ledger needs where each quote stands.
    project = _loaded(real_copy)
    full, alone = check_citations(project, []), sources_evidence(project)
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

    def broken_check(*args: object) -> None:
        raise RuntimeError("a bug in verify")

    monkeypatch.setattr(build_module.Background, "cancel", counting_cancel)
    monkeypatch.setattr(build_module, "check_citations", broken_check)
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
    from generator.planning import Planner
    from generator.urls import Urls

    project = _loaded(real_copy)
    planner = Planner(Urls.from_base("/"))
    planner.update(project, check_citations(project, []))
    whole, profile = planner.size("timeline/"), planner.size("people/maxim-herkin/")
    assert whole > profile > 0
    assert planner.size("data/people.json") >= whole
    assert len(project.events) <= whole


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
