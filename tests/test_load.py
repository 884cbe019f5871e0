"""Content errors in the fixture project: exit 1, and `path:line:` naming the right place."""

import os
from pathlib import Path

import pytest
from conftest import replace_text, run

from generator.reading import ProjectPaths, sentences
from generator.reading.paths import Folders as _Folders
from generator.reading.paths import stem as _stem

PERSON = "content/people/dana-example.yaml"
EVENTS = "content/events/2023.yaml"
SOURCE = "content/sources/herald.yaml"

CASES = [
    # (file, old text, new text, expected line, words the message must contain)
    (
        PERSON,
        "name: Dana Example",
        "nmae: Dana Example",
        1,
        ["unknown field 'nmae'", "did you mean 'name'"],
    ),
    # a missing field is reported on the line of the mapping's first key
    (PERSON, "  place: Examplefield\n", "", 9, ["'captivity' is missing the field 'place'"]),
    (PERSON, "role: hostage", "role: [hostage]", 2, ["'role' must be text, not a list"]),
    (
        PERSON,
        'abducted: "2023-10-07"',
        'abducted: "2025-02-30"',
        9,
        ["bad date in 'abducted'", "'2025-02-30' is not a real date"],
    ),
    (PERSON, "role: hostage", "role: hostge", 2, ["'role' is 'hostge'", "did you mean 'hostage'"]),
    # an unknown source is reported on the quote line of its citation
    (
        PERSON,
        "      - source: gazette\n",
        "      - source: gazete\n",
        6,  # the line of the id, not of the quote below it
        ["unknown source 'gazete'", "did you mean 'gazette'"],
    ),
    (
        PERSON,
        "person: lev-sample",
        "person: lev-sampel",
        15,
        ["unknown person 'lev-sampel'", "did you mean 'lev-sample'"],
    ),
    (
        EVENTS,
        "- id: lev-sample-appeal",
        "- id: dana-example-abducted",
        9,
        ["duplicate event id 'dana-example-abducted'", f"first at {EVENTS}:1"],
    ),
    (
        EVENTS,
        "people: [lev-sample, dana-example]",
        "people: [lev, dana-example]",
        13,  # the line of the id
        ["unknown person 'lev'"],
    ),
    (SOURCE, 'date: "2024-03"', 'date: "2024-3"', 5, ["bad date in 'date'"]),
    # a summary item of two sentences: the first would read as uncited
    (
        "content/people/lev-sample.yaml",
        "his sister's release.",
        "his sister's release. He lives in Example City.",
        4,
        ["a summary item of 2 sentences: the notes stand only after the last"],
    ),
    (
        SOURCE,
        "seed: herald.txt",
        "seed: herold.txt",
        1,
        ["no file 'herold.txt' in seeds/", "did you mean 'herald.txt'"],
    ),
    # a passage not used needs a reason, and is given once
    (
        SOURCE,
        '    reason: "The paper\'s name printed above the article; the outlet is given above."\n',
        "",
        9,
        ["an item of 'not_used' is missing the field 'reason'"],
    ),
    (
        SOURCE,
        'not_used:\n  - text: "Sample Herald"\n',
        'not_used:\n  - {text: "Sample Herald", reason: x}\n  - text: "Sample Herald"\n',
        10,
        ["the passage not used 'Sample Herald' is given twice (first on line 9)"],
    ),
]


@pytest.mark.parametrize(("rel", "old", "new", "line", "words"), CASES)
def test_content_error_names_file_and_line(fixture_site, capsys, rel, old, new, line, words):
    replace_text(fixture_site / rel, old, new)

    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    located = [ln for ln in err.splitlines() if ln.startswith(f"{rel}:{line}: ")]
    assert located, err
    for word in words:
        assert any(word in ln for ln in located) or word in err, (word, err)
    assert "nothing was written" in err


def test_every_error_is_listed_at_once(fixture_site, capsys):
    path = fixture_site / PERSON
    text = path.read_text(encoding="utf-8")
    text = text.replace("nmae", "x").replace("name: Dana Example", "nmae: Dana Example")
    text = text.replace('abducted: "2023-10-07"', 'abducted: "2025-02-30"')
    path.write_text(text, encoding="utf-8")
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert f"{PERSON}:1: unknown field 'nmae'" in err
    assert f"{PERSON}:9: bad date" in err
    assert f"{PERSON}:1: a person is missing the field 'name'" in err
    # the person's file is there: what names it is not told the id is unknown
    assert "unknown person" not in err
    assert err.count("content/") == 3, err


def test_fixture_checks_clean(fixture_site, capsys):
    assert run("check", "--project", fixture_site) == 0
    err = capsys.readouterr().err
    assert "checked 16 pages from 2 sources, 2 people, 3 events" in err
    assert "warning" not in err


def test_folders_agree_with_pathlib(tmp_path: Path) -> None:
    """What _Folders works out per folder is what resolving and cutting each path gives."""
    root = tmp_path / "project"
    (root / "content" / "people").mkdir(parents=True)
    (root / "seeds").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.yaml").write_text("a: 1\n")
    people = root / "content" / "people"
    (people / "a.yaml").write_text("a: 1\n")
    (people / "in-link.yaml").symlink_to("a.yaml")
    (people / "out-link.yaml").symlink_to(tmp_path / "outside" / "o.yaml")
    (root / "content" / "linked").symlink_to(people)
    (root / "content" / "away").symlink_to(tmp_path / "outside")
    paths = ProjectPaths.at(root)
    names = ["a.yaml", "in-link.yaml", "out-link.yaml", "missing.yaml", ".yaml", "b.c.yml"]
    folders = [people, root / "content" / "linked", root / "content" / "away", root, tmp_path]
    files = [os.path.join(f, n) for f in folders for n in names] + [str(root), "/", "x.yaml"]
    for top in (paths.root, paths.seeds, Path("/")):
        known = _Folders(paths)
        for _ in range(2):  # the second time from what the first worked out
            for file in files:
                assert known.rel(file) == paths.rel(Path(file)), file
                expected = Path(file).resolve().is_relative_to(top)
                assert known.inside(file, top) == expected, (file, top)


@pytest.mark.parametrize("name", ["a.yaml", "a.b.yml", ".yaml", "..yaml", "a.", "a", ".a.yaml"])
def test_stem_is_pathlibs(name: str) -> None:
    assert _stem(name) == Path(name).stem


def test_sentences_ignore_initials_and_abbreviations() -> None:
    assert sentences("He was taken on Oct. 7 by U.S. allies. Then he spoke.") == [
        "He was taken on Oct. 7 by U.S. allies.",
        "Then he spoke.",
    ]
    assert sentences("One sentence (c. 2025).") == ["One sentence (c. 2025)."]


@pytest.mark.parametrize(
    ("rel", "line", "field", "values"),
    [
        (PERSON, "role: hostage\n", "role", "hostage, relative, official, other"),
        ("content/sources/gazette.yaml", "  basis: inferred\n", "basis", "stated, dateline, url"),
    ],
)
def test_a_missing_choice_lists_the_allowed_values(fixture_site, capsys, rel, line, field, values):
    """A missing field that takes one of a list names the list, as a wrong value does."""
    path = fixture_site / rel
    text = path.read_text(encoding="utf-8")
    assert line in text
    path.write_text(text.replace(line, "", 1), encoding="utf-8")
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert f"missing the field '{field}'\n    add `{field}:` with one of: {values}" in err


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("../article.txt", "seed '../article.txt' is a path\n"),  # no unrelated did-you-mean
        ("../gazette.txt", "seed '../gazette.txt' is a path (did you mean 'gazette.txt'?)\n"),
    ],
)
def test_a_seed_given_as_a_path_suggests_only_the_same_file(fixture_site, capsys, seed, expected):
    path = fixture_site / "content" / "sources" / "herald.yaml"
    path.write_text(
        path.read_text("utf-8").replace("seed: herald.txt", f"seed: {seed}"), encoding="utf-8"
    )
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert f"content/sources/herald.yaml:1: {expected}" in err
    assert "without folders" in err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('archived: "ftp://example.org/x"\n', "'archived' must be an http or https address"),
        ('retrieved: "2999-01-01"\n', "'retrieved' is 1 January 2999, after today"),
        ('retrieved: "yesterday"\n', "bad date in 'retrieved'"),
    ],
)
def test_archive_fields_are_checked(fixture_site, capsys, line, message):
    path = fixture_site / "content" / "sources" / "herald.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + line, encoding="utf-8")
    assert run("check", "--project", fixture_site) == 1
    at = text.count("\n") + 1
    assert f"content/sources/herald.yaml:{at}: {message}" in capsys.readouterr().err
