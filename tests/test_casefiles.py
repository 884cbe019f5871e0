"""The declaration of the case files, and what is written from it: the field reference."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from conftest import REPO, replace_text, run

from generator.reading import casefile_parts, casefiles, fields_doc
from generator.reading.fields import ListOf, Nested, Shape, Value
from generator.reading.reader import _READ

SOURCE = "content/sources/herald.yaml"


def test_the_field_reference_is_what_the_declaration_writes() -> None:
    text = (REPO / "docs" / "fields.md").read_text("utf-8")
    for name in fields_doc.TABLES:
        assert text.count(f"<!-- fields: {name} -->") == 1, name
    assert fields_doc.updated(text) == text, (
        f"docs/fields.md is not what the declaration writes: run `{fields_doc.COMMAND}`"
    )


def test_the_reference_is_written_in_place_and_checked(tmp_path: Path) -> None:
    reference = tmp_path / "fields.md"
    reference.write_text("# x\n<!-- fields: claim -->\nold\n<!-- end fields -->\nprose\n")
    assert fields_doc.main([str(reference), "--check"]) == 1
    assert fields_doc.main([str(reference)]) == 0
    written = reference.read_text()
    assert "old" not in written and "| `cite` | yes |" in written and written.endswith("prose\n")
    assert fields_doc.main([str(reference), "--check"]) == 0


def test_every_type_of_value_is_read() -> None:
    assert set(_READ) == set(typing.get_args(Value))


def _shapes(shape: Shape) -> typing.Iterator[Shape]:
    yield shape
    for field in shape.fields:
        if isinstance(field.value, Nested | ListOf):
            yield from _shapes(field.value.shape)


@pytest.mark.parametrize("case", casefiles.CASE_FILES, ids=lambda case: case.kind)
def test_every_mapping_is_named_for_messages_and_documented(case: casefiles.CaseFile) -> None:
    """Every field says what it means; a file's own mapping is named in its messages (a
    nested one is named by its field; test_docs checks the links of the reference)."""
    for shape in _shapes(case.shape):
        assert shape.doc and all(field.doc for field in shape.fields)
        assert len(shape.by_name) == len(shape.fields), "a field declared twice"
    assert case.shape.called


def test_unknown_fields_are_listed_required_first() -> None:
    assert casefiles.SOURCE.known[:4] == ("seed", "outlet", "language", "published")
    assert casefile_parts.DISAGREEMENT.known == ("topic", "accounts", "note", "translations")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # one message for an empty mapping that is required: it is missing
        (
            '  date: "2024-03"\n  basis: inferred\n  evidence: "Made up for tests."\n',
            "",
            [f"{SOURCE}:1: a source is missing the field 'published'"],
        ),
        (
            "seed: herald.txt\n",
            "seed: herald.txt\nurl: ftp://example.org/x\n",
            [
                f"{SOURCE}:2: 'url' must be an http or https address, not 'ftp://example.org/x'\n"
                "    give the article's full address, or remove the field if it is not known\n"
            ],
        ),
    ],
)
def test_a_message_names_the_problem_once(fixture_site, capsys, old, new, expected):
    replace_text(fixture_site / SOURCE, old, new)
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    for message in expected:
        assert message in err, err
    assert err.count(f"{SOURCE}:") == len(expected), err
