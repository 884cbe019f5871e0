"""The external checkers: the Nu HTML Checker for every page, jing for the Atom feed."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from generator.errors import Diagnostic

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from generator.verify.site import _Site

ATOM_GRAMMAR = Path(__file__).parent.parent / "checkers" / "atom.rnc"
DEFAULT_VNU = Path("node_modules/vnu-jar/build/dist/vnu.jar")


@dataclass(frozen=True, slots=True)
class Tools:
    """The external checkers found; None where one is missing."""

    vnu: list[str] | None
    """Command that runs the Nu HTML Checker."""
    jing: list[str] | None
    """Command that runs jing."""


def find_tools(vnu_jar: Path | None) -> Tools:
    """Find the Nu HTML Checker's jar (``--vnu``, ``$VNU_JAR``, ./node_modules) and jing."""
    java = shutil.which("java")
    jar = vnu_jar or Path(os.environ.get("VNU_JAR") or DEFAULT_VNU)
    vnu = [java, "-jar", str(jar)] if java and jar.is_file() else None
    jing = shutil.which("jing")
    return Tools(vnu, [jing] if jing else None)


def _run_vnu(command: list[str], site: _Site) -> list[Diagnostic]:
    """Run the Nu HTML Checker over every page; return its errors."""
    done = subprocess.run(
        [*command, "--errors-only", "--skip-non-html", "--format", "json", str(site.folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(done.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        return [Diagnostic(site.label, 0, f"the Nu HTML Checker failed: {done.stderr.strip()}")]
    found = []
    folder = site.folder.resolve()
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlsplit(m.get("url", "")).path))
        with_label = site.label
        if path.is_relative_to(folder):
            with_label = f"{site.label}/{path.relative_to(folder).as_posix()}"
        found.append(Diagnostic(with_label, m.get("lastLine", 0), f"HTML: {m['message']}"))
    return found


def _run_jing(command: list[str], site: _Site, rel: str = "feed.xml") -> list[Diagnostic]:
    """Validate the feed ``rel`` (an edition's) against the RFC 4287 grammar; return jing's
    errors."""
    feed = site.folder / rel
    done = subprocess.run(
        [*command, "-c", str(ATOM_GRAMMAR), str(feed)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        return []
    found = []
    for out in done.stdout.splitlines():
        match = re.match(r"^.*?:(\d+):(\d+): (?:fatal |)error: (.*)$", out)
        if match:
            message = f"Atom (RFC 4287): {match[3]}"
            found.append(Diagnostic(f"{site.label}/{rel}", int(match[1]), message))
    output = (done.stdout + done.stderr).strip()
    return found or [Diagnostic(f"{site.label}/{rel}", 0, f"jing failed: {output}")]
