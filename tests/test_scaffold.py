"""`explainer new` makes a project that builds as it is, and never writes over a folder."""

from __future__ import annotations

from pathlib import Path

from conftest import run


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
