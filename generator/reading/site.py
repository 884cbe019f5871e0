"""content/site.yaml: the site's texts and settings."""

from __future__ import annotations

from generator.model import (
    Site,
)
from generator.reading import settings
from generator.reading.paths import ProjectPaths
from generator.reading.reader import Reader
from generator.reading.yamlsafe import Node


def read_site(r: Reader, node: Node, paths: ProjectPaths) -> Site | None:
    fields = ("title", "description", "language", "intro", "about")
    m = r.mapping(node, "the site file", fields, ("acknowledged", *settings.FIELDS))
    if m is None:
        return None
    settings.from_mapping(m, r.rel, paths, r.diagnostics)  # read by the CLI: checked here
    title, description, language = r.text(m, "title"), r.text(m, "description"), r.language(m)
    intro, about = r.markdown(m, "intro"), r.markdown(m, "about")
    acknowledged = r.acknowledged(m)
    if not (title and description and language and intro and about):
        return None
    return Site(title, description, language, intro, about, acknowledged)
