"""The bare-stack floor: the least work that yields as many pages as the build.

Usage: python benchmarks/floor.py PROJECT OUT

For the same project it does only what any generator on this stack must do:
load the YAML with libyaml (``CSafeLoader``), read the seeds, render one
trivial Jinja template per page with markdown-it-py for the text, and write as
many pages as ``explainer build`` does (a page and a filtered timeline per
person, a page per source, a timeline per kind of event, plus home, people,
timeline, about, corrections, search and 404), split over two processes. No checks,
no quote matching, no footnotes, no cross-links. The build's time divided by
this one says how much the generator's own work costs.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

PROCESSES = 2
TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
{% for block in blocks %}{{ block }}
{% endfor %}</main></body></html>
"""


def load(path: Path) -> Any:
    with path.open("rb") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


def claims(md: MarkdownIt, items: list[dict[str, Any]] | None) -> list[str]:
    return [md.renderInline(item["text"]) for item in items or ()]


def render_share(project: Path, out: Path, share: int) -> None:
    """Render and write every page whose index is ``share`` modulo PROCESSES."""
    env = jinja2.Environment(autoescape=True)
    page = env.from_string(TEMPLATE)
    md = MarkdownIt("commonmark", {"html": False})
    content = project / "content"

    def write(route: str, title: str, blocks: list[str]) -> None:
        target = out / route / "index.html" if not route.endswith(".html") else out / route
        target.parent.mkdir(parents=True, exist_ok=True)
        markup = [Markup(b) for b in blocks]
        target.write_text(page.render(title=title, blocks=markup), encoding="utf-8")

    events = [e for f in sorted((content / "events").glob("*.yaml")) for e in load(f)]
    people = sorted((content / "people").glob("*.yaml"))
    for path in people[share::PROCESSES]:
        person = load(path)
        blocks = claims(md, person["summary"]) + claims(md, person.get("facts"))
        write(f"people/{path.stem}/", person["name"], blocks)
        own = [md.renderInline(e["title"]) for e in events if path.stem in e.get("people", ())]
        if own:
            write(f"timeline/{path.stem}/", person["name"], own)
    sources = sorted((content / "sources").glob("*.yaml"))
    for path in sources[share::PROCESSES]:
        source = load(path)
        text = (project / "seeds" / source["seed"]).read_text(encoding="utf-8")
        paragraphs = [f"<p>{escape(p)}</p>" for p in text.split("\n\n")]
        write(f"sources/{path.stem}/", source.get("headline") or source["outlet"], paragraphs)
    if share == 0:
        site = load(content / "site.yaml")
        timeline = [md.renderInline(e.get("body") or e["title"]) for e in events]
        names = [f"<li>{p.stem}</li>" for p in people]
        write("", site["title"], [md.render(site["intro"])])
        write("people/", "People", names)
        write("timeline/", "Timeline", timeline)
        write("about/", "About", [md.render(site["about"])])
        write("corrections/", "Corrections", [])
        write("404.html", "Page not found", [])
        write("search/", "Search", [])
        for kind in sorted({e["kind"] for e in events}):
            write(f"timeline/kind/{kind}/", kind, [e["title"] for e in events if e["kind"] == kind])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: floor.py PROJECT OUT")
        return 2
    project, out = Path(argv[0]), Path(argv[1])
    started = time.perf_counter()
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=render_share, args=(project, out, k)) for k in range(PROCESSES)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if any(w.exitcode != 0 for w in workers):
        print("floor: a worker failed")
        return 1
    pages = sum(1 for _ in out.rglob("*.html"))
    print(f"floor: {pages} pages in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
