"""The benchmark scripts: the synthetic corpus is real content, and run.py still runs.

No timing is asserted anywhere: run.py is a smoke test here, its figures are
for people to read.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO, run, tree

BENCHMARKS = REPO / "benchmarks"
N = 12
PAGES = 4 * N + 7 + 3


def script(name: str) -> ModuleType:
    """Import a benchmark script by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


make_corpus = script("make_corpus")


class Links(HTMLParser):
    """The hrefs of a page and how many passages it highlights."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.marks = 0
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)
        self.marks += tag == "mark"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "project"
    make_corpus.write(N, out)
    return out


def test_same_n_gives_byte_identical_files(corpus, tmp_path):
    again = tmp_path / "again"
    make_corpus.write(N, again)
    assert tree(again) == tree(corpus)
    other = tmp_path / "other"
    make_corpus.write(N + 1, other)
    assert len(list((other / "content" / "people").iterdir())) == N + 1


def test_refuses_a_non_empty_out(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(SystemExit, match="not an empty folder"):
        make_corpus.write(N, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_people_come_in_realistic_proportions(corpus):
    roles = [
        re.search(r"^role: (\w+)$", p.read_text("utf-8"), re.M).group(1)  # type: ignore[union-attr]
        for p in sorted((corpus / "content" / "people").glob("*.yaml"))
    ]
    assert roles.count("hostage") == 6 and roles.count("relative") == 5
    assert roles.count("official") == 1
    names = [
        re.search(r'^name: "(.*)"$', p.read_text("utf-8"), re.M).group(1)  # type: ignore[union-attr]
        for p in (corpus / "content" / "people").glob("*.yaml")
    ]
    assert len(names) == N and all(re.fullmatch(r"Person \d{4} [A-Z][a-z]+", n) for n in names)


def test_corpus_builds_and_checks_without_errors_or_warnings(corpus, tmp_path, capsys):
    """As a kept tracker would: what is missing (a URL, a stated date) is acknowledged,
    and people who share a surname (relatives) are told apart by the checks."""
    site = tmp_path / "site"
    assert run("build", "--strict", "--project", corpus, "--out", site) == 0
    err = capsys.readouterr().err
    assert ": warning: " not in err
    # Four pages per person: a profile, a filtered timeline and two sources; six site pages;
    # a timeline filter for each of the three kinds of event the corpus has.
    assert re.search(rf"^built {PAGES} pages from {2 * N} sources, {N} people", err, re.M)
    assert run("check", "--strict", "--project", corpus) == 0
    assert ": error: " not in capsys.readouterr().err

    listing = Links((site / "people" / "index.html").read_text("utf-8"))
    people = {h for h in listing.hrefs if re.fullmatch(r"/people/person-\d{4}-\w+/", h)}
    assert len(people) == N
    sources = sorted((site / "sources").glob("*/index.html"))
    assert len(sources) == 2 * N
    for page in sources:
        assert Links(page.read_text("utf-8")).marks > 0, f"{page} highlights no passage"


def test_run_py_prints_every_row(tmp_path):
    figures = tmp_path / "figures.json"
    command = [sys.executable, BENCHMARKS / "run.py", "--sizes", str(N), "--runs", "1"]
    done = subprocess.run(
        [*command, "--json", figures, "--work", tmp_path],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"^machine: \d+ cores, Python 3\.", done.stdout, re.M)
    assert re.search(rf"^work folder: {re.escape(str(tmp_path))} \(\S+\)$", done.stdout, re.M)
    for _, label, _ in script("run").ROWS:
        assert re.search(rf"^{re.escape(label)} +\S", done.stdout, re.M), label
    assert re.search(
        r"^real content, explainer check:  clean \d+\.\d\d s  \|  10 broken quotes \d+\.\d\d s"
        r"  \|  broken / clean \d+\.\d\d$",
        done.stdout,
        re.M,
    )
    assert json.loads(figures.read_text("utf-8"))["real"]["broken_over_clean"] > 0
    result = json.loads(figures.read_text("utf-8"))["sizes"][str(N)]
    assert result["pages"] == PAGES
    assert result["build_seconds"] > 0 and result["floor_seconds"] > 0


def test_broken_quotes_change_one_letter_in_ten_quotes(tmp_path):
    """The benchmark's failing check fails for ten quotes, each one letter off its source."""
    broken = script("broken_quotes")
    project = broken.copy_real(tmp_path / "real")
    where = broken.break_quotes(project, 10)
    assert len(where) == len(set(where)) == 10
    for path, line in where:
        was = (REPO / path).read_text("utf-8").splitlines()[line - 1]
        now = (project / path).read_text("utf-8").splitlines()[line - 1]
        assert sum(a != b for a, b in zip(was, now, strict=True)) == 1
    assert run("check", "-q", "--project", project) == 1
