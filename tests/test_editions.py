"""Editions: a site in several languages, built at the base URL and under /<lang>/
(generator/editions.py, the build's and the preview's loops over them, and explainer
verify's alternates check)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURE, replace_text, run, tree
from test_verify import NONE

from generator.build import Options
from generator.editions import editions_of, own_name
from generator.preview.builder import PreviewBuilder
from generator.urls import Urls
from generator.verify import verify_site

LANGUAGES = "languages: [en, ru, he]\n"


class Head(HTMLParser):
    """A page's language, direction, alternates and language switcher."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.dir: str | None = None
        self.alternates: dict[str, str] = {}
        self.switcher: list[tuple[str, str, bool]] = []
        self._in_switcher = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang, self.dir = a.get("lang"), a.get("dir")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"] or ""] = a["href"] or ""
        elif tag == "nav" and a.get("class") == "editions":
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            current = a.get("aria-current") == "true"
            self.switcher.append((a.get("hreflang") or "", a.get("href") or "", current))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_switcher = False


def head(path: Path) -> Head:
    return Head(path.read_text(encoding="utf-8"))


def _editions_project(folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder)
    replace_text(folder / "content" / "site.yaml", "language: en\n", LANGUAGES)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with three editions, built once (drafts included)."""
    project = _editions_project(tmp_path_factory.mktemp("editions") / "project")
    assert run("build", "-q", "--drafts", "--project", project, "--out", project / "site") == 0
    return project / "site"


def test_each_language_is_named_in_itself() -> None:
    assert own_name("en") == "English"
    assert own_name("ru") == "Русский"
    assert own_name("he") == "עברית"
    assert own_name("ar") == "العربية"
    assert own_name("zz") == "zz"  # no such language in CLDR: its tag


def test_the_default_edition_is_at_the_root_and_the_others_in_folders() -> None:
    editions = editions_of(("en", "ru", "he"), Urls.from_base("https://example.org/x/"))
    assert [(e.lang, e.folder, e.default, e.direction) for e in editions] == [
        ("en", "", True, "ltr"),
        ("ru", "ru/", False, "ltr"),
        ("he", "he/", False, "rtl"),
    ]
    assert editions[1].urls.absolute("people/a/") == "https://example.org/x/ru/people/a/"
    assert editions[1].urls.asset("assets/style.css") == "/x/assets/style.css"


def test_every_page_is_in_every_edition_in_its_language(built: Path) -> None:
    english = {n for n in tree(built) if n.endswith(".html") and n.count("/") < 3}
    english = {n for n in english if not n.startswith(("ru/", "he/", "pagefind/"))}
    assert len(english) > 5
    for name in english:
        for lang in ("ru", "he"):
            assert (built / lang / name).is_file(), f"{lang}/{name} is missing"
    assert head(built / "index.html").lang == "en"
    assert head(built / "ru" / "index.html").lang == "ru"
    assert head(built / "ru" / "index.html").dir is None
    assert head(built / "he" / "index.html").dir == "rtl"


def test_each_page_names_itself_in_every_edition_and_the_default(built: Path) -> None:
    page = head(built / "ru" / "about" / "index.html")
    assert page.alternates == {
        "en": "/about/",
        "ru": "/ru/about/",
        "he": "/he/about/",
        "x-default": "/about/",
    }
    assert page.switcher == [
        ("en", "/about/", False),
        ("ru", "/ru/about/", True),
        ("he", "/he/about/", False),
    ]


def test_the_whole_site_files_are_made_once_and_each_edition_has_its_feed(built: Path) -> None:
    assert (built / "feed.xml").is_file()
    assert (built / "ru" / "feed.xml").is_file()
    assert (built / "he" / "404.html").is_file()
    assert (built / "data" / "people.json").is_file()
    assert not (built / "ru" / "data").exists()
    assert not (built / "ru" / "assets").exists()
    assert not (built / "ru" / "sitemap.xml").exists()
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>/ru/about/</loc>") == 1
    assert '<xhtml:link rel="alternate" hreflang="he" href="/he/about/"/>' in sitemap


def test_explainer_verify_passes_the_editions_and_finds_a_broken_alternate(
    built: Path, tmp_path: Path
) -> None:
    assert [d.format() for d in verify_site(built, "/", NONE)] == []
    broken = tmp_path / "site"
    shutil.copytree(built, broken)
    replace_text(
        broken / "about" / "index.html",
        '<link rel="alternate" hreflang="he" href="/he/about/">\n',
        "",
    )
    found = [d.format() for d in verify_site(broken, "/", NONE)]
    assert any("does not list the same alternates back" in f for f in found), found


def test_a_site_of_one_language_has_no_alternates_and_no_switcher(
    fixture_site: Path, tmp_path: Path
) -> None:
    assert run("build", "-q", "--project", fixture_site, "--out", tmp_path / "site") == 0
    page = head(tmp_path / "site" / "about" / "index.html")
    assert page.alternates == {} and page.switcher == []
    assert not (tmp_path / "site" / "en").exists()


def test_language_and_languages_that_disagree_are_an_error(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = fixture_site / "content" / "site.yaml"
    line = replace_text(site, "language: en\n", "language: en\nlanguages: [ru, en]\n")
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert f"content/site.yaml:{line}: 'language' is 'en' but 'languages' starts with 'ru'" in err


def test_the_preview_serves_every_edition_as_the_build_writes_it(tmp_path: Path) -> None:
    project = _editions_project(tmp_path / "project")
    options = Options(project, drafts=True)
    out = tmp_path / "site"
    assert run("build", "-q", "--drafts", "--no-search", "--project", project, "--out", out) == 0
    built = {k: v for k, v in tree(out).items() if k != ".hostage-explainer"}
    preview = PreviewBuilder(replace(options))
    preview.build()
    assert preview.files() == built
    assert preview.file("he/about/index.html") == built["he/about/index.html"]


def _translate_dana(project: Path) -> None:
    """Give Dana Example's name and first sentence, and one event, a Russian translation."""
    person = project / "content" / "people" / "dana-example.yaml"
    replace_text(
        person,
        "name: Dana Example\n",
        "name: Dana Example\ntranslations:\n  ru:\n    name: Дана Пример\n",
    )
    replace_text(
        person,
        'in Examplefield. <script>alert(1)</script>"\n',
        'in Examplefield. <script>alert(1)</script>"\n'
        '    translations:\n      ru:\n        text: "Газета сообщила, что Дану похитили."\n',
    )
    events = next((project / "content" / "events").glob("*.yaml"))
    replace_text(
        events,
        '  title: "Dana Example abducted from Examplefield, the village council said"\n',
        '  title: "Dana Example abducted from Examplefield, the village council said"\n'
        '  translations:\n    ru:\n      title: "Дану Пример похитили, сообщил сельсовет"\n',
    )


def test_an_edition_shows_the_translations_and_marks_the_rest(tmp_path: Path) -> None:
    project = _editions_project(tmp_path / "project")
    _translate_dana(project)
    assert run("build", "-q", "--no-search", "--project", project, "--out", tmp_path / "s") == 0
    ru = (tmp_path / "s" / "ru" / "people" / "dana-example" / "index.html").read_text("utf-8")
    en = (tmp_path / "s" / "people" / "dana-example" / "index.html").read_text("utf-8")
    assert "Дана Пример" in ru and "Газета сообщила, что Дану похитили." in ru
    assert "Дана Пример" not in en and "Газета" not in en
    timeline = (tmp_path / "s" / "ru" / "timeline" / "index.html").read_text("utf-8")
    assert "Дану Пример похитили, сообщил сельсовет" in timeline
    # Lev Sample's page has no translation: shown in English, marked as such.
    lev = (tmp_path / "s" / "ru" / "people" / "lev-sample" / "index.html").read_text("utf-8")
    assert '<span lang="en">The Sample Herald reported' in lev
    assert 'class="untranslated"' in lev
    assert 'class="untranslated"' not in en


def test_check_lists_what_an_edition_lacks_and_strict_fails_on_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _editions_project(tmp_path / "project")
    _translate_dana(project)
    assert run("check", "--project", project) == 0
    err = capsys.readouterr().err
    assert "not translated into 'ru': the name of lev-sample" in err
    assert "not translated into 'ru': the name of dana-example" not in err
    assert "not translated into 'ru': event dana-example-abducted" not in err
    assert "not translated into 'ru': event lev-sample-appeal" in err
    assert run("check", "--strict", "--project", project) == 1


def test_a_translation_that_leaves_out_a_text_of_its_item_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _editions_project(tmp_path / "project")
    events = next((project / "content" / "events").glob("*.yaml"))
    line = replace_text(
        events,
        '  body: "The Sample Herald reported that Lev Sample called for her release."\n',
        '  body: "The Sample Herald reported that Lev Sample called for her release."\n'
        "  translations:\n    ru:\n      title: Лев Пример призывает освободить сестру\n",
    )
    assert run("check", "--project", project) == 1
    err = capsys.readouterr().err
    where = f"{events.relative_to(project).as_posix()}:{line + 3}"  # the translation's title
    assert f"{where}: the 'ru' translation has no 'body'" in err


def test_a_language_listed_twice_in_another_case_is_an_error(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each edition has a folder of its own: 'ru' and 'RU' would share one on some disks."""
    site = fixture_site / "content" / "site.yaml"
    line = replace_text(site, "language: en\n", "languages:\n  - en\n  - ru\n  - RU\n")
    assert run("check", "--project", fixture_site) == 1
    assert f"content/site.yaml:{line + 3}: 'languages' lists 'RU' twice" in capsys.readouterr().err
