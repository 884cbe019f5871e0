"""Template digests, found by a scan that errs on the safe side; rendering spread over processes."""

from __future__ import annotations

from pathlib import Path

from conftest import run
from pytest import MonkeyPatch

from generator.checking import check_citations
from generator.planning import Planner
from generator.reading import ProjectPaths, load_project
from generator.rendering.renderer import json_for_script
from generator.rendering.structured import StructuredData
from generator.urls import Urls


def test_shared_structured_data_is_what_each_page_makes_alone(
    real_copy: Path, monkeypatch: MonkeyPatch
) -> None:
    """A build shares each article's and event's JSON-LD between pages: no page's JSON-LD changes.

    The source pages go first, so that a source page's own fields, were they
    written into the shared article, would show in the citations of the others.
    """
    project = load_project(ProjectPaths.at(real_copy), [])
    assert project is not None
    urls = Urls.from_base("https://example.org/")
    planner = Planner(urls)
    planner.update(project, check_citations(project, []))
    site = project.site
    shared = StructuredData(urls, site)
    routes = planner.source_routes() + planner.routes()
    pages = [planner.page(route) for route in routes]
    assert any(p.template == "source.html" for p in pages)
    assert any(p.template == "timeline.html" for p in pages)
    for page in pages:
        alone = StructuredData(urls, site)(page, "title", "description")
        together = shared(page, "title", "description")
        assert json_for_script(together) == json_for_script(alone), page.route


def test_an_override_extends_the_default_theme_and_replaces_a_block(fixture_site) -> None:
    """A project's base.html may extend default/base.html and replace only what it needs."""
    own = fixture_site / "templates"
    own.mkdir()
    (own / "base.html").write_text(
        '{% extends "default/base.html" %}\n'
        "{% block footer %}<footer><p>Our own footer</p></footer>{% endblock %}\n",
        encoding="utf-8",
    )
    assert run("build", "--project", fixture_site, "-q", "--no-search") == 0
    page = (fixture_site / "site" / "people" / "dana-example" / "index.html").read_text("utf-8")
    assert "<footer><p>Our own footer</p></footer>" in page
    assert "How this explainer is made" not in page  # the default footer is replaced
    assert '<nav aria-label="Site">' in page  # the rest is the default theme's


def test_a_page_joined_a_few_pieces_at_a_time_is_the_same_page(
    fixture_site: Path, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    """Renderer.render joins a page's pieces a batch at a time (a large site's whole timeline
    is some 300,000): batches of two give the very bytes of one batch per page."""
    from conftest import tree

    from generator.rendering import renderer

    assert run("build", "--project", fixture_site, "--out", tmp_path / "whole", "-q") == 0
    monkeypatch.setattr(renderer, "_BATCH", 2)
    assert run("build", "--project", fixture_site, "--out", tmp_path / "batched", "-q") == 0
    assert tree(tmp_path / "batched") == tree(tmp_path / "whole")
