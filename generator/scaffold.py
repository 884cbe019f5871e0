"""``explainer new DIR``: a new project with one source, one person and one event.

The example is written to build as it is, so a newcomer sees a working site
before changing anything; every quote in it stands in the example seed.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import UsageError

_SEED = """Example Gazette

A resident of the village of Examplefield, Dana Example, was taken from her home
on March 3, 2024, the village council said.
Replace this file with a real article, exactly as received.
"""

_FILES = {
    "seeds/example-article.txt": _SEED,
    "content/site.yaml": """\
title: "An example explainer"
description: "An example of a cited explainer built with hostage-explainer."
language: en
intro: |
  This is an example. Every statement on this site cites a verbatim passage of a source article.
about: |
  Replace this text with how your explainer is made and sourced.
""",
    "content/sources/example-gazette.yaml": """\
seed: example-article.txt
outlet: Example Gazette
language: en
published:
  date: "2024-03"
  basis: inferred
  evidence: "The example article carries no date; it reports an event of 3 March 2024."
hide:
  - text: "Replace this file with a real article, exactly as received."
not_used:
  - text: "Example Gazette"
    reason: "The paper's name above the article: the outlet, given above, not part of the report."
acknowledged:
  - check: no-url
    reason: "An example article has no address; give a real article's url instead."
  - check: inferred-date
    reason: "The example article carries no date; a real one usually does."
""",
    "content/people/dana-example.yaml": """\
name: Dana Example
role: hostage
summary:
  - text: "The Example Gazette reported that Dana Example was taken from her home in Examplefield."
    cite:
      - source: example-gazette
        quote: "Dana Example, was taken from her home on March 3, 2024"
captivity:
  abducted: "2024-03-03"
  place: Examplefield
  cite:
    - source: example-gazette
      quote: "was taken from her home on March 3, 2024"
""",
    "content/events/2024.yaml": """\
- id: dana-example-taken
  date: "2024-03-03"
  title: "Dana Example taken from her home, the village council said"
  kind: abduction
  people: [dana-example]
  body: "The Example Gazette reported the village council's account."
  cite:
    - source: example-gazette
      quote: "A resident of the village of Examplefield, Dana Example, was taken from her home"
""",
}


def new_project(folder: Path) -> None:
    """Create a new explainer project in ``folder``, which must be missing or empty."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} exists and is not an empty folder; choose a new one")
    for rel, text in _FILES.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
