"""Errors as values: a diagnostic names a file, a line, what is wrong and what to do.

Every stage appends diagnostics to a list and keeps going, so a user sees all the
problems of a build at once; the build raises one :class:`ContentError` at the end
of a stage that found any.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.pickled import by_fields

Severity = Literal["error", "warning"]


@by_fields
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the project's inputs."""

    path: str
    """Path of the file, relative to the project folder, with forward slashes."""
    line: int
    """1-based line in that file; 0 when the problem concerns the whole file."""
    message: str
    """What is wrong, in one sentence."""
    hint: str = ""
    """What to do about it; may span several lines."""
    severity: Severity = "error"

    def format(self) -> str:
        """Return the compiler-style text of this diagnostic, safe to print to a terminal."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{printable(where)}: {prefix}{printable(self.message)}"
        if self.hint:
            hint = printable(self.hint, keep_newlines=True)
            text += "\n" + "\n".join("    " + line for line in hint.splitlines())
        return text

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.message)


class ContentError(Exception):
    """The project's inputs have problems; carries every diagnostic found."""

    exit_code = 1
    outcome = "nothing was written"

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__(f"{len(self.diagnostics)} problem(s) in the content")

    def report(self) -> str:
        """Return every diagnostic, one per paragraph, and a count."""
        lines = [d.format() for d in self.diagnostics]
        errors = sum(d.severity == "error" for d in self.diagnostics)
        warnings = len(self.diagnostics) - errors
        if errors:
            count = f"{errors} problem{'s' if errors != 1 else ''} found"
            if warnings:
                count += f" and {warnings} warning{'s' if warnings != 1 else ''}"
        else:  # only under --strict
            count = f"{warnings} warning{'s' if warnings != 1 else ''} with --strict"
        lines.append(f"error: {count}; {self.outcome}")
        return "\n".join(lines)


class OutputError(ContentError):
    """A built site has problems (``explainer verify``); carries every diagnostic found."""

    outcome = "the site is not fit to deploy"


class UsageError(Exception):
    """The command line asks for something the tool will not do."""

    exit_code = 2


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNPRINTABLE_BUT_NEWLINE = re.compile(
    r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
LONGEST_MESSAGE = 2000
"""Characters of a message shown in full; the middle of a longer one is left out."""


def utf8_fault(exc: UnicodeDecodeError) -> tuple[int, str]:
    """Where bytes stop being UTF-8: the line, and 'byte 0xff at offset 3' (for case
    files, seeds, templates and built pages alike)."""
    data = exc.object
    line = data[: exc.start].count(b"\n") + 1
    return line, f"byte 0x{data[exc.start]:02x} at offset {exc.start}"


def escaped(match: re.Match[str]) -> str:
    """A matched character as Python would escape it ('\\x1b', '\\udcff')."""
    return ascii(match.group())[1:-1]


def printable(text: str, keep_newlines: bool = False) -> str:
    """Return ``text`` as a terminal shows it harmlessly: control characters, direction
    overrides and lone surrogates as escapes (a name from the content could otherwise
    recolour or rewrite the terminal), and a very long text shortened in the middle.
    ``keep_newlines`` leaves line breaks (``\\n``, ``\\r``) for the caller to lay out."""
    pattern = _UNPRINTABLE_BUT_NEWLINE if keep_newlines else _UNPRINTABLE
    text = pattern.sub(escaped, text)
    if len(text) > LONGEST_MESSAGE:
        half = LONGEST_MESSAGE // 2
        text = f"{text[:half]} […{len(text) - 2 * half:,} characters…] {text[-half:]}"
    return text


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
