import pytest

from generator.yamlsafe import Mapping, Scalar, Sequence, load, parse


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        ("a: 1\nb:\n\t- x\n", 3, "invalid YAML", "indent with spaces"),
        ('a: 1\nb: "abc\nc: 2\n', 2, "a quoted string is not closed", "close the quote"),
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first on line 1)", "remove one"),
        ("a: &x 1\nb: 2\n", 1, "anchors and aliases", "write the value out"),
        ("a: 1\nb: *x\n", 2, "anchors and aliases", "write the value out"),
        (
            "a: 1\nb: !!python/object/apply:os.system [ls]\n",
            2,
            "YAML tags such as",
            "remove the tag",
        ),
        ("a: " + "[" * 40 + "]" * 40 + "\n", 1, "nesting deeper than 32 levels", "flatten"),
        ("a: " + "[" * 20000 + "]" * 20000 + "\n", 1, "nesting deeper than 32 levels", "flatten"),
        ("", 0, "file is empty", ""),
        ("# only a comment\n\n", 0, "file is empty", ""),
        ("\ufeff", 0, "file is empty", ""),
        ("a: 1\n---\nb: 2\n", 2, "one YAML document only", ""),
    ],
    ids=[
        "tab",
        "unclosed",
        "duplicate",
        "anchor",
        "alias",
        "python-tag",
        "deep",
        "very-deep",
        "empty",
        "comments-only",
        "bom-only",
        "two-documents",
    ],
)
def test_refused(text, line, message, hint):
    diagnostics = []
    assert parse(text, "f.yaml", diagnostics) is None
    (d,) = diagnostics
    assert (d.path, d.line) == ("f.yaml", line)
    assert message in d.message and hint in d.hint
    assert d.format().startswith(f"f.yaml:{line}: " if line else "f.yaml: ")


def test_tree_keeps_lines_and_text():
    diagnostics = []
    root = parse('name: x\nlist:\n  - "2023"\n  - 7\nflag: yes\nempty:\n', "f.yaml", diagnostics)
    assert diagnostics == []
    assert isinstance(root, Mapping) and root.key_lines == {
        "name": 1,
        "list": 2,
        "flag": 5,
        "empty": 6,
    }
    assert isinstance(root.items["list"], Sequence)
    assert root.items["list"].items == [Scalar("2023", 3, True), Scalar("7", 4, False)]
    assert root.items["flag"].as_bool() is True and root.items["empty"].is_null


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (b"\xef\xbb\xbfname: caf\xc3\xa9\n", "caf\u00e9"),  # BOM
        (b"first: 1\r\nname: two\r\n  words\r\n", "two words"),  # CRLF
        (b"\xef\xbb\xbfname: x\r\n", "x"),  # both
    ],
    ids=["bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf_parse(tmp_path, data, value):
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    diagnostics = []
    root = load(path, "content/f.yaml", diagnostics)
    assert diagnostics == []
    assert root.items["name"].value == value
    assert root.key_lines["name"] == (2 if b"first" in data else 1)


def test_non_utf8_is_refused_with_line(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    diagnostics = []
    assert load(path, "content/f.yaml", diagnostics) is None
    (d,) = diagnostics
    assert d.line == 2 and "not UTF-8 (byte 0xe9 at offset 11)" in d.message
    assert d.format().startswith("content/f.yaml:2: file is not UTF-8")
