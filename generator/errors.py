"""Errors as values: a diagnostic names a file, a line, what is wrong and what to do.

Every stage appends diagnostics to a list and keeps going, so a user sees all the
problems of a build at once; the build raises one :class:`ContentError` at the end
of a stage that found any.
"""

from __future__ import annotations

import difflib
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
        """Return the compiler-style text of this diagnostic."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {prefix}{self.message}"
        if self.hint:
            text += "\n" + "\n".join("    " + line for line in self.hint.splitlines())
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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return " (did you mean 'x'?)" for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
