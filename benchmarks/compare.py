"""Build with two commits side by side: the same output, and how long each takes.

Usage: python benchmarks/compare.py BASE [HEAD] [--people 1333] [--runs 5] [--real-only]

Each commit is checked out into a temporary worktree and run from there
(``python -m generator`` with that tree first on the path), on inputs that
each commit makes for itself: the repository's real content as that commit
has it, and the synthetic corpus that commit's ``make_corpus.py`` writes. For
each, it reports whether the two sites are byte-identical (and which files
differ when not), then times cold builds, alternating the commits run by run
so that the machine's drift falls on both, and prints the medians side by side
with their ratio. A redesign step must show "identical" on both inputs and a
ratio within 1.05; a change of content or of features shows what it costs.
Nothing here asserts: it prints figures.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def _worktree(commit: str, where: Path) -> Path:
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(where), commit],
        check=True,
    )
    return where


def _run(tree: Path, *args: str | Path, cwd: Path | None = None) -> float:
    """Run ``python -m generator ARGS`` from ``tree``; return the wall time in seconds."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd or tree,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"compare: {' '.join(map(str, args))} failed in {tree}:\n{done.stderr}")
    return seconds


def _build(tree: Path, project: Path, out: Path) -> float:
    """A build of ``project`` into ``out`` by the commit checked out at ``tree``."""
    return _run(tree, "build", "-q", "--no-search", "--project", project, "--out", out)


def _differences(a: Path, b: Path) -> list[str]:
    """The files that are not the same in two folders (relative paths)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(found)


def _corpus(tree: Path, people: int, out: Path) -> Path:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    script = tree / "benchmarks" / "make_corpus.py"
    subprocess.run(
        [sys.executable, str(script), str(people), str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare against")
    parser.add_argument("head", nargs="?", default="HEAD", help="the commit to measure")
    parser.add_argument("--people", type=int, default=1333, help="synthetic corpus size")
    parser.add_argument("--runs", type=int, default=5, help="cold builds per commit and input")
    parser.add_argument("--real-only", action="store_true", help="skip the synthetic corpus")
    args = parser.parse_args(argv)
    commits = {"base": _git("rev-parse", args.base), "head": _git("rev-parse", args.head)}
    scratch = Path(
        tempfile.mkdtemp(prefix="compare-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None)
    )
    trees = {name: _worktree(sha, scratch / name) for name, sha in commits.items()}
    try:
        inputs = {"real": dict(trees)}
        if not args.real_only:
            inputs[f"corpus {args.people}"] = {
                name: _corpus(tree, args.people, scratch / f"corpus-{name}")
                for name, tree in trees.items()
            }
        print(f"base {commits['base'][:10]}  head {commits['head'][:10]}  runs {args.runs}")
        for label, projects in inputs.items():
            sites = {}
            for name, tree in trees.items():
                sites[name] = scratch / f"site-{label.split()[0]}-{name}"
                _build(tree, projects[name], sites[name])
            differ = _differences(sites["base"], sites["head"])
            same = "identical" if not differ else f"{len(differ)} files differ: {differ[:5]}"
            times: dict[str, list[float]] = {"base": [], "head": []}
            for _ in range(args.runs):
                for name, tree in trees.items():
                    out = scratch / f"cold-{name}"
                    subprocess.run(["rm", "-rf", str(out)], check=True)
                    times[name].append(_build(tree, projects[name], out))
            base, head = statistics.median(times["base"]), statistics.median(times["head"])
            print(
                f"{label:14} output: {same}\n{'':14} cold build median: base {base:.2f} s,"
                f" head {head:.2f} s, head/base {head / base:.2f}"
            )
    finally:
        for tree in trees.values():
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
            )
        subprocess.run(["rm", "-rf", str(scratch)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
