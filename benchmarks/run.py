"""Measure the generator on synthetic corpora and print a table of medians.

Usage: python benchmarks/run.py [--sizes 255,1333] [--runs 3] [--json FILE]

First it times ``explainer check`` on the real content, clean and with ten
quotes broken by one letter (``broken_quotes.py``), alternately, and prints the
two side by side with their ratio: a failing quote costs a search for the
passage most like it, which should not make a typo slow to report.
``--sizes ""`` measures only that.

For each size N it writes a corpus with ``make_corpus.py`` into a temporary
folder, then times, each in its own child process and as the median of
``--runs`` runs: a cold ``explainer build`` (no output folder yet), a rebuild
with nothing changed, ``explainer check``, the bare-stack floor
(``floor.py``) and, a one-person edit
and a template edit through the incremental builder that ``serve`` uses.

Wall times include starting Python, as a user waits for them. The corpora and
outputs go to a RAM file system (``/dev/shm``) when there is one, or to ``--work``:
on this project's 2-core VM the same 5,341 files took from 0.4 to 7.7 s to write
to disk depending on what the disk had just deleted, which measures the disk,
not the generator. Peak memory is
the OS's figure: every measured command runs under a fresh intermediate
process (``--probe``) that reads ``getrusage(RUSAGE_CHILDREN)`` once its only
child has exited, so ``ru_maxrss`` is that child's own peak. The commands run
with Python's bytecode cache even where PYTHONDONTWRITEBYTECODE is set
(:data:`CHILD_ENV`). Nothing here asserts a time; it prints figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from broken_quotes import break_quotes, copy_real  # noqa: E402
from make_corpus import write as make_corpus  # noqa: E402

EXPLAINER = [sys.executable, "-m", "generator"]
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The measured commands run as Python runs by default: with the bytecode cache.

Where PYTHONDONTWRITEBYTECODE is set (this project's VM sets it), every run
would compile the package's modules from source again, some 20 to 40 ms that
no user pays after the first run or a ``pip install``. The first command run
(``build --help``) writes the cache; the site-packages have theirs already.
"""


@dataclass(frozen=True)
class Sample:
    """One finished child process, as its intermediate saw it."""

    seconds: float
    rss_mb: float
    stdout: str
    stderr: str


def probe_main(argv: list[str]) -> int:
    """Intermediate process: run ``argv``, then report its wall time and peak RSS as JSON."""
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=CHILD_ENV)
    seconds = time.perf_counter() - started
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    report = {
        "seconds": seconds,
        "rss_kb": rss_kb,
        "rc": done.returncode,
        "stdout": done.stdout,
        "stderr": done.stderr,
    }
    print(json.dumps(report))
    return 0


def measure(argv: list[str], rc: int = 0) -> Sample:
    """Run ``argv`` under a fresh intermediate process; fail loudly unless it exits ``rc``."""
    probe = [sys.executable, str(Path(__file__).resolve()), "--probe", json.dumps(argv)]
    done = subprocess.run(probe, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    if report["rc"] != rc:
        raise SystemExit(
            f"run: {' '.join(argv)} exited {report['rc']}:\n{report['stderr']}{report['stdout']}"
        )
    return Sample(report["seconds"], report["rss_kb"] / 1024, report["stdout"], report["stderr"])


def incremental_main(kind: str, project: Path, run: int) -> int:
    """Child: build once with the incremental builder, make one edit, time the rebuild."""
    from generator.build import Options

    # The preview's path: a lazy builder, the checks that can fail (the warnings come from a
    # review beside), then the page the browser reloads.
    try:
        from generator.preview.builder import PreviewBuilder

        builder: Any = PreviewBuilder(Options(project))
    except ImportError:  # an older commit, measured side by side
        try:
            from generator.build import Builder  # type: ignore[attr-defined]
        except ImportError:
            print(json.dumps({"available": False}))
            return 0
        builder = Builder(Options(project), lazy=True)
    builder.build(thorough=False, warnings=False)
    path = project / "content" / "people" / "person-0000-example.yaml"
    shown = "people/person-0000-example/index.html"
    assert builder.file(shown)  # the browser shows the page before the save
    saved = path if kind == "person" else project / "templates" / "person.html"
    if kind == "person":
        text = path.read_text(encoding="utf-8")
        edited = re.sub(
            r'^(  - text: ")(Edited \d+: )?', rf"\g<1>Edited {run}: ", text, count=1, flags=re.M
        )
        path.write_text(edited, encoding="utf-8")
    else:
        template = project / "templates" / "person.html"
        text = template.read_text(encoding="utf-8")
        template.write_text(
            re.sub(r"(<h1[^>]*>)(edit \d+ )?", rf"\g<1>edit {run} ", text, count=1),
            encoding="utf-8",
        )
    # As the preview does: no cycle collection in the middle of a save (generator.preview.server).
    gc.collect()
    gc.disable()
    # As the preview does, the build is told which file its watcher saw change.
    started = time.perf_counter()
    builder.build(thorough=False, changed=[str(saved.resolve())], warnings=False)
    assert builder.file(shown)
    seconds = time.perf_counter() - started
    print(json.dumps({"available": True, "seconds": seconds}))
    return 0


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_size(n: int, runs: int, work: Path, no_search: bool) -> dict[str, Any]:
    """Measure one corpus size; return its figures (medians)."""
    corpus = work / f"corpus-{n}"
    started = time.perf_counter()
    make_corpus(n, corpus)
    figures: dict[str, Any] = {"people": n, "corpus_seconds": time.perf_counter() - started}
    site = work / f"site-{n}"
    build = [*EXPLAINER, "build", "--project", str(corpus), "--out", str(site)]
    build += ["--no-search"] if no_search else []

    cold: list[Sample] = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        cold.append(measure(build))
    found = re.search(r"built (\d+) pages", cold[-1].stderr)
    if found is None:
        raise SystemExit(f"run: cannot read the page count from:\n{cold[-1].stderr}")
    pages = int(found.group(1))
    figures["pages"] = pages
    figures["build_seconds"] = median([s.seconds for s in cold])
    figures["pages_per_second"] = pages / figures["build_seconds"]
    figures["build_rss_mb"] = median([s.rss_mb for s in cold])
    rebuild = [measure(build) for _ in range(runs)]
    figures["rebuild_seconds"] = median([s.seconds for s in rebuild])
    check = [measure([*EXPLAINER, "check", "--project", str(corpus)]) for _ in range(runs)]
    figures["check_seconds"] = median([s.seconds for s in check])
    figures["check_rss_mb"] = median([s.rss_mb for s in check])

    floor_out = work / f"floor-{n}"
    floor: list[Sample] = []
    for _ in range(runs):
        shutil.rmtree(floor_out, ignore_errors=True)
        floor.append(measure([sys.executable, str(HERE / "floor.py"), str(corpus), str(floor_out)]))
    floor_pages = sum(1 for _ in floor_out.rglob("*.html"))
    if floor_pages != pages:
        raise SystemExit(f"run: the floor wrote {floor_pages} pages, the build {pages}")
    figures["floor_seconds"] = median([s.seconds for s in floor])
    figures["floor_rss_mb"] = median([s.rss_mb for s in floor])
    figures["build_over_floor"] = figures["build_seconds"] / figures["floor_seconds"]

    figures.update(bench_incremental(corpus, work / f"incremental-{n}", runs))
    return figures


def bench_incremental(corpus: Path, project: Path, runs: int) -> dict[str, Any]:
    """Time a one-person edit and a template edit through ``generator.build.Builder``."""
    from generator.rendering.renderer import DEFAULT_THEME

    shutil.copytree(corpus, project)
    (project / "templates").mkdir()
    shutil.copyfile(DEFAULT_THEME / "person.html", project / "templates" / "person.html")
    figures: dict[str, Any] = {}
    for kind in ("person", "template"):
        reports = []
        for run in range(runs):
            child = [sys.executable, str(Path(__file__).resolve()), "--incremental", kind]
            sample = measure([*child, str(project), str(run)])
            reports.append(json.loads(sample.stdout))
        if not reports[0]["available"]:
            return {"incremental": False}
        figures[f"{kind}_edit_seconds"] = median([r["seconds"] for r in reports])
    figures["incremental"] = True
    return figures


BROKEN = 10
"""Quotes broken by one letter in the real content for the failing check."""


def bench_real(runs: int, work: Path) -> dict[str, Any]:
    """Time ``explainer check`` on the real content clean and with :data:`BROKEN` quotes
    broken, alternating the two so that both see the same machine."""
    clean = copy_real(work / "real-clean")
    broken = copy_real(work / "real-broken")
    if len(break_quotes(broken, BROKEN)) != BROKEN:
        raise SystemExit(f"run: the real content has fewer than {BROKEN} quotes to break")
    times: dict[str, list[float]] = {"clean": [], "broken": []}
    for _ in range(runs):
        times["clean"].append(measure([*EXPLAINER, "check", "--project", str(clean)]).seconds)
        failed = measure([*EXPLAINER, "check", "--project", str(broken)], rc=1)
        found = failed.stderr.count(": quote not found in source ")
        if found != BROKEN:
            raise SystemExit(f"run: the broken check reported {found} quotes, not {BROKEN}")
        times["broken"].append(failed.seconds)
    figures = {f"check_{k}_seconds": median(v) for k, v in times.items()}
    figures["broken_over_clean"] = figures["check_broken_seconds"] / figures["check_clean_seconds"]
    return figures


def real_table(figures: dict[str, Any]) -> str:
    """The real content's check times side by side, and their ratio."""
    clean, broken = figures["check_clean_seconds"], figures["check_broken_seconds"]
    return (
        f"real content, explainer check:  clean {clean:.2f} s"
        f"  |  {BROKEN} broken quotes {broken:.2f} s"
        f"  |  broken / clean {figures['broken_over_clean']:.2f}"
    )


ROWS = (
    ("people", "people", "{:.0f}"),
    ("pages", "pages", "{:.0f}"),
    ("corpus_seconds", "write corpus, s", "{:.2f}"),
    ("build_seconds", "cold build, s", "{:.2f}"),
    ("pages_per_second", "pages/s", "{:.0f}"),
    ("build_rss_mb", "peak RSS build, MB", "{:.0f}"),
    ("rebuild_seconds", "no-change rebuild, s", "{:.2f}"),
    ("check_seconds", "check, s", "{:.2f}"),
    ("check_rss_mb", "peak RSS check, MB", "{:.0f}"),
    ("person_edit_seconds", "one-person edit (preview path), s", "{:.4f}"),
    ("template_edit_seconds", "template edit (preview path), s", "{:.4f}"),
    ("floor_seconds", "floor (bare stack, 2 processes), s", "{:.2f}"),
    ("floor_rss_mb", "peak RSS floor (largest process), MB", "{:.0f}"),
    ("build_over_floor", "build / floor", "{:.1f}"),
)


def table(results: dict[int, dict[str, Any]]) -> str:
    sizes = list(results)
    width = max(len(label) for _, label, _ in ROWS)
    lines = [f"{'':{width}}" + "".join(f"{'N=' + str(n):>12}" for n in sizes)]
    for key, label, fmt in ROWS:
        cells = []
        for n in sizes:
            value = results[n].get(key)
            text = "n/a" if value is None else fmt.format(value)
            cells.append(f"{text:>12}")
        lines.append(f"{label:{width}}" + "".join(cells))
    return "\n".join(lines)


def accepts_no_search() -> bool:
    done = subprocess.run(
        [*EXPLAINER, "build", "--help"], capture_output=True, text=True, check=True, env=CHILD_ENV
    )
    return "--no-search" in done.stdout


def default_work() -> Path:
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm
    return Path(tempfile.gettempdir())


def filesystem(folder: Path) -> str:
    """Return the type of the file system ``folder`` is on, as /proc/mounts says (Linux)."""
    best, kind = "", "unknown file system"
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return kind
    where = str(folder.resolve())
    for line in mounts:
        fields = line.split()
        inside = len(fields) > 2 and (where + "/").startswith(fields[1].rstrip("/") + "/")
        if inside and len(fields[1]) > len(best):
            best, kind = fields[1], fields[2]
    return kind


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["--probe"]:
        return probe_main(json.loads(argv[1]))
    if argv[:1] == ["--incremental"]:
        return incremental_main(argv[1], Path(argv[2]), int(argv[3]))
    parser = argparse.ArgumentParser(description="Benchmark explainer build on synthetic corpora.")
    parser.add_argument(
        "--sizes",
        default="255,1333",
        help="people per corpus, comma-separated; empty for the real content's check only",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument(
        "--work",
        type=Path,
        metavar="DIR",
        default=default_work(),
        help="where corpora and outputs go (default: /dev/shm if present, else the temp folder)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.runs < 1 or min(sizes, default=1) < 1:
        parser.error("--runs and every size must be at least 1")
    about = machine()
    no_search = accepts_no_search()
    print(
        f"machine: {about['cores']} cores, Python {about['python']}, {about['platform']}"
        f"\nmedians of {args.runs} run(s); build {'with' if no_search else 'without'} --no-search"
    )
    results: dict[int, dict[str, Any]] = {}
    print(f"work folder: {args.work} ({filesystem(args.work)})")
    with tempfile.TemporaryDirectory(prefix="explainer-bench-", dir=args.work) as tmp:
        real = bench_real(args.runs, Path(tmp))
        print(real_table(real), flush=True)
        for n in sizes:
            results[n] = bench_size(n, args.runs, Path(tmp), no_search)
    if results:
        print(table(results))
    if not all(r.get("incremental") for r in results.values()):
        print("incremental: not available")
    if args.json:
        payload = {
            "machine": about,
            "runs": args.runs,
            "no_search": no_search,
            "work": {"folder": str(args.work), "filesystem": filesystem(args.work)},
            "sizes": results,
            "real": real,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
