"""The preview's builder: the same stages as ``explainer build``, kept between saves.

A save re-reads only the files that changed (the file cache), checks again only
the people, events and sources that changed (:class:`checking.Checker`), and hands
the new model to the planner, whose database (:mod:`generator.incremental`)
then knows what each page read. Nothing is planned or rendered until the
browser asks for a file (:meth:`PreviewBuilder.file`): then that page is
planned and rendered again only if something it read changed, a template
included. The source pages list every note that quotes them, so the first one
asked for brings every page's notes up to date. What it serves is byte for
byte what a one-off build writes (tested).
"""

from __future__ import annotations

import time
from collections.abc import Collection
from functools import partial
from typing import Any

from generator.build import BuildResult, Options, _drafts, _no_cycle_collection, load_and_check
from generator.checking import Evidence
from generator.editions import Edition, edition_project, editions_of
from generator.errors import ContentError
from generator.incremental import Database
from generator.incremental.files import FileCache
from generator.model import Project
from generator.planning import Planner
from generator.preview.checking import Checker
from generator.reading import ProjectPaths
from generator.rendering import structured
from generator.rendering.renderer import TemplateDigests
from generator.rendering.theme import Theme, load_theme, template_errors
from generator.urls import Urls, output_of, route_of
from generator.views import Page


class PreviewBuilder:
    """Builds on every save, keeping what it loaded, checked, planned and rendered."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.paths = ProjectPaths.at(options.project)
        self.urls = Urls.from_base(options.base_url)
        self._files = FileCache()
        self._check = Checker()
        self._theme: Theme | None = None
        self._editions: tuple[Edition, ...] = ()
        self._planners: dict[str, Planner] = {}
        """Each edition's planner, by its language: kept between saves like the rest."""
        self._speaking: tuple[Any, ...] | None = None
        """What the renderer was last set up for: an edition, its site and date, the theme."""

    @property
    def db(self) -> Database:
        """The default edition's planner's database."""
        return self._planner.db

    @property
    def _planner(self) -> Planner:
        return self._planners[self._editions[0].lang]

    @property
    def rendered(self) -> int:
        """Pages rendered since the last build."""
        return sum(p.db.ran.get("body", 0) for p in self._planners.values())

    def build(
        self,
        thorough: bool = True,
        changed: Collection[str] | None = None,
        warnings: bool = True,
    ) -> BuildResult:
        """Load and check the project; raise ContentError on errors. Plans nothing yet.

        ``thorough=False`` leaves out the slow editorial warnings, ``warnings=False``
        every warning but under ``--strict`` (see :func:`load_and_check`); the pages
        are the same either way. ``changed`` names the input files (absolute paths)
        that changed since the last build, if a watcher knows: the others are then
        not looked at again.
        """
        started = time.perf_counter()
        self._files.changed = None if changed is None else frozenset(changed)
        try:
            with _no_cycle_collection():
                project, evidence, found = load_and_check(
                    self.paths,
                    self._files,
                    self.options.as_of,
                    thorough,
                    warnings or self.options.strict,
                    self._check,
                )
        finally:
            self._files.changed = None
        if self.options.strict and found:
            raise ContentError(found)
        drafts = 0
        if not self.options.drafts:
            drafts = _drafts(project)
            project = project.without_drafts()
        self._theme = load_theme(self.paths.root, self.urls, self._theme)
        self._editions = editions_of(project.site.languages, self.urls)
        self._planners = {e.lang: self._plan(e, project, evidence) for e in self._editions}
        pages = sum(len(p.routes()) + len(p.source_routes()) for p in self._planners.values())
        seconds = time.perf_counter() - started
        return BuildResult(pages, project, seconds, found, drafts)

    def _plan(self, edition: Edition, project: Project, evidence: Evidence) -> Planner:
        """The edition's planner (the last build's, if it had this edition), given this build's
        model: each page it planned is planned again only if something it read changed."""
        assert self._theme is not None
        planner = self._planners.get(edition.lang)
        if planner is None or planner.urls != edition.urls:
            planner = Planner(edition.urls, whole_site=edition.default)
            planner.db.define("body", partial(self._body, edition))
        planner.update(edition_project(project, edition), evidence)
        words = {"words": self._theme.catalogue(edition.lang).digest}
        planner.db.set_inputs(template=TemplateDigests(self._theme.renderer), catalogue=words)
        return planner

    def _edition_of(self, name: str) -> Edition:
        """The edition an output file belongs to: the one whose folder holds it."""
        for edition in self._editions[1:]:
            if name.startswith(edition.folder):
                return edition
        return self._editions[0]

    def _speak(self, edition: Edition) -> None:
        """Set the renderer up for ``edition``'s pages, unless it already is."""
        assert self._theme is not None
        planner = self._planners[edition.lang]
        speaking = (edition, planner.site, planner.as_of, self._theme.renderer)
        last = self._speaking
        if (
            last is not None
            and last[0] == edition
            and all(a is b for a, b in zip(speaking[1:], last[1:], strict=True))
        ):
            return
        self._theme.speak(edition.lang)
        self._theme.renderer.set_globals(
            site=planner.site,
            as_of=planner.as_of,
            jsonld=structured.StructuredData(edition.urls, planner.site),
            urls=edition.urls,
            edition=edition,
            editions=self._editions,
        )
        self._speaking = speaking

    def file(self, name: str) -> bytes | None:
        """Output file ``name`` of the last build, planned and rendered now if need be."""
        assert self._theme is not None, "build first"
        if name in self._theme.assets:
            return self._theme.assets[name]
        edition = self._edition_of(name)
        planner = self._planners[edition.lang]
        route = route_of(name.removeprefix(edition.folder))
        if not planner.has(route):
            return None
        with template_errors(self.paths.root), _no_cycle_collection():
            body: bytes = planner.db.get("body", route)
        return body

    def files(self) -> dict[str, bytes]:
        """Every file of the site, as a one-off build writes them (by output name)."""
        assert self._theme is not None, "build first"
        found = dict(self._theme.assets)
        for edition in self._editions:
            planner = self._planners[edition.lang]
            for route in planner.routes() + planner.source_routes() + planner.file_routes():
                name = edition.folder + output_of(route)
                body = self.file(name)
                assert body is not None
                found[name] = body
        return dict(sorted(found.items()))

    def review(self) -> list[Any]:
        """Run every check, the slow editorial ones included; return the warnings.

        Raises ContentError as a build would. Reuses what the builds loaded.
        """
        paths, as_of = self.paths, self.options.as_of
        return load_and_check(paths, self._files, as_of, True, True, self._check)[2]

    def _body(self, edition: Edition, db: Database, route: str) -> bytes:
        """The query that renders a page of ``edition``: it reads the page, the site and date
        every page shows, the theme's words in the edition's language, and each template the
        render asks for (recorded as the render loads it)."""
        page: Page = db.get("page", route)
        db.input("model", "site")
        db.input("model", "as_of")
        db.input("catalogue", "words")
        assert self._theme is not None
        self._speak(edition)
        renderer = self._theme.renderer
        renderer.env.loaded = lambda name: db.input("template", name)
        try:
            return renderer.render(page)
        finally:
            renderer.env.loaded = None
