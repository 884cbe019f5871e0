"""Hostile and broken input, through the command line as a user would meet it.

Each class of the issue is a table: the fixture project is built once, one input
is broken, and the next build must exit with the right code, name the right
file and line with a hint, print no traceback, and leave ``site/`` as it was.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Scan, replace_text, run, tree

PERSON = "content/people/dana-example.yaml"
OTHER = "content/people/lev-sample.yaml"
EVENTS = "content/events/2023.yaml"
SOURCE = "content/sources/herald.yaml"
SITE = "content/site.yaml"

Edit = Callable[[Path], None]


def replace(rel: str, old: str, new: str) -> Edit:
    """An edit that replaces the first ``old`` in a file (which must hold it)."""

    def edit(project: Path) -> None:
        replace_text(project / rel, old, new)

    return edit


def write(rel: str, data: bytes | str) -> Edit:
    """An edit that writes a whole file."""

    def edit(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, "utf-8")
        else:
            path.write_bytes(data)

    return edit


def symlink(rel: str, to: str) -> Edit:
    """An edit that makes ``rel`` a symlink to ``to`` (relative to the project's parent)."""

    def edit(project: Path) -> None:
        outside = project.parent / to
        outside.parent.mkdir(parents=True, exist_ok=True)
        if not outside.exists():
            outside.write_text("name: Outsider\nrole: other\nsummary: []\n", "utf-8")
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).unlink(missing_ok=True)
        (project / rel).symlink_to(outside)

    return edit


def loop(rel: str) -> Edit:
    """An edit that makes ``rel`` a symlink to itself."""

    def edit(project: Path) -> None:
        (project / rel).unlink(missing_ok=True)
        (project / rel).symlink_to((project / rel).name)

    return edit


def both(*edits: Edit) -> Edit:
    def edit(project: Path) -> None:
        for e in edits:
            e(project)

    return edit


def expect_failure(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Edit,
    code: int,
) -> str:
    """Break a built project (``fixture_site_built``), build again; assert the exit code and
    an untouched site; return stderr."""
    before = tree(project / "site")
    assert before, "the project has its site/ already"
    edit(project)
    assert run("build", "--project", project) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert tree(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []
    return err


def assert_located(err: str, rel: str, line: int, words: list[str]) -> None:
    """Assert that a diagnostic names ``rel:line`` (or ``rel`` alone for line 0) with a hint."""
    head = f"{rel}:{line}: " if line else f"{rel}: "
    lines = err.splitlines()
    located = [i for i, ln in enumerate(lines) if ln.startswith(head)]
    assert located, (head, err)
    text = "\n".join(lines[located[0] :])
    for word in words:
        assert word in text, (word, err)
    # every diagnostic of the report carries an indented hint
    for i in located:
        assert i + 1 < len(lines) and lines[i + 1].startswith("    "), (lines[i], err)
    assert "nothing was written" in err


# Broken input: exit 1, file:line: message and a hint -------------------------

DEEP = "a: " + "[" * 5000 + "]" * 5000 + "\n"
BOMB = "- &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"- &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

BROKEN = {
    # (edit, file, line (0: the whole file), words of the message and hint)
    "tab-indent": (
        replace(PERSON, "  place: Examplefield", "\tplace: Examplefield"),
        PERSON,
        10,
        ["invalid YAML", "indent with spaces"],
    ),
    "bad-indent": (
        replace(PERSON, "  place: Examplefield", "   place: Examplefield"),
        PERSON,
        10,
        ["invalid YAML", "indentation"],
    ),
    "unclosed-quote": (
        replace(OTHER, "name: Lev Sample", 'name: "Lev Sample'),
        OTHER,
        1,
        ["a quoted string starts here and runs on to line 4", "close the quote"],
    ),
    "list-for-mapping": (
        write(SITE, "- title: x\n- description: y\n"),
        SITE,
        1,
        ["the site file must be a mapping, not a list"],
    ),
    "mapping-for-list": (
        write(EVENTS, "id: x\ndate: 2023\n"),
        EVENTS,
        1,
        ["an events file must be a list of events"],
    ),
    "text-for-list": (
        replace(PERSON, "relations:\n", "relations: brother\nx:\n"),
        PERSON,
        14,
        ["'relations' must be a list, not a single value"],
    ),
    "wrong-type": (replace(OTHER, "role: relative", "role: {a: b}"), OTHER, 2, ["must be text"]),
    "not-a-flag": (
        write(
            SOURCE,
            (REPO / "tests/fixture_site" / SOURCE).read_text()
            + "hide:\n  - text: Sample Herald\n    to_end: maybe\n",
        ),
        SOURCE,
        len((REPO / "tests/fixture_site" / SOURCE).read_text().splitlines()) + 3,
        ["'to_end' must be true or false"],
    ),
    "unknown-field": (
        replace(OTHER, "role: relative", "role: relative\nrole_: x"),
        OTHER,
        3,
        ["unknown field 'role_'", "known fields"],
    ),
    "missing-field": (
        replace(SOURCE, "outlet: Sample Herald\n", ""),
        SOURCE,
        1,
        ["a source is missing the field 'outlet'", "add `outlet:`"],
    ),
    "impossible-date": (
        replace(EVENTS, 'date: "2023-10-07"', "date: 2025-02-30"),
        EVENTS,
        2,
        ["bad date in 'date'", "'2025-02-30' is not a real date", "write one of"],
    ),
    "unknown-person": (
        replace(EVENTS, "people: [dana-example]", "people: [dana-exampel]"),
        EVENTS,
        5,  # the line of the id
        ["unknown person 'dana-exampel'", "did you mean 'dana-example'"],
    ),
    "unknown-source": (
        replace(OTHER, "source: herald", "source: harold"),
        OTHER,
        6,  # the line of the id
        ["unknown source 'harold'", "content/sources/"],
    ),
    "duplicate-event-id": (
        replace(EVENTS, "- id: lev-sample-appeal", "- id: dana-example-abducted"),
        EVENTS,
        9,
        ["duplicate event id 'dana-example-abducted'"],
    ),
    "duplicate-key": (
        replace(OTHER, "role: relative", "role: relative\nname: Lev"),
        OTHER,
        3,
        ["duplicate key 'name' (first on line 1)", "remove one"],
    ),
    "duplicate-person-slug": (
        write("content/people/lev-sample.yml", "name: Lev\nrole: other\nsummary: []\n"),
        "content/people/lev-sample.yml",
        0,
        ["duplicate person id 'lev-sample'", "content/people/lev-sample.yaml"],
    ),
    "duplicate-source-slug": (
        write("content/sources/herald.yml", (REPO / "tests/fixture_site" / SOURCE).read_text()),
        "content/sources/herald.yml",
        0,
        ["duplicate source id 'herald'"],
    ),
    "empty-file": (write(OTHER, ""), OTHER, 0, ["file is empty", "add content"]),
    "not-utf8": (
        write(OTHER, b"name: L\xe9v Sample\nrole: relative\n"),
        OTHER,
        1,
        ["not UTF-8", "save the file as UTF-8"],
    ),
    "seed-not-utf8": (
        write("seeds/herald.txt", b"Sample Herald\n\nDana Example, 35, caf\xe9.\n"),
        "seeds/herald.txt",
        3,
        ["not UTF-8"],
    ),
    "control-character": (
        replace(OTHER, "name: Lev Sample", "name: Lev\x07Sample"),
        OTHER,
        1,
        ["invalid YAML", "control character"],
    ),
    # resource limits
    "huge-case-file": (
        write(OTHER, "name: x\n" + "# padding\n" * 600_000),
        OTHER,
        0,
        ["over the limit of 5,242,880", "split it"],
    ),
    "huge-seed": (
        write("seeds/herald.txt", "x" * (5 * 1024 * 1024 + 1)),
        "seeds/herald.txt",
        0,
        ["over the limit", "split it"],
    ),
    "alias-bomb": (write(EVENTS, BOMB), EVENTS, 1, ["anchors and aliases", "write the value out"]),
    "deep-nesting": (write(OTHER, DEEP), OTHER, 1, ["nesting deeper than 32", "flatten"]),
    "python-tag": (
        replace(OTHER, "name: Lev Sample", "name: !!python/object/apply:os.system [ls]"),
        OTHER,
        1,
        ["YAML tags such as", "remove the tag"],
    ),
    # ids and paths
    "id-with-dots": (
        replace(EVENTS, "- id: lev-sample-appeal", "- id: ../../etc"),
        EVENTS,
        9,
        ["'../../etc' is not a valid id", "lowercase letters"],
    ),
    "id-with-slash": (
        replace(PERSON, "person: lev-sample", "person: people/lev-sample"),
        PERSON,
        15,
        ["not a valid id"],
    ),
    "unsafe-file-name": (
        write("content/people/Dana Ex%2Fample.yaml", "name: D\nrole: other\nsummary: []\n"),
        "content/people/Dana Ex%2Fample.yaml",
        0,
        ["is not a valid id", "lowercase letters"],
    ),
    "seed-parent": (
        replace(SOURCE, "seed: herald.txt", "seed: ../content/site.yaml"),
        SOURCE,
        1,
        ["seed '../content/site.yaml' is a path", "file name in seeds/ alone"],
    ),
    "seed-absolute": (
        replace(SOURCE, "seed: herald.txt", "seed: /etc/passwd"),
        SOURCE,
        1,
        ["seed '/etc/passwd' is a path", "file name in seeds/ alone"],
    ),
    "seed-drive-letter": (
        replace(SOURCE, "seed: herald.txt", "seed: 'C:\\Windows\\win.ini'"),
        SOURCE,
        1,
        ["is a path", "in seeds/"],
    ),
    "seed-symlink-out": (
        both(
            symlink("seeds/herald-link.txt", "outside/secret.txt"),
            replace(SOURCE, "seed: herald.txt", "seed: herald-link.txt"),
        ),
        SOURCE,
        1,
        ["links outside seeds/", "replace the link"],
    ),
    "seed-symlink-loop": (
        both(
            loop("seeds/looped.txt"),
            replace(SOURCE, "seed: herald.txt", "seed: looped.txt"),
        ),
        SOURCE,
        1,
        ["seed 'looped.txt' is a link that leads nowhere", "replace the link"],
    ),
    "case-file-symlink-loop": (
        loop("content/people/looped.yaml"),
        "content/people/looped.yaml",
        0,
        ["cannot read file: Too many levels of symbolic links"],
    ),
    "template-include-parent": (
        write(
            "templates/about.html",
            '{% extends "base.html" %}{% block main %}{% include "../../secret.txt" %}'
            "{% endblock %}",
        ),
        "templates/about.html",  # at the include that asks for it
        1,
        ["template not found: ../../secret.txt", "looked in"],
    ),
    "template-symlink-out": (
        symlink("templates/about.html", "outside/secret.html"),
        "templates",
        0,
        ["template not found: about.html (it links to", "outside the theme folders"],
    ),
    "case-file-symlink-out": (
        symlink("content/people/outsider.yaml", "outside/outsider.yaml"),
        "content/people/outsider.yaml",
        0,
        ["file links outside the project"],
    ),
    # what a file may not say, though it parses
    "escaped-control-character": (
        replace(OTHER, "name: Lev Sample", 'name: "Lev \\x1b[31m Sample"'),
        OTHER,
        1,
        ["'name' holds the control character \\x1b", "remove it"],
    ),
    "direction-override": (
        replace(OTHER, "name: Lev Sample", 'name: "Lev \\u202E Sample"'),
        OTHER,
        1,
        ["control character \\u202e"],
    ),
    "lone-surrogate-escape": (
        replace(OTHER, "name: Lev Sample", 'name: "Lev \\uD800 Sample"'),
        OTHER,
        1,
        ["invalid Unicode character escape", "backslash starts an escape"],
    ),
    "name-without-letters": (
        replace(OTHER, "name: Lev Sample", "name: 42"),
        OTHER,
        1,
        ["'name' is '42': it has no letters"],
    ),
    "spelling-without-letters": (
        replace(
            PERSON,
            "captivity:",
            'spellings:\n  - text: "!!!"\n    cite:\n      - source: gazette\n'
            '        quote: "Dana Example, 34,"\ncaptivity:',
        ),
        PERSON,
        9,
        ["spelling '!!!' has no letters"],
    ),
    "month-zero": (
        replace(PERSON, 'abducted: "2023-10-07"', 'abducted: "2023-00"'),
        PERSON,
        9,
        ["'2023-00' is not a real date", "month must be in 1..12"],
    ),
    "day-zero": (
        replace(EVENTS, 'date: "2023-10-07"', 'date: "2023-10-00"'),
        EVENTS,
        2,
        ["'2023-10-00' is not a real date"],
    ),
    "released-before-abducted": (
        replace(PERSON, "  place: Examplefield", '  place: Examplefield\n  released: "2020-01-01"'),
        PERSON,
        11,
        ["'released' (1 January 2020) is before 'abducted' (7 October 2023)"],
    ),
    "announced-before-abducted": (
        replace(
            PERSON, "  place: Examplefield", '  place: Examplefield\n  release_announced: "2022"'
        ),
        PERSON,
        11,
        ["'release_announced' (2022) is before"],
    ),
    "abducted-after-newest-source": (
        replace(PERSON, 'abducted: "2023-10-07"', 'abducted: "2099-01-01"'),
        PERSON,
        9,
        ["'abducted' (1 January 2099) is after the newest source (3 March 2024)"],
    ),
    "published-in-the-future": (
        replace(SOURCE, 'date: "2024-03"', 'date: "2999-03"'),
        SOURCE,
        5,
        ["'date' is March 2999, after today"],
    ),
    "person-listed-twice": (
        replace(EVENTS, "people: [dana-example]", "people: [dana-example, dana-example]"),
        EVENTS,
        5,
        ["'people' lists 'dana-example' twice"],
    ),
    "relation-twice": (
        replace(
            PERSON,
            "differ:",
            "  - person: lev-sample\n    role: brother\n    inverse: sister\n    cite:\n"
            '      - source: gazette\n        quote: "Her brother, Lev Sample, told reporters"\n'
            "differ:",
        ),
        PERSON,
        21,
        ["the relation 'brother: lev-sample' is given twice (first on line 15)"],
    ),
    "hidden-twice": (
        replace(
            SOURCE,
            "acknowledged:",
            'hide:\n  - text: "called"\n  - text: "called"\nacknowledged:',
        ),
        SOURCE,
        13,
        ["the hidden passage 'called' is given twice (first on line 12)"],
    ),
    "bad-language-tag": (
        replace(SOURCE, "language: en", "language: e n"),
        SOURCE,
        3,
        ["'language' is 'e n', not a language tag", "BCP 47"],
    ),
    "seed-is-a-folder": (
        lambda p: (os.remove(p / "seeds/herald.txt"), (p / "seeds/herald.txt").mkdir()),
        SOURCE,
        1,
        ["seed 'herald.txt' is a folder"],
    ),
    "seed-is-empty": (
        write("seeds/herald.txt", ""),
        SOURCE,
        1,
        ["seed 'herald.txt' is empty"],
    ),
    "case-file-is-a-folder": (
        lambda p: (p / "content/people/ghost.yaml").mkdir(),
        "content/people/ghost.yaml",
        0,
        ["this is a folder"],
    ),
    "case-file-is-a-named-pipe": (
        lambda p: os.mkfifo(p / "content/people/ghost.yaml"),
        "content/people/ghost.yaml",
        0,
        ["this is not a regular file"],
    ),
    "seed-is-a-named-pipe": (
        lambda p: (os.remove(p / "seeds/herald.txt"), os.mkfifo(p / "seeds/herald.txt")),
        SOURCE,
        1,
        ["seed 'herald.txt' is not a regular file"],
    ),
    "template-is-a-named-pipe": (
        lambda p: ((p / "templates").mkdir(), os.mkfifo(p / "templates/about.html")),
        "templates",
        0,
        ["template not found: about.html (not a regular file"],
    ),
    "template-extends-itself": (
        write("templates/base.html", '{% extends "base.html" %}\n<p>x</p>\n'),
        "templates/base.html",
        1,
        ["templates extend each other in a loop: base.html -> base.html"],
    ),
    "templates-include-each-other": (
        write("templates/_notes.html", '{% include "_notes.html" %}\n'),
        "templates/_notes.html",
        1,
        ["templates include or call each other without end"],
    ),
    "case-file-link-to-nothing": (
        lambda p: (p / "content/people/ghost.yaml").symlink_to("missing.yaml"),
        "content/people/ghost.yaml",
        0,
        ["cannot read file"],
    ),
    "upper-case-suffix": (
        write("content/people/Ghost.YAML", "name: Ghost\n"),
        "content/people/Ghost.YAML",
        0,
        ["file name 'Ghost' is not a valid id"],
    ),
    "url-with-a-malformed-host": (
        replace(SOURCE, "outlet: Sample Herald", 'url: "https://[::1/x"\noutlet: Sample Herald'),
        SOURCE,
        2,
        ["'url' must be an http or https address, not 'https://[::1/x'"],
    ),
    "link-with-a-malformed-host": (
        replace(
            EVENTS, '"The Sample Herald reported that', '"[x](http://[::1) The Sample Herald said'
        ),
        EVENTS,
        14,
        ["link to 'http://", "in 'body': only full http or https addresses"],
    ),
    "quote-too-short": (
        replace(PERSON, 'quote: "Dana Example, 34,"', 'quote: ","'),
        PERSON,
        27,
        ["quote ',' is too short to show anything"],
    ),
    "invisible-character-in-quote": (
        replace(PERSON, "Her brother, Lev Sample", "Her brother, Lev\u200b Sample"),
        PERSON,
        20,
        ["quote not found", "the quote holds invisible characters: U+200B"],
    ),
    "template-not-utf8": (
        write("templates/about.html", b"{% extends 'base.html' %}\n\xff\xfe"),
        "templates/about.html",
        2,
        ["the file is not UTF-8 (byte 0xff at offset 26)", "save the file as UTF-8"],
    ),
}


@pytest.mark.parametrize(("edit", "rel", "line", "words"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_input_is_reported_at_its_line(fixture_site_built, capsys, edit, rel, line, words):
    err = expect_failure(fixture_site_built, capsys, edit, 1)
    assert_located(err, rel, line, words)


# BOM and CRLF simply work ---------------------------------------------------------

WORKS = {
    "bom-case-file": lambda p: (p / PERSON).write_bytes(
        b"\xef\xbb\xbf" + (p / PERSON).read_bytes()
    ),
    "crlf-case-file": lambda p: (p / PERSON).write_bytes(
        (p / PERSON).read_bytes().replace(b"\n", b"\r\n")
    ),
    "bom-crlf-seed": lambda p: (p / "seeds/gazette.txt").write_bytes(
        b"\xef\xbb\xbf" + (p / "seeds/gazette.txt").read_bytes().replace(b"\n", b"\r\n")
    ),
    "cr-only-events": lambda p: (p / EVENTS).write_bytes(
        (p / EVENTS).read_bytes().replace(b"\n", b"\r")
    ),
}


@pytest.mark.parametrize("edit", WORKS.values(), ids=WORKS.keys())
def test_bom_and_line_endings_simply_work(fixture_site_built, edit):
    before = tree(fixture_site_built / "site")
    edit(fixture_site_built)
    assert run("build", "--project", fixture_site_built) == 0
    after = tree(fixture_site_built / "site")
    assert after == before  # same content, same site: nothing of the BOM or the CR shows
    assert "\ufeff" not in after["sources/gazette/index.html"].decode()


# Output folder: refused with exit 2, nothing touched ----------------------------


def _out(project: Path, where: str) -> Path:
    if where == "foreign":
        foreign = project.parent / "foreign"
        foreign.mkdir(exist_ok=True)
        (foreign / "notes.txt").write_text("mine")
        return foreign
    if where == "a-file":
        (project.parent / "file").write_text("mine")
        return project.parent / "file"
    if where == "templates":
        (project / "templates").mkdir(exist_ok=True)
    return {
        "root": project,
        "parent": project.parent,
        "content": project / "content",
        "seeds": project / "seeds",
        "templates": project / "templates",
        "inside-seeds": project / "seeds" / "site",
        "filesystem-root": Path("/"),
    }[where]


OUT = ["root", "parent", "content", "seeds", "templates", "inside-seeds", "foreign", "a-file"]


@pytest.mark.parametrize("where", [*OUT, "filesystem-root"])
def test_dangerous_out_is_refused(fixture_site, capsys, where):
    out = _out(fixture_site, where)
    before = tree(fixture_site.parent)
    assert run("build", "--project", fixture_site, "--out", out) == 2
    err = capsys.readouterr().err
    assert "explainer: error: refusing" in err and "Traceback" not in err
    assert tree(fixture_site.parent) == before


# Markup is inert --------------------------------------------------------------------

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">&lt;script&gt;&#x3C;b&#62;'
REFUSED_LINKS = (
    "[a](javascript:alert(3)) [b](JaVaScRiPt:alert(4)) [c](data:text/html;base64,PHNjcmlwdD4=)"
    " [d](&#106;avascript:alert(5)) [e](//evil.example/) <javascript:alert(6)>"
    " [f](vbscript:x) [g](https:evil) [h](http://) [i](#frag) [j](../../etc/passwd)"
)
LINKS = "[ok](https://example.org/ok) [mail](mailto:a@example.org)"
CLOSE = "</script><script>alert(7)</script><!--"


def _hostile(project: Path) -> None:
    """Put markup into every field and into a seed (and quote it verbatim)."""
    seed = project / "seeds/herald.txt"
    seed.write_text(
        seed.read_text("utf-8") + f"\n{XSS} {CLOSE} javascript:alert(8) said the herald.\n",
        "utf-8",
    )
    edits = [
        replace(SITE, '"Fixture explainer"', json.dumps("Fixture " + XSS + CLOSE)),
        replace(SITE, '"A tiny', json.dumps(CLOSE + XSS)[:-1] + " A tiny"),
        replace(SITE, "This is a **test**", f"{XSS} {LINKS} This is a **test**"),
        replace(SITE, "Everything is made up", f"{LINKS} {XSS} Everything is made up"),
        replace(SOURCE, "outlet: Sample Herald", f"outlet: {json.dumps('Herald ' + XSS + CLOSE)}"),
        replace(SOURCE, "language: en", f"headline: {json.dumps(CLOSE + XSS)}\nlanguage: en"),
        replace(SOURCE, '"Made up for tests."', json.dumps(XSS + CLOSE)),
        replace(OTHER, "name: Lev Sample", f"name: {json.dumps('Lev ' + XSS + CLOSE)}"),
        replace(
            OTHER,
            '  - text: "The Sample Herald reported that Lev',
            f"  - text: {json.dumps(LINKS + ' ' + XSS + CLOSE)[:-1]} The Sample Herald said Lev",
        ),
        replace(
            OTHER,
            "facts:\n",
            "facts:\n  - text: "
            + json.dumps(f"The herald wrote {XSS} {LINKS}")
            + "\n    cite:\n      - source: herald\n        quote: "
            + json.dumps(f"{XSS} {CLOSE} javascript:alert(8)")
            + "\n",
        ),
        replace(
            EVENTS,
            'title: "Lev Sample calls',
            f"title: {json.dumps(XSS + CLOSE)[:-1]} Lev Sample calls",
        ),
        replace(EVENTS, '"The Sample Herald reported that', json.dumps(LINKS + XSS)[:-1]),
        replace(
            PERSON,
            "  - topic: Age",
            f"  - topic: {json.dumps(XSS + CLOSE)}\n    note: {json.dumps(CLOSE + XSS)}",
        ),
    ]
    for edit in edits:
        edit(project)


def test_links_that_lead_nowhere_safe_are_refused_at_their_line(fixture_site, capsys):
    replace(SITE, "This is a **test**", f"{REFUSED_LINKS} This is a **test**")(fixture_site)
    replace(EVENTS, '"The Sample Herald reported that', json.dumps(REFUSED_LINKS)[:-1])(
        fixture_site
    )
    replace(SITE, "language: en", "language: 'en\" onload=\"alert(9)'")(fixture_site)
    assert run("build", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    site_lines = [ln for ln in err.splitlines() if ln.startswith(f"{SITE}:")]
    event_lines = [ln for ln in err.splitlines() if ln.startswith(f"{EVENTS}:")]
    for lines in (site_lines, event_lines):  # each of the 11, at the line of its field
        assert len([ln for ln in lines if "link to '" in ln]) == 11, err
    assert "'language' is 'en\" onload=\"alert(9)', not a language tag" in err
    assert not (fixture_site / "site").exists()


def test_markup_from_input_is_inert_everywhere(fixture_site, capsys):
    _hostile(fixture_site)
    assert run("build", "--project", fixture_site) == 0, capsys.readouterr().err
    site = tree(fixture_site / "site")
    # The search index (pagefind/) is compressed and read only by the search script, which
    # shows it as text; the CSV exports carry the text as written, as data does.
    texts = {
        name: data.decode("utf-8")
        for name, data in site.items()
        if name != "assets/style.css" and not name.startswith("pagefind/") and name[-4:] != ".csv"
    }
    html_pages = [n for n in texts if n.endswith(".html")]
    assert len(html_pages) == 16
    shown = 0
    for name in html_pages:
        scan = Scan()
        scan.feed(texts[name])
        scan.close()
        assert scan.found == [], name
        for block in scan.scripts:
            json.loads(block)  # the whole block is JSON: nothing closed it early
            assert "<" not in block, name
        shown += texts[name].count("&lt;script&gt;alert(1)")
    assert shown >= 5  # the markup is shown as text, not dropped
    for name in ("feed.xml", "sitemap.xml"):
        root = ET.fromstring(site[name])
        tags = {el.tag.split("}")[-1] for el in root.iter()}
        assert not tags & {"script", "img", "iframe"}, name
        for el in root.iter():
            assert not any(k.startswith("on") for k in el.attrib), name
    assert "alert(1)" in texts["feed.xml"]  # escaped text in the feed, not markup
    for text in texts.values():
        assert "<script>alert" not in text
    # links that are allowed still work
    assert '<a href="https://example.org/ok">ok</a>' in texts["about/index.html"]
    assert '<a href="mailto:a@example.org">mail</a>' in texts["index.html"]


# A killed build leaves the previous site --------------------------------------------


def _big_project(project: Path, people: int) -> None:
    """Add ``people`` people to the fixture, each citing the herald, so the build takes a while."""
    for i in range(people):
        (project / f"content/people/filler-{i}.yaml").write_text(
            f"name: Filler {i}\nrole: other\nsummary:\n"
            '  - text: "The Sample Herald reported that Lev Sample called for her release."\n'
            '    cite:\n      - source: herald\n        quote: "called for her release"\n',
            "utf-8",
        )


def test_killed_build_leaves_previous_site(fixture_site_built):
    fixture_site = fixture_site_built
    before = tree(fixture_site / "site")
    _big_project(fixture_site, 1000)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "-q", "--project", str(fixture_site)],
        env=env,
        stderr=subprocess.PIPE,
    )
    staging: list[Path] = []
    try:
        while proc.poll() is None and not staging:
            staging = [p for p in fixture_site.glob(".site.new-*") if any(p.iterdir())]
            time.sleep(0.001)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()
    assert staging, "the build ended before it began writing; make the project bigger"
    assert proc.returncode == -signal.SIGKILL
    assert tree(fixture_site / "site") == before
    assert list(fixture_site.glob(".site.new-*")), "the staging folder should be left behind"

    for filler in fixture_site.glob("content/people/filler-*.yaml"):
        filler.unlink()
    assert run("build", "--project", fixture_site) == 0
    assert tree(fixture_site / "site") == before
    assert [p.name for p in fixture_site.iterdir() if p.name.startswith(".site.")] == []
