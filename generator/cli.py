"""The command line: ``explainer build | check | serve | new | verify``.

Exit codes: 0 done, 1 content errors (all listed), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import os
import re
import shlex
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build import Options, build
from generator.errors import ContentError, Diagnostic, UsageError, escaped, printable
from generator.reading import ProjectPaths
from generator.reading.settings import Settings, read_settings, url_problem, with_slash

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


def _jobs(value: str) -> int:
    """The --jobs value: a whole number of processes, at least one."""
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return jobs


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


def _escape(text: str, prop: bool = False) -> str:
    """Escape a GitHub Actions workflow-command value (properties also escape ':' and ',')."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_annotations(diagnostics: Iterable[Diagnostic], project: Path = Path(".")) -> str:
    """Return one ``::error`` or ``::warning`` command per diagnostic.

    GitHub reads ``file=`` from the root of the repository, where a workflow runs:
    each path is given from the working folder, not from ``project``.
    """
    lines = []
    for d in diagnostics:
        props = f"file={_escape(printable(_from_here(d.path, project), True), True)}"
        if d.line:
            props += f",line={d.line}"
        message = printable(d.message + (f"\n{d.hint}" if d.hint else ""), keep_newlines=True)
        lines.append(f"::{d.severity} {props}::{_escape(message)}")
    return "".join(line + "\n" for line in lines)


def _count(n: int, one: str, many: str = "") -> str:
    """'1 source', '2 sources': the summary line counts in words that agree."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def json_report(diagnostics: Iterable[Diagnostic]) -> str:
    """Return the diagnostics as a JSON list of {path, line, severity, message, hint}.

    A file name that is not UTF-8 reaches Python as lone surrogates, which UTF-8
    cannot carry: they are written as escapes (``\\udcff``) to keep the JSON valid.
    """
    keys = ("path", "line", "severity", "message", "hint")
    items = [
        {k: _SURROGATE.sub(escaped, v) if isinstance(v := getattr(d, k), str) else v for k in keys}
        for d in diagnostics
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _from_here(path: str, project: Path) -> str:
    """``path``, relative to ``project``, as seen from the working folder if the project
    is inside it (a repository holding the explainer in a folder of its own)."""
    here = os.path.relpath(project)
    if os.path.isabs(path) or here.startswith(".."):
        return path
    return os.path.normpath(os.path.join(here, path))


def _print(fmt: str, diagnostics: list[Diagnostic], project: Path) -> None:
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    out = json_report(ordered) if fmt == "json" else github_annotations(ordered, project)
    sys.stdout.write(out)


def _import_or_cite(args: argparse.Namespace) -> int:
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
        _count(done.paragraphs, "line"),
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
            from generator.scaffold import new_project

            new_project(args.dir.expanduser())
            log.info(
                "created a new explainer in %s; build it with: explainer build --project %s"
                " (its README.md says how to publish it)",
                args.dir,
                shlex.quote(str(args.dir)),
            )
            return 0
        if args.command == "verify":
            from generator.verify import verify

            log.info(verify(args.site, _verify_base_url(args), args.vnu, args.external))
            return 0
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
            return _import_or_cite(args)
        if args.command == "serve":
            from generator.preview.server import serve

            # Served from memory: the preview never writes, so never touches site/.
            base = _base_url(args.base_url, _settings(project, strict=False).base_url)
            options = Options(project, None, base, drafts=True)
            serve(options, args.host, args.port, args.open)
            return 0
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
            _count(options.jobs, "process", "processes"),
            "on" if options.strict else "off",
        )
        result = build(options)
        if args.command == "build" and args.search and options.out is not None:
            from generator.search import index_site

            index_site(options.out)
    except ContentError as exc:
        if fmt != "text":
            _print(fmt, exc.diagnostics, getattr(args, "project", Path(".")))
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
        _print(fmt, result.warnings, getattr(args, "project", Path(".")))
    else:
        for warning in result.warnings:
            log.warning(warning.format())
    p = result.project
    verb = "built" if args.command == "build" else "checked"
    log.info(
        "%s %s from %s, %s, %s%s in %.2f s%s",
        verb,
        _count(result.pages, "page"),
        _count(len(p.sources), "source"),
        _count(len(p.people), "person", "people"),
        _count(len(p.events), "event"),
        f" ({_count(result.drafts, 'draft')} left out: --drafts shows them)"
        if result.drafts and args.command == "build"
        else "",
        result.seconds,
        f" into {options.out}" if options.out else "; nothing written",
    )
    return 0
