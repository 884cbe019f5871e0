"""content/sources/<id>.yaml: what is known about an article, and its text from seeds/.

The fields are declared in :mod:`generator.reading.casefiles`; what is checked here
takes more than one field, or the seed: a publication date not in the future, a
day written before it, a passage hidden or not used once, a seed that is a file in
seeds/ and not a link out of it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.errors import did_you_mean
from generator.model import Hidden, NotUsed, Published, Source
from generator.reading import yamlsafe
from generator.reading.casefiles import SOURCE
from generator.reading.paths import Folders
from generator.reading.reader import Reader
from generator.reading.shared import acknowledgements, corrections, once
from generator.reading.values import Fields
from generator.reading.yamlsafe import Node


def read_source(r: Reader, node: Node, folders: Folders) -> Source | None:
    f = r.read(node, SOURCE)
    if f is None:
        return None
    source_id, seed = r.file_id(), f.text("seed")
    outlet, language = f.text("outlet"), f.text("language")
    retrieved = f.date("retrieved")
    if retrieved and retrieved.first_day() > dt.date.today():
        r.error(
            f.line("retrieved"),
            f"'retrieved' is {retrieved.label()}, after today",
            "give the day the text was taken from the outlet",
        )
        retrieved = None
    published = _published(r, f.nested("published"))
    hide: dict[str, Hidden] = {}
    for h in f.items("hide"):
        text = h.text("text")
        if text and once(r, hide.get(text), h, f"the hidden passage '{text}'"):
            hide[text] = Hidden(text, h.flag("to_end"), r.where(h))
    not_used: dict[str, NotUsed] = {}
    for n in f.items("not_used"):
        text, reason = n.text("text"), n.text("reason")
        if text and reason and once(r, not_used.get(text), n, f"the passage not used '{text}'"):
            not_used[text] = NotUsed(text, reason, r.where(n), n.flag("to_end"))
    acknowledged = acknowledgements(r, f.items("acknowledged"))
    corrected = corrections(r, f.items("corrections"))
    text = _seed_text(r, f, seed, folders) if seed else None
    if not (source_id and seed and outlet and language and published and text is not None):
        return None
    return Source(
        source_id,
        seed,
        text,
        outlet,
        f.text("format") or "",
        f.text("headline"),
        f.text("url"),
        language,
        published,
        tuple(hide.values()),
        r.where(f),
        acknowledged,
        tuple(not_used.values()),
        f.text("archived"),
        retrieved,
        corrected,
    )


def _published(r: Reader, p: Fields | None) -> Published | None:
    """When the article was published; None if that is not known, or in the future."""
    if p is None:
        return None
    date, basis, evidence = p.date("date"), p.text("basis"), p.text("evidence")
    written = p.date("written")
    if date and written and written.first_day() >= date.first_day():
        r.error(
            p.line("written"),
            f"'written' is {written.label()}, not before 'date' ({date.label()})",
            "give 'written' only where the text reads as written before its date",
        )
        written = None
    if date and date.first_day() > dt.date.today():
        r.error(
            p.line("date"),
            f"'date' is {date.label()}, after today: no article is published in the future",
            "check the date against the article",
        )
        return None
    if date and basis and evidence:
        return Published(date, basis, evidence, p.line("basis"), written)
    return None


def _seed_text(r: Reader, f: Fields, seed: str, folders: Folders) -> str | None:
    line = f.line("seed")
    paths = folders.paths
    plain = not ("/" in seed or "\\" in seed or seed.startswith("."))
    # For a plain name, the join is what pathlib's ``paths.seeds / seed`` would spell.
    path = os.path.join(paths.seeds, seed) if plain else os.fspath(paths.seeds / seed)
    r.inputs.append(path)
    if plain and os.path.islink(path) and not os.path.exists(path):
        r.error(
            line,
            f"seed '{seed}' is a link that leads nowhere (or in a loop)",
            "replace the link with the file",
        )
        return None
    if not plain or not Path(path).is_file():
        if plain and os.path.exists(path):  # there, but a folder or a named pipe
            what = "a folder" if os.path.isdir(path) else "not a regular file"
            r.error(line, f"seed '{seed}' is {what}", "give the name of a file in seeds/")
            return None
        known = [p.name for p in paths.seeds.iterdir()] if paths.seeds.is_dir() else []
        if "/" in seed or "\\" in seed:
            # A path: only the very file named, if it is in seeds/, is worth suggesting.
            name = seed.replace("\\", "/").rsplit("/", 1)[-1]
            same = f" (did you mean '{name}'?)" if name in known else ""
            r.error(
                line,
                f"seed '{seed}' is a path{same}",
                "a seed is named by its file name in seeds/ alone, without folders",
            )
            return None
        r.error(
            line,
            f"no file '{seed}' in seeds/{did_you_mean(seed, known)}",
            "give the name of a file in the project's seeds/ folder",
        )
        return None
    if not folders.inside(path, paths.seeds):
        r.error(line, f"seed '{seed}' links outside seeds/", "replace the link with the file")
        return None
    text = yamlsafe.read_text(path, folders.rel(path), r.diagnostics)
    if text is not None and not text.strip():
        r.error(line, f"seed '{seed}' is empty", "paste the article's text into the file")
        return None
    return text
