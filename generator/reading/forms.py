"""The forms a value must take: ids, language tags, addresses, and links a reader can follow.

The reader checks values against them; the JSON Schemas (:mod:`generator.schema`),
the settings and ``explainer import`` hold values to the same forms, so they are
here, apart from the reader, where each is written once.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_HINT = "use lowercase letters, digits and single hyphens, e.g. 'alexander-trufanov'"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
ADDRESS = re.compile(r"https?://[^\s<>\"']+")
_NOT_IN_URLS = re.compile(r"[\s\\\"'<>]")


@functools.cache
def _link_parser() -> MarkdownIt:
    """A parser that keeps every link, even one the pages' renderer would refuse."""
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def link_targets(text: str) -> list[str]:
    """The targets of the links in markdown ``text``, as written."""
    found = []
    for token in _link_parser().parse(text):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrs.get("href", "")))
    return found


def followable(href: str) -> bool:
    """Whether ``href`` is a whole http(s) address with a host, or a mailto: address."""
    try:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            return bool(parts.hostname) and not _NOT_IN_URLS.search(href)
    except ValueError:  # a malformed host, such as '[::1'
        return False
    return parts.scheme == "mailto" and "@" in parts.path
