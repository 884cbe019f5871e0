"""The build, top to bottom: what ``explainer build`` and ``check`` run.

read and load (YAML + seeds) -> check (check_citations) -> review (editorial) -> plan ->
render -> write (atomically); ``explainer build`` then indexes the site for
search (generator.cli). Each stage collects diagnostics; the first stage that
finds errors stops the build with one :class:`ContentError` carrying all of
them. The preview builds with the same stages, kept between saves
(:mod:`generator.preview.builder`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator import editorial
from generator.background import Background
from generator.checking import Evidence, check_citations, sources_evidence
from generator.checking.quotes import SourceText
from generator.editions import Edition, edition_project, editions_of, untranslated
from generator.errors import ContentError, Diagnostic
from generator.i18n import missing_messages
from generator.i18n.catalogues import LOCALES
from generator.incremental.files import FileCache
from generator.model import Project
from generator.planning import Planner
from generator.reading import ProjectPaths, load_project, prefetch, yaml_files
from generator.reading.settings import read_settings
from generator.rendering import parallel, structured
from generator.rendering.theme import Theme, load_theme, template_errors, theme_dirs
from generator.rendering.write import Staging, guard_output
from generator.urls import Urls, output_of
from generator.views import Page, Quoting


@dataclass(frozen=True, slots=True)
class Options:
    """What to build, and where."""

    project: Path
    out: Path | None = None
    """None: check only, write nothing."""
    base_url: str = "/"
    drafts: bool = False
    """Include the people and events marked ``draft: true``."""
    jobs: int = 1
    """Processes that render pages; more than one only pays off for large sites."""
    strict: bool = False
    """Fail on warnings too."""
    as_of: dt.date | None = None
    """The day announcements are judged against; None: the newest source's date."""


@dataclass(slots=True)
class BuildResult:
    """What a build did."""

    pages: int
    project: Project
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    drafts: int = 0
    """People and events marked as drafts and left out (none with ``--drafts``)."""


Check = Callable[[Project, list[Diagnostic]], Evidence]
"""What checks a loaded project: :func:`generator.checking.check_citations`, or the
preview's, which keeps what it found for the next save
(:class:`generator.preview.checking.Checker`)."""


def load_and_check(
    paths: ProjectPaths,
    cache: FileCache | None = None,
    as_of: dt.date | None = None,
    thorough: bool = True,
    warnings: bool = True,
    checker: Check = check_citations,
) -> tuple[Project, Evidence, list[Diagnostic]]:
    """Load, check and review a project; raise ContentError on errors, return the warnings.

    ``thorough=False`` skips the editorial checks that read every source and
    only ever warn (:data:`editorial.SLOW_CHECKS`); ``warnings=False`` skips every
    check that only warns: the preview's fast path, which reviews beside.
    """
    diagnostics: list[Diagnostic] = []
    project = load_project(paths, diagnostics, cache)
    if project is None:
        raise ContentError(diagnostics)
    if warnings:
        diagnostics.extend(edition_warnings(project, theme_dirs(paths.root)))
    evidence = checker(project, diagnostics)
    evidence = editorial.review(project, evidence, diagnostics, as_of, thorough, warnings)
    return project, evidence, _warnings(diagnostics)


def edition_warnings(project: Project, dirs: list[Path]) -> list[Diagnostic]:
    """What an edition other than the default shows in the default language: texts of the
    case files not translated, and messages of the theme its catalogue lacks."""
    found = untranslated(project)
    for lang in project.site.languages[1:]:
        found.extend(missing_messages(dirs, lang, f"templates/{LOCALES}/{lang}.po"))
    return found


def _drafts(project: Project) -> int:
    """How many people and events are marked as drafts."""
    return sum(p.draft for p in project.people.values()) + sum(e.draft for e in project.events)


def _warnings(diagnostics: list[Diagnostic], strict: bool = False) -> list[Diagnostic]:
    """Return the warnings; raise ContentError with every diagnostic if one is an error,
    or, ``strict``, if there is any warning."""
    if any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    warnings = [d for d in diagnostics if d.severity == "warning"]
    if strict and warnings:
        raise ContentError(warnings)
    return warnings


def _review_alone(
    project: Project, folded: dict[str, SourceText], as_of: dt.date | None
) -> list[Diagnostic]:
    """Run every editorial check on what the check finds of the sources; return the warnings.

    For a background run beside the check: the review needs no quote checked, only
    found where it stands (see :func:`generator.checking.sources_evidence`).
    """
    found: list[Diagnostic] = []
    editorial.review(project, sources_evidence(project, folded), found, as_of, thorough=True)
    return found


def _read_share(
    paths: ProjectPaths,
    share: int,
    files: FileCache | None = None,
    folded: dict[str, SourceText] | None = None,
) -> tuple[FileCache, dict[str, SourceText]]:
    """Read share ``share`` of two of the case files (:func:`reading.prefetch`); fold the seeds."""
    files = prefetch(paths, share, 2, FileCache() if files is None else files)
    folded = {} if folded is None else folded
    for source in files.sources():
        if source.text not in folded:
            folded[source.text] = SourceText(source.text)
    return files, folded


READ_IN_TWO_FROM = 100
"""People files from which a one-off build reads in two processes."""

BACKGROUND_REVIEW_FROM = 200
"""Sources and people from which a one-off build runs the slow checks beside the rendering."""


def build(options: Options, thorough: bool = True) -> BuildResult:
    """Run the whole pipeline once; write the site unless ``options.out`` is None.

    Nothing is kept in memory: each page is planned, rendered and written in the
    process that renders it (:func:`parallel.render_each`), and on a large site the
    slow editorial checks run in a child of their own meanwhile. Their warnings,
    and any error, are in before the site is swapped in.
    """
    with _no_cycle_collection():
        return _build(options, thorough)


def _build(options: Options, thorough: bool) -> BuildResult:
    started = time.perf_counter()
    paths = ProjectPaths.at(options.project)
    urls = Urls.from_base(options.base_url)
    target = None
    if options.out is not None:
        target = guard_output(options.out, paths.root, paths.inputs())
    theme = load_theme(paths.root, urls)
    files, folded = FileCache(), dict[str, SourceText]()
    if options.jobs > 1:
        _read_in_two(paths, theme, files, folded)
    # Read and load.
    found: list[Diagnostic] = []
    project = load_project(paths, found, files)
    if project is None:
        raise ContentError(found)
    found.extend(edition_warnings(project, theme.dirs))
    slow = None
    if (
        thorough
        and options.jobs > 1
        and len(project.people) + len(project.sources) >= BACKGROUND_REVIEW_FROM
    ):
        # Only warnings can come of the slow checks: they run beside the check and the
        # rendering, on what the check finds of the sources alone (no quote is needed).
        slow = Background(partial(_review_alone, project, dict(folded), options.as_of))
    staging: Staging | None = None
    try:
        # Check, then review.
        evidence = check_citations(project, found, folded)
        # No next build will look for a quote: let the folded texts go before the
        # rendering processes are forked (some 11 MB at 1,333 people).
        folded.clear()
        evidence, slow, warnings = _reviewed(project, evidence, found, slow, thorough, options)
        # Plan, render and write.
        shown = project if options.drafts else project.without_drafts()
        staging = Staging(target) if target is not None else None
        editions = editions_of(project.site.languages, urls)
        with template_errors(paths.root):
            pages = sum(
                _publish(shown, evidence, theme, edition, editions, options.jobs, staging)
                for edition in editions
            )
        if slow is not None:
            warnings = _warnings(found + slow.result(), options.strict)
        if staging is not None:
            staging.commit()
    except BaseException:
        if slow is not None:
            slow.cancel()
        if staging is not None:
            staging.discard()
        raise
    seconds = time.perf_counter() - started
    drafts = 0 if options.drafts else _drafts(project)
    return BuildResult(pages, shown, seconds, warnings, drafts)


def _reviewed(
    project: Project,
    evidence: Evidence,
    found: list[Diagnostic],
    slow: Background[list[Diagnostic]] | None,
    thorough: bool,
    options: Options,
) -> tuple[Evidence, Background[list[Diagnostic]] | None, list[Diagnostic]]:
    """Run the editorial checks the child beside (``slow``) does not; return the
    evidence with the overdue notes, the child still to wait for, and the warnings so far.

    If the check found an error the child is stopped and every check runs here,
    so that everything is reported together (raising ContentError).
    """
    if slow is not None:
        fast: list[Diagnostic] = []
        # What can be an error, and the overdue notes the pages show.
        reviewed = editorial.review(project, evidence, fast, options.as_of, warnings=False)
        if not any(d.severity == "error" for d in found + fast):
            return reviewed, slow, []
        slow.cancel()
    evidence = editorial.review(project, evidence, found, options.as_of, thorough)
    return evidence, None, _warnings(found, options.strict)


def _read_in_two(
    paths: ProjectPaths, theme: Theme, files: FileCache, folded: dict[str, SourceText]
) -> None:
    """Read and fold half of the case files and seeds in a forked child, half here.

    Loading is the one stage of a cold build that no other stage can overlap;
    split, what the child read comes back pickled into the file cache, and
    :func:`load_project` then finds every file there.
    """
    if len(yaml_files(paths.content / "people")) < READ_IN_TWO_FROM:
        return
    child = Background(partial(_read_share, paths, 1))
    _read_share(paths, 0, files, folded)
    # While the child sends what it read: compile the templates in the default
    # edition's words, once for the processes that will render (forked later, they
    # inherit them).
    lang = read_settings(paths)[0].language
    if lang is not None:
        theme.speak(lang)
        theme.renderer.compile_all()
    theirs, their_folded = child.result()
    files.update(theirs)
    folded.update(their_folded)
    # Read a moment ago: load_project need not look at each file again.
    files.changed = frozenset()


def _publish(
    project: Project,
    evidence: Evidence,
    theme: Theme,
    edition: Edition,
    editions: tuple[Edition, ...],
    jobs: int,
    staging: Staging | None,
) -> int:
    """Plan, render and write every page of an edition, spread over the jobs; return the
    page count.

    Pages are made where they are rendered and dropped once written: only what
    the source pages need of each (:class:`Quoting`) comes back, then the source
    pages and the files made of the whole site follow.
    """
    urls = edition.urls
    project = edition_project(project, edition)
    planner = Planner(urls, whole_site=edition.default)
    planner.update(project, evidence)
    theme.speak(edition.lang)
    theme.renderer.set_globals(
        site=project.site,
        as_of=evidence.newest,
        jsonld=structured.StructuredData(urls, project.site),
        urls=urls,
        edition=edition,
        editions=editions,
    )

    def plan(route: str) -> Page:
        page: Page = planner.db.compute("page", route)  # not kept: written, then dropped
        return page

    def write(page: Page, body: bytes) -> None:
        if staging is not None:
            staging.write(edition.folder + output_of(page.route), body)

    def quoting(page: Page, body: bytes) -> Quoting:
        write(page, body)
        return Quoting.of(page, urls)

    pages = planner.routes()
    planner.prepare()
    quoted = parallel.render_each(theme.renderer, pages, jobs, plan, quoting, planner.size)
    for route, found in zip(pages, quoted, strict=True):
        planner.db.know("quoting", route, found)
    rest = planner.source_routes() + planner.file_routes()
    parallel.render_each(theme.renderer, rest, jobs, plan, write, planner.size)
    if staging is not None and edition.default:
        for name, data in sorted(theme.assets.items()):
            staging.write(name, data)
    return len(pages) + len(planner.source_routes())


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector for the length of a build.

    A build makes millions of objects that live until it ends; the collector
    would walk them again and again (a sixth of a cold build of 5,000 pages, and
    half of a preview rebuild). Memory is freed by reference counting as usual,
    and the collector runs again when the build is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
