"""`explainer new` makes a project that builds as it is, is ready to publish, and never writes
over a folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run

from generator import scaffold


def test_new_project_builds(tmp_path: Path) -> None:
    project = tmp_path / "newsroom"
    assert run("new", project) == 0
    assert run("build", "--project", project) == 0
    person = (project / "site" / "people" / "dana-example" / "index.html").read_text()
    assert "Dana Example" in person
    assert 'href="/sources/example-gazette/#q-' in person
    # and checks clean, without a warning to start from
    assert run("check", "--project", project, "--strict") == 0


def test_new_refuses_a_non_empty_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    assert run("new", tmp_path) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_new_never_replaces_a_file_that_appears_meanwhile(tmp_path: Path, monkeypatch) -> None:
    project = tmp_path / "newsroom"
    readme = project / "README.md"
    made = scaffold._publishing

    def and_one_appears(name: str) -> dict[str, str]:
        project.mkdir(exist_ok=True)
        readme.write_text("theirs")  # another program, between the look and the writes
        return made(name)

    monkeypatch.setattr(scaffold, "_publishing", and_one_appears)
    assert run("new", project) == 2
    assert readme.read_text() == "theirs"


def test_git_keeps_the_sources_and_ignores_what_the_build_makes(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed here")
    project = tmp_path / "newsroom"
    assert run("new", project, "-q") == 0
    assert run("build", "--project", project, "-q") == 0
    for leftover in (".site.new-abc123", ".site.old-abc123", ".venv", "content/__pycache__"):
        (project / leftover).mkdir()
        (project / leftover / "x").write_text("x")
    subprocess.run([git, "init", "-q"], cwd=project, check=True)
    listed = subprocess.run(
        [git, "ls-files", "--others", "--exclude-standard"],
        cwd=project,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert sorted(listed) == [
        ".explainer/schemas/events.schema.json",
        ".explainer/schemas/person.schema.json",
        ".explainer/schemas/site.schema.json",
        ".explainer/schemas/source.schema.json",
        ".github/workflows/pages.yml",
        ".gitignore",
        ".vscode/settings.json",
        "README.md",
        "content/events/2024.yaml",
        "content/people/dana-example.yaml",
        "content/site.yaml",
        "content/sources/example-gazette.yaml",
        "requirements.txt",
        "seeds/example-article.txt",
    ]


def _actionlint() -> str | None:
    """actionlint beside this Python (the CI installs it into the venv), or on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if os.access(beside, os.X_OK) else shutil.which("actionlint")


def test_the_pages_workflow_passes_actionlint(tmp_path: Path) -> None:
    actionlint = _actionlint()
    if actionlint is None:
        pytest.skip("actionlint is not installed here (bash .ci/tools installs it)")
    project = tmp_path / "newsroom"
    assert run("new", project, "-q") == 0
    workflow = project / ".github" / "workflows" / "pages.yml"
    found = subprocess.run(
        [actionlint, "-no-color", "-oneline", str(workflow)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, found.stdout + found.stderr
    text = workflow.read_text()
    for step in (
        "actions/checkout@v5",
        "actions/setup-python@v6",
        "pip install -r requirements.txt",
        "explainer check --strict",
        "actions/configure-pages@v6",
        "explainer build --out site --base-url",
        "actions/upload-pages-artifact@v4",
        "actions/deploy-pages@v5",
    ):
        assert step in text


def test_the_workflow_refuses_the_placeholder_the_requirements_carry(tmp_path: Path) -> None:
    project = tmp_path / "newsroom"
    assert run("new", project, "-q") == 0
    requirement = (project / "requirements.txt").read_text().splitlines()[-1]
    assert requirement.startswith("hostage-explainer @ git+https://github.com/YOUR-ORG/")
    assert (
        'grep -q "git+https://github.com/YOUR-ORG/" requirements.txt'
        in (project / ".github" / "workflows" / "pages.yml").read_text()
    )


def test_the_site_file_explains_base_url_and_builds_with_it(tmp_path: Path) -> None:
    project = tmp_path / "newsroom"
    assert run("new", project, "-q") == 0
    site = project / "content" / "site.yaml"
    text = site.read_text()
    assert "# base_url: https://example.org/explainer/\n" in text
    site.write_text(text.replace("# base_url:", "base_url:"))
    assert run("build", "--project", project, "-q") == 0
    assert "https://example.org/explainer/people/" in (project / "site" / "sitemap.xml").read_text()
