"""Build whole sites and check what a reader and a crawler would see."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE, REPO, run, tree


class Page(HTMLParser):
    """What the tests need from one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = self.title = self.description = None
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.marks: list[str] = []
        self.notes: list[list[str]] = []  # hrefs inside each <li id="fn-N">
        self.after_anchor: list[str] = []  # tag that follows each q- anchor span
        self._in_title = self._in_mark = self._in_note = False
        self._pending_anchor = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._pending_anchor and not (tag == "span" and a.get("class") == "anchor"):
            self.after_anchor.append(tag)
            self._pending_anchor = False
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title, self.title = True, ""
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        elif tag == "mark":
            self._in_mark = True
            self.marks.append("")
        elif tag == "span" and a.get("class") == "anchor":
            self._pending_anchor = True
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "li" and (a.get("id") or "").startswith("fn-"):
            self._in_note = True
            self.notes.append([])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
            if self._in_note:
                self.notes[-1].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "mark":
            self._in_mark = False
        elif tag == "li":
            self._in_note = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_mark:
            self.marks[-1] += data


def pages(site: Path) -> dict[str, Page]:
    return {
        p.relative_to(site).as_posix(): Page(p.read_text("utf-8")) for p in site.rglob("*.html")
    }


def target(site: Path, href: str, base: str = "/") -> tuple[Path, str]:
    """Return the file an internal href names, and its fragment."""
    parts = urlsplit(href)
    assert parts.path.startswith(base), href
    rel = parts.path[len(base) :]
    path = site / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


@pytest.fixture(scope="module", params=["fixture", "real"])
def site(request) -> Path:
    return request.getfixturevalue(
        f"{request.param}_built" if request.param == "fixture" else "real_site"
    )


# (a) -------------------------------------------------------------------------


@pytest.mark.parametrize("project", [FIXTURE, REPO], ids=["fixture", "real"])
def test_build_exits_0_with_summary(tmp_path, capsys, project):
    assert run("build", "--project", project, "--out", tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert re.search(
        r"^built \d+ pages from \d+ sources, \d+ people, \d+ events in [\d.]+ s into ", err, re.M
    )
    assert (tmp_path / "out" / "index.html").is_file()


# (b) -------------------------------------------------------------------------


def test_every_page_has_head_and_working_links(site):
    parsed = pages(site)
    assert "index.html" in parsed and "404.html" in parsed
    cache: dict[Path, Page] = {}
    for name, page in parsed.items():
        assert page.lang, name
        assert page.title and page.title.strip(), name
        assert page.description and page.description.strip(), name
        for href in page.hrefs:
            if href.startswith("#"):
                assert href[1:] in page.ids, (name, href)
                continue
            if not href.startswith("/"):
                continue
            path, fragment = target(site, href)
            assert path.is_file(), (name, href)
            if fragment:
                if path not in cache:
                    cache[path] = Page(path.read_text("utf-8"))
                assert fragment in cache[path].ids, (name, href)


# (c) and (d) -----------------------------------------------------------------


def test_footnotes_cite_sources(site):
    parsed = pages(site)
    people = [n for n in parsed if n.startswith("people/") and n != "people/index.html"]
    assert people
    for name in people:
        assert parsed[name].notes, f"{name} has no footnotes"
    for name, page in parsed.items():
        if name == "404.html":
            continue
        for note in page.notes:
            # A source's page, in the page's edition ('/sources/...', '/ru/sources/...').
            edition_sources = r"(/[a-z]{2,3}(-[A-Za-z]+)?)?/sources/"
            assert any(re.match(edition_sources, h) for h in note), (name, note)


def test_person_footnotes_point_at_marked_passages(site):
    parsed = pages(site)
    for name, page in parsed.items():
        if not name.startswith("people/") or name == "people/index.html":
            continue
        for note in page.notes:
            for href in note:
                if href.startswith("/sources/"):
                    path, fragment = target(site, href)
                    source = parsed[path.relative_to(site).as_posix()]
                    assert fragment.startswith("q-") and fragment in source.ids, (name, href)


def test_source_pages_mark_their_passages(site):
    parsed = pages(site)
    sources = {n: p for n, p in parsed.items() if re.fullmatch(r"sources/[^/]+/index\.html", n)}
    assert sources
    for name, page in sources.items():
        assert page.marks, name
        assert any(m.strip() for m in page.marks), name
        # every passage anchor stands right before highlighted text
        assert page.after_anchor and set(page.after_anchor) == {"mark"}, (name, page.after_anchor)


# (e) -------------------------------------------------------------------------


def test_changed_quote_fails_and_keeps_previous_site(real_copy, real_site, capsys):
    shutil.copytree(real_site, real_copy / "site")  # as `explainer build` leaves it
    before = tree(real_copy / "site")
    person = real_copy / "content/people/alexander-trufanov.yaml"
    lines = person.read_text("utf-8").splitlines(keepends=True)
    number = next(i for i, ln in enumerate(lines, 1) if "quote:" in ln and "girlfriend" in ln)
    lines[number - 1] = lines[number - 1].replace("girlfriend", "wife", 1)
    person.write_text("".join(lines), "utf-8")
    capsys.readouterr()

    assert run("build", "--project", real_copy) == 1
    err = capsys.readouterr().err
    assert f"content/people/alexander-trufanov.yaml:{number}: quote not found in source" in err
    assert "closest:" in err and "girlfriend" in err
    assert tree(real_copy / "site") == before


# (f) -------------------------------------------------------------------------


def test_builds_are_reproducible(tmp_path, site, request):
    """A second build, in this process and in another folder, writes the very same bytes as
    the session's build of the same project (tests/test_reproducible.py: other processes)."""
    project = FIXTURE if request.node.callspec.params["site"] == "fixture" else REPO
    assert run("build", "--project", project, "--out", tmp_path / "b" / "out") == 0
    a, b = tree(site), tree(tmp_path / "b" / "out")
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []


# (g) -------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["project", "parent", "content", "foreign"])
def test_out_guard_refuses(fixture_site, capsys, where):
    foreign = fixture_site.parent / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    out = {
        "project": fixture_site,
        "parent": fixture_site.parent,
        "content": fixture_site / "content",
        "foreign": foreign,
    }[where]
    before = tree(fixture_site.parent)
    assert run("build", "--project", fixture_site, "--out", out) == 2
    assert "explainer: error: refusing" in capsys.readouterr().err
    assert tree(fixture_site.parent) == before


def test_rebuild_over_own_site(fixture_site):
    out = fixture_site / "site"
    assert run("build", "--project", fixture_site) == 0
    (out / "stale.html").write_text("old")
    assert run("build", "--project", fixture_site, "--out", out) == 0
    assert (out / "index.html").is_file() and not (out / "stale.html").exists()
    assert [p.name for p in fixture_site.iterdir() if p.name.startswith(".site.")] == []


# (h) -------------------------------------------------------------------------


def test_base_url_prefixes_internal_links(tmp_path):
    out = tmp_path / "site"  # the pages' links only: no search index needed
    base = ("--base-url", "/explainer/")
    assert run("build", "--project", FIXTURE, "--out", out, *base, "--no-search") == 0
    count = 0
    for name, page in pages(out).items():
        for href in page.hrefs:
            if href.startswith("/"):
                count += 1
                path, _ = target(out, href, base="/explainer/")
                assert path.is_file(), (name, href)
    assert count > 20


# (i) -------------------------------------------------------------------------


def test_check_writes_nothing(fixture_site, capsys):
    before = tree(fixture_site.parent)
    assert run("check", "--project", fixture_site) == 0
    assert "nothing written" in capsys.readouterr().err
    assert tree(fixture_site.parent) == before
    assert not (fixture_site / "site").exists()


# (j) -------------------------------------------------------------------------


def test_script_in_summary_is_escaped(fixture_built):
    assert "<script>alert" in (FIXTURE / "content/people/dana-example.yaml").read_text()
    person = (fixture_built / "people/dana-example/index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in person
    for path in fixture_built.rglob("*"):
        if path.is_file():
            assert b"<script>alert" not in path.read_bytes(), path


def test_a_broken_override_template_is_reported_at_its_line(fixture_site, capsys):
    templates = fixture_site / "templates"
    templates.mkdir()
    (templates / "about.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<p>{{ nosuch.value }}</p>\n{% endblock %}\n'
    )
    assert run("build", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert "templates/about.html:3: template error: UndefinedError: 'nosuch' is undefined" in err
    assert "Traceback" not in err
    assert not (fixture_site / "site").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--jobs", "0"], "must be a whole number of at least 1"),
        (["--jobs", "-1"], "must be a whole number of at least 1"),
        (["--base-url", "//evil.example/"], "a host needs its scheme"),
        (["--base-url", "https://example.org/a b/"], "may not hold spaces"),
        (["--base-url", '/a"b/'], "may not hold spaces, quotes"),
        (["--as-of", "20250216"], "--as-of must be newest, today or YYYY-MM-DD"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path, capsys, args, words):
    try:
        code = run("build", "--project", FIXTURE, "--out", tmp_path / "site", *args)
    except SystemExit as exc:  # argparse's own way out, for a value it cannot take
        code = exc.code
    assert code == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


class _Attrs(HTMLParser):
    """The attributes of every element named ``tag`` of a page, and of its <html>."""

    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag, self.found, self.html = tag, [], {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            self.found.append(dict(attrs))
        if tag == "html":
            self.html = dict(attrs)


def _attrs(page: Path, tag: str) -> _Attrs:
    parser = _Attrs(tag)
    parser.feed(page.read_text("utf-8"))
    return parser


def test_a_passage_in_another_language_is_marked_with_it(fixture_site):
    source = fixture_site / "content/sources/herald.yaml"
    text = source.read_text("utf-8").replace("language: en", "language: he")
    source.write_text(
        text.replace("outlet: Sample Herald", "outlet: \u05d4\u05de\u05d1\u05e9\u05e8")
    )
    assert run("build", "--project", fixture_site, "--no-search", "-q") == 0
    site = fixture_site / "site"
    # A right-to-left outlet name is isolated: the date after it keeps its place.
    notes = _attrs(site / "people/lev-sample/index.html", "bdi")
    assert len(notes.found) >= 2  # in the notes, and in the sources of the page
    assert "<bdi>\u05d4\u05de\u05d1\u05e9\u05e8</bdi>, " in (
        site / "people/lev-sample/index.html"
    ).read_text("utf-8")
    quotes = _attrs(site / "people/lev-sample/index.html", "q").found
    assert {"lang": "he", "dir": "rtl"} in quotes  # the herald's passages
    assert {} in quotes  # the gazette's, in the site's language
    article = _attrs(site / "sources/herald/index.html", "div").found
    assert {"class": "article-text", "lang": "he", "dir": "rtl"} in article
    passages = _attrs(site / "sources/herald/index.html", "q").found
    assert passages and all(q == {"lang": "he", "dir": "rtl"} for q in passages)
    assert _attrs(site / "index.html", "q").html == {"lang": "en"}


def test_a_site_in_a_right_to_left_language_says_so(fixture_site):
    for name in ("site.yaml", "sources/herald.yaml", "sources/gazette.yaml"):
        path = fixture_site / "content" / name
        path.write_text(path.read_text("utf-8").replace("language: en", "language: he"))
    assert run("build", "--project", fixture_site, "--no-search", "-q") == 0
    page = _attrs(fixture_site / "site/people/lev-sample/index.html", "q")
    assert page.html == {"lang": "he", "dir": "rtl"}
    assert page.found and all(q == {} for q in page.found)  # the site's own language


def test_a_folder_that_is_no_project_is_a_usage_error(tmp_path, capsys):
    assert run("check", "--project", tmp_path) == 2
    assert "no content/ folder in" in capsys.readouterr().err


def test_the_people_index_cites_every_spelling_it_lists(real_site: Path) -> None:
    page = (real_site / "people" / "index.html").read_text("utf-8")
    listed = re.findall(r'<span class="spellings-inline">\(spelt (.*?)\)</span>', page, re.S)
    assert listed
    for spellings in listed:
        for spelling in spellings.split("; "):
            assert re.search(r'<sup class="ref"[^>]*><a href="#fn-\d+"', spelling), spelling
    assert '<section class="notes"' in page


def test_a_source_page_shows_its_archive_copy_and_retrieval_day(fixture_built: Path) -> None:
    gazette = (fixture_built / "sources" / "gazette" / "index.html").read_text("utf-8")
    archive = "https://archive.example.org/2024/https://example.org/gazette"
    assert f'<dt>Archive copy</dt><dd><a href="{archive}" rel="external">' in gazette
    assert '<dt>Retrieved</dt><dd><time datetime="2024-03-04">4 March 2024</time>' in gazette
    herald = (fixture_built / "sources" / "herald" / "index.html").read_text("utf-8")
    assert "<dt>Archive copy</dt><dd>None is known.</dd>" in herald
    assert "<dt>Retrieved</dt>" not in herald
