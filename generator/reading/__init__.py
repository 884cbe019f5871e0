"""The read and load stages: case files and seeds into the typed model.

Each kind of case file has a module that walks its node tree into the model
(:mod:`.site`, :mod:`.sources`, :mod:`.people`, :mod:`.events`), with
:mod:`.reader` for typed access to the nodes; :mod:`.files` reads a file once,
through the cache the preview keeps, and :mod:`.project` reads them all.
"""

from generator.reading.forms import ID_HINT, ID_PATTERN
from generator.reading.paths import INPUT_FOLDERS, ProjectPaths, yaml_files
from generator.reading.people import sentences
from generator.reading.project import load_project, load_source, prefetch

__all__ = [
    "ID_HINT",
    "ID_PATTERN",
    "INPUT_FOLDERS",
    "ProjectPaths",
    "load_project",
    "load_source",
    "prefetch",
    "sentences",
    "yaml_files",
]
