"""What the commands write for a machine to read, and counts in words for people.

``explainer check --format json`` and ``--format github`` give the same
diagnostics as the text report, for an editor's plugin or a CI run to place at
their lines; the escaping here is what keeps a file name or a message from
breaking the JSON or the workflow command it travels in.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from generator.errors import Diagnostic, escaped, printable


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


def count(n: int, one: str, many: str = "") -> str:
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


def write_report(fmt: str, diagnostics: list[Diagnostic], project: Path) -> None:
    """Write the diagnostics, in order, on stdout as JSON (``fmt`` 'json') or annotations."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    out = json_report(ordered) if fmt == "json" else github_annotations(ordered, project)
    sys.stdout.write(out)
