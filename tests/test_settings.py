"""base_url and output in content/site.yaml: said once, used by build, serve and verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from generator.build import Options
from generator.reading import ProjectPaths
from generator.reading.settings import read_settings

NOTE = "set `base_url: https://host/path/` once in content/site.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new project, as `explainer new` makes it."""
    folder = tmp_path / "newsroom"
    assert run("new", folder, "-q") == 0
    return folder


def _set(project: Path, text: str) -> int:
    """Add ``text`` to the site file; return the line it starts on."""
    site = project / "content" / "site.yaml"
    before = site.read_text("utf-8")
    site.write_text(before + text, "utf-8")
    return before.count("\n") + 1


def _canonical(page: Path) -> str:
    html = page.read_text("utf-8")
    start = html.index('<link rel="canonical" href="') + len('<link rel="canonical" href="')
    return html[start : html.index('"', start)]


def test_build_takes_base_url_and_output_from_the_site_file(project, capsys):
    _set(project, "base_url: https://example.org/explainer\noutput: public\n")
    assert run("build", "--project", project) == 0
    assert _canonical(project / "public" / "index.html") == "https://example.org/explainer/"
    assert not (project / "site").exists()
    assert NOTE not in capsys.readouterr().err
    assert run("check", "--project", project, "--strict") == 0


def test_flags_override_the_settings(project, tmp_path):
    _set(project, "base_url: https://example.org/explainer/\noutput: public\n")
    out = tmp_path / "elsewhere"
    assert run("build", "--project", project, "--out", out, "--base-url", "https://b.test/") == 0
    assert _canonical(out / "index.html") == "https://b.test/"
    assert not (project / "public").exists()


def test_the_note_says_where_to_set_the_base_url_once(project, capsys):
    assert run("build", "--project", project) == 0
    err = capsys.readouterr().err
    assert "note: no base URL given: canonical links, the sitemap and the feed carry paths" in err
    assert NOTE in err
    _set(project, "base_url: /explainer/\n")
    assert run("build", "--project", project) == 0
    assert "warning: the base URL /explainer/ has no scheme and host" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("base_url: ftp://example.org/", "'base_url' must be an http(s) URL or a path"),
        ("base_url: example.org/x/", "'base_url' must be an http(s) URL or a path"),
        ("base_url: [https://example.org/]", "'base_url' is not text"),
        ("output: content", "refusing to write the site to content: it is or holds"),
        ("output: seeds/site", "refusing to write the site to seeds/site: it lies inside"),
        ("output: .", "refusing to write the site to .: it is or holds"),
        ("output: /tmp/site", "'output' must be a folder relative to the project"),
    ],
)
def test_a_bad_setting_is_reported_at_its_line(project, capsys, setting, words):
    line = _set(project, f"# a comment\n{setting}\n") + 1
    for command in ("build", "check"):
        assert run(command, "--project", project) == 1
        err = capsys.readouterr().err
        assert f"content/site.yaml:{line}: {words}" in err
        assert "\n    write " in err  # and the hint
    assert not (project / "site").exists()


def test_serve_takes_its_base_path_from_the_site_file(project, monkeypatch):
    served: list[Options] = []
    monkeypatch.setattr(
        "generator.preview.server.serve", lambda options, *rest: served.append(options)
    )
    site = project / "content" / "site.yaml"
    text = site.read_text("utf-8")
    _set(project, "base_url: https://example.org/explainer/\n")
    assert run("serve", "--project", project) == 0
    assert run("serve", "--project", project, "--base-url", "/other") == 0
    # A bad one does not stop the preview: its build shows the problem until it is fixed.
    site.write_text(text + "base_url: ftp://example.org/\n", "utf-8")
    assert run("serve", "--project", project) == 0
    assert [o.base_url for o in served] == ["https://example.org/explainer/", "/other/", "/"]


def test_verify_takes_the_base_url_of_the_project(project, monkeypatch, capsys):
    _set(project, "base_url: https://example.org/explainer/\n")
    assert run("build", "--project", project, "-q") == 0
    site = project / "site"
    assert run("verify", site, "--project", project, "--no-external") == 0
    assert "at https://example.org/explainer/" in capsys.readouterr().err
    monkeypatch.chdir(project)  # the project's own output folder: no --project needed
    assert run("verify", "site", "--no-external") == 0
    assert "at https://example.org/explainer/" in capsys.readouterr().err
    assert run("verify", site, "--project", project, "--base-url", "/", "--no-external") == 1


def test_verify_elsewhere_keeps_the_default(project, tmp_path, monkeypatch, capsys):
    _set(project, "base_url: https://example.org/explainer/\n")
    out = tmp_path / "copy"
    assert run("build", "--project", project, "--out", out, "--base-url", "/", "-q") == 0
    monkeypatch.chdir(project)  # a project, but not its output folder
    assert run("verify", out, "--no-external") == 0
    assert "at /:" in capsys.readouterr().err


def test_verify_project_must_be_a_project(tmp_path, capsys):
    assert run("verify", tmp_path, "--project", tmp_path, "--no-external") == 2
    assert "--project is not a project" in capsys.readouterr().err


def test_verify_reports_a_bad_base_url_of_the_project(project, capsys):
    assert run("build", "--project", project, "-q") == 0
    line = _set(project, "base_url: example.org\n")
    assert run("verify", project / "site", "--project", project, "--no-external") == 1
    err = capsys.readouterr().err
    assert f"content/site.yaml:{line}: 'base_url' must be an http(s) URL" in err
    assert "error: 1 problem found; nothing was verified" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("languages: [ru, en]\n", "ru"),
        ("language: he\n", "he"),
        ("languages: []\nlanguage: ar\n", "ar"),
        ("languages: ['../x']\n", None),  # not a language tag: the loader reports it
        ("languages: {ru: 1}\n", None),
    ],
)
def test_the_default_language_is_read_before_the_build(tmp_path, text, expected):
    """What a large build compiles the templates in while it reads the case files."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yaml").write_text("title: T\n" + text, "utf-8")
    settings, _ = read_settings(ProjectPaths.at(tmp_path))
    assert settings.language == expected
