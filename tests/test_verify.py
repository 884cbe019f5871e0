"""explainer verify: planted breakage is reported at its page; the real site passes, also served
under a sub-path."""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import FIXTURE, REPO, replace_text, run

from generator.verify import Tools, find_tools, verify_site

LOCAL_VNU = REPO / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NONE = Tools(None, None)


@pytest.fixture(scope="module")
def tools() -> Tools:
    """The external checkers installed here (CI installs both; locally they may be missing)."""
    return find_tools(LOCAL_VNU if LOCAL_VNU.is_file() and not os.environ.get("VNU_JAR") else None)


@pytest.fixture
def site(fixture_built: Path, tmp_path: Path) -> Path:
    """A copy of the built fixture site that a test may break."""
    return Path(shutil.copytree(fixture_built, tmp_path / "site"))


def problems(folder: Path, tools: Tools = NONE, base: str = "/") -> list[str]:
    return [d.format() for d in verify_site(folder, base, tools, "site")]


plant = replace_text  # replace the first ``old`` in a file; return the line it is on


def test_the_fixture_site_passes(site):
    assert problems(site) == []


def test_broken_link_names_page_line_and_target(site):
    line = plant(
        site / "timeline" / "index.html",
        'href="/people/dana-example/"',
        'href="/people/nobody/"',
    )
    assert problems(site) == [
        f"site/timeline/index.html:{line}: broken link to /people/nobody/:"
        " there is no people/nobody/index.html in the site"
    ]


def test_missing_anchor(site):
    line = plant(
        site / "timeline" / "index.html",
        'href="/sources/gazette/#q-ed3c68248e"',
        'href="/sources/gazette/#q-gone"',
    )
    assert problems(site) == [
        f"site/timeline/index.html:{line}: broken link to /sources/gazette/#q-gone:"
        " sources/gazette/index.html has no id 'q-gone'"
    ]


def test_missing_stylesheet(site):
    (site / "assets" / "style.css").unlink()
    found = problems(site)
    assert len(found) == len(list(site.rglob("*.html")))  # every page links it once
    assert "site/people/lev-sample/index.html:8: broken link to /assets/style.css:" in "\n".join(
        found
    )


def test_link_to_a_folder_without_slash(site):
    line = plant(site / "index.html", 'href="/people/"', 'href="/people"')
    assert problems(site) == [
        f"site/index.html:{line}: link to /people names a folder without its trailing slash"
    ]


def test_page_missing_from_sitemap_and_stray_entry(site):
    plant(site / "sitemap.xml", "<loc>/people/lev-sample/</loc>", "<loc>/people/lev/</loc>")
    assert problems(site) == [
        "site/people/lev-sample/index.html: missing from sitemap.xml"
        " (expected <loc>/people/lev-sample/</loc>)",
        "site/sitemap.xml: lists /people/lev/, which is not a page of this site",
    ]


def test_wrong_jsonld_type(site):
    page = site / "people" / "dana-example" / "index.html"
    line = plant(page, '"@type":"Person","citation"', '"@type":"Thing","citation"')
    assert problems(site) == [
        f"site/people/dana-example/index.html:{line}: JSON-LD: @type is 'Thing', expected 'Person'"
    ]


def test_jsonld_url_to_a_missing_page(site):
    page = site / "people" / "dana-example" / "index.html"
    line = plant(page, '"url":"/people/dana-example/"', '"url":"/people/dana/"')
    assert problems(site) == [
        f"site/people/dana-example/index.html:{line}: broken link to /people/dana/:"
        " there is no people/dana/index.html in the site"
    ]


def test_article_without_publisher_and_bad_json(site):
    page = site / "sources" / "gazette" / "index.html"
    line = plant(page, '"publisher":', '"publishedBy":')
    about = plant(site / "about" / "index.html", '{"@context"', '{,"@context"')
    assert problems(site) == [
        f"site/about/index.html:{about}: JSON-LD does not parse:"
        " Expecting property name enclosed in double quotes",
        f"site/sources/gazette/index.html:{line}: JSON-LD: publisher is not an object",
    ]


def test_what_a_deploy_must_not_carry(site, tmp_path):
    """A page that is not UTF-8 or not a file, links out of the site: found, not a crash."""
    about = site / "about" / "index.html"
    lines = about.read_bytes().count(b"\n")
    about.write_bytes(about.read_bytes() + b"\xff\xfe")
    (tmp_path / "secret").write_text("mine")
    (site / "secret.html").symlink_to(tmp_path / "secret")
    os.mkfifo(site / "pipe.html")  # read, it would wait for a writer for ever
    (site / "folder.html").mkdir()
    offset = about.stat().st_size - 2
    assert problems(site) == [
        f"site/about/index.html:{lines + 1}: not UTF-8 (byte 0xff at offset {offset})",
        "site/folder.html: a page that is not a regular file",
        "site/pipe.html: a page that is not a regular file",
        f"site/secret.html: a link that leads out of the site, to {tmp_path / 'secret'}",
        "site/sitemap.xml: lists /about/, which is not a page of this site",
    ]


def test_a_malformed_link_is_a_problem_not_a_crash(site):
    line = plant(site / "about" / "index.html", 'href="/people/"', 'href="http://[::1/people/"')
    assert problems(site) == [f"site/about/index.html:{line}: malformed link http://[::1/people/"]


def test_json_ld_nested_without_end_is_a_problem_not_a_crash(site):
    page = site / "people" / "dana-example" / "index.html"
    text = page.read_text("utf-8")
    start = text.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    end = text.index("</script>", start)
    page.write_text(text[:start] + "[" * 100_000 + "]" * 100_000 + text[end:], "utf-8")
    (found,) = problems(site)
    assert found.endswith("JSON-LD does not parse: it is nested too deeply")


def test_site_built_for_another_address_is_one_problem(site):
    assert problems(site, base="https://example.org/sub/") == [
        "site/index.html: the site was built for /, not https://example.org/sub/\n"
        "    verify it with --base-url /, or build it with --base-url https://example.org/sub/"
    ]


def test_invalid_html_reported_by_vnu(site, tools):
    if tools.vnu is None:
        pytest.skip("the Nu HTML Checker is not installed here (bash .ci/tools installs it)")
    line = plant(site / "about" / "index.html", "<h1>", "<h1><div></span>")
    found = problems(site, Tools(tools.vnu, None))
    assert found, "vnu found nothing wrong in a page with a stray end tag"
    assert all(p.startswith(f"site/about/index.html:{line}: HTML: ") for p in found), found
    assert any("“span”" in p for p in found), found


def test_invalid_feed_reported_by_jing(site, tools):
    if tools.jing is None:
        pytest.skip("jing is not installed here (apt-get install jing)")
    line = plant(site / "feed.xml", "<author>", "<writer>")
    plant(site / "feed.xml", "</author>", "</writer>")
    found = problems(site, Tools(None, tools.jing))
    assert found and all(p.startswith(f"site/feed.xml:{line}: Atom (RFC 4287): ") for p in found)


def test_cli_fails_with_the_page_and_the_count(site, capsys):
    plant(site / "index.html", 'href="/people/"', 'href="/people/nobody/"')
    assert run("verify", site, "--no-external") == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{site.as_posix()}/index.html:")
    assert "broken link to /people/nobody/" in err[0]
    assert err[-1] == "error: 1 problem found; the site is not fit to deploy"


def test_require_external_fails_when_a_checker_is_missing(site, capsys, monkeypatch):
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("VNU_JAR", str(site / "no.jar"))
    assert run("verify", site, "--require-external") == 2
    assert "--require-external: not found: the Nu HTML Checker" in capsys.readouterr().err
    assert run("verify", site, "--vnu", site / "no.jar") == 2
    assert "--vnu: no file at" in capsys.readouterr().err


def test_real_site_passes_at_root(real_site, capsys):
    assert run("verify", real_site, "--no-external") == 0
    assert re.search(r"verified \d+ pages at /", capsys.readouterr().err)


# The real site under a sub-path, served there by a local server and crawled --------------


class _Links(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


@pytest.fixture
def served_under_prefix(tmp_path) -> Iterator[tuple[str, Path]]:
    """Serve a folder at http://127.0.0.1:PORT/sub/path/ only; yield the base URL and folder."""
    folder, prefix = tmp_path / "site", "/sub/path/"

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            path = urlsplit(path).path
            if not path.startswith(prefix):
                return str(tmp_path / "outside-the-prefix")
            return super().translate_path("/" + path[len(prefix) :])

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}", folder
    finally:
        server.shutdown()
        server.server_close()


def test_real_site_under_a_sub_path_passes_and_every_link_is_served(served_under_prefix):
    base, folder = served_under_prefix
    assert run("build", "--project", REPO, "--out", folder, "--base-url", base, "-q") == 0
    assert run("verify", folder, "--base-url", base, "--no-external") == 0

    pending, fetched, failed = [base], set(), []
    while pending:
        url = pending.pop()
        if url in fetched:
            continue
        fetched.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            failed.append(f"{url}: {exc.code}")
            exc.close()
            continue
        if kind == "text/html":
            for link in _Links(body.decode("utf-8")).urls:
                target = urljoin(url, link).split("#")[0]
                if target.startswith(base):
                    pending.append(target)
    assert failed == []
    pages = {base + p.relative_to(folder).as_posix() for p in folder.rglob("*.html")}
    pages = {p.removesuffix("index.html") for p in pages if not p.endswith("/404.html")}
    assert pages <= fetched  # the crawl reached every page from the home page
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base + "about/nothing/")
    assert missing.value.code == 404
    missing.value.close()


def test_fixture_project_builds_and_verifies_under_a_path_base(tmp_path):
    out = tmp_path / "site"
    assert run("build", "--project", FIXTURE, "--out", out, "--base-url", "/x/y/", "-q") == 0
    assert problems(out, base="/x/y/") == []
    assert problems(out, base="/x/")[0].startswith("site/index.html: the site was built for")


def test_an_article_on_the_sites_own_host_is_not_an_internal_link(tmp_path, capsys):
    """An explainer under a newspaper's address cites that newspaper's articles."""
    base = "https://example.org/sub/path/"  # the fixture's gazette is at https://example.org/
    out = tmp_path / "site"
    assert run("build", "--project", FIXTURE, "--out", out, "--base-url", base, "--no-search") == 0
    assert "https://example.org/gazette" in (out / "index.html").read_text("utf-8")
    assert problems(out, base=base) == []
