"""The build pipeline, shared by ``build``, ``check`` and ``serve``.

load (YAML + seeds) -> check -> plan pages -> render -> write (atomically).
Each stage collects diagnostics; the first stage that finds errors stops the
build with one :class:`ContentError` carrying all of them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator import render, structured
from generator.check import Evidence, verify
from generator.errors import ContentError, Diagnostic
from generator.load import ProjectPaths, load_project
from generator.model import Project
from generator.pages import Page, Planner, Urls
from generator.write import guard_output, write_site

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Options:
    """What to build, and where."""

    project: Path
    out: Path | None = None
    """None: check only, write nothing."""
    base_url: str = "/"


@dataclass(slots=True)
class BuildResult:
    """What a build did."""

    pages: int
    files: dict[str, bytes]
    project: Project
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)


def load_and_check(paths: ProjectPaths) -> tuple[Project, Evidence, list[Diagnostic]]:
    """Load and verify a project; raise ContentError on errors, return the warnings."""
    diagnostics: list[Diagnostic] = []
    project = load_project(paths, diagnostics)
    evidence = Evidence({}, {})
    if project is not None:
        evidence = verify(project, diagnostics)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors or project is None:
        raise ContentError(errors)
    return project, evidence, [d for d in diagnostics if d.severity == "warning"]


def render_site(
    project: Project, evidence: Evidence, urls: Urls, root: Path
) -> tuple[int, dict[str, bytes]]:
    """Render every page, the feed and the sitemap; return the page count and the files."""
    planner = Planner(project, evidence, urls)
    pages = planner.plan()
    dirs = render.theme_dirs(root)
    renderer = render.Renderer(
        dirs,
        {
            "site": project.site,
            "urls": urls,
            "as_of": planner.as_of,
            "jsonld": lambda page: structured.jsonld(page, urls, project.site),
        },
    )
    files: dict[str, bytes] = render.assets(dirs)
    try:
        for page in pages:
            files[page.output] = renderer.render(page)
        files["sitemap.xml"] = renderer.render(
            Page(
                "sitemap.xml",
                "sitemap.xml",
                "",
                "",
                data={"routes": [p.route for p in pages if p.route != "404.html"]},
            )
        )
        files["feed.xml"] = renderer.render(_feed_page(planner, urls))
    except Exception as exc:
        diagnostic = _template_diagnostic(exc, root, dirs)
        if diagnostic is None:
            raise  # not the template's fault: a bug of ours, to be seen as one
        raise ContentError([diagnostic]) from None
    return len(pages), files


def _feed_page(planner: Planner, urls: Urls) -> Page:
    page = Page("feed.xml", "feed.xml", "", "")
    entries = []
    for event in reversed(planner.events):
        entries.append(
            {
                "event": event,
                "id": structured.feed_entry_id(event.id),
                "href": urls.absolute("timeline/") + "#" + event.id,
                "updated": _timestamp(event.date.first_day()),
                "summary": event.body or event.title,
            }
        )
    as_of = planner.as_of.first_day() if planner.as_of else dt.date(1970, 1, 1)
    page.data = {
        "entries": entries,
        "updated": _timestamp(as_of),
        "feed_id": structured.feed_entry_id("feed:" + planner.project.site.title),
    }
    return page


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _template_diagnostic(exc: Exception, root: Path, dirs: list[Path]) -> Diagnostic | None:
    """Return a diagnostic at the template line that raised ``exc``, or None if none did."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.filename or exc.name or "templates", exc.lineno
        message, hint = f"template error: {exc.message}", "fix the template syntax"
    elif isinstance(exc, jinja2.TemplateNotFound):
        where, line = "templates", 0
        message, hint = (
            f"template not found: {exc.message}",
            f"looked in {', '.join(map(str, dirs))}",
        )
    else:
        # Jinja rewrites tracebacks so that template code shows as its own file and line.
        theme = [d.resolve() for d in dirs]

        def in_theme(frame: traceback.FrameSummary) -> bool:
            return any(Path(frame.filename).resolve().is_relative_to(d) for d in theme)

        stack = traceback.extract_tb(exc.__traceback__)
        frames = [f for f in stack if in_theme(f)]
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
    """Run the whole pipeline; write the site unless ``options.out`` is None."""
    started = time.perf_counter()
    paths = ProjectPaths.at(options.project)
    target = None
    if options.out is not None:
        target = guard_output(
            options.out, paths.root, [paths.content, paths.seeds, paths.root / "templates"]
        )
    project, evidence, warnings = load_and_check(paths)
    pages, files = render_site(project, evidence, Urls.from_base(options.base_url), paths.root)
    if target is not None:
        write_site(files, target)
    return BuildResult(pages, files, project, time.perf_counter() - started, warnings)
