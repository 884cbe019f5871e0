"""The documentation stays true: its links lead somewhere, and every flag it shows is real.

The README and ``docs/*.md`` are read as GitHub renders them: a relative link must
name a file of the repository and, with an ``#anchor`` into a markdown file, one of
its headings; every ``--flag`` shown with an ``explainer`` command must be one that
the command's parser accepts.
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^\s*(```|~~~)\s*([\w+-]*)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_NEW_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s|^\s*\|")
_SHELL = {"", "sh", "bash", "shell", "console"}


def _rel(path: Path, root: Path = ROOT) -> str:
    return path.relative_to(root).as_posix()


# --- reading markdown ------------------------------------------------------------------


@dataclass
class Block:
    """A paragraph, a list item or a table row (``code=False``), or a line of a shell block."""

    text: str
    line: int
    code: bool = False


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


def sections(text: str) -> list[Section]:
    """Split markdown into sections (by heading) of blocks; fenced shell lines are blocks of
    their own, other fenced blocks (YAML, nginx) are left out."""
    found = [Section("")]
    current: list[str] = []
    start = 0
    fence: tuple[str, str] | None = None

    def close() -> None:
        if current:
            found[-1].blocks.append(Block("\n".join(current), start))
            current.clear()

    for number, line in enumerate(text.splitlines(), 1):
        if fence is not None:
            if line.strip().startswith(fence[0]):
                fence = None
            elif fence[1] in _SHELL and line.strip():
                found[-1].blocks.append(Block(line, number, code=True))
            continue
        if opened := _FENCE.match(line):
            close()
            fence = (opened.group(1), opened.group(2).lower())
            continue
        if heading := _HEADING.match(line):
            close()
            found.append(Section(heading.group(2)))
            continue
        if not line.strip() or _NEW_ITEM.match(line):
            close()
        if line.strip():
            if not current:
                start = number
            current.append(line)
    close()
    return found


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for section in sections(path.read_text(encoding="utf-8"))[1:]:
        base = slug(section.heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def links(path: Path) -> Iterator[tuple[int, str]]:
    """Every link target of a markdown file outside code, with its line."""
    for section in sections(path.read_text(encoding="utf-8")):
        for block in section.blocks:
            if block.code:
                continue
            prose = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), block.text)
            for match in _LINK.finditer(prose):
                yield block.line + prose.count("\n", 0, match.start()), match.group(1)


def broken_links(path: Path, root: Path = ROOT) -> list[str]:
    problems = []
    for line, target in links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto:
            continue
        where, _, anchor = target.partition("#")
        file = (path.parent / where).resolve() if where else path
        if not file.exists():
            problems.append(f"{_rel(path, root)}:{line}: {target}: no file {where}")
        elif not file.is_relative_to(root):
            problems.append(f"{_rel(path, root)}:{line}: {target}: outside the repository")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            problems.append(f"{_rel(path, root)}:{line}: {target}: no heading #{anchor} in {where}")
    return problems


# --- flags -----------------------------------------------------------------------------

_COMMAND = re.compile(r"(?:^|[\s/])(?:explainer|-m\s+generator)\s+([a-z]+)\b")
_FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")
_PROGRAMS = {"python", "python3", "pip", "pip3", "aws", "bash", "java", "jing", "npx", "node"}
OTHER = "(another program)"
ANY = "(any command)"


@dataclass(frozen=True)
class Shown:
    """A flag as the documentation shows it, with the command it is given to."""

    where: str
    command: str
    flag: str


def _items(block: Block) -> Iterator[tuple[str | None, list[str]]]:
    """(command, flags) of each command or flag a block shows in code, in order.

    The command is an ``explainer`` subcommand, OTHER for another program (whose
    flags are not ours), or None for flags shown alone (``--strict``).
    """
    codes = [block.text] if block.code else [m.group(2) for m in _CODE_SPAN.finditer(block.text)]
    for code in codes:
        code = " ".join(code.split())
        for segment in re.split(r"&&|\|\||;", code):
            segment = segment.strip()
            if not segment:
                continue
            if match := _COMMAND.search(segment):
                yield match.group(1), _FLAG.findall(segment[match.end() :])
                continue
            first = segment.split()[0]
            program = first.rsplit("/", 1)[-1]
            if program in _PROGRAMS or program.endswith(".py"):
                yield OTHER, []
            elif _FLAG.match(first):
                yield None, _FLAG.findall(segment)


def shown_flags(path: Path, root: Path = ROOT) -> Iterator[Shown]:
    """Every flag shown in ``path``, with the command it belongs to.

    A flag shown with its command (``explainer build --strict``, a line of a shell
    block, a row of the commands table) belongs to that command. A flag shown alone
    belongs to the command last shown before it in the same paragraph, list item or
    table row; failing that, to the first command the section shows (its subject:
    ``explainer serve`` in the section about the preview); failing that, to any.
    """
    for section in sections(path.read_text(encoding="utf-8")):
        subject = next((c for b in section.blocks for c, _ in _items(b) if c is not None), None)
        for block in section.blocks:
            last: str | None = None
            for command, flags in _items(block):
                if command is not None:
                    last = command
                owner = command or last or subject or ANY
                if owner == OTHER:
                    continue
                for flag in flags:
                    yield Shown(f"{_rel(path, root)}:{block.line}", owner, flag)


def _options() -> dict[str, set[str]]:
    """Each command's option strings, from the parser that ``explainer`` runs."""
    parser = _parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {
        name: {s for action in command._actions for s in action.option_strings}
        for name, command in sub.choices.items()
    }


def refused(shown: list[Shown]) -> list[str]:
    options = _options()
    problems = []
    for s in shown:
        if s.command == ANY:
            ok = any(s.flag in opts for opts in options.values())
        else:
            ok = s.flag in options.get(s.command, set())
        if not ok:
            problems.append(f"{s.where}: explainer {s.command} does not accept {s.flag}")
    return problems


# --- tests -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", DOCS, ids=_rel)
def test_relative_links_resolve(path: Path) -> None:
    assert broken_links(path) == []


def test_link_check_sees_broken_links(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\n## Sources differ\n\nSee [a](#sources-differ), [b](#nowhere),\n"
        "[c](missing.md), [d](page.md#title), `[e](ignored.md)` and <https://example.org/>.\n",
        encoding="utf-8",
    )
    problems = [p.split(": ", 1)[1] for p in broken_links(page, tmp_path)]
    assert problems == ["#nowhere: no heading #nowhere in ", "missing.md: no file missing.md"]


def test_every_doc_is_reachable_from_the_readme() -> None:
    linked = {
        (ROOT / target.partition("#")[0]).resolve()
        for _, target in links(ROOT / "README.md")
        if target.startswith("docs/")
    }
    assert [_rel(p) for p in DOCS[1:] if p.resolve() not in linked] == []


def test_documented_flags_are_accepted() -> None:
    shown = [s for path in DOCS for s in shown_flags(path)]
    assert refused(shown) == []
    # Not a vacuous pass: the commands table alone shows every command's flags.
    commands = {s.command for s in shown}
    assert {"build", "check", "serve", "verify"} <= commands
    assert len({(s.command, s.flag) for s in shown}) >= 20


def test_flag_check_finds_a_flag_the_command_refuses(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "## The preview\n\n`explainer serve` builds the site in memory.\n\n"
        "- **Drafts**: left out of `explainer build` unless `--drafts` is given.\n"
        "- **Warnings later**: under `--strict` every check runs on each save.\n\n"
        "```sh\nexplainer check --format json && pip install -e .\n```\n\n"
        "## Benchmarks\n\n`run.py --sizes 255` and `--runs 5`.\n",
        encoding="utf-8",
    )
    shown = list(shown_flags(page, tmp_path))
    assert [(s.command, s.flag) for s in shown] == [
        ("build", "--drafts"),
        ("serve", "--strict"),
        ("check", "--format"),
    ]
    assert refused(shown) == ["page.md:6: explainer serve does not accept --strict"]


def test_quick_start_commands_are_the_two_documented() -> None:
    """The first command builds with the runtime dependencies alone; the second is the test
    command that CI runs (``.ci/run``)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = next(s for s in sections(readme) if s.heading.startswith("Quick start"))
    commands = [b.text for b in quick.blocks if b.code]
    build = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/explainer build"
    test = (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    )
    assert commands == [build, test]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    steps = [shlex.split(line) for line in ci if line and not line.startswith("#")]
    assert ["python3", "-m", "venv", ".venv"] in steps
    assert any(
        s[:3] == [".venv/bin/python", "-m", "pip"] and s[-2:] == ["-e", ".[test]"] for s in steps
    )
    assert any(s[:3] == [".venv/bin/python", "-m", "pytest"] for s in steps)
