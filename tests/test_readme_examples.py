"""The README's example files build: "Start your own explainer" stays true.

Each example is a fenced block whose paragraph before it ends by naming the file it
belongs to (``... in `content/people/tomas-example.yaml`:``). The blocks are written
into a project, alone and added to one made by ``explainer new``, and the project is
checked with ``--strict`` and built through the command line, as a user would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

_LABELLED = re.compile(
    r"`(?P<path>[\w./-]+)`:\n\n(?P<fence>```+)[\w-]*\n(?P<body>.*?)\n(?P=fence)\n", re.DOTALL
)


def examples(text: str) -> dict[str, str]:
    """The README's example files: path -> text, from each block labelled with its path."""
    found: dict[str, str] = {}
    for match in _LABELLED.finditer(text):
        path = PurePosixPath(match.group("path"))
        assert not path.is_absolute() and ".." not in path.parts, path
        assert str(path) not in found, f"two examples of {path}"
        found[str(path)] = match.group("body") + "\n"
    return found


def explainer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _write(files: dict[str, str], project: Path) -> None:
    for rel, text in files.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    found = examples(README.read_text(encoding="utf-8"))
    kinds = {
        "seed": [p for p in found if p.startswith("seeds/")],
        "source": [p for p in found if p.startswith("content/sources/")],
        "person": [p for p in found if p.startswith("content/people/")],
        "events": [p for p in found if p.startswith("content/events/")],
        "site": [p for p in found if p == "content/site.yaml"],
    }
    assert all(len(paths) == 1 for paths in kinds.values()), kinds
    return found


def _person(files: dict[str, str]) -> str:
    (path,) = [p for p in files if p.startswith("content/people/")]
    return PurePosixPath(path).stem


@pytest.mark.parametrize("start", ["empty", "new"])
def test_readme_example_checks_strict_and_builds(
    files: dict[str, str], start: str, tmp_path: Path
) -> None:
    project = tmp_path / "my-explainer"
    if start == "new":  # the README's path: explainer new, then add your own files
        done = explainer("new", str(project), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    else:
        project.mkdir()
    _write(files, project)

    checked = explainer("check", "--strict", cwd=project)
    assert checked.returncode == 0, checked.stderr
    assert "warning" not in checked.stderr.lower(), checked.stderr

    built = explainer("build", cwd=project)
    assert built.returncode == 0, built.stderr
    page = project / "site" / "people" / _person(files) / "index.html"
    assert page.is_file()
    (person,) = [text for rel, text in files.items() if rel.startswith("content/people/")]
    name = yaml.safe_load(person)["name"]
    assert f"<h1>{name}</h1>" in page.read_text(encoding="utf-8")


def test_examples_are_found_exactly() -> None:
    text = (
        "The seed, in `seeds/a.txt`:\n\n```text\nA line.\n```\n\n"
        "Not labelled:\n\n```yaml\nx: 1\n```\n\n"
        "A person, in\n`content/people/a.yaml`:\n\n```yaml\nname: A\nrole: other\n```\n"
    )
    assert examples(text) == {
        "seeds/a.txt": "A line.\n",
        "content/people/a.yaml": "name: A\nrole: other\n",
    }
