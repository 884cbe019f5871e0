"""content/site.yaml: the site's texts, and the settings the command line reads first."""

from __future__ import annotations

from typing import cast

from generator.model import Site
from generator.reading import settings
from generator.reading.casefiles import SITE
from generator.reading.paths import ProjectPaths
from generator.reading.reader import Reader
from generator.reading.shared import acknowledgements, translated
from generator.reading.values import Fields
from generator.reading.yamlsafe import Node


def read_site(r: Reader, node: Node, paths: ProjectPaths) -> Site | None:
    f = r.read(node, SITE)
    if f is None:
        return None
    settings.from_mapping(f.node, r.rel, paths, r.diagnostics)  # read by the CLI: checked here
    title, description = f.text("title"), f.text("description")
    intro, about = f.text("intro"), f.text("about")
    acknowledged = acknowledgements(r, f.items("acknowledged"))
    languages = _languages(r, f)
    if not (title and description and languages and intro and about):
        return None
    tr = translated(r, f, ("title", "description", "intro", "about"))
    return Site(title, description, languages[0], intro, about, acknowledged, languages, tr)


def _languages(r: Reader, f: Fields) -> tuple[str, ...]:
    """The editions' languages, the default first: ``languages``, or ``language`` alone."""
    language = f.text("language")
    listed = cast("tuple[str, ...]", f.values.get("languages", ()))
    if "language" not in f.node.items and "languages" not in f.node.items:
        r.error(
            f.node.line,
            "the site is missing the field 'languages'",
            "list the editions' languages, the default first: languages: [en]",
        )
        return ()
    if language and listed and listed[0] != language:
        r.error(
            f.line("language"),
            f"'language' is '{language}' but 'languages' starts with '{listed[0]}'",
            "the first of 'languages' is the default edition's: remove 'language', or make"
            " the two agree",
        )
        return ()
    return listed or ((language,) if language else ())
