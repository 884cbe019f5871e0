"""Reproducible builds: the same inputs give byte-identical output on any machine and day.

Each build runs as its own process, as a user or CI would run it, so that what differs between
machines differs here too: the folder the project sits in, the working directory, the time
zone, the locale, Python's hash seed (set iteration order) and SOURCE_DATE_EPOCH (which nothing
reads: no page carries a build time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import REPO, tree


def test_two_builds_in_different_places_are_byte_identical(tmp_path):
    settings = [
        ("a", {"TZ": "UTC", "PYTHONHASHSEED": "1", "LC_ALL": "C"}),
        (
            "b/deeper/other name",
            {"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "2", "SOURCE_DATE_EPOCH": "1"},
        ),
    ]
    outputs = []
    for where, env in settings:
        project = tmp_path / where / "project"
        for name in ("content", "seeds", "templates"):
            shutil.copytree(REPO / name, project / name)
        cwd = tmp_path / where
        out = tmp_path / where / "out" / "site"
        subprocess.run(
            [sys.executable, "-m", "generator", "build", "-q", "--project", project, "--out", out],
            cwd=cwd,
            env={**os.environ, **env},
            check=True,
        )
        outputs.append(tree(out))
    a, b = outputs
    assert len(a) > 20
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
