"""What a second edition costs: the synthetic corpus built with one edition, then with two.

    python benchmarks/editions.py [--people 1333] [--runs 3] [--jobs 2] [--no-search]

The same corpus (``make_corpus.py``), once with ``language: en`` and once with
``languages: [en, ru]``; its texts carry no Russian translation, so the Russian
edition shows every text in English, marked, as a half-translated project would.
The two builds run in turn, run after run, so that the machine's drift falls on
both; the medians and their ratio are printed. Quotes are checked once, whatever
the number of editions: a second edition costs its planning, rendering, writing
and search index, and no more (issue 21 asks for at most 2.1 times one edition).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write as make_corpus
from run import EXPLAINER, measure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1333)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-search", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "one"
        make_corpus(args.people, one)
        two = work / "two"
        shutil.copytree(one, two)
        site = two / "content" / "site.yaml"
        text = site.read_text(encoding="utf-8")
        site.write_text(re.sub(r"^language: en$", "languages: [en, ru]", text, flags=re.M))
        seconds: dict[str, list[float]] = {"one": [], "two": []}
        pages: dict[str, str] = {}
        for _ in range(args.runs):
            for name, project in (("one", one), ("two", two)):
                out = work / f"site-{name}"
                shutil.rmtree(out, ignore_errors=True)
                build = [*EXPLAINER, "build", "--project", str(project), "--out", str(out)]
                build += ["--jobs", str(args.jobs)] + (["--no-search"] if args.no_search else [])
                sample = measure(build)
                seconds[name].append(sample.seconds)
                found = re.search(r"built (\d+) pages", sample.stderr)
                pages[name] = found.group(1) if found else "?"
    one_s, two_s = (statistics.median(seconds[k]) for k in ("one", "two"))
    print(f"people: {args.people}, runs: {args.runs}, jobs: {args.jobs}")
    print(f"one edition:  {one_s:.2f} s ({pages['one']} pages)")
    print(f"two editions: {two_s:.2f} s ({pages['two']} pages)")
    print(f"ratio: {two_s / one_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
