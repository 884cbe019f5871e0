"""The search stage: ``explainer build`` indexes the written site; ``--no-search`` skips it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE, run

from generator.rendering import search


def test_build_writes_the_index_and_no_search_skips_it(tmp_path: Path) -> None:
    indexed, plain = tmp_path / "indexed", tmp_path / "plain"
    assert run("build", "-q", "--project", FIXTURE, "--out", indexed) == 0
    assert run("build", "-q", "--no-search", "--project", FIXTURE, "--out", plain) == 0
    assert (indexed / "pagefind" / "pagefind.js").is_file()
    assert list((indexed / "pagefind" / "fragment").iterdir())
    assert not (plain / "pagefind").exists()
    assert (plain / "search" / "index.html").is_file()


def test_only_searchable_pages_are_marked_for_the_index(real_site: Path) -> None:
    def marked(route: str) -> bool:
        return "data-pagefind-body" in (real_site / route / "index.html").read_text("utf-8")

    assert marked("people/alexander-trufanov")
    assert marked("timeline")
    assert marked("sources/ynet-2025-02")
    assert not marked("timeline/alexander-trufanov"), "a filtered copy would double the results"
    assert not marked("search")


def test_a_failed_index_is_reported_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(search.sys, "executable", str(tmp_path / "no-python"))
    out = tmp_path / "site"
    assert run("build", "-q", "--project", FIXTURE, "--out", out) == 1
    err = capsys.readouterr().err
    assert "search index failed" in err and "--no-search" in err
    assert "the site was written without its search index" in err
    assert "Traceback" not in err
    assert (out / "index.html").is_file()
