"""The theme a build renders with: its renderer, its assets, and template errors as
content errors at the template's line."""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.errors import ContentError, Diagnostic
from generator.i18n import Catalogue, load_catalogue
from generator.incremental.files import Signature, tree_signatures
from generator.rendering.loader import NotUTF8
from generator.rendering.renderer import DEFAULT_THEME, Renderer
from generator.urls import Urls


@dataclass(slots=True)
class Theme:
    """One version of a project's theme: made anew when any of its files changes."""

    signature: tuple[tuple[str, Signature], ...]
    renderer: Renderer
    assets: dict[str, bytes]
    dirs: list[Path] = field(default_factory=list)
    _catalogues: dict[str, Catalogue] = field(default_factory=dict)

    def catalogue(self, lang: str) -> Catalogue:
        """The theme's words in ``lang`` (its catalogues, read once per version of the theme)."""
        found = self._catalogues.get(lang)
        if found is None:
            found = self._catalogues[lang] = load_catalogue(self.dirs, lang)
        return found

    def speak(self, lang: str) -> None:
        """Render in ``lang`` from now on."""
        if self.renderer.lang != lang or lang not in self._catalogues:
            catalogue = self.catalogue(lang)
            words = f"{lang}:{catalogue.digest}"
            self.renderer.set_language(lang, catalogue.translations, words)


def load_theme(root: Path, urls: Urls, last: Theme | None = None) -> Theme:
    """The project's theme; ``last`` itself if none of its files changed since."""
    dirs = theme_dirs(root)
    signature = theme_signature(dirs)
    if last is not None and last.signature == signature:
        return last
    return Theme(signature, Renderer(dirs, {"urls": urls}), assets(dirs), dirs)


@contextlib.contextmanager
def template_errors(root: Path) -> Iterator[None]:
    """Turn an error raised by a template into a ContentError at the template's line."""
    try:
        yield
    except Exception as exc:
        dirs = theme_dirs(root)
        diagnostic = _template_diagnostic(exc, root, dirs)
        if diagnostic is None:
            raise  # not the template's fault: a bug of ours, to be seen as one
        raise ContentError([diagnostic]) from None


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
        if isinstance(exc, NotUTF8):
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


def theme_dirs(project_root: Path) -> list[Path]:
    """Return the template folders, the project's own first."""
    own = project_root / "templates"
    return (
        [own, DEFAULT_THEME]
        if own.is_dir() and own.resolve() != DEFAULT_THEME.resolve()
        else [DEFAULT_THEME]
    )


def theme_signature(dirs: list[Path]) -> tuple[tuple[str, Signature], ...]:
    """Every file of the theme with its signature: it changes on any edit."""
    return tree_signatures(dirs)


def assets(dirs: list[Path]) -> dict[str, bytes]:
    """Return the static files under each theme's assets/, the project's own winning."""
    out: dict[str, bytes] = {}
    for folder in reversed(dirs):
        root = folder / "assets"
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    out["assets/" + path.relative_to(root).as_posix()] = path.read_bytes()
    return out
