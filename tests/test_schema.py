"""The case files' JSON Schemas: every real and fixture file passes, a broken one does not."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import FIXTURE, REPO, run

from generator.schema import GLOBS, KINDS, schema


def _files(root: Path) -> list[tuple[str, Path]]:
    return [(kind, path) for kind in KINDS for path in sorted(root.glob(GLOBS[kind]))]


@pytest.mark.parametrize("root", [REPO, FIXTURE], ids=["real", "fixture"])
def test_every_case_file_matches_its_schema(root: Path) -> None:
    validators = {kind: jsonschema.Draft202012Validator(schema(kind)) for kind in KINDS}
    files = _files(root)
    assert {kind for kind, _ in files} == set(KINDS)
    for kind, path in files:
        errors = list(validators[kind].iter_errors(yaml.safe_load(path.read_text("utf-8"))))
        assert not errors, (path, [e.message for e in errors])


@pytest.mark.parametrize(
    ("kind", "rel", "old", "new"),
    [
        ("person", "content/people/dana-example.yaml", "role: hostage", "role: hostag"),
        ("source", "content/sources/gazette.yaml", "basis: inferred", "basis: guessed"),
        ("events", "content/events/2023.yaml", "kind: abduction", "kind: kidnap"),
        ("site", "content/site.yaml", "title:", "titel:"),
    ],
)
def test_a_broken_file_fails_its_schema(kind: str, rel: str, old: str, new: str) -> None:
    text = (FIXTURE / rel).read_text("utf-8")
    assert old in text
    broken = yaml.safe_load(text.replace(old, new, 1))
    assert list(jsonschema.Draft202012Validator(schema(kind)).iter_errors(broken))


def test_new_writes_the_schemas_and_the_editor_settings(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert run("new", project) == 0
    settings = json.loads((project / ".vscode/settings.json").read_text("utf-8"))
    for path, glob in settings["yaml.schemas"].items():
        written = json.loads((project / path).read_text("utf-8"))
        jsonschema.Draft202012Validator.check_schema(written)
        for case_file in project.glob(glob):
            jsonschema.validate(yaml.safe_load(case_file.read_text("utf-8")), written)
    assert set(settings["yaml.schemas"].values()) == set(GLOBS.values())
