"""A copy of the real project with quotes broken by one letter, for the benchmark.

A failing quote costs more than a passing one: the check looks for the passage
most like it, to show the writer. ``run.py`` times ``explainer check`` on the
real content clean and on a copy made here, side by side, so that a slow search
shows up as a ratio on the same machine in the same run.

Usage: python benchmarks/broken_quotes.py OUT [COUNT]  (writes the broken copy to OUT)
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUOTE = re.compile(r'^(\s*quote: ")(.*)("\s*)$')
ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
"""An escape of a YAML double-quoted string, whose letters are no letters of the quote."""


def copy_real(dest: Path) -> Path:
    """Copy the real project's inputs (content/, seeds/, templates/) to ``dest``."""
    for name in ("content", "seeds", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    return dest


def one_letter_changed(quote: str) -> str:
    """``quote`` with the lower-case letter nearest its middle changed: the typo a writer makes."""
    escaped = {i for m in ESCAPE.finditer(quote) for i in range(m.start(), m.end())}
    letters = [i for i, c in enumerate(quote) if "a" <= c <= "z" and i not in escaped]
    if not letters:
        return quote
    at = min(letters, key=lambda i: abs(i - len(quote) // 2))
    return quote[:at] + ("a" if quote[at] != "a" else "e") + quote[at + 1 :]


def break_quotes(project: Path, count: int = 10) -> list[tuple[str, int]]:
    """Change one letter in ``count`` quotes of content/people/*.yaml, the first of each file
    in turn, then the second of each, and so on; return where each broken quote stands."""
    files = sorted((project / "content" / "people").glob("*.yaml"))
    lines = {path: path.read_text(encoding="utf-8").splitlines(keepends=True) for path in files}
    quoted = {
        path: [i for i, line in enumerate(lines[path]) if QUOTE.match(line)] for path in files
    }
    broken: list[tuple[str, int]] = []
    rank = 0
    while len(broken) < count and any(rank < len(at) for at in quoted.values()):
        for path in files:
            if len(broken) < count and rank < len(quoted[path]):
                i = quoted[path][rank]
                match = QUOTE.match(lines[path][i])
                assert match is not None
                head, quote, tail = match.groups()
                lines[path][i] = head + one_letter_changed(quote) + tail
                broken.append((path.relative_to(project).as_posix(), i + 1))
        rank += 1
    for path in files:
        path.write_text("".join(lines[path]), encoding="utf-8")
    return broken


def main(argv: list[str]) -> int:
    out = copy_real(Path(argv[0]))
    for path, line in break_quotes(out, int(argv[1]) if len(argv) > 1 else 10):
        print(f"{path}:{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
