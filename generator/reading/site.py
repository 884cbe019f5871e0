"""content/site.yaml: the site's texts, and the settings the command line reads first."""

from __future__ import annotations

from generator.model import Site
from generator.reading import settings
from generator.reading.casefiles import SITE
from generator.reading.paths import ProjectPaths
from generator.reading.reader import Reader
from generator.reading.shared import acknowledgements
from generator.reading.yamlsafe import Node


def read_site(r: Reader, node: Node, paths: ProjectPaths) -> Site | None:
    f = r.read(node, SITE)
    if f is None:
        return None
    settings.from_mapping(f.node, r.rel, paths, r.diagnostics)  # read by the CLI: checked here
    title, description, language = f.text("title"), f.text("description"), f.text("language")
    intro, about = f.text("intro"), f.text("about")
    acknowledged = acknowledgements(r, f.items("acknowledged"))
    if not (title and description and language and intro and about):
        return None
    return Site(title, description, language, intro, about, acknowledged)
