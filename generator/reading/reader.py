"""Typed access to the nodes of one case file, reporting problems as diagnostics."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from generator.dates import DATE_FORMS, PartialDate, parse_date
from generator.errors import Diagnostic, did_you_mean
from generator.model import (
    EDITORIAL_CHECKS,
    FACT_KINDS,
    Acknowledgement,
    Citation,
    Claim,
    Correction,
    Disagreement,
    Hidden,
    NotUsed,
    Relation,
    Spelling,
    Where,
)
from generator.reading.yamlsafe import Mapping, Node, Scalar, Sequence

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_HINT = "use lowercase letters, digits and single hyphens, e.g. 'alexander-trufanov'"
_KIND_NAMES = {Mapping: "a mapping", Sequence: "a list", Scalar: "a single value"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202d\u202e\ud800-\udfff]")
"""Characters no case file needs and a page or terminal must not receive: control
characters (but tab and line break), direction overrides, lone surrogates."""
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_TWO_LETTERS = re.compile(r"\w\w")
LETTER = re.compile(r"[^\W\d_]")
NAME_HINT = "write the name in letters, as the sources print it"


class Reader:
    """Typed access to the nodes of one file, reporting problems as diagnostics."""

    def __init__(self, rel: str, stem: str, diagnostics: list[Diagnostic]) -> None:
        self.rel = rel
        self.stem = stem
        self.diagnostics = diagnostics
        self.inputs: list[str] = []
        """Files read besides the case file itself (a source's seed)."""

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.rel, line, message, hint))

    def where(self, node: Node) -> Where:
        return Where(self.rel, node.line)

    def file_id(self) -> str | None:
        if not ID_PATTERN.fullmatch(self.stem):
            self.error(0, f"file name '{self.stem}' is not a valid id", ID_HINT)
            return None
        return self.stem

    def mapping(
        self,
        node: Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        choices: dict[str, tuple[str, ...]] | None = None,
    ) -> Mapping | None:
        """Return ``node`` if it is a mapping with the required fields and no unknown ones.

        ``choices`` names the allowed values of a required field that takes one
        of a list, so that a missing one is reported with them, as a wrong one is.
        """
        if not isinstance(node, Mapping):
            self.error(
                node.line,
                f"{what} must be a mapping, not {_KIND_NAMES[type(node)]}",
                "write it as `field: value` lines",
            )
            return None
        required = tuple(required)
        known = required + tuple(optional)
        for key, line in node.key_lines.items():
            if key not in known:
                self.error(
                    line,
                    f"unknown field '{key}' in {what}{did_you_mean(key, known)}",
                    "known fields: " + ", ".join(known),
                )
        for key in required:
            value = node.items.get(key)
            if value is None or (isinstance(value, Scalar) and value.is_null):
                hint = f"add `{key}:`"
                if choices and key in choices:
                    hint += " with one of: " + ", ".join(choices[key])
                self.error(node.line, f"{what} is missing the field '{key}'", hint)
        return node

    def text(self, m: Mapping, key: str, required: bool = True) -> str | None:
        node = m.items.get(key)
        if node is None:
            return None  # a missing required field was reported by mapping()
        if not isinstance(node, Scalar):
            self.error(
                node.line,
                f"'{key}' must be text, not {_KIND_NAMES[type(node)]}",
                "quote the value if it contains ':' or starts with '[' or '{'",
            )
            return None
        if node.is_null:
            return None  # as good as missing: reported by mapping() if required
        value = node.value.strip()
        if not value and required:
            self.error(node.line, f"'{key}' is empty", f"write the {key}")
            return None
        if not value.isprintable() and (bad := _CONTROL.search(value)):
            self.error(
                node.line,
                f"'{key}' holds the control character {ascii(bad.group())[1:-1]}",
                "remove it (it may be invisible in your editor); a line break is written"
                " as a new line, not as an escape",
            )
            return None
        return value

    def markdown(self, m: Mapping, key: str, required: bool = True) -> str | None:
        """Return the markdown text of ``key``; report each link that leads nowhere a reader
        can follow from every page it shows on (only full http(s) addresses and mailto)."""
        value = self.text(m, key, required)
        if value is not None and ("](" in value or "]:" in value or "<" in value):
            for href in _links(value):
                if not followable(href):
                    self.error(
                        m.items[key].line,
                        f"link to '{href}' in '{key}': only full http or https addresses"
                        " and mailto: are linked",
                        "write the whole address, e.g. https://example.org/page",
                    )
        return value

    def language(self, m: Mapping, key: str = "language") -> str | None:
        """Return the BCP 47 language tag of ``key`` ('en', 'he', 'en-GB', 'zh-Hant')."""
        value = self.text(m, key)
        if value is not None and not _LANGUAGE_TAG.fullmatch(value):
            self.error(
                m.items[key].line,
                f"'{key}' is '{value}', not a language tag",
                "write a BCP 47 tag such as en, he, ru or en-GB",
            )
            return None
        return value

    def choice(
        self, m: Mapping, key: str, choices: tuple[str, ...], default: str | None = None
    ) -> str | None:
        value = self.text(m, key)
        if value is None:
            return default
        if value not in choices:
            self.error(
                m.items[key].line,
                f"'{key}' is '{value}', not one of: {', '.join(choices)}"
                f"{did_you_mean(value, choices)}",
                "use one of the listed values as written, in lowercase",
            )
            return None
        return value

    def date(self, m: Mapping, key: str) -> PartialDate | None:
        value = self.text(m, key)
        if value is None:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.error(
                m.items[key].line, f"bad date in '{key}': {parsed}", f"write one of: {DATE_FORMS}"
            )
            return None
        return parsed

    def flag(self, m: Mapping, key: str) -> bool:
        node = m.items.get(key)
        if node is None or is_null(node):
            return False
        value = node.as_bool() if isinstance(node, Scalar) else None
        if value is None:
            self.error(node.line, f"'{key}' must be true or false", "write `true` or `false`")
            return False
        return value

    def ident(self, m: Mapping, key: str) -> str | None:
        value = self.text(m, key)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.error(m.items[key].line, f"'{value}' is not a valid id", ID_HINT)
            return None
        return value

    def items(self, m: Mapping, key: str, required: bool = False) -> list[Node]:
        node = m.items.get(key)
        if node is None or is_null(node):
            return []
        if not isinstance(node, Sequence):
            self.error(
                node.line,
                f"'{key}' must be a list, not {_KIND_NAMES[type(node)]}",
                "write each item on its own line, starting with '- '",
            )
            return []
        if required and not node.items:
            self.error(node.line, f"'{key}' is empty", "give at least one item")
        return node.items

    def ids(self, m: Mapping, key: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The ids listed under ``key``, each once, and the line of each."""
        out: dict[str, int] = {}
        for item in self.items(m, key):
            if not isinstance(item, Scalar) or not ID_PATTERN.fullmatch(item.value):
                self.error(item.line, f"'{key}' must list ids", ID_HINT)
            elif item.value in out:
                self.error(
                    item.line,
                    f"'{key}' lists '{item.value}' twice (first on line {out[item.value]})",
                    "remove one of the two",
                )
            else:
                out[item.value] = item.line
        return tuple(out), tuple(out.values())

    def citations(self, m: Mapping, key: str = "cite") -> tuple[Citation, ...]:
        out = []
        for item in self.items(m, key, required=True):
            c = self.mapping(item, "a citation", ("source", "quote"))
            if c is None:
                continue
            source, quote = self.ident(c, "source"), self.text(c, "quote")
            if quote is not None and not _TWO_LETTERS.search(quote):
                self.error(
                    c.items["quote"].line,
                    f"quote '{quote}' is too short to show anything",
                    "quote the words of the source that say it",
                )
                quote = None
            if source and quote:
                where = Where(self.rel, c.items["quote"].line)
                out.append(Citation(source, quote, where, c.items["source"].line))
        return tuple(out)

    def claim(self, node: Node, what: str, with_kind: bool = False) -> Claim | None:
        m = self.mapping(node, what, ("text", "cite"), ("kind",) if with_kind else ())
        if m is None:
            return None
        text, cites = self.markdown(m, "text"), self.citations(m)
        kind = self.choice(m, "kind", FACT_KINDS, "other") if with_kind else "other"
        if text is None or kind is None:
            return None
        return Claim(text, cites, self.where(m), kind)

    def claims(
        self, m: Mapping, key: str, with_kind: bool = False, required: bool = False
    ) -> tuple[Claim, ...]:
        found = (
            self.claim(n, f"an item of '{key}'", with_kind) for n in self.items(m, key, required)
        )
        return tuple(c for c in found if c is not None)

    def differ(self, m: Mapping) -> tuple[Disagreement, ...]:
        out = []
        for node in self.items(m, "differ"):
            d = self.mapping(node, "a disagreement", ("topic", "accounts"), ("note",))
            if d is None:
                continue
            topic, note = self.text(d, "topic"), self.text(d, "note") or ""
            accounts = self.claims(d, "accounts", required=True)
            if len(self.items(d, "accounts")) == 1:
                self.error(
                    d.line,
                    "a disagreement needs at least two accounts",
                    "add the other side, cited",
                )
            if topic:
                out.append(Disagreement(topic, note, accounts, self.where(d)))
        return tuple(out)

    def acknowledged(self, m: Mapping) -> tuple[Acknowledgement, ...]:
        out = []
        for node in self.items(m, "acknowledged"):
            a = self.mapping(
                node,
                "an acknowledgement",
                ("check", "reason"),
                ("subject",),
                {"check": EDITORIAL_CHECKS},
            )
            if a is None:
                continue
            check, reason = self.choice(a, "check", EDITORIAL_CHECKS), self.text(a, "reason")
            if check and reason:
                subject = self.text(a, "subject") or ""
                out.append(Acknowledgement(check, subject, reason, self.where(a)))
        return tuple(out)

    def corrections(self, m: Mapping) -> tuple[Correction, ...]:
        """The item's corrections log: each dated to the day, saying what was wrong and what
        the page says now. When a correction may be dated is checked once every source is
        read (:func:`generator.editorial.corrections_in_time`)."""
        out = []
        for node in self.items(m, "corrections"):
            c = self.mapping(node, "a correction", ("date", "was", "now"))
            if c is None:
                continue
            date, was, now = self.date(c, "date"), self.text(c, "was"), self.text(c, "now")
            if date is not None and not date.exact:
                self.error(
                    c.items["date"].line,
                    f"a correction's 'date' is {date.label()}, not a day",
                    "give the day the correction was made, e.g. 2025-02-16",
                )
                continue
            if date and was and now:
                out.append(Correction(date, was, now, self.where(c)))
        return tuple(out)


@functools.cache
def _link_parser() -> MarkdownIt:
    """A parser that keeps every link, even one the pages' renderer would refuse."""
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _links(text: str) -> list[str]:
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


_NOT_IN_URLS = re.compile(r"[\s\\\"'<>]")


_Once = Spelling | Relation | Hidden | NotUsed


def once(r: Reader, first: _Once | None, node: Mapping, what: str) -> bool:
    """Report ``what`` at ``node`` if it was given before (``first``); True if it is new."""
    if first is None:
        return True
    r.error(node.line, f"{what} is given twice (first on line {first.where.line})", "remove one")
    return False


def is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.is_null
