"""Writing the site beside the output and swapping it in (generator.rendering.write)."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from conftest import run

from generator.errors import UsageError
from generator.rendering import write
from generator.rendering.write import MARKER, Staging, guard_output


def _built(target: Path) -> None:
    staging = Staging(target)
    staging.write("index.html", b"one")
    staging.commit()


def _locked(folder: Path) -> bool:
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_the_parent_is_locked_while_a_build_writes_beside_it(tmp_path: Path) -> None:
    # A second build would otherwise remove this one's staging folder as a leftover.
    staging = Staging(tmp_path / "site")
    assert _locked(tmp_path)
    staging.commit()
    assert not _locked(tmp_path)
    Staging(tmp_path / "site").discard()
    assert not _locked(tmp_path)


def test_a_vanished_staging_folder_is_not_made_again(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "site")
    shutil.rmtree(staging.path)
    with pytest.raises(FileNotFoundError):
        staging.write("people/x/index.html", b"x")
    assert not staging.path.exists()
    staging.discard()


def test_leftovers_are_removed_whatever_the_name_and_only_if_marked(tmp_path: Path) -> None:
    target = tmp_path / "site[1]*"
    _built(target)
    marked = tmp_path / ".site[1]*.new-aaaa"
    (marked / "people").mkdir(parents=True)
    (marked / MARKER).write_text("")
    (marked / "people" / "index.html").write_text("")
    cut_short = tmp_path / ".site[1]*.old-bbbb"  # an earlier version marked only old/site
    (cut_short / "site").mkdir(parents=True)
    (cut_short / "site" / MARKER).write_text("")
    empty = tmp_path / ".site[1]*.old-cccc"
    empty.mkdir()
    foreign = tmp_path / ".site[1]*.old-dddd"  # not ours: left alone
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    a_file = tmp_path / ".site[1]*.old-notes"  # a file, not a folder: left alone
    a_file.write_text("mine")
    other = tmp_path / ".site[2].new-eeee"  # another output's
    other.mkdir()
    (other / MARKER).write_text("")
    _built(target)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".site[1]*.old-dddd", ".site[1]*.old-notes", ".site[2].new-eeee", "site[1]*"]


def test_the_previous_site_is_marked_where_it_waits_for_removal(tmp_path, monkeypatch) -> None:
    """Cut short while the previous site is removed, what is left is marked at its top."""
    target = tmp_path / "site"
    _built(target)
    monkeypatch.setattr(write, "_remove_marked", lambda folder: None)
    _built(target)
    (old,) = tmp_path.glob(".site.old-*")
    assert (old / MARKER).is_file() and (old / "site" / "index.html").is_file()
    monkeypatch.undo()
    _built(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_removal_leaves_the_marker_last(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / ".site.new-x"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / MARKER).write_text("")
    (folder / "a" / "b" / "index.html").write_text("")
    (folder / "404.html").write_text("")
    removed: list[str] = []
    real_rmtree = shutil.rmtree

    def rmtree(path: str, **kwargs: object) -> None:
        assert (folder / MARKER).is_file()  # what is removed before it: all but the marker
        removed.append(os.path.basename(path))
        real_rmtree(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(shutil, "rmtree", rmtree)
    write._remove_marked(folder)
    assert removed == ["a"]
    assert not folder.exists()


@pytest.mark.parametrize("kind", ["to-a-folder", "leading-nowhere"])
def test_a_symbolic_link_as_output_is_refused(tmp_path: Path, kind: str) -> None:
    link = tmp_path / "out"
    if kind == "to-a-folder":
        (tmp_path / "real").mkdir()
        link.symlink_to(tmp_path / "real")
    else:
        link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(UsageError, match="it is a symbolic link"):
        guard_output(link, tmp_path / "project", [])
    assert not (tmp_path / "nowhere").exists()


def test_the_current_folder_is_not_replaced(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "site" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "site" / "deep")
    with pytest.raises(UsageError, match="it is or holds the current folder"):
        guard_output(tmp_path / "site", tmp_path / "project", [])


def test_what_the_system_refuses_is_one_line_and_exit_2(fixture_site, capsys) -> None:
    (fixture_site.parent / "a-file").write_text("mine")
    assert (
        run("build", "--project", fixture_site, "--out", fixture_site.parent / "a-file/site") == 2
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("explainer: error: ")
    assert (fixture_site.parent / "a-file").read_text() == "mine"


def test_a_failed_build_takes_back_the_folders_it_made_above_the_output(tmp_path: Path) -> None:
    (tmp_path / "kept").mkdir()
    staging = Staging(tmp_path / "kept" / "a" / "b" / "site")
    staging.write("index.html", b"x")
    staging.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept"]
    assert list((tmp_path / "kept").iterdir()) == []
