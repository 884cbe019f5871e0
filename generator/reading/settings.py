"""The project's settings in ``content/site.yaml``: where the site is served and built.

``base_url`` and ``output`` say once what ``--base-url`` and ``--out`` would otherwise
say on every build, preview and verify; a flag still overrides its setting. They are
read before the build, whose addresses depend on them, and checked again when the
site file is loaded (:mod:`generator.reading.site`), so that ``explainer check`` reports a
bad value at its line as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.errors import Diagnostic
from generator.reading import yamlsafe
from generator.reading.forms import LANGUAGE_TAG
from generator.reading.yamlsafe import Mapping, Node, Scalar, Sequence
from generator.rendering.write import over_inputs

if TYPE_CHECKING:  # the loader reads the settings with the rest of the site file
    from generator.reading.paths import ProjectPaths

SITE_FILE = "content/site.yaml"
BASE_URL_HINT = (
    "write the address the site is served at, such as https://example.org/explainer/,"
    " or a path such as /explainer/"
)
OUTPUT_HINT = (
    "write a folder relative to the project, such as site or public,"
    " outside the folders the build reads (content/, seeds/, templates/)"
)
_NOT_IN_URLS = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings as written; None where one is not set, or not valid."""

    base_url: str | None = None
    output: str | None = None
    language: str | None = None
    """The default edition's language: the first of ``languages``, else ``language``, as
    written (the loader checks it). A large build compiles the templates in it early."""


def url_problem(value: str, name: str) -> str | None:
    """What is wrong with ``value`` as the base URL given as ``name``, or None."""
    try:
        parts = urlsplit(value)
        parts.hostname  # noqa: B018  # raises for a malformed host, such as '[::1'
    except ValueError as exc:
        return f"{name} {value!r} is not a URL: {exc}"
    if parts.scheme and (parts.scheme not in ("http", "https") or not parts.netloc):
        return f"{name} must be an http(s) URL or a path starting with '/', not {value!r}"
    if not parts.scheme and (not value.startswith("/") or parts.netloc):
        return f"{name} must be an http(s) URL or a path starting with '/', not {value!r}" + (
            " (a host needs its scheme: https://)" if parts.netloc else ""
        )
    if _NOT_IN_URLS.search(value):
        return (
            f"{name} may not hold spaces, quotes, '<', '>' or backslashes: {value!r}"
            " (percent-encode them, e.g. %20 for a space)"
        )
    if parts.query or parts.fragment:
        return f"{name} may not carry a query or a fragment"
    return None


def with_slash(base_url: str) -> str:
    """The base URL as the build takes it: ending in '/'."""
    return base_url if base_url.endswith("/") else base_url + "/"


def output_problem(value: str, paths: ProjectPaths) -> str | None:
    """What is wrong with ``value`` as the output folder of the project at ``paths``, or None.

    Only what the setting itself decides: the build still refuses, when it runs, a
    folder that is not empty and was not made by this tool.
    """
    if not value.isprintable():
        return f"'output' holds a control character: {value!a}"
    if Path(value).is_absolute() or value.startswith("~"):
        return f"'output' must be a folder relative to the project, not {value!r}"
    out = Path(value)
    return over_inputs(out, (paths.root / out).resolve(), paths.root, paths.inputs())


def from_mapping(
    m: Mapping, rel: str, paths: ProjectPaths, diagnostics: list[Diagnostic]
) -> Settings:
    """The settings of the site file's mapping ``m``; each bad one is reported at its line."""
    values: dict[str, str | None] = {}
    for key, hint in (("base_url", BASE_URL_HINT), ("output", OUTPUT_HINT)):
        node = m.items.get(key)
        value = _text(node, key, rel, hint, diagnostics)
        if value is not None and node is not None:
            if key == "base_url":
                problem = url_problem(value, "'base_url'")
            else:
                problem = output_problem(value, paths)
            if problem:
                diagnostics.append(Diagnostic(rel, node.line, problem, hint))
                value = None
        values[key] = value
    return Settings(values["base_url"], values["output"], _default_language(m))


def _default_language(m: Mapping) -> str | None:
    listed = m.items.get("languages")
    first = listed.items[0] if isinstance(listed, Sequence) and listed.items else None
    node = first if first is not None else m.items.get("language")
    if isinstance(node, Scalar) and LANGUAGE_TAG.fullmatch(node.value):
        return node.value
    return None


def _text(
    node: Node | None, key: str, rel: str, hint: str, diagnostics: list[Diagnostic]
) -> str | None:
    if node is None or (isinstance(node, Scalar) and node.is_null):
        return None  # not set: the default
    if not isinstance(node, Scalar) or not node.value.strip():
        what = "empty" if isinstance(node, Scalar) else "not text"
        diagnostics.append(Diagnostic(rel, node.line, f"'{key}' is {what}", hint))
        return None
    return node.value.strip()


def read_settings(paths: ProjectPaths) -> tuple[Settings, list[Diagnostic]]:
    """The settings of the project at ``paths``, and the problems with them.

    A site file that is missing or does not parse gives no settings and no problems
    here: the build's load reports it, with every other problem of the content.
    """
    path = paths.root / SITE_FILE
    if not path.is_file():
        return Settings(), []
    node = yamlsafe.load(path, SITE_FILE, [])
    if not isinstance(node, Mapping):
        return Settings(), []
    diagnostics: list[Diagnostic] = []
    return from_mapping(node, SITE_FILE, paths, diagnostics), diagnostics
