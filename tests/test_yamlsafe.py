import pytest
import yaml
import yaml.scanner

from generator.reading import yamlsafe
from generator.reading.yamlsafe import Mapping, Scalar, Sequence, load, parse


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


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: &x\n  c: 2\n", 2, "anchors and aliases (&name, *name) are not allowed"),
        ("a: 1\n&k b: 2\n", 2, "anchors and aliases (&name, *name) are not allowed"),
        ("a:\n  - 1\n  - *x\n", 3, "anchors and aliases (&name, *name) are not allowed"),
        ("a: 1\n*k : 2\n", 2, "anchors and aliases (&name, *name) are not allowed"),
        ("a: 1\nb: !!seq\n  - 2\n", 2, "YAML tags such as 'tag:yaml.org,2002:seq' are not allowed"),
        ("a: 1\n!!str b: 2\n", 2, "YAML tags such as 'tag:yaml.org,2002:str' are not allowed"),
        ("a: 1\n[b, c]: 2\n", 2, "a mapping key must be plain text"),
        ("a: 1\n? {b: c}\n: 2\n", 2, "a mapping key must be plain text"),
        ("a:\n  - b: 1\n    c: [2]\n  - 3\nd: 4\na: 5\n", 6, "duplicate key 'a' (first on line 1)"),
        ("- a: 1\n  b:\n    c: 2\n  b: 3\n", 4, "duplicate key 'b' (first on line 2)"),
        ("--- a\n--- b\n", 2, "a file may hold one YAML document only"),
        ("".join("  " * i + f"k{i}:\n" for i in range(40)), 33, "nesting deeper than 32 levels"),
        ("- " * 40 + "x\n", 1, "nesting deeper than 32 levels"),
    ],
    ids=[
        "anchor-on-mapping",
        "anchor-on-key",
        "alias-in-list",
        "alias-as-key",
        "tag-on-list",
        "tag-on-key",
        "flow-list-as-key",
        "flow-mapping-as-key",
        "duplicate-after-nested-list",
        "duplicate-in-nested-mapping",
        "two-documents-explicit",
        "deep-block-mappings",
        "deep-block-lists",
    ],
)
def test_refused_exactly(text, line, message):
    """Each refusal of the event walk, with its exact message and line, wherever it sits."""
    diagnostics = []
    assert parse(text, "f.yaml", diagnostics) is None
    (d,) = diagnostics
    assert (d.line, d.message) == (line, message)


def test_quoted_and_plain_prose_may_hold_anchor_alias_and_tag_marks():
    """'&', '*' and '!' inside a string are text, not YAML properties."""
    text = (
        'a: "Johnson & Johnson said *nothing* at all!"\n'
        "b: 'R&D: 5 * 3 != 15 !!str'\n"
        "c: Smith & Sons *are* here! !x\n"
        "d: !\n"
        "e: ! plain\n"
    )
    diagnostics = []
    root = parse(text, "f.yaml", diagnostics)
    assert diagnostics == []
    assert isinstance(root, Mapping)
    assert root.items == {
        "a": Scalar("Johnson & Johnson said *nothing* at all!", 1, True),
        "b": Scalar("R&D: 5 * 3 != 15 !!str", 2, True),
        "c": Scalar("Smith & Sons *are* here! !x", 3, False),
        "d": Scalar("", 4, False),
        "e": Scalar("plain", 5, False),
    }


def test_tree_of_nested_lists_and_mappings():
    """Keys and items land in the right collection as lists and mappings open and close."""
    text = "a:\n  - b: 1\n    c:\n      - [2, {d: 3}]\n  - 4\ne: {f: []}\n"
    diagnostics = []
    root = parse(text, "f.yaml", diagnostics)
    assert diagnostics == []
    inner = Mapping(4, {"d": Scalar("3", 4)}, {"d": 4})
    first = Mapping(
        2,
        {"b": Scalar("1", 2), "c": Sequence(4, [Sequence(4, [Scalar("2", 4), inner])])},
        {"b": 2, "c": 3},
    )
    assert root == Mapping(
        1,
        {
            "a": Sequence(2, [first, Scalar("4", 5)]),
            "e": Mapping(6, {"f": Sequence(6)}, {"f": 6}),
        },
        {"a": 1, "e": 6},
    )


def test_nesting_at_the_limit_is_accepted():
    diagnostics = []
    root = parse("- " * 32 + "x\n", "f.yaml", diagnostics)
    assert diagnostics == []
    for _ in range(32):
        assert isinstance(root, Sequence)
        (root,) = root.items
    assert root == Scalar("x", 1)


class _ShallowLoader(yaml.SafeLoader):
    """A parser that refuses deep flow nesting itself, as PyYAML 6.0.4's C scanner does.

    libyaml scans ahead through a flow collection, so its cap (1000) is met before
    the events reach ours; this one refuses at the first bracket, before any event.
    """

    def fetch_flow_collection_start(self, token_class: type) -> None:
        if self.flow_level >= 0:
            raise yaml.scanner.ScannerError(
                "while increasing flow level",
                None,
                "exceeded maximum nesting depth",
                self.get_mark(),
            )
        super().fetch_flow_collection_start(token_class)


@pytest.mark.parametrize("cap_below_ours", [True, False])
def test_too_deep_is_ours_whatever_the_parser(monkeypatch, cap_below_ours):
    """A parser that stops at its own depth first still gives our message, line and hint."""
    monkeypatch.setattr(yamlsafe, "_Loader", _ShallowLoader)
    if not cap_below_ours:  # the fallback parser caps too: its message is translated
        monkeypatch.setattr(yaml, "SafeLoader", _ShallowLoader)
    text = "a: 1\nb:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 31)) + "  " * 31
    text += "v: " + "[" * 10 + "]" * 10 + "\n"
    diagnostics: list = []
    assert parse(text, "f.yaml", diagnostics) is None
    (d,) = diagnostics
    assert d.line == 33  # the line of "v:", where the 33rd level opens
    assert "nesting deeper than 32 levels" in d.message
    assert d.hint == "flatten the structure"


def test_a_syntax_error_keeps_the_fast_parsers_message(monkeypatch):
    diagnostics: list = []
    assert parse('a: 1\nb: "abc\nc: 2\n', "f.yaml", diagnostics) is None
    assert "a quoted string is not closed" in diagnostics[0].message
