"""The command line: ``explainer build | check | serve | new | verify``.

Exit codes: 0 done, 1 content errors (all listed), 2 usage errors.

This module parses the arguments, runs the command and maps what went wrong to
an exit code and a message; what each command does is in :mod:`generator.commands`,
the machine-readable reports in :mod:`generator.reports`.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator import __version__, commands
from generator.build import build
from generator.errors import ContentError, UsageError, printable
from generator.reports import count, write_report

log = logging.getLogger("generator")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer",
        description="Build a cited explainer site from YAML case files and news articles.",
        epilog="Exit codes: 0 success, 1 content errors (all are listed), 2 usage errors.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def verbosity(p: argparse.ArgumentParser) -> None:
        p.add_argument("-q", "--quiet", action="store_true", help="print errors and warnings only")
        p.add_argument("-v", "--verbose", action="store_true", help="print more detail")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--project",
            type=Path,
            default=Path("."),
            metavar="DIR",
            help="project folder holding content/ and seeds/ (default: .)",
        )
        verbosity(p)

    def base_url(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--base-url",
            metavar="URL",
            help="where the site is served, e.g. https://example.org/explainer/ or /explainer/"
            " (default: base_url in content/site.yaml, else /)",
        )

    def editorial(p: argparse.ArgumentParser) -> None:
        p.add_argument("--strict", action="store_true", help="fail on warnings too")
        p.add_argument(
            "--as-of",
            default="newest",
            metavar="DAY",
            help="judge announcements as of: newest (the newest source's date, default),"
            " today, or a day YYYY-MM-DD",
        )

    def jobs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--jobs",
            type=_jobs,
            default=os.cpu_count() or 1,
            metavar="N",
            help="processes working on a large site (default: the number of CPUs; same output)",
        )

    b = sub.add_parser("build", help="build the site into --out (default: site/)")
    common(b)
    editorial(b)
    b.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="output folder (default: output in content/site.yaml, else PROJECT/site)",
    )
    base_url(b)
    b.add_argument("--drafts", action="store_true", help="include content marked 'draft: true'")
    jobs(b)
    b.add_argument(
        "--no-search",
        dest="search",
        action="store_false",
        help="do not build the search index (the search page then links to the people index)",
    )
    c = sub.add_parser("check", help="run every check of the build and write nothing")
    common(c)
    editorial(c)
    jobs(c)
    c.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (default, on stderr), json (a list on stdout) or github"
        " (GitHub Actions annotations on stdout)",
    )
    s = sub.add_parser("serve", help="preview: build, serve, rebuild and reload on every save")
    common(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    base_url(s)
    v = sub.add_parser("verify", help="check a built site: HTML, links, sitemap, feed, JSON-LD")
    v.add_argument("site", type=Path, metavar="SITE", help="the folder that build wrote")
    v.add_argument(
        "--base-url",
        metavar="URL",
        help="the base URL it was built with (default: the project's base_url, else /)",
    )
    v.add_argument(
        "--project",
        type=Path,
        metavar="DIR",
        help="the project it was built from, whose content/site.yaml gives the base URL"
        " (default: the current folder, if SITE is its output folder)",
    )
    v.add_argument("--vnu", type=Path, metavar="JAR", help="the Nu HTML Checker's vnu.jar")
    external = v.add_mutually_exclusive_group()
    external.add_argument(
        "--no-external",
        dest="external",
        action="store_const",
        const="none",
        default="auto",
        help="run the built-in checks only, not the Nu HTML Checker and jing",
    )
    external.add_argument(
        "--require-external",
        dest="external",
        action="store_const",
        const="require",
        help="fail if the Nu HTML Checker or jing is missing (for CI)",
    )
    verbosity(v)
    n = sub.add_parser("new", help="create a new explainer project that builds as it is")
    n.add_argument(
        "dir",
        type=Path,
        metavar="DIR",
        help="the folder to create (it must not exist, or be empty); the project goes there",
    )
    verbosity(n)
    _import_parsers(sub, common)
    return parser


def _import_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """``explainer import`` and ``explainer cite`` (generator.importer, generator.cite)."""
    i = sub.add_parser("import", help="extract an article from a page into seeds/ and a source")
    i.add_argument("page", metavar="URL|FILE", help="the article's URL, or its page saved as HTML")
    i.add_argument("--id", metavar="ID", help="the new source's id (default: outlet and date)")
    common(i)
    c = sub.add_parser("cite", help="print a ready-to-paste citation of words of a source's seed")
    c.add_argument("source", metavar="SOURCE", help="the source's id")
    c.add_argument("words", metavar="WORDS", help="the words to find, as the article has them")
    common(c)


def _jobs(value: str) -> int:
    """The --jobs value: a whole number of processes, at least one."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return jobs


def run() -> None:
    """The ``explainer`` command: :func:`main`, then exit with its code.

    A build leaves its model and pages to the cycle collector (generator.build
    pauses it while building), and Python collects once more on the way out:
    a tenth of a second at 5,000 pages for memory the process returns anyway.
    Frozen, the objects are left to the operating system.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    level = logging.WARNING if getattr(args, "quiet", False) else logging.INFO
    if getattr(args, "verbose", False):
        level = logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False
    fmt = getattr(args, "format", "text")
    try:
        if args.command == "new":
            return commands.run_new(args)
        if args.command == "verify":
            return commands.run_verify(args)
        project = args.project
        if not project.is_dir():
            raise UsageError(f"no project folder at {project}")
        if not (project / "content").is_dir() and args.command != "serve":
            # The preview starts anyway and shows the problem on its error page until fixed.
            raise UsageError(
                f"no content/ folder in {project}: give the project folder with --project,"
                " or start one with `explainer new DIR`"
            )
        if args.command in ("import", "cite"):
            return commands.run_import_or_cite(args)
        if args.command == "serve":
            return commands.run_serve(args)
        options = commands.build_options(args)
        result = build(options)
        if args.command == "build" and args.search and options.out is not None:
            from generator.rendering.search import index_site

            index_site(options.out)
    except ContentError as exc:
        if fmt != "text":
            write_report(fmt, exc.diagnostics, getattr(args, "project", Path(".")))
        else:
            print(exc.report(), file=sys.stderr)
        return exc.exit_code
    except UsageError as exc:
        print(f"explainer: error: {printable(str(exc), True)}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        # The system refused (a folder that cannot be written, a disk that is full): not
        # the content's fault, and no reason for a traceback (-v shows it).
        log.debug("the system refused", exc_info=True)
        files = " -> ".join(str(f) for f in (exc.filename, exc.filename2) if f is not None)
        reason = f"{exc.strerror}: {files}" if exc.strerror and files else str(exc)
        print(f"explainer: error: {printable(reason)}", file=sys.stderr)
        return UsageError.exit_code
    except KeyboardInterrupt:
        print("explainer: interrupted; the previous site was left as it was", file=sys.stderr)
        return 130
    if fmt != "text":
        write_report(fmt, result.warnings, getattr(args, "project", Path(".")))
    else:
        for warning in result.warnings:
            log.warning(warning.format())
    p = result.project
    verb = "built" if args.command == "build" else "checked"
    log.info(
        "%s %s from %s, %s, %s%s in %.2f s%s",
        verb,
        count(result.pages, "page"),
        count(len(p.sources), "source"),
        count(len(p.people), "person", "people"),
        count(len(p.events), "event"),
        f" ({count(result.drafts, 'draft')} left out: --drafts shows them)"
        if result.drafts and args.command == "build"
        else "",
        result.seconds,
        f" into {options.out}" if options.out else "; nothing written",
    )
    return 0
