"""The search stage: index a written site with Pagefind, for the search page's script.

Kept out of :class:`generator.build.Builder` on purpose: it reads the finished
site from disk and takes a noticeable share of a build, and the preview, which
rebuilds on every save and serves from memory, does without it (its search page
falls back to the people index). ``explainer build`` runs it after the site is
written unless given ``--no-search``.

Pagefind indexes the ``<main>`` of the pages the planner marks searchable
(``data-pagefind-body``): profiles, the whole timeline and the source pages.
A profile lists every spelling of the name, so any spelling finds the person.
Its output is the same bytes for the same site (tested in test_reproducible).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.errors import ContentError, Diagnostic

BUNDLE = "pagefind"
"""The folder of the index, inside the site; the search page loads it from there."""


class SearchError(ContentError):
    """Pagefind failed; the site itself was written."""

    outcome = "the site was written without its search index"


def index_site(site: Path) -> None:
    """Write the search index into ``site/pagefind/``; raise ContentError if Pagefind fails."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        done = subprocess.CompletedProcess(command, 1, "", str(exc))
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchError(
            [
                Diagnostic(
                    str(site),
                    0,
                    "search index failed: " + (detail[-1] if detail else f"exit {done.returncode}"),
                    "install pagefind[extended] (a dependency of this package),"
                    " or build with --no-search",
                )
            ]
        )
    _same_bytes_every_time(site / BUNDLE / "pagefind-entry.json")


def _same_bytes_every_time(entry: Path) -> None:
    """Write Pagefind's entry file with its languages in order.

    With more than one edition, Pagefind lists each language's index in the order of
    a hash map, which changes from run to run; the search script looks them up by
    language, so the order is the one thing it does not read.
    """
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    if isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
