"""Shared fixtures: a tiny fixture project, a CLI runner, and a built copy of the real content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixture_site"


def run(*args: str | Path) -> int:
    """Run the command line in-process and return its exit code."""
    return main([str(a) for a in args])


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` (relative posix path -> bytes)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixture_site that a test may change."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A fresh copy of the real project's inputs (content/, seeds/, templates/)."""
    dest = tmp_path / "real"
    for name in ("content", "seeds", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per session."""
    out = tmp_path_factory.mktemp("real") / "site"
    assert run("build", "--project", REPO, "--out", out) == 0
    return out


@pytest.fixture(scope="session")
def fixture_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once per session."""
    out = tmp_path_factory.mktemp("fixture") / "site"
    assert run("build", "--project", FIXTURE, "--out", out) == 0
    return out
