"""Where the renderer's templates come from: the theme folders, read safely, and their
compiled code, kept for the process.

A template is read only from inside the theme folders (never through a link that
leads out of them, never a file that is not UTF-8 without a line to fix), and
compiled once per language's words however many renderers a process makes
(:class:`generator.rendering.renderer.Renderer` is made anew for each version of
the theme).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from generator.errors import utf8_fault


class NotUTF8(jinja2.TemplateSyntaxError):
    """A template file that is not UTF-8: reported at its line, as a syntax error is."""


DEFAULT_PREFIX = "default/"
"""``{% extends "default/base.html" %}`` names the default theme's file, whatever the
project overrides: an override of ``base.html`` can extend the default and replace blocks."""


class ThemeLoader(jinja2.FileSystemLoader):
    """Load templates from the theme folders, never through a link that leads out of them.

    Jinja already refuses '..' in template names; a symlinked template file is the
    other way a project could make the build read a file it does not hold. A name
    under ``default/`` is looked up in the default theme (the last folder) alone.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if template.startswith(DEFAULT_PREFIX) and len(self.searchpath) > 1:
            default = ThemeLoader(self.searchpath[-1:])
            return default.get_source(environment, template.removeprefix(DEFAULT_PREFIX))
        if template.startswith(DEFAULT_PREFIX):
            template = template.removeprefix(DEFAULT_PREFIX)
        found = (Path(d, *template.split("/")) for d in self.searchpath)
        path = next((p for p in found if p.exists()), None)
        if path is not None and not path.is_file():  # a named pipe would hang the build
            raise jinja2.TemplateNotFound(template, f"{template} (not a regular file: {path})")
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            line, where = utf8_fault(exc)
            message = f"the file is not UTF-8 ({where})"
            raise NotUTF8(message, line, template, None if path is None else str(path)) from None
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise jinja2.TemplateNotFound(
                template, f"{template} (it links to {real}, outside the theme folders)"
            )
        return source, filename, uptodate


class _Compiled(jinja2.BytecodeCache):
    """The compiled code of each template in each language's words, kept for the process.

    A preview makes a new renderer whenever a theme file changes, and a test run builds
    hundreds of times: each would compile every template again, in every language, which
    costs more than rendering a small site. The key is the environment's words (a digest
    of its catalogues) and the template's name and file; Jinja checks the source's own
    digest before it uses the code, so an edited template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        words = getattr(environment, "words", None)
        key = self.get_cache_key(f"{words}\0{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        if words is not None:
            self.load_bytecode(bucket)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if getattr(bucket.environment, "words", None) is not None:
            self.dump_bytecode(bucket)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED = _Compiled()


_EXTENDS = re.compile(r"""{%-?\s*extends\s+(["'])(.*?)\1""")


def extends(source: str) -> tuple[str, int] | None:
    """The template ``source`` extends by name, and the line of its tag, if any."""
    for match in _EXTENDS.finditer(source):
        before = source[: match.start()]
        if before.count("{#") <= before.count("#}"):  # not inside a comment
            return match.group(2), before.count("\n") + 1
    return None
