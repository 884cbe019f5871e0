"""content/sources/: what is known about each article, and its seed."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from generator.errors import did_you_mean
from generator.model import (
    DATE_BASES,
    Hidden,
    NotUsed,
    Published,
    Source,
)
from generator.reading import yamlsafe
from generator.reading.paths import Folders
from generator.reading.reader import Reader, followable, once
from generator.reading.yamlsafe import Mapping, Node


def read_source(r: Reader, node: Node, folders: Folders) -> Source | None:
    m = r.mapping(
        node,
        "a source",
        ("seed", "outlet", "language", "published"),
        (
            "format",
            "headline",
            "url",
            "archived",
            "retrieved",
            "hide",
            "not_used",
            "acknowledged",
            "corrections",
        ),
    )
    if m is None:
        return None
    source_id, seed = r.file_id(), r.text(m, "seed")
    outlet, language = r.text(m, "outlet"), r.language(m)
    url = _address(r, m, "url", "give the article's full address, or remove the field")
    archived = _address(r, m, "archived", "give the archive copy's full address")
    retrieved = r.date(m, "retrieved") if "retrieved" in m.items else None
    if retrieved and retrieved.first_day() > dt.date.today():
        r.error(
            m.items["retrieved"].line,
            f"'retrieved' is {retrieved.label()}, after today",
            "give the day the text was taken from the outlet",
        )
        retrieved = None
    published = None
    if "published" in m.items:
        p = r.mapping(
            m.items["published"],
            "'published'",
            ("date", "basis", "evidence"),
            ("written",),
            {"basis": DATE_BASES},
        )
        if p is not None:
            date, basis, evidence = (
                r.date(p, "date"),
                r.choice(p, "basis", DATE_BASES),
                r.text(p, "evidence"),
            )
            written = r.date(p, "written") if "written" in p.items else None
            if date and written and written.first_day() >= date.first_day():
                r.error(
                    p.items["written"].line,
                    f"'written' is {written.label()}, not before 'date' ({date.label()})",
                    "give 'written' only where the text reads as written before its date",
                )
                written = None
            if date and date.first_day() > dt.date.today():
                r.error(
                    p.items["date"].line,
                    f"'date' is {date.label()}, after today: no article is published in the future",
                    "check the date against the article",
                )
            elif date and basis and evidence:
                published = Published(date, basis, evidence, p.items["basis"].line, written)
    hide: dict[str, Hidden] = {}
    for item in r.items(m, "hide"):
        h = r.mapping(item, "an item of 'hide'", ("text",), ("to_end",))
        if h is None or not (text := r.text(h, "text")):
            continue
        if once(r, hide.get(text), h, f"the hidden passage '{text}'"):
            hide[text] = Hidden(text, r.flag(h, "to_end"), r.where(h))
    not_used: dict[str, NotUsed] = {}
    for item in r.items(m, "not_used"):
        n = r.mapping(item, "an item of 'not_used'", ("text", "reason"), ("to_end",))
        if n is None:
            continue
        text, reason = r.text(n, "text"), r.text(n, "reason")
        if text and reason and once(r, not_used.get(text), n, f"the passage not used '{text}'"):
            not_used[text] = NotUsed(text, reason, r.where(n), r.flag(n, "to_end"))
    text = _seed_text(r, m, seed, folders) if seed else None
    if not (source_id and seed and outlet and language and published and text is not None):
        return None
    return Source(
        source_id,
        seed,
        text,
        outlet,
        r.text(m, "format") or "",
        r.text(m, "headline"),
        url,
        language,
        published,
        tuple(hide.values()),
        r.where(m),
        r.acknowledged(m),
        tuple(not_used.values()),
        archived,
        retrieved,
        r.corrections(m),
    )


def _address(r: Reader, m: Mapping, key: str, hint: str) -> str | None:
    """An http or https address that leads somewhere (a link a reader may follow), or None."""
    url = r.text(m, key)
    if url is not None and not (re.fullmatch(r"https?://[^\s<>\"']+", url) and followable(url)):
        r.error(
            m.items[key].line,
            f"'{key}' must be an http or https address, not '{url}'",
            f"{hint}, or remove the field if it is not known",
        )
        return None
    return url


def _seed_text(r: Reader, m: Mapping, seed: str, folders: Folders) -> str | None:
    line = m.items["seed"].line
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
