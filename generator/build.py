"""The build pipeline, shared by ``build``, ``check`` and ``serve``.

load (YAML + seeds) -> check -> plan pages -> render -> write (atomically).
Each stage collects diagnostics; the first stage that finds errors stops the
build with one :class:`ContentError` carrying all of them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import time
import traceback
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2
import jinja2.runtime

from generator import editorial, export, render, structured
from generator import urls as routes
from generator.background import Background
from generator.check import Checked, Evidence, sources_evidence, verify
from generator.corrections import logged
from generator.errors import ContentError, Diagnostic
from generator.load import FileCache, ProjectPaths, load_project, prefetch, yaml_files
from generator.model import Project
from generator.pages import Planner, Reuse, Spec
from generator.quotes import SourceText
from generator.urls import Urls, output_of, route_of
from generator.views import (
    DataView,
    FeedCorrection,
    FeedEntry,
    FeedView,
    Page,
    Quoting,
    SitemapView,
    Title,
)
from generator.write import Staging, guard_output, update_site, write_site

log = logging.getLogger(__name__)


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
    files: dict[str, bytes]
    project: Project
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    rendered: int | None = 0
    """Pages planned and rendered anew; the rest were kept from the previous build.

    None for a lazy builder, which finds out when a page is asked for."""
    written: list[str] = field(default_factory=list)
    """Files written to the output."""
    drafts: int = 0
    """People and events marked as drafts and left out (none with ``--drafts``)."""


def load_and_check(
    paths: ProjectPaths,
    cache: FileCache | None = None,
    folded: dict[str, SourceText] | None = None,
    as_of: dt.date | None = None,
    thorough: bool = True,
    checked: Checked | None = None,
    warnings: bool = True,
) -> tuple[Project, Evidence, list[Diagnostic]]:
    """Load and verify a project; raise ContentError on errors, return the warnings.

    ``thorough=False`` skips the editorial checks that read every source and
    only ever warn (:data:`editorial.SLOW_CHECKS`); ``warnings=False`` skips every
    check that only warns: the preview's fast path, which reviews beside.
    """
    diagnostics: list[Diagnostic] = []
    project, evidence = _load_and_verify(paths, diagnostics, cache, folded, checked)
    if project is None:
        raise ContentError(diagnostics)
    evidence = editorial.review(project, evidence, diagnostics, as_of, thorough, warnings)
    return project, evidence, _warnings(diagnostics)


def _load_and_verify(
    paths: ProjectPaths,
    diagnostics: list[Diagnostic],
    cache: FileCache | None,
    folded: dict[str, SourceText] | None,
    checked: Checked | None = None,
) -> tuple[Project | None, Evidence]:
    project = load_project(paths, diagnostics, cache)
    evidence = Evidence({}, {})
    if project is not None:
        evidence = verify(project, diagnostics, folded, checked)
    return project, evidence


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
    """Run every editorial check on what verify finds of the sources; return the warnings.

    For a background run beside verify: the review needs no quote checked, only
    found where it stands (see :func:`check.sources_evidence`).
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
    """Read share ``share`` of two of the case files (:func:`load.prefetch`); fold their seeds."""
    files = prefetch(paths, share, 2, files)
    folded = {} if folded is None else folded
    for source in files.sources():
        if source.text not in folded:
            folded[source.text] = SourceText(source.text)
    return files, folded


READ_IN_TWO_FROM = 100
"""People files from which a one-off build reads in two processes."""

BACKGROUND_REVIEW_FROM = 200
"""Sources and people from which a one-off build runs the slow checks beside the rendering."""


@dataclass(slots=True)
class _Rendered:
    template: str
    """The digest of the page's templates (Renderer.fingerprint)."""
    deps: tuple[object, ...]
    page: Page | None
    """None until planned: a lazy builder plans some pages only when they are asked for."""
    body: bytes | None
    """None until rendered: a lazy builder renders a page when it is asked for."""
    make: Callable[[], Page]
    quoting: Quoting | None = None
    """What the source pages need of the page, once planned."""
    quoting_deps: tuple[object, ...] | None = None
    """The :attr:`Spec.quoting` that ``quoting`` was planned from."""
    quoting_spec: tuple[object, ...] | None = None
    """The :attr:`Spec.quoting` of the page as it is now."""

    def planned(self) -> Page:
        if self.page is None:
            self.page = self.make()
        return self.page


@dataclass(slots=True)
class _Unplanned:
    """What a lazy build leaves to plan when a page is asked for (see Builder.file)."""

    planner: Planner
    theme: _Theme
    sources: frozenset[str]
    """The routes of the source pages."""
    extra: dict[str, Callable[[], Spec]]
    """How to work out the spec of the sitemap, the feed and each data file."""
    settled: bool = False
    """Every page planned (once a source page was asked for): the builder's pages are current."""


@dataclass(slots=True)
class _Theme:
    signature: tuple[tuple[str, int, int], ...]
    renderer: render.Renderer
    assets: dict[str, bytes]


class Builder:
    """Runs the pipeline, and keeps what it loaded and rendered for its next run.

    A new Builder makes a full build; ``explainer build`` uses one once. The
    preview keeps one and calls :meth:`build` on every save: files that did not
    change are not read again, a page is planned again only when a value it is
    planned from (:attr:`Spec.deps`) changed, and rendered again when that or
    one of its templates changed. Its output is byte for byte that of a full
    build (tested).

    A ``lazy`` builder (the preview's) plans and renders a page only when
    :meth:`file` asks for it, so a save costs the page the browser reloads, not
    every page that it changed. The source pages list every note that quotes
    them: the first of them asked for plans the pages whose notes changed since.
    """

    def __init__(self, options: Options, lazy: bool = False, once: bool = False) -> None:
        if lazy and (options.out is not None or once):
            raise ValueError("a lazy builder does not write")  # a bug of ours
        self.options = options
        self.lazy = lazy
        self.once = once
        self.paths = ProjectPaths.at(options.project)
        self.urls = Urls.from_base(options.base_url)
        self._files = FileCache()
        self._folded: dict[str, SourceText] = {}
        self._checked = Checked()
        self._reuse = Reuse()
        self._theme: _Theme | None = None
        self._pages: dict[str, _Rendered] = {}
        self._unplanned: _Unplanned | None = None
        self._written: dict[str, bytes] | None = None

    def build(
        self,
        thorough: bool = True,
        changed: Collection[str] | None = None,
        warnings: bool = True,
    ) -> BuildResult:
        """Build; write the site unless ``options.out`` is None. Raise ContentError on errors.

        ``thorough=False`` leaves out the slow editorial warnings, ``warnings=False``
        every warning but under ``--strict`` (see :func:`load_and_check`); the pages
        are the same either way. ``changed`` names the input files (absolute paths)
        that changed since the last build, if a watcher knows: the others are then
        not looked at again.
        """
        self._files.changed = None if changed is None else frozenset(changed)
        try:
            with _no_cycle_collection():
                return self._build(thorough, warnings or self.options.strict)
        finally:
            self._files.changed = None

    def _build(self, thorough: bool, warnings: bool = True) -> BuildResult:
        started = time.perf_counter()
        target = None
        if self.options.out is not None:
            target = guard_output(self.options.out, self.paths.root, self.paths.inputs())
        if self.once:
            return self._build_once(target, thorough, started)
        project, evidence, found = load_and_check(
            self.paths,
            self._files,
            self._folded,
            self.options.as_of,
            thorough,
            self._checked,
            warnings,
        )
        if self.options.strict and found:
            raise ContentError(found)
        drafts = 0
        if not self.options.drafts:
            drafts = _drafts(project)
            project = project.without_drafts()
        with self._template_errors():
            pages, rendered, files = self._render(project, evidence)
        written: list[str] = []
        if target is not None:
            if self._written is None or not target.is_dir():
                write_site(files, target)
                written = sorted(files)
            else:
                written = update_site(self._written, files, target)
            self._written = files
        seconds = time.perf_counter() - started
        return BuildResult(pages, files, project, seconds, found, rendered, written, drafts)

    def _build_once(self, target: Path | None, thorough: bool, started: float) -> BuildResult:
        """Build a one-off builder's site: kept in no memory, written page by page.

        The pages are planned, rendered and written in the process that renders
        them (:func:`render.render_each`), and on a large site the slow editorial
        checks run in a child of their own meanwhile. Their warnings, and any
        error, are in before the site is swapped in.
        """
        if self.options.jobs > 1:
            self._read_in_two()
        found: list[Diagnostic] = []
        project = load_project(self.paths, found, self._files)
        if project is None:
            raise ContentError(found)
        as_of = self.options.as_of
        slow = None
        if (
            thorough
            and self.options.jobs > 1
            and len(project.people) + len(project.sources) >= BACKGROUND_REVIEW_FROM
        ):
            # Only warnings can come of the slow checks: they run beside verify and the
            # rendering, on what verify finds of the sources alone (no quote is needed).
            slow = Background(partial(_review_alone, project, dict(self._folded), as_of))
        staging: Staging | None = None
        try:
            evidence = verify(project, found, self._folded)
            # No next build will look for a quote: let the folded texts go before the
            # rendering processes are forked (some 11 MB at 1,333 people).
            self._folded.clear()
            evidence, slow, warnings = self._reviewed(project, evidence, found, slow, thorough)
            shown = project if self.options.drafts else project.without_drafts()
            staging = Staging(target) if target is not None else None
            with self._template_errors():
                pages = self._publish(shown, evidence, staging)
            if slow is not None:
                warnings = _warnings(found + slow.result(), self.options.strict)
            if staging is not None:
                staging.commit()
        except BaseException:
            if slow is not None:
                slow.cancel()
            if staging is not None:
                staging.discard()
            raise
        seconds = time.perf_counter() - started
        drafts = 0 if self.options.drafts else _drafts(project)
        return BuildResult(pages, {}, shown, seconds, warnings, pages, [], drafts)

    def _reviewed(
        self,
        project: Project,
        evidence: Evidence,
        found: list[Diagnostic],
        slow: Background[list[Diagnostic]] | None,
        thorough: bool,
    ) -> tuple[Evidence, Background[list[Diagnostic]] | None, list[Diagnostic]]:
        """Run the editorial checks the child beside (``slow``) does not; return the
        evidence with the overdue notes, the child still to wait for, and the warnings so far.

        If verify found an error the child is stopped and every check runs here,
        so that everything is reported together (raising ContentError).
        """
        as_of = self.options.as_of
        if slow is not None:
            fast: list[Diagnostic] = []
            # What can be an error, and the overdue notes the pages show.
            reviewed = editorial.review(project, evidence, fast, as_of, warnings=False)
            if not any(d.severity == "error" for d in found + fast):
                return reviewed, slow, []
            slow.cancel()
        evidence = editorial.review(project, evidence, found, as_of, thorough)
        return evidence, None, _warnings(found, self.options.strict)

    def _read_in_two(self) -> None:
        """Read and fold half of the case files and seeds in a forked child, half here.

        Loading is the one stage of a cold build that no other stage can overlap;
        split, what the child read comes back pickled into the file cache, and
        :func:`load_project` then finds every file there.
        """
        if len(yaml_files(self.paths.content / "people")) < READ_IN_TWO_FROM:
            return
        child = Background(partial(_read_share, self.paths, 1))
        _read_share(self.paths, 0, self._files, self._folded)
        # While the child sends what it read: compile the templates, once for the
        # processes that will render (forked later, they inherit them).
        self._loaded_theme().renderer.compile_all()
        files, folded = child.result()
        self._files.update(files)
        self._folded.update(folded)
        # Read a moment ago: load_project need not look at each file again.
        self._files.changed = frozenset()

    def _publish(self, project: Project, evidence: Evidence, staging: Staging | None) -> int:
        """Plan, render and write every page, spread over the jobs; return the page count.

        Pages are made where they are rendered and dropped once written: only
        what the source pages need of each (:class:`Quoting`) comes back, then
        the source pages and the files made of the whole site follow.
        """
        planner = Planner(project, evidence, self.urls)
        theme = self._current_theme(project, planner)
        jobs = self.options.jobs

        def write(page: Page, body: bytes) -> None:
            if staging is not None:
                staging.write(output_of(page.route), body)

        def quoting(page: Page, body: bytes) -> Quoting:
            write(page, body)
            return Quoting.of(page, self.urls)

        specs = planner.specs()
        quoted = render.render_each(theme.renderer, specs, jobs, _make, quoting, _listed)
        sources = planner.source_specs(quoted)
        site_files = [make() for make in _site_files(planner, self.urls).values()]
        render.render_each(theme.renderer, [*sources, *site_files], jobs, _make, write, _listed)
        if staging is not None:
            for name, data in sorted(theme.assets.items()):
                staging.write(name, data)
        return len(specs) + len(sources)

    def _render(
        self, project: Project, evidence: Evidence
    ) -> tuple[int, int | None, dict[str, bytes]]:
        """Render what changed, keep the rest; return the page count, how many rendered, files.

        A lazy builder plans and renders nothing here: :meth:`file` works out
        the spec of the page asked for and plans it if it changed (None rendered:
        not known). The source pages list every note that quotes them, so they
        are planned after every other page.
        """
        self._reuse.next_build()
        planner = Planner(project, evidence, self.urls, self._reuse)
        theme = self._current_theme(project, planner)
        extra = _site_files(planner, self.urls)
        page_count = len(planner.routes()) + len(planner.source_routes())
        if self.lazy:
            sources = self._reuse.get(
                "source_route_set",
                (planner.source_routes(),),
                lambda: frozenset(planner.source_routes()),
            )
            self._unplanned = _Unplanned(planner, theme, sources, extra)
            return page_count, None, dict(theme.assets)
        self._unplanned = None
        kept: dict[str, _Rendered] = {}
        fresh: list[_Rendered] = []
        specs = planner.specs()
        self._keep_or_plan(specs, theme, kept, fresh)
        quoting = [self._quoting(kept[spec.route]) for spec in specs]
        self._keep_or_plan(planner.source_specs(quoting), theme, kept, fresh)
        rendered = len(fresh)
        site_files = [make() for make in extra.values()]
        self._keep_or_plan(site_files, theme, kept, fresh)  # files, not pages: not counted
        self._pages = kept
        planned = [entry.planned() for entry in fresh]
        bodies = render.render_all(theme.renderer, planned, self.options.jobs)
        for entry, body in zip(fresh, bodies, strict=True):
            entry.body = body
        files = dict(theme.assets)
        files.update((output_of(r), e.body) for r, e in kept.items() if e.body is not None)
        return page_count, rendered, dict(sorted(files.items()))

    def _keep_or_plan(
        self,
        specs: list[Spec],
        theme: _Theme,
        kept: dict[str, _Rendered],
        fresh: list[_Rendered],
    ) -> None:
        """Keep the pages whose deps and templates are unchanged; plan the others anew.

        A lazy builder leaves a page unplanned until it is asked for, or until
        the source pages need its notes.
        """
        for spec in specs:
            entry, new = self._kept_or_new(spec, theme)
            if new:
                fresh.append(entry)
            kept[spec.route] = entry

    def _kept_or_new(self, spec: Spec, theme: _Theme) -> tuple[_Rendered, bool]:
        """The page of ``spec`` as last made if its deps and templates are unchanged, else anew."""
        template = theme.renderer.fingerprint(spec.template)
        entry = self._pages.get(spec.route)
        if entry is None or entry.deps != spec.deps:
            page = None if self.lazy else spec.make()
            new = _Rendered(template, spec.deps, page, None, spec.make)
            new.quoting_spec = spec.quoting
            old_notes = None if entry is None else entry.quoting_deps
            if entry is not None and spec.quoting is not None and spec.quoting == old_notes:
                new.quoting, new.quoting_deps = entry.quoting, old_notes  # the same notes
            return new, True
        if entry.template != template:  # same page, new templates: render again
            new = _Rendered(template, entry.deps, entry.page, None, entry.make)
            new.quoting, new.quoting_deps = entry.quoting, entry.quoting_deps
            new.quoting_spec = entry.quoting_spec
            return new, True
        return entry, False

    def _quoting(self, entry: _Rendered) -> Quoting:
        """What the source pages need of a page: planned now if not known."""
        if entry.quoting is None:
            entry.quoting = Quoting.of(entry.planned(), self.urls)
            entry.quoting_deps = entry.quoting_spec
        return entry.quoting

    def _plan_sources(self, unplanned: _Unplanned) -> None:
        """Plan a lazy builder's source pages, and with them every page whose notes changed.

        Pages of routes that are gone are dropped here.
        """
        kept: dict[str, _Rendered] = {}
        specs = unplanned.planner.specs()
        self._keep_or_plan(specs, unplanned.theme, kept, [])
        quoting = [self._quoting(kept[spec.route]) for spec in specs]
        sources = unplanned.planner.source_specs(quoting)
        site_files = [make() for make in unplanned.extra.values()]
        self._keep_or_plan([*sources, *site_files], unplanned.theme, kept, [])
        self._pages = kept
        unplanned.settled = True

    def file(self, name: str) -> bytes | None:
        """Return output file ``name`` of the last build, planned and rendered now if need be."""
        if self._theme is not None and name in self._theme.assets:
            return self._theme.assets[name]
        route = route_of(name)
        unplanned = self._unplanned
        if unplanned is not None and not unplanned.settled:
            if route in unplanned.sources:
                self._plan_sources(unplanned)
            else:
                make = unplanned.extra.get(route)
                spec = make() if make is not None else unplanned.planner.spec(route)
                if spec is None:
                    return None
                self._pages[route] = self._kept_or_new(spec, unplanned.theme)[0]
        entry = self._pages.get(route)
        if entry is None:
            return None
        if entry.body is None:
            assert self._theme is not None
            with self._template_errors():
                entry.body = self._theme.renderer.render(entry.planned())
        return entry.body

    @contextlib.contextmanager
    def _template_errors(self) -> Iterator[None]:
        """Turn an error raised by a template into a ContentError at the template's line."""
        try:
            yield
        except Exception as exc:
            dirs = render.theme_dirs(self.paths.root)
            diagnostic = _template_diagnostic(exc, self.paths.root, dirs)
            if diagnostic is None:
                raise  # not the template's fault: a bug of ours, to be seen as one
            raise ContentError([diagnostic]) from None

    def review(self) -> list[Diagnostic]:
        """Run every check, the slow editorial ones included; return the warnings.

        Raises ContentError as a build would. Reuses what the builds loaded.
        """
        paths, as_of = self.paths, self.options.as_of
        return load_and_check(paths, self._files, self._folded, as_of, True, self._checked)[2]

    def _current_theme(self, project: Project, planner: Planner) -> _Theme:
        """Return the renderer, with the project's site and date."""
        theme = self._loaded_theme()
        theme.renderer.set_globals(
            site=project.site,
            as_of=planner.as_of,
            jsonld=structured.StructuredData(self.urls, project.site),
        )
        return theme

    def _loaded_theme(self) -> _Theme:
        """Return the renderer, made anew when a file of the theme changed."""
        dirs = render.theme_dirs(self.paths.root)
        signature = render.theme_signature(dirs)
        if self._theme is None or self._theme.signature != signature:
            renderer = render.Renderer(dirs, {"urls": self.urls})
            self._theme = _Theme(signature, renderer, render.assets(dirs))
        return self._theme


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


def _site_files(planner: Planner, urls: Urls) -> dict[str, Callable[[], Spec]]:
    """How to work out the spec of each file made of the whole site: the sitemap, the feed,
    the data (by route)."""
    makers: dict[str, Callable[[], Spec]] = {
        routes.SITEMAP: partial(_sitemap_spec, planner),
        routes.FEED: partial(_feed_spec, planner, urls),
    }
    makers.update((route, partial(_data_spec, planner, route)) for route in routes.DATA_FILES)
    return makers


def _sitemap_spec(planner: Planner) -> Spec:
    pages, sources = planner.routes(), planner.source_routes()
    listed = planner.reuse.get(
        "sitemap",
        (pages, sources),
        lambda: tuple(r for r in pages + sources if r != routes.NOT_FOUND),
    )
    page = Page(routes.SITEMAP, "sitemap.xml", Title("file"), SitemapView(listed))
    return Spec(routes.SITEMAP, "sitemap.xml", (listed,), lambda: page)


def _feed_spec(planner: Planner, urls: Urls) -> Spec:
    deps = (
        planner.project.site,
        planner.as_of,
        tuple(planner.events),
        tuple(planner.people),  # their corrections are entries too
        tuple(planner.sources),
    )
    return Spec(routes.FEED, "feed.xml", deps, lambda: _feed_page(planner, urls))


def _feed_page(planner: Planner, urls: Urls) -> Page:
    entries = tuple(
        FeedEntry(
            event,
            structured.feed_entry_id(event.id),
            urls.absolute(routes.event(event.id)),
            _timestamp(event.date.first_day()),
            event.body or event.title,
        )
        for event in reversed(planner.events)
    )
    corrections = []
    for entry in logged(planner.project):
        c = entry.correction
        view = planner.corrected(entry)
        key = f"correction:{entry.kind}:{entry.item}:{c.date.iso()}:{c.was}"
        corrections.append(
            FeedCorrection(
                view,
                structured.feed_entry_id(key),
                urls.absolute(view.link.href.removeprefix(urls.root)),
                _timestamp(c.date.first_day()),
            )
        )
    as_of = planner.as_of.first_day() if planner.as_of else dt.date(1970, 1, 1)
    feed = FeedView(
        entries,
        tuple(corrections),
        _timestamp(as_of),
        structured.feed_entry_id("feed:" + planner.project.site.title),
    )
    return Page(routes.FEED, "feed.xml", Title("file"), feed)


def _data_spec(planner: Planner, route: str) -> Spec:
    """A data export (see generator.export): each reads every person, event and source."""
    plan = planner
    deps = (
        plan.project.site,
        plan.as_of,
        tuple(plan.people),
        tuple(plan.events),
        tuple(plan.sources),
    )
    exporter = export.Exporter(plan)
    make: Callable[[], str] = {
        "data/people.json": lambda: export.json_text(exporter.people()),
        "data/events.json": lambda: export.json_text(exporter.events()),
        "data/sources.json": lambda: export.json_text(exporter.sources()),
        "data/people.csv": lambda: export.csv_text(export.people_rows(exporter.people())),
        "data/events.csv": lambda: export.csv_text(export.event_rows(exporter.events())),
    }[route]
    return Spec(route, "", deps, lambda: Page(route, "", Title("file"), DataView(make())))


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _template_diagnostic(exc: Exception, root: Path, dirs: list[Path]) -> Diagnostic | None:
    """Return a diagnostic at the template line that raised ``exc``, or None if none did."""
    theme = [d.resolve() for d in dirs]

    def in_theme(frame: traceback.FrameSummary) -> bool:
        return any(Path(frame.filename).resolve().is_relative_to(d) for d in theme)

    # Jinja rewrites tracebacks so that template code shows as its own file and line.
    stack = traceback.extract_tb(exc.__traceback__)
    frames = [f for f in stack if in_theme(f)]

    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.filename or exc.name or "templates", exc.lineno
        message, hint = f"template error: {exc.message}", "fix the template syntax"
        if isinstance(exc, render.NotUTF8):
            hint = "save the file as UTF-8"
    elif isinstance(exc, jinja2.TemplateNotFound):
        # At the line that asked for it, if a template did (an include, an extends).
        where, line = (frames[-1].filename, frames[-1].lineno or 0) if frames else ("templates", 0)
        message, hint = (
            f"template not found: {exc.message}",
            f"looked in {', '.join(map(str, dirs))}",
        )
    elif isinstance(exc, RecursionError):
        if not frames:
            return None
        where, line = frames[-1].filename, frames[-1].lineno or 0  # in the loop
        message = "template error: templates include or call each other without end"
        hint = "break the loop of includes or macro calls"
    else:
        # Jinja's own errors (an undefined value) are raised in its runtime; any other
        # exception is the template's only if the template line itself raised it.
        if not frames or not (isinstance(exc, jinja2.TemplateError) or in_theme(stack[-1])):
            return None
        where, line = frames[-1].filename, frames[-1].lineno or 0
        message = f"template error: {type(exc).__name__}: {exc}"
        hint = "check the names and values this template line uses"
    with contextlib.suppress(ValueError):
        where = Path(where).resolve().relative_to(root.resolve()).as_posix()
    return Diagnostic(where, line, message, hint)


def build(options: Options) -> BuildResult:
    """Run the whole pipeline once; write the site unless ``options.out`` is None.

    What ``explainer build`` and ``check`` run: a one-off builder, which keeps
    no page in memory (its result's ``files`` is empty).
    """
    return Builder(options, once=True).build()


def _make(spec: Spec) -> Page:
    return spec.make()


def _listed(spec: Spec) -> int:
    """About how much a page lists: the lengths of the tuples it is planned from (its
    events, the people it links, its sources...). The whole timeline, the data files
    and the sitemap list thousands; a profile a few dozen."""
    return sum(len(d) for d in spec.deps if isinstance(d, tuple))
