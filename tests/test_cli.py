"""The command line's own words: help, the summary line, -v, and the preview's start-up lines."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, run

from generator.cli import _parser


def _help(command: str) -> str:
    sub = _parser()._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    return str(sub.format_help())


def test_help_gives_defaults_and_describes_arguments() -> None:
    assert "(default: 8000)" in _help("serve")
    new = _help("new")
    assert "DIR" in new and "the folder to create" in new


def test_summary_counts_agree_with_their_nouns(tmp_path: Path, capsys) -> None:
    project = tmp_path / "one"
    assert run("new", project) == 0
    capsys.readouterr()
    assert run("check", "--project", project) == 0
    assert "from 1 source, 1 person, 1 event in" in capsys.readouterr().err


def test_summary_says_how_many_drafts_were_left_out(fixture_site: Path, capsys) -> None:
    person = fixture_site / "content" / "people" / "lev-sample.yaml"
    person.write_text(person.read_text(encoding="utf-8") + "draft: true\n", encoding="utf-8")
    assert run("build", "--project", fixture_site, "--no-search") == 0
    assert "(1 draft left out: --drafts shows them)" in capsys.readouterr().err
    assert run("build", "--project", fixture_site, "--no-search", "--drafts") == 0
    assert "left out" not in capsys.readouterr().err


def test_verbose_says_more(fixture_site: Path, capsys) -> None:
    assert run("check", "--project", fixture_site) == 0
    plain = capsys.readouterr().err
    assert run("check", "--project", fixture_site, "-v") == 0
    verbose = capsys.readouterr().err
    assert "project " not in plain
    assert f"project {fixture_site.resolve()}; output none" in verbose
    assert "announcements judged as of the newest source's date" in verbose


def test_serve_prints_its_own_lines_only(fixture_site: Path) -> None:
    """livereload's "Serving on ..." would repeat the preview's own line."""
    port = free_port()
    command = [sys.executable, "-m", "generator", "serve", "--project", str(fixture_site)]
    proc = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("the preview did not start")
                time.sleep(0.1)
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0].decode()
    assert f"on http://127.0.0.1:{port}/ (Ctrl-C to stop)" in output
    assert "Serving on" not in output
    assert "Start watching" not in output
