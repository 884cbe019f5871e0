"""What each command does with its arguments; :mod:`generator.cli` parses them.

``new``, ``verify``, ``serve``, ``import`` and ``cite`` run here; ``build`` and
``check`` get their :class:`~generator.build.Options` here (the project's
settings, then the flags over them), and :mod:`generator.cli` runs the build,
since it reports the outcome of every command the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import shlex
import sys
from pathlib import Path

from generator.build import Options
from generator.errors import ContentError, Diagnostic, UsageError, printable
from generator.reading import ProjectPaths
from generator.reading.settings import Settings, read_settings, url_problem, with_slash
from generator.reports import count

log = logging.getLogger(__name__)


def run_new(args: argparse.Namespace) -> int:
    """Run ``explainer new``: a project that builds as it is, and how to build it."""
    from generator.scaffold import new_project

    new_project(args.dir.expanduser())
    log.info(
        "created a new explainer in %s; build it with: explainer build --project %s"
        " (its README.md says how to publish it)",
        args.dir,
        shlex.quote(str(args.dir)),
    )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """Run ``explainer verify``: check a built site; say what passed."""
    from generator.verify import verify

    log.info(verify(args.site, _verify_base_url(args), args.vnu, args.external))
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Run ``explainer serve`` until interrupted."""
    from generator.preview.server import serve

    # Served from memory: the preview never writes, so never touches site/.
    base = _base_url(args.base_url, _settings(args.project, strict=False).base_url)
    options = Options(args.project, None, base, drafts=True)
    serve(options, args.host, args.port, args.open)
    return 0


def run_import_or_cite(args: argparse.Namespace) -> int:
    """Run ``explainer import`` or ``explainer cite``: the citation on stdout, notes on stderr."""
    if args.command == "cite":
        from generator.cite import cite

        cited = cite(args.project, args.source, args.words)
        sys.stdout.write(cited.yaml)
        if not cited.found:
            print(f"explainer: {printable(cited.message)}", file=sys.stderr)
        return 0 if cited.found else 1
    from generator.importer import import_page, read_page

    done = import_page(read_page(args.page), args.project, args.id)
    where = args.project
    log.info(
        "wrote %s (%s) and %s",
        done.seed.relative_to(where),
        count(done.paragraphs, "line"),
        done.source.relative_to(where),
    )
    for missing in done.missing:
        log.warning(
            "warning: the page does not give %s: fill it in %s (check reports it until then)",
            missing,
            done.source.relative_to(where),
        )
    log.info("next: read both files against the page, then run explainer check")
    return 0


def build_options(args: argparse.Namespace) -> Options:
    """The options of ``explainer build`` or ``check``: the flags over the project's settings."""
    project = args.project
    if args.command == "build":
        found = _settings(project)
        # Expanded here: a quoted '~/site' is the home folder's for the search stage too.
        out = args.out if args.out is not None else project / (found.output or "site")
        out = out.expanduser()
        options = Options(
            project,
            out,
            _base_url(args.base_url, found.base_url),
            drafts=args.drafts,
            jobs=args.jobs,
            strict=args.strict,
            as_of=_as_of(args.as_of),
        )
        _note_path_only(options.base_url, args.base_url is None and found.base_url is None)
    else:
        options = Options(
            project,
            None,
            jobs=args.jobs,
            strict=args.strict,
            as_of=_as_of(args.as_of),
        )
    log.debug(
        "project %s; output %s; base URL %s; announcements judged as of %s; drafts %s;"
        " %s; strict %s",
        options.project.resolve(),
        options.out if options.out is not None else "none (nothing is written)",
        options.base_url,
        options.as_of or "the newest source's date",
        "shown" if options.drafts else "left out",
        count(options.jobs, "process", "processes"),
        "on" if options.strict else "off",
    )
    return options


def _base_url(flag: str | None, setting: str | None) -> str:
    """The base URL to build for: the flag's, else the setting's (checked when read), else /."""
    if flag is not None and (problem := url_problem(flag, "--base-url")):
        raise UsageError(problem)
    return with_slash(flag or setting or "/")


def _settings(project: Path, strict: bool = True) -> Settings:
    """The project's settings; a bad one stops the command (``strict``), or is left out
    (the preview, whose build reports it on its error page until it is fixed)."""
    found, problems = read_settings(ProjectPaths.at(project))
    if problems and strict:
        raise ContentError(problems)
    return found


def _unverified(problems: list[Diagnostic]) -> ContentError:
    """The settings' problems, as verify reports them: it writes nothing anyway."""
    error = ContentError(problems)
    error.outcome = "nothing was verified"
    return error


def _verify_base_url(args: argparse.Namespace) -> str:
    """The base URL a site was built for: --base-url, else the base_url of --project, or of
    the current folder when SITE is that project's output folder, else /."""
    if args.base_url is not None:
        return _base_url(args.base_url, None)
    if args.project is not None:
        if not (args.project / "content").is_dir():
            raise UsageError(f"no content/ folder in {args.project}: --project is not a project")
        found, problems = read_settings(ProjectPaths.at(args.project))
    else:
        found, problems = read_settings(ProjectPaths.at(Path(".")))
        if Path(found.output or "site").resolve() != args.site.expanduser().resolve():
            return "/"
    if problems:
        raise _unverified(problems)
    return _base_url(None, found.base_url)


def _note_path_only(base_url: str, unset: bool) -> None:
    """Say so when a build writes paths where a deployed site needs full URLs.

    A note when no base URL was given (a local build is fine without one), a warning
    when the one given is a path; each says where to give the address once.
    """
    if "://" in base_url:
        return
    message = (
        "canonical links, the sitemap and the feed carry paths, not full URLs; to deploy, set"
        " `base_url: https://host/path/` once in content/site.yaml (or give --base-url)"
    )
    if unset:
        log.info("note: no base URL given: %s", message)
    else:
        log.warning("warning: the base URL %s has no scheme and host: %s", base_url, message)


def _as_of(value: str) -> dt.date | None:
    if value == "newest":
        return None
    if value == "today":
        return dt.date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # fromisoformat takes 20250216 too
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of must be newest, today or YYYY-MM-DD, not {value!r}") from None
