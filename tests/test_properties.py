"""Property-based tests: random and adversarial text meets the loader, the matcher, ids, markup.

Whatever the input, the only way to fail is the project's own error values
(diagnostics, ContentError); and nothing built from input becomes executable.
The example counts come from the hypothesis profile set in conftest.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

from conftest import FIXTURE, Scan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checking.quotes import SourceText, anchor_id, fold
from generator.cli import main
from generator.errors import Diagnostic
from generator.reading import yamlsafe
from generator.reading.forms import ID_PATTERN
from generator.reading.reader import Reader as _Reader
from generator.reading.yamlsafe import Mapping, Scalar, Sequence
from generator.rendering.renderer import Renderer, json_for_script
from generator.rendering.theme import theme_dirs
from generator.rendering.write import _safe_relpath

YAML_PIECES = [
    ":", ": ", "- ", "-", "? ", "&a ", "*a", "!!python/object:os.system ", "!x ", "[", "]",
    "{", "}", ",", "\t", "  ", '"', "'", "\\", "\n", "\r\n", "---\n", "...\n", "|\n", ">-\n",
    "%YAML 1.1\n", "%TAG ! tag:x:\n", "#", "\x00", "\x07", "\ufeff", "\u2028", "\ud7ff",
    "name", "text", "2025-02-30", "null", "yes", "<<: ", "0x1F", ".inf", "é", "\U0001f600",
]  # fmt: skip
MARKUP_PIECES = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    "[a](javascript:alert(1))", "[b](JAVASCRIPT:x)", "[c](data:text/html,x)", "[d](//evil)",
    "[e](&#106;avascript:x)", "[f](java\tscript:x)", "<javascript:x>", "<a href=x>", "&lt;",
    "&#60;", "&", "<", ">", '"', "'", "`", "*", "_", "](", "(", ")", "[", "\n", "\n\n", "    ",
    "<!--", "-->", "]]>", "<![CDATA[", "\\", "\u2028", "https://example.org/", "mailto:x@y",
    "onload=", "text", " ",
]  # fmt: skip

yaml_like = st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=5), max_size=40).map("".join)
markup_like = st.lists(st.sampled_from(MARKUP_PIECES) | st.text(max_size=4), max_size=30).map(
    "".join
)


def _assert_located(diagnostics: list[Diagnostic], text: str) -> None:
    for d in diagnostics:
        assert d.path == "f.yaml" and d.message and d.hint, d
        # YAML also breaks lines at U+0085, U+2028 and U+2029
        breaks = sum(text.count(c) for c in "\n\r\x85\u2028\u2029")
        assert 0 <= d.line <= breaks + 2, d


def _walk(node: yamlsafe.Node, depth: int = 0) -> None:
    """Every node of a tree is one of the three kinds, no deeper than the limit."""
    assert depth <= yamlsafe.MAX_DEPTH + 1
    if isinstance(node, Mapping):
        assert all(isinstance(k, str) for k in node.items)
        for child in node.items.values():
            _walk(child, depth + 1)
    elif isinstance(node, Sequence):
        for child in node.items:
            _walk(child, depth + 1)
    else:
        assert isinstance(node, Scalar) and isinstance(node.value, str)


# The YAML loader ------------------------------------------------------------------


@given(st.text() | yaml_like)
def test_yaml_parse_returns_a_tree_or_diagnostics(text):
    diagnostics: list[Diagnostic] = []
    node = yamlsafe.parse(text, "f.yaml", diagnostics)
    if node is None:
        assert diagnostics
    else:
        assert diagnostics == []
        _walk(node)
    _assert_located(diagnostics, text)


@given(st.binary(max_size=200) | yaml_like.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_yaml_load_of_any_bytes_returns_a_tree_or_diagnostics(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_bytes(data)
        diagnostics: list[Diagnostic] = []
        node = yamlsafe.load(path, "f.yaml", diagnostics)
    assert (node is None) == bool(diagnostics)
    for d in diagnostics:
        assert d.path == "f.yaml" and d.message and d.hint


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_like)
def test_check_of_a_random_case_file_exits_0_or_1(text):
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(FIXTURE, project)
        (project / "content/people/lev-sample.yaml").write_text(
            text, "utf-8", errors="surrogatepass"
        )
        assert main(["check", "-q", "--project", str(project)]) in (0, 1)


# The quote matcher ----------------------------------------------------------------


@given(st.text(), st.text())
def test_quote_lookup_never_raises_and_finds_only_the_quote(text, quote_):
    source = SourceText(text)
    for span in source.find_all(quote_):
        assert 0 <= span.start < span.end <= len(text)
        assert fold(text[span.start : span.end]) == fold(quote_)
    passage, line = source.closest(quote_)
    assert passage in source.folded
    assert 1 <= line <= text.count("\n") + 1
    assert anchor_id(quote_).startswith("q-")


@given(st.text(min_size=1), st.data())
def test_every_passage_of_a_text_is_found(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    passage = text[start:end]
    spans = SourceText(text).find_all(passage)
    if fold(passage):
        assert spans, (text, passage)


# Ids and slugs --------------------------------------------------------------------

id_like = st.text() | st.lists(
    st.sampled_from(["a", "z", "0", "-", ".", "..", "/", "\\", "C:", "%2e", "%2f", "é", " ", "A"]),
    max_size=8,
).map("".join)


@given(id_like)
def test_an_accepted_id_is_a_safe_path_and_url_segment(value):
    diagnostics: list[Diagnostic] = []
    reader = _Reader("f.yaml", value, diagnostics)
    accepted = reader.file_id()
    assert (accepted is None) == bool(diagnostics)
    if accepted is not None:
        assert accepted == value and ID_PATTERN.fullmatch(value)
        assert quote(value, safe="") == value
        assert not value.startswith((".", "-")) and ".." not in value
        for route in (f"people/{value}/index.html", f"sources/{value}/index.html"):
            assert _safe_relpath(route).parts[1] == value


# Markup ---------------------------------------------------------------------------

_RENDERER = Renderer(theme_dirs(FIXTURE), {})


@given(markup_like)
def test_markdown_never_makes_an_executable_tag(text):
    for html in (_RENDERER.inline(text), _RENDERER.block(text)):
        scan = Scan()
        scan.feed(str(html))
        scan.close()
        assert scan.found == [], (text, html)


@given(st.recursive(st.text() | markup_like, lambda c: st.lists(c) | st.dictionaries(st.text(), c)))
def test_json_for_script_cannot_close_its_script(value):
    text = str(json_for_script(value))
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == value


# What a YAML file can hold at all: no control characters, no lone surrogates.
printable = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff")
# The check refuses links that are not full http(s) addresses or mailto (test_hostile):
# left in, nearly every example would stop there and never reach a page.
ACCEPTED_PIECES = [p for p in MARKUP_PIECES if not (p.startswith("[") and "](" in p)]
ACCEPTED_PIECES.remove("<javascript:x>")
markup_in_yaml = st.lists(
    st.sampled_from(ACCEPTED_PIECES) | st.text(printable, max_size=4), max_size=30
).map("".join)


def _yaml_string(text: str) -> str:
    """Return ``text`` as a double-quoted YAML string (JSON is one, without surrogate pairs)."""
    return json.dumps(text, ensure_ascii=False)


@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])
@given(markup_in_yaml, markup_in_yaml)
def test_built_pages_never_carry_an_executable_tag_from_input(title, text):
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        shutil.copytree(FIXTURE, project)
        site_yaml = project / "content/site.yaml"
        site_yaml.write_text(
            site_yaml.read_text("utf-8").replace('"Fixture explainer"', _yaml_string("F " + title)),
            "utf-8",
        )
        person = project / "content/people/lev-sample.yaml"
        person.write_text(
            person.read_text("utf-8")
            .replace('"The Sample Herald reported that Lev', _yaml_string(text + " x")[:-1])
            .replace("name: Lev Sample", f"name: {_yaml_string('Lev ' + title)}"),
            "utf-8",
        )
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(["build", "-q", "--no-search", "--project", str(project)])  # pages only
        if code == 1:  # refused (a link that leads nowhere safe): at a line, nothing written
            problems = [ln for ln in err.getvalue().splitlines() if not ln.startswith(" ")][:-1]
            assert problems and all(re.match(r"content/\S+:\d+: ", ln) for ln in problems)
            assert not (project / "site").exists()
            return
        assert code == 0, err.getvalue()
        for page in (project / "site").rglob("*.html"):
            scan = Scan()
            scan.feed(page.read_text("utf-8"))
            scan.close()
            assert scan.found == [], page
            for block in scan.scripts:
                json.loads(block)
