"""The preview: its error page, what it serves and refuses, and how it sees a save."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
from collections.abc import Collection
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import Options
from generator.errors import ContentError, Diagnostic
from generator.preview.server import Preview, error_page
from generator.preview.watch import input_signatures


class _Items(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "li":
            self.items.append("")

    def handle_data(self, data):
        if self.items:
            self.items[-1] += data


def test_error_page_lists_every_diagnostic_escaped() -> None:
    exc = ContentError(
        [
            Diagnostic("content/people/a.yaml", 3, "unknown field 'nmae'", "did you mean"),
            Diagnostic("content/events/x.yaml", 9, "bad <script>alert(1)</script> date"),
        ]
    )
    parser = _Items()
    parser.feed(error_page(exc).decode())
    assert len(parser.items) == 2
    assert parser.items[0].startswith("content/events/x.yaml:9: bad <script>")
    assert parser.items[1].startswith("content/people/a.yaml:3: unknown field 'nmae'")
    assert "script" not in parser.tags


def _get(preview: Preview, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    status, headers, body = preview.respond(method, {"PATH_INFO": path})
    return int(status.split()[0]), dict(headers), body


def test_preview_serves_the_build_under_its_base_path(fixture_site: Path) -> None:
    preview = Preview(Options(fixture_site, None, "/explainer/", drafts=True))
    assert preview.rebuild()
    code, headers, body = _get(preview, "/explainer/people/dana-example/")
    assert code == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'href="/explainer/assets/style.css"' in body
    assert _get(preview, "/")[:2] == (301, {"Location": "/explainer/"})
    assert _get(preview, "/explainer/people/dana-example")[:2] == (
        301,
        {"Location": "/explainer/people/dana-example/"},
    )
    assert _get(preview, "/people/dana-example/")[0] == 404
    assert _get(preview, "/explainer/assets/style.css")[1]["Content-Type"].startswith("text/css")


@pytest.mark.parametrize(
    "path", ["/../etc/passwd", "/a/../../pyproject.toml", "/./index.html", "/x\\..\\y"]
)
def test_preview_refuses_paths_that_climb(fixture_site: Path, path: str) -> None:
    preview = Preview(Options(fixture_site, None))
    preview.rebuild()
    assert _get(preview, path)[0] == 400


def test_preview_answers_only_get_and_head(fixture_site: Path) -> None:
    preview = Preview(Options(fixture_site, None))
    preview.rebuild()
    assert _get(preview, "/", "POST")[0] == 405
    assert _get(preview, "/", "HEAD")[0] == 200


def test_preview_shows_errors_until_the_content_is_fixed(fixture_site: Path) -> None:
    preview = Preview(Options(fixture_site, None))
    assert preview.rebuild()
    person = fixture_site / "content/people/dana-example.yaml"
    good = person.read_text(encoding="utf-8")
    person.write_text(good.replace("name:", "nmae:", 1), encoding="utf-8")
    assert preview.poll() == ["content/people/dana-example.yaml"]
    assert not preview.rebuild()
    code, _, body = _get(preview, "/people/lev-sample/")
    assert code == 500
    assert b"content/people/dana-example.yaml:" in body and b"nmae" in body
    assert _get(preview, "/assets/style.css")[0] == 200, "the error page keeps its styles"
    person.write_text(good, encoding="utf-8")
    assert preview.poll() and preview.rebuild()
    assert _get(preview, "/people/lev-sample/")[0] == 200


def test_input_signatures_cover_the_inputs_and_skip_editor_files(fixture_site: Path) -> None:
    (fixture_site / "content/people/.dana.yaml.swp").write_text("x")
    (fixture_site / "content/people/dana.yaml~").write_text("x")
    found = input_signatures(fixture_site)
    assert "content/people/dana-example.yaml" in found
    assert "seeds/herald.txt" in found
    assert not any(k.endswith(("~", ".swp")) for k in found)


def test_input_signatures_walk_subfolders_but_no_link_loops(fixture_site: Path) -> None:
    (fixture_site / "templates/assets").mkdir(parents=True, exist_ok=True)
    (fixture_site / "templates/assets/extra.css").write_text("p {}")
    (fixture_site / "templates/assets/loop").symlink_to(fixture_site / "templates")
    (fixture_site / "content/.git").mkdir()
    (fixture_site / "content/.git/HEAD").write_text("x")
    found = input_signatures(fixture_site)
    assert "templates/assets/extra.css" in found
    assert not any("/loop/" in k or ".git" in k for k in found)


def _misspelt(fixture_site: Path) -> tuple[Preview, Path]:
    """A preview built once, and a person's name then changed to one no source has."""
    preview = Preview(Options(fixture_site, None))
    assert preview.rebuild()
    person = fixture_site / "content/people/dana-example.yaml"
    text = person.read_text(encoding="utf-8")
    person.write_text(text.replace("name: Dana Example", "name: Dana Exampel"), encoding="utf-8")
    return preview, person


def test_preview_rebuilds_fast_and_reviews_after(
    fixture_site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The slow editorial warnings come after the reload, once per change of warnings."""
    preview, _ = _misspelt(fixture_site)
    with caplog.at_level(logging.INFO, logger="generator"):
        assert preview.rebuild(preview.poll())
        assert "stands in no source" not in caplog.text, "the slow checks wait for the review"
        preview.review(preview.builds - 1)
        assert "stands in no source" not in caplog.text, "a review for an older build is dropped"
        preview.review(preview.builds)
        assert "the name 'Dana Exampel' stands in no source" in caplog.text
        caplog.clear()
        preview.review(preview.builds)
        assert caplog.text == "", "the same warnings are not printed twice"


def test_the_review_runs_beside_the_server_and_reports_when_done(
    fixture_site: Path, caplog: pytest.LogCaptureFixture
) -> None:
    preview, person = _misspelt(fixture_site)
    with caplog.at_level(logging.INFO, logger="generator"):
        assert preview.rebuild(preview.poll())
        preview.review_beside(preview.builds)
        assert preview._reviewing is not None
        child = preview._reviewing[1]
        deadline = time.monotonic() + 30
        while not child.ready() and time.monotonic() < deadline:
            time.sleep(0.01)
        preview.reviewed()
        assert "the name 'Dana Exampel' stands in no source" in caplog.text
        assert preview._reviewing is None
        # A review overtaken by a rebuild reports nothing.
        caplog.clear()
        person.write_text(
            person.read_text(encoding="utf-8").replace("Dana Exampel", "Dana Exampl"),
            encoding="utf-8",
        )
        preview.review_beside(preview.builds)
        assert preview._reviewing is not None
        overtaken = preview._reviewing[1]
        assert preview.rebuild(preview.poll())
        assert preview._reviewing is None, "a save stops the review of the build before it"
        assert overtaken.ready()
        preview.reviewed()
        assert "stands in no source" not in caplog.text


def test_file_events_report_a_save_at_once(fixture_site: Path) -> None:
    from generator.preview.watch import watch_events

    saved, stop = threading.Event(), threading.Event()
    reported: set[str] = set()

    def notify(paths: Collection[str]) -> None:
        reported.update(paths)
        saved.set()

    thread = watch_events(fixture_site, notify, stop)
    assert thread is not None and thread.is_alive()
    time.sleep(0.2)  # the watcher is set up in its thread
    person = fixture_site / "content/people/dana-example.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert saved.wait(5), "no file event within 5 s of the save"
    assert str(person) in reported or str(person.resolve()) in reported
    stop.set()
    thread.join(5)
    assert not thread.is_alive(), "the watcher ends when asked to"


def test_a_poll_told_where_files_changed_looks_only_there(fixture_site: Path) -> None:
    preview = Preview(Options(fixture_site, None))
    people = fixture_site / "content/people"
    person, other = people / "dana-example.yaml", people / "lev-sample.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert preview.poll([str(person)]) == ["content/people/dana-example.yaml"]
    assert preview.poll() == ["content/people/lev-sample.yaml"], "the next full look finds the rest"
    added = people / "added.yaml"
    shutil.copyfile(person, added)
    ignored = [str(people / ".added.yaml.swp"), str(people / "added.yaml~"), str(fixture_site)]
    assert preview.poll([str(added), *ignored]) == ["content/people/added.yaml"]
    added.unlink()
    assert preview.poll([str(added)]) == ["content/people/added.yaml"]
    assert preview.poll() == [], "what the events named is what a full look sees"
    # A folder among the paths: its files may not each be named, so every input is looked at.
    folder = fixture_site / "content/events"
    moved = fixture_site / "moved-events"
    folder.rename(moved)
    assert preview.poll([str(folder)]) == sorted(
        f"content/events/{p.name}" for p in moved.iterdir()
    )


def test_serve_reports_an_address_it_cannot_use(
    fixture_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import run

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run("serve", "--project", fixture_site, "--port", port) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
    assert run("serve", "--project", fixture_site, "--port", "99999") == 2
    assert "--port must be between 1 and 65535" in capsys.readouterr().err
    assert run("serve", "--project", fixture_site, "--host", "no-such-host.invalid") == 2
    assert "cannot listen on no-such-host.invalid" in capsys.readouterr().err


def test_a_bug_in_a_rebuild_shows_an_error_page_and_the_server_goes_on(
    fixture_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = Preview(Options(fixture_site, None))
    assert preview.rebuild()

    def broken(thorough: bool = True, changed: object = None, warnings: bool = True) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(preview.builder, "build", broken)
    assert not preview.rebuild()
    code, _, body = _get(preview, "/")
    assert code == 500 and b"internal error" in body and b"boom" in body
    monkeypatch.undo()
    assert preview.rebuild() and _get(preview, "/")[0] == 200


@pytest.mark.parametrize(
    ("template", "path"),
    [
        ("404.html", "/nowhere/"),  # the not-found page itself is broken
        ("person.html", "/people/dana-example"),  # asked for without its slash
    ],
)
def test_a_template_error_met_on_the_way_shows_the_error_page(
    fixture_site: Path, template: str, path: str
) -> None:
    theme = fixture_site / "templates"
    theme.mkdir()
    (theme / template).write_text(
        '{% extends "base.html" %}{% block main %}{{ 1/0 }}{% endblock %}'
    )
    preview = Preview(Options(fixture_site, None))
    assert preview.rebuild()  # pages are rendered when asked for
    code, _, body = _get(preview, path)
    assert code == 500
    assert f"templates/{template}:1: template error: ZeroDivisionError".encode() in body


def test_a_save_that_keeps_the_size_and_the_old_modification_time_is_seen(
    fixture_site: Path,
) -> None:
    """Some tools set a file's modification time back after writing it."""
    preview = Preview(Options(fixture_site, None))
    assert preview.rebuild()
    person = fixture_site / "content/people/dana-example.yaml"
    before = person.stat()
    time.sleep(0.05)  # past the file system's clock tick
    text = person.read_text(encoding="utf-8")
    person.write_text(text.replace("home in Examplefield", "home in Examplefielt"), "utf-8")
    os.utime(person, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert person.stat().st_size == before.st_size
    assert preview.poll() == ["content/people/dana-example.yaml"]
    assert preview.rebuild()
    assert b"Examplefielt" in _get(preview, "/people/dana-example/")[2]
