"""A newcomer's path, end to end through the command line: new, import, cite, a person, check.

Issue 20's measure of "from article to citation in a minute": a saved news page
becomes a seed and a source, two passages are cited with `explainer cite`
(pasted as printed), a person is added, and `explainer check --strict` passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import TESTS, run

pytest.importorskip("trafilatura")
PAGE = TESTS / "import_pages" / "northbridge-courier.html"
SOURCE = "northbridge-courier-2024-05-02"


def _cite(project: Path, words: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What `explainer cite` prints for ``words``: YAML to paste under `cite:`."""
    capsys.readouterr()
    assert run("cite", SOURCE, words, "--project", project) == 0
    printed = capsys.readouterr().out
    (entry,) = yaml.safe_load(printed)
    assert entry["source"] == SOURCE
    return printed


def test_import_cite_add_a_person_and_check_strict(tmp_path: Path, capsys) -> None:
    project = tmp_path / "explainer"
    assert run("new", project) == 0
    assert run("import", PAGE, "--project", project) == 0
    # Straight quotes and any case of spacing: cite snaps to the words as the seed has them.
    taken = _cite(project, "was taken from his fields on April 12, 2024", capsys)
    sister = _cite(project, "His sister, Ilse Example, said the family had last heard", capsys)
    indented = "".join("    " + line + "\n" for line in (taken + sister).splitlines())
    (project / "content/people/tomas-example.yaml").write_text(
        "name: Tomas Example\n"
        "role: hostage\n"
        "summary:\n"
        '  - text: "The Northbridge Courier reported that his family said he was taken from'
        " his fields on 12 April 2024, and that his sister had last heard from him that"
        ' morning."\n'
        "    cite:\n" + indented,
        encoding="utf-8",
    )
    # What the import left to the editor: the day the page was saved, an archive copy, and
    # the sentences this explainer does not use (the coverage ledger asks for each).
    source = project / f"content/sources/{SOURCE}.yaml"
    source.write_text(
        source.read_text("utf-8")
        + 'retrieved: "2024-05-02"\n'
        + 'archived: "https://archive.example.org/2024/https://www.northbridgecourier.example/"\n'
        + "not_used:\n"
        + "".join(
            f'  - text: "{text}"\n    reason: "Not about what this explainer covers."\n'
            for text in (
                "We have waited three weeks for any word at all",
                "Every day without news is harder than the one before.",
                "Police in Northbridge said they were treating the case as an abduction",
                "Neighbours described Tomas Example as a quiet man",
                "The regional council has offered the family support",
            )
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    code = run("check", "--strict", "--project", project)
    assert code == 0, capsys.readouterr().err
    assert run("build", "--project", project, "-q", "--no-search") == 0
    page = (project / "site/people/tomas-example/index.html").read_text("utf-8")
    assert "was taken from his fields on April 12, 2024" in page
