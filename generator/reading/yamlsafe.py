"""Read one YAML file into a small tree of nodes that remember their lines.

The tree is built from the parser's event stream rather than from PyYAML's
composer: the event stream is flat, so a file nested ten thousand levels deep is
refused at the limit instead of crashing the C composer, and anchors, aliases
and tags are refused where they appear instead of being expanded. Only what a
hand-written case file needs is accepted: mappings with plain keys, lists, and
scalars kept as the text the editor typed.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Diagnostic, utf8_fault

# libyaml's C parser is several times faster; fall back where it is missing.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 5 * 1024 * 1024
"""Case files and seeds larger than this are refused."""
MAX_DEPTH = 32
"""Deeper nesting than this is refused; case files need four or five levels."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar as typed: its text, and whether it was quoted."""

    value: str
    line: int
    quoted: bool = False

    @property
    def is_null(self) -> bool:
        return not self.quoted and self.value in _NULLS

    def as_bool(self) -> bool | None:
        """Return the boolean this scalar spells, or None if it spells none."""
        if self.quoted:
            return None
        if self.value in _TRUE:
            return True
        if self.value in _FALSE:
            return False
        return None


@dataclass(slots=True)
class Mapping:
    """A mapping with string keys, in file order."""

    line: int
    items: dict[str, Node] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Sequence:
    """A list."""

    line: int
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str) -> None:
        self.line, self.message, self.hint = line, message, hint


def read_text(path: str | Path, rel: str, diagnostics: list[Diagnostic]) -> str | None:
    """Return a file's text (UTF-8, BOM dropped, newlines normalised) or None after a diagnostic."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            # Opening a named pipe would wait for a writer for ever.
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            diagnostics.append(Diagnostic(rel, 0, f"this is {what}", "put a file here"))
            return None
        size = st.st_size
        if size > MAX_BYTES:
            diagnostics.append(
                Diagnostic(
                    rel,
                    0,
                    f"file is {size:,} bytes, over the limit of {MAX_BYTES:,}",
                    "split it, or trim what is not needed",
                )
            )
            return None
        with open(path, "rb") as file:  # what Path.read_bytes does, for a str too
            data = file.read()
    except OSError as exc:
        diagnostics.append(
            Diagnostic(
                rel, 0, f"cannot read file: {exc.strerror}", "check that the file is readable"
            )
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, where = utf8_fault(exc)
        message = f"file is not UTF-8 ({where})"
        diagnostics.append(Diagnostic(rel, line, message, "save the file as UTF-8"))
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, rel: str, diagnostics: list[Diagnostic]) -> Node | None:
    """Parse YAML text into a node tree, or return None after adding a diagnostic."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        diagnostics.append(Diagnostic(rel, 0, "file is empty", "add content, or delete the file"))
        return None
    try:
        root = _build(text)
        if root is None:  # no document at all: only byte order marks, or the like
            diagnostics.append(
                Diagnostic(rel, 0, "file is empty", "add content, or delete the file")
            )
        return root
    except _Refused as exc:
        diagnostics.append(Diagnostic(rel, exc.line, exc.message, exc.hint))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if "nesting" in problem or "depth" in problem:  # a parser's own limit, met first
            line = mark.line + 1 if mark else 0
            diagnostics.append(Diagnostic(rel, line, _DEPTH_MESSAGE, _DEPTH_HINT))
            return None
        hint = "check the indentation and the quotes on this line and the one before"
        if exc.context and "quoted scalar" in exc.context and "escape" in problem:
            hint = (
                "write the character itself; in double quotes a backslash starts an escape"
                " (\\\\ for a backslash itself)"
            )
        elif exc.context and "quoted scalar" in exc.context and exc.context_mark:
            mark, problem = exc.context_mark, "a quoted string is not closed"
            hint = (
                "close the quote; a quote inside the string must be doubled ('') or escaped (\\\")"
            )
        line = mark.line + 1 if mark else 0
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            hint = "indent with spaces; YAML does not allow tabs"
        runaway = _runaway_quote(text, line)
        if runaway:
            problem = f"a quoted string starts here and runs on to line {line}"
            line, hint = runaway, "close the quote on this line; is its closing quote missing?"
        diagnostics.append(Diagnostic(rel, line, f"invalid YAML: {problem}", hint))
    except yaml.reader.ReaderError as exc:
        # The position counts characters of the text (or bytes, from libyaml): near enough.
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        diagnostics.append(
            Diagnostic(
                rel,
                line,
                f"invalid YAML: control character U+{code:04X} is not allowed",
                "remove the control character (it may be invisible in your editor)",
            )
        )
    except yaml.YAMLError as exc:
        diagnostics.append(
            Diagnostic(rel, 0, f"invalid YAML: {exc}", "check the file's quotes and indentation")
        )
    return None


def _runaway_quote(text: str, error_line: int) -> int:
    """Return the line where a quoted string that ends on ``error_line`` began, or 0.

    An unclosed quote swallows the lines after it until the next quote mark, so
    the parser only stumbles lines later; the line to fix is where the string began.
    """
    start = 0
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line + 1 > error_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line
                and token.end_mark.line + 1 == error_line
            ):
                start = token.start_mark.line + 1
    except yaml.YAMLError:
        pass
    return start


def load(path: str | Path, rel: str, diagnostics: list[Diagnostic]) -> Node | None:
    """Read and parse one YAML file."""
    text = read_text(path, rel, diagnostics)
    return None if text is None else parse(text, rel, diagnostics)


def _build(text: str) -> Node | None:
    """Build the node tree from the parser's events, refusing what case files must not hold.

    The walk runs once per event, some three hundred thousand times for a large
    project, so it dispatches on the event's exact class, keeps the open
    collection and its pending key in local variables, and asks the loader for
    events directly instead of through the ``yaml.parse`` generator. Each event
    is dealt with before the next is parsed, so a refusal is reported before any
    syntax error further down, as the events come. (Composing in C and
    converting its nodes measured within a few hundredths of a second of this
    on four thousand files, before the checks it would need, so there is no
    second path to keep in step with this one.)
    """
    try:
        return _walk(text, _Loader)
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:
            raise
        # A parser may refuse deep nesting itself, before the walk reaches our
        # limit: libyaml looks ahead through a flow collection (``[[[[...``) and
        # PyYAML 6.0.4's C scanner stops at a depth of 1000 with a message of
        # its own. The pure-Python parser reads the same events one at a time,
        # so on any error it is asked again: a refusal of ours that comes first
        # (too deep, an anchor, a tag) is the one reported, with its line and
        # hint, whatever the C parser's version. Only a broken file pays for this.
        with contextlib.suppress(yaml.YAMLError):  # the C parser's message is kept
            _walk(text, yaml.SafeLoader)
        raise


def _walk(text: str, loader_class: type) -> Node | None:
    loader = loader_class(text)
    try:
        return _walk_events(loader.get_event)
    finally:
        loader.dispose()


def _walk_events(next_event: Callable[[], Any]) -> Node | None:
    """Return the tree the events from ``next_event`` describe; raise _Refused at the first fault.

    The open collections are kept on a stack of (list items, mapping) pairs; a
    mapping's key is kept as its text and line only, since no node is made of it.
    """
    root: Node | None = None
    seq: list[Node] | None = None  # the items of the innermost open collection, if a list
    m: Mapping | None = None  # else the innermost open mapping, or None at the top
    key: str | None = None  # the key read in ``m``, waiting for its value
    key_line = 0
    stack: list[tuple[list[Node] | None, Mapping | None]] = []  # the collections around
    documents = 0
    while (event := next_event()) is not None:
        kind = type(event)
        if kind is _ScalarEvent or kind is _MappingStart or kind is _SequenceStart:
            line = event.start_mark.line + 1
            if event.anchor:
                raise _Refused(line, _ANCHOR_MESSAGE, _ANCHOR_HINT)
            tag = event.tag
            node: Node
            if kind is _ScalarEvent:
                if tag and tag != "!" and not (event.implicit[0] or event.implicit[1]):
                    raise _Refused(line, _tag_message(tag), "remove the tag")
                if key is None and seq is None and m is not None:  # a key: kept as text
                    key, key_line = event.value, line
                    if key in m.items:
                        first = m.key_lines[key]
                        message = f"duplicate key '{key}' (first on line {first})"
                        raise _Refused(line, message, "remove one of the two")
                    continue
                style = event.style
                node = Scalar(event.value, line, style == '"' or style == "'")
            else:
                if tag and tag != "!" and not event.implicit:
                    raise _Refused(line, _tag_message(tag), "remove the tag")
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(line, _DEPTH_MESSAGE, _DEPTH_HINT)
                node = Mapping(line) if kind is _MappingStart else Sequence(line)
            if seq is not None:
                seq.append(node)
            elif m is None:
                root = node
            elif key is None:
                raise _Refused(line, "a mapping key must be plain text", "write `key: value`")
            else:
                m.items[key] = node
                m.key_lines[key] = key_line
                key = None
            if type(node) is Mapping:
                stack.append((seq, m))
                seq, m = None, node
            elif type(node) is Sequence:
                stack.append((seq, m))
                seq = node.items
        elif kind is _MappingEnd or kind is _SequenceEnd:
            seq, m = stack.pop()  # the key it was the value of is used: none waits
        elif kind is yaml.AliasEvent:
            raise _Refused(event.start_mark.line + 1, _ANCHOR_MESSAGE, _ANCHOR_HINT)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                line = event.start_mark.line + 1
                raise _Refused(
                    line, "a file may hold one YAML document only", "remove the '---' line"
                )
    return root


_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_MappingEnd = yaml.MappingEndEvent
_SequenceEnd = yaml.SequenceEndEvent
_ANCHOR_MESSAGE = "anchors and aliases (&name, *name) are not allowed"
_ANCHOR_HINT = "write the value out"
_DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels"
_DEPTH_HINT = "flatten the structure"


def _tag_message(tag: str) -> str:
    return f"YAML tags such as '{tag}' are not allowed"
