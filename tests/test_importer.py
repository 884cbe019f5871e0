"""`explainer import` keeps the article and nothing else, and writes a source that checks."""

from __future__ import annotations

import datetime as dt
import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import TESTS, run

PAGES = TESTS / "import_pages"
ARTICLES = {
    "northbridge-courier": [
        "Tomas Example, 41, a farmer from the village of Sampleford, was taken from his fields"
        " on April 12, 2024, his family said on Thursday.",
        "His sister, Ilse Example, said the family had last heard from him on the morning he"
        " disappeared, when he telephoned to say he was mending a fence on the upper pasture.",
        "\u201cWe have waited three weeks for any word at all,\u201d she told the Courier at"
        " the family\u2019s farmhouse. \u201cEvery day without news is harder than the one"
        " before.\u201d",
        "Police in Northbridge said they were treating the case as an abduction and had widened"
        " their search to the forest north of the village.",
        "Neighbours described Tomas Example as a quiet man who kept bees and sold honey at the"
        " Saturday market in Northbridge.",
        "The regional council has offered the family support and said it was in contact with"
        " the authorities.",
    ],
    "valley-ledger": [
        "Marta Sample, a primary school teacher from Lowfield, has not been seen since she left"
        " the school gates on the afternoon of June 6, the town council said on Friday.",
        "The council's chair, Oskar Demo, asked residents not to share rumours about the case on"
        " social media and to pass any information to the police.",
        '"Speculation does not help Marta or her family," Demo said at a short briefing outside'
        ' the town hall. "What helps is facts, given to the people who can act on them."',
        "Her husband, Jan Sample, said in a statement read by a family friend that the family"
        ' was "holding on to hope".',
        "Police said two men had been questioned and released, and that the search had moved to"
        " the reservoir east of Lowfield.",
        "Pupils at the school have left flowers and drawings at the gates where she was last seen.",
    ],
    "harbour-post": [
        "The families of four crew members of the trawler Northern Example gathered at the"
        " harbour office on Monday, asking for any news of the men, who they say are being held"
        " aboard a vessel offshore.",
        "The trawler's owner, Rina Placeholder, said she had last spoken to the skipper by radio"
        " before the boat's transponder went silent.",
        '"We do not know who is holding them or what they want," she said. "We only know that'
        ' our people have not come home."',
        "The harbour master said the coastguard had been informed and that other boats in the"
        " fleet had been told to stay within sight of the coast.",
        "A vigil is planned for Friday evening at the seamen's chapel.",
    ],
}
CLUTTER = {
    "northbridge-courier": [
        "Farming and Countryside",  # navigation
        "Tractor tyres",  # ads
        "Win a weekend break",
        "Thinking of the family",  # comments
        "Why has it taken three weeks",
        "Morning Briefing",  # newsletter
        "Sign me up",
        "Sampleford spring fete",  # related links
        "Honey prices rise",
        "Accept all cookies",
        "All rights reserved",
    ],
    "valley-ledger": [
        "Log in",
        "Valley Motors",
        "Lowfield Garden Centre",
        "Fresh fish delivered",
        "HillRunner",
        "searched the reservoir first",
        "Never miss a Lowfield story",
        "Reservoir path closed",
        "Heatwave warning",
    ],
    "harbour-post": [
        "Tide Tables",
        "Marine insurance",
        "Join the Harbour Post newsletter",
        "New pontoon opens",
        "Praying for the lads",
        "Bring them home",
        "Advertise with us",
    ],
}
IDS = {
    "northbridge-courier": "northbridge-courier-2024-05-02",
    "valley-ledger": "valley-ledger-2024-06-14",
    "harbour-post": "harbour-post",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project: it checks clean, so every finding after an import is the import's."""
    folder = tmp_path / "explainer"
    assert run("new", folder) == 0
    return folder


def _findings(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = run("check", "--project", project, "--format", "json")
    found = json.loads(capsys.readouterr().out)
    # Every sentence of a new source is uncovered until it is cited or declared not used.
    return code, [
        f"{d['severity']}: {d['message']}"
        for d in found
        if "neither cited nor declared not used" not in d["message"]
    ]


@pytest.mark.parametrize("page", sorted(ARTICLES))
def test_the_seed_is_the_article_and_nothing_else(project: Path, page: str) -> None:
    assert run("import", PAGES / f"{page}.html", "--project", project) == 0
    seed = (project / "seeds" / f"{IDS[page]}.txt").read_text(encoding="utf-8")
    lines = seed.splitlines()
    for paragraph in ARTICLES[page]:
        assert paragraph in lines
    for clutter in CLUTTER[page]:
        assert clutter not in seed
    assert (
        lines[0]
        == yaml.safe_load(
            (project / "content" / "sources" / f"{IDS[page]}.yaml").read_text(encoding="utf-8")
        )["headline"]
    )


def test_json_ld_page_gives_a_source_that_checks(project: Path, capsys) -> None:
    assert run("import", PAGES / "northbridge-courier.html", "--project", project) == 0
    text = (project / "content/sources/northbridge-courier-2024-05-02.yaml").read_text()
    assert yaml.safe_load(text) == {
        "seed": "northbridge-courier-2024-05-02.txt",
        "outlet": "The Northbridge Courier",
        "headline": "Farmer taken from his fields near Sampleford, family says",
        "url": "https://www.northbridgecourier.example/news/2024/05/02/farmer-taken-from-fields/",
        "language": "en-GB",
        "published": {
            "date": "2024-05-02",
            "basis": "stated",
            "evidence": "The page's NewsArticle JSON-LD gives"
            ' "datePublished": "2024-05-02T08:15:00+02:00".',
        },
    }
    assert "# author: Mara Fictional\n" in text
    assert "# retrieved: not known (a saved page)" in text
    assert "# also (agrees): The byline reads" in text
    code, found = _findings(project, capsys)
    assert (code, found) == (
        0,
        [
            "warning: source 'northbridge-courier-2024-05-02' has a URL but no archive copy:"
            " the article may change or go",
            "warning: source 'northbridge-courier-2024-05-02' is not cited anywhere",
        ],
    )


def test_a_page_without_a_date_leaves_published_for_the_editor(project: Path, capsys) -> None:
    assert run("import", PAGES / "harbour-post.html", "--project", project) == 0
    err = capsys.readouterr().err
    assert "the page does not give the publication date" in err
    text = (project / "content/sources/harbour-post.yaml").read_text()
    data = yaml.safe_load(text)
    assert "published" not in data
    assert "url" not in data
    assert data["outlet"] == "Harbour Post"
    assert "# published: TODO: the page states no publication date" in text
    assert "# url: the page gives no address of its own" in text
    code, found = _findings(project, capsys)
    assert code == 1
    assert "error: a source is missing the field 'published'" in found
    assert [f for f in found if f.startswith("error")] == [
        "error: a source is missing the field 'published'"
    ]


FRONT_PAGE = (
    b"<!DOCTYPE html><html lang='en'><head><title>Valley Ledger: local news</title></head><body>"
    b"<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/local/'>Local</a></li></ul>"
    b"</nav></header><main><div class='teasers'><a href='/local/a'>Council appeals for calm</a>"
    b"<a href='/sport/b'>Lowfield win the derby</a></div></main><footer>Contact</footer>"
    b"</body></html>"
)
"""A front page: links to articles, no article of its own."""


class _Server(ThreadingHTTPServer):
    agents: list[str]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        server = self.server
        assert isinstance(server, _Server)
        server.agents.append(self.headers.get("User-Agent", ""))
        if self.path.endswith("/council-appeals-for-calm"):
            body = (PAGES / "valley-ledger.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif self.path == "/front":
            body = FRONT_PAGE
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        else:
            body = b"not here"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, _Server]]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.agents = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_fetched_and_dated_by_its_meta_tag(project: Path, server, capsys) -> None:
    base, httpd = server
    assert run("import", f"{base}/local/council-appeals-for-calm", "--project", project) == 0
    assert httpd.agents and httpd.agents[0].startswith("hostage-explainer/")
    text = (project / "content/sources/valley-ledger-2024-06-14.yaml").read_text()
    assert f'retrieved: "{dt.date.today().isoformat()}"\n' in text
    data = yaml.safe_load(text)
    assert data["url"] == "https://valleyledger.example/local/council-appeals-for-calm"
    assert data["published"]["evidence"] == (
        'The page\'s article:published_time meta tag reads "2024-06-14T17:40:00Z".'
    )
    assert _findings(project, capsys) == (
        0,
        [
            "warning: source 'valley-ledger-2024-06-14' has a URL but no archive copy:"
            " the article may change or go",
            "warning: source 'valley-ledger-2024-06-14' is not cited anywhere",
        ],
    )


def test_a_page_without_article_text_is_refused(project: Path, server, capsys) -> None:
    base, _ = server
    assert run("import", f"{base}/front", "--project", project) == 2
    assert "no article text found" in capsys.readouterr().err
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["example-article.txt"]


def test_a_server_error_is_one_line(project: Path, server, capsys) -> None:
    base, _ = server
    assert run("import", f"{base}/gone", "--project", project) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "404" in err


def test_nothing_is_written_over(project: Path, capsys) -> None:
    page = PAGES / "northbridge-courier.html"
    assert run("import", page, "--project", project) == 0
    seed = project / "seeds" / "northbridge-courier-2024-05-02.txt"
    seed.write_text("edited by hand\n")
    assert run("import", page, "--project", project) == 2
    assert "exists" in capsys.readouterr().err
    assert seed.read_text() == "edited by hand\n"
    assert run("import", page, "--project", project, "--id", "courier-farmer") == 0
    assert (project / "content/sources/courier-farmer.yaml").read_text().count(
        "seed: courier-farmer.txt"
    ) == 1


def test_an_invalid_id_is_refused(project: Path, capsys) -> None:
    assert run("import", PAGES / "harbour-post.html", "--project", project, "--id", "Bad_Id") == 2
    assert "not a valid id" in capsys.readouterr().err
    assert not (project / "content/sources/Bad_Id.yaml").exists()


def test_without_the_extra_it_says_how_to_install_it(
    project: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    assert run("import", PAGES / "harbour-post.html", "--project", project) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'hostage-explainer[import]'" in err
