"""The preview's builder: the same stages as ``explainer build``, kept between saves.

A save re-reads only the files that changed (the file cache), checks again only
the people, events and sources that changed (:class:`verifying.Verifier`), and hands
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
from typing import Any

from generator import structured
from generator.build import BuildResult, Options, _drafts, _no_cycle_collection, load_and_check
from generator.errors import ContentError
from generator.incremental import Database
from generator.planning import Planner
from generator.preview.verifying import Verifier
from generator.reading import FileCache, ProjectPaths
from generator.render import TemplateDigests
from generator.theme import Theme, load_theme, template_errors
from generator.urls import Urls, output_of, route_of
from generator.views import Page


class PreviewBuilder:
    """Builds on every save, keeping what it loaded, checked, planned and rendered."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.paths = ProjectPaths.at(options.project)
        self.urls = Urls.from_base(options.base_url)
        self._files = FileCache()
        self._verify = Verifier()
        self._planner = Planner(self.urls)
        self._planner.db.define("body", self._body)
        self._theme: Theme | None = None

    @property
    def db(self) -> Database:
        return self._planner.db

    @property
    def rendered(self) -> int:
        """Pages rendered since the last build."""
        return self.db.ran.get("body", 0)

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
                    self._verify,
                )
        finally:
            self._files.changed = None
        if self.options.strict and found:
            raise ContentError(found)
        drafts = 0
        if not self.options.drafts:
            drafts = _drafts(project)
            project = project.without_drafts()
        theme = self._theme = load_theme(self.paths.root, self.urls, self._theme)
        theme.renderer.set_globals(
            site=project.site,
            as_of=evidence.newest,
            jsonld=structured.StructuredData(self.urls, project.site),
        )
        self._planner.update(project, evidence)
        self.db.set_inputs(template=TemplateDigests(theme.renderer))
        planner = self._planner
        pages = len(planner.routes()) + len(planner.source_routes())
        seconds = time.perf_counter() - started
        return BuildResult(pages, project, seconds, found, drafts)

    def file(self, name: str) -> bytes | None:
        """Output file ``name`` of the last build, planned and rendered now if need be."""
        assert self._theme is not None, "build first"
        if name in self._theme.assets:
            return self._theme.assets[name]
        route = route_of(name)
        if not self._planner.has(route):
            return None
        with template_errors(self.paths.root), _no_cycle_collection():
            body: bytes = self.db.get("body", route)
        return body

    def files(self) -> dict[str, bytes]:
        """Every file of the site, as a one-off build writes them (by output name)."""
        assert self._theme is not None, "build first"
        planner = self._planner
        every = planner.routes() + planner.source_routes() + planner.file_routes()
        found = dict(self._theme.assets)
        for route in every:
            body = self.file(output_of(route))
            assert body is not None
            found[output_of(route)] = body
        return dict(sorted(found.items()))

    def review(self) -> list[Any]:
        """Run every check, the slow editorial ones included; return the warnings.

        Raises ContentError as a build would. Reuses what the builds loaded.
        """
        paths, as_of = self.paths, self.options.as_of
        return load_and_check(paths, self._files, as_of, True, True, self._verify)[2]

    def _body(self, db: Database, route: str) -> bytes:
        """The query that renders a page: it reads the page, the site and date every page
        shows, and each template the render asks for (recorded as the render loads it)."""
        page: Page = db.get("page", route)
        db.input("model", "site")
        db.input("model", "as_of")
        assert self._theme is not None
        renderer = self._theme.renderer
        renderer.env.loaded = lambda name: db.input("template", name)
        try:
            return renderer.render(page)
        finally:
            renderer.env.loaded = None
