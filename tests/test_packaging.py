"""The lowest versions CI tests against are the ones pyproject.toml allows."""

import re
import tomllib
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).parent.parent
_REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(>=|==)\s*([0-9][^,;\s]*)$")


def _bounds(lines: list[str]) -> dict[str, Version]:
    """Map each requirement's normalised name to its lower bound (>= or ==)."""
    bounds = {}
    for line in lines:
        match = _REQUIREMENT.match(line.strip())
        assert match, f"a requirement without a single lower bound: {line!r}"
        name = re.sub(r"[-_.]+", "-", match[1]).lower()
        bounds[name] = Version(match[4])
    return bounds


def test_every_runtime_dependency_has_a_lower_bound_ci_tests():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = _bounds(project["dependencies"])
    pinned_lines = [
        line
        for line in (ROOT / ".ci" / "lowest.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all("==" in line for line in pinned_lines), "lowest.txt pins with =="
    assert _bounds(pinned_lines) == declared
