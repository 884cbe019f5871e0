"""``explainer import URL|FILE.html``: a news page becomes a seed and a prefilled source file.

trafilatura keeps the article and drops the page around it (navigation, ads,
comments, sign-up forms, related links); what is known about the article is read
from the page itself, each field only where the page states it. What the page does
not carry is left out, and the source file says so in a comment: an editor fills
it in or lets ``explainer check`` ask for it, and nothing is guessed. An existing
seed or source is never written over.

Needs the ``import`` extra (trafilatura, htmldate); without it the command says
how to install it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator import __version__
from generator.errors import UsageError
from generator.reading import ID_HINT, ID_PATTERN
from generator.yamlquote import quoted

INSTALL_HINT = (
    "explainer import needs the 'import' extra (trafilatura, htmldate):"
    " pip install 'hostage-explainer[import]' (in a clone: pip install -e '.[import]')"
)
TIMEOUT = 30.0
"""Seconds to wait for a server to answer."""
LARGEST_PAGE = 20 * 1024 * 1024
"""Bytes of a page read at most: a news page is far smaller; a larger answer is not one."""
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass
class Page:
    """A page as received: its bytes, where it came from, and the day it was fetched."""

    data: bytes
    label: str
    """The URL or the file's path, for messages and the source file's header."""
    url: str | None = None
    """The address the page was fetched from, after redirects (None for a saved page)."""
    retrieved: dt.date | None = None


@dataclass
class Imported:
    """What an import wrote and what the editor must still do."""

    id: str
    seed: Path
    source: Path
    paragraphs: int
    missing: list[str] = field(default_factory=list)
    """Fields the page does not carry, in words ('the publication date')."""


def read_page(target: str, timeout: float = TIMEOUT) -> Page:
    """Fetch ``target`` if it is an http(s) URL, or read it as a saved page."""
    if re.match(r"https?://", target, re.I):
        return _fetch(target, timeout)
    path = Path(target).expanduser()
    if not path.is_file():
        raise UsageError(f"no file {target}: give a saved page (.html) or an http(s) URL")
    return Page(path.read_bytes(), target)


def _fetch(url: str, timeout: float) -> Page:
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"hostage-explainer/{__version__} (explainer import)",
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml"):
                raise UsageError(f"{url} is {kind}, not a web page: save the article's page")
            data = response.read(LARGEST_PAGE + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise UsageError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise UsageError(f"could not fetch {url}: {exc.reason}") from None
    except TimeoutError:
        raise UsageError(f"could not fetch {url}: no answer within {timeout:g} s") from None
    except ValueError as exc:  # a malformed address
        raise UsageError(f"could not fetch {url}: {exc}") from None
    if len(data) > LARGEST_PAGE:
        raise UsageError(f"{url} is larger than {LARGEST_PAGE // 2**20} MB: not a news page")
    return Page(data, url, final, dt.date.today())


def import_page(page: Page, project: Path, wanted_id: str | None) -> Imported:
    """Write ``seeds/<id>.txt`` and ``content/sources/<id>.yaml`` for ``page``."""
    try:
        import trafilatura

        from generator.pagedates import json_ld, page_dates
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    if wanted_id is not None and not ID_PATTERN.fullmatch(wanted_id):
        raise UsageError(f"--id '{wanted_id}' is not a valid id: {ID_HINT}")
    tree = trafilatura.load_html(page.data)
    if tree is None:
        raise UsageError(f"{page.label} is not an HTML page")
    text = trafilatura.extract(
        page.data,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        raise UsageError(
            f"no article text found in {page.label}: save the article's own page"
            " (not a front page or a list), or copy its text into seeds/ by hand"
        )
    meta = trafilatura.extract_metadata(tree)
    headline = _clean(meta.title) if meta is not None else None
    author = _clean(meta.author) if meta is not None else None
    url = _canonical(tree, page.url)
    dates = page_dates(tree, url)
    outlet = _outlet(tree, json_ld(tree))
    source_id = wanted_id or default_id(outlet, url, dates[0].date if dates else None)
    if source_id is None:
        raise UsageError(f"{page.label} names no outlet and no address: give an id with --id")
    seeds, sources = project / "seeds", project / "content" / "sources"
    seed, source = seeds / f"{source_id}.txt", sources / f"{source_id}.yaml"
    for path in (seed, source, source.with_suffix(".yml")):
        if path.exists():
            raise UsageError(
                f"{path} exists: an import never writes over a file; give another --id"
            )
    body = "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())
    if headline and not body.startswith(headline):
        body = f"{headline}\n\n{body}"
    imported = Imported(source_id, seed, source, len([p for p in body.splitlines() if p]))
    yaml = _source_yaml(imported, page, outlet, headline, author, url, _language(tree), dates)
    seeds.mkdir(exist_ok=True)
    sources.mkdir(parents=True, exist_ok=True)
    with seed.open("x", encoding="utf-8", newline="\n") as out:
        out.write(body + "\n")
    try:
        with source.open("x", encoding="utf-8", newline="\n") as out:
            out.write(yaml)
    except OSError:
        seed.unlink()  # one without the other is no import
        raise
    return imported


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def _first(tree: Any, xpath: str) -> str | None:
    for value in tree.xpath(xpath):
        if cleaned := _clean(str(value)):
            return cleaned
    return None


def _outlet(tree: Any, items: list[dict[str, Any]]) -> str | None:
    """The publication's name as the page gives it: JSON-LD publisher or og:site_name."""
    for item in items:
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and (name := _clean(str(publisher.get("name") or ""))):
            return name
    return _first(tree, "//meta[@property='og:site_name']/@content") or _first(
        tree, "//meta[@name='application-name']/@content"
    )


def _canonical(tree: Any, fetched: str | None) -> str | None:
    """The article's address: the page's canonical link or og:url, else where it was fetched."""
    for found in (
        _first(tree, "//link[@rel='canonical']/@href"),
        _first(tree, "//meta[@property='og:url']/@content"),
        fetched,
    ):
        if found and _URL.fullmatch(found):
            return found
    return None


def _language(tree: Any) -> str | None:
    for found in (
        _first(tree, "/html/@lang"),
        _first(tree, "//meta[@property='og:locale']/@content"),
    ):
        tag = found.replace("_", "-") if found else None
        if tag and _LANGUAGE_TAG.fullmatch(tag):
            return tag
    return None


def default_id(outlet: str | None, url: str | None, date: str | None) -> str | None:
    """``outlet-date`` in lowercase words and hyphens ('northbridge-courier-2024-05-02'),
    from the outlet's name, else the address's host; None if neither gives one."""
    name = _slug(re.sub(r"^the\s+", "", outlet, flags=re.I)) if outlet else ""
    if not name and url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if not re.fullmatch(r"[\d.]+|.*:.*", host):  # an IP address names no outlet
            name = _slug(host.rsplit(".", 1)[0] if "." in host else host)
    if not name:
        return None
    return f"{name}-{date}" if date else name


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _source_yaml(
    imported: Imported,
    page: Page,
    outlet: str | None,
    headline: str | None,
    author: str | None,
    url: str | None,
    language: str | None,
    dates: list[Any],
) -> str:
    """The source file: each field the page states, a comment for each it does not."""
    today = dt.date.today().isoformat()
    lines = [
        f"# Imported by `explainer import` on {today} from {_comment(page.label)}.",
        "# Check every field against the article; declare clutter the seed kept under 'hide'.",
    ]
    if not page.retrieved:
        lines.append("# retrieved: not known (a saved page): give the day it was saved")
    lines.append(f"# author: {_comment(author)}" if author else "# author: not named on the page")
    lines.append(f"seed: {imported.seed.name}")
    if page.retrieved:
        lines.append(f'retrieved: "{page.retrieved.isoformat()}"')
    if outlet:
        lines.append(f"outlet: {quoted(outlet)}")
    else:
        imported.missing.append("the outlet")
        lines.append("# outlet: TODO: the page does not name its publication; give its name")
    if headline:
        lines.append(f"headline: {quoted(headline)}")
    if url:
        lines.append(f"url: {quoted(url)}")
    else:
        lines.append("# url: the page gives no address of its own; add it if known")
    if language:
        lines.append(f"language: {language}")
    else:
        imported.missing.append("the language")
        lines.append("# language: TODO: the page does not say; give a BCP 47 tag such as en")
    if dates:
        first = dates[0]
        lines += [
            "published:",
            f"  date: {quoted(first.date)}",
            f"  basis: {first.basis}",
            f"  evidence: {quoted(first.evidence)}",
        ]
        for other in dates[1:]:
            agrees = "agrees" if other.date == first.date else "DIFFERS: check which is right"
            lines.append(f"# also ({agrees}): {_comment(other.evidence)}")
    else:
        imported.missing.append("the publication date")
        lines += [
            "# published: TODO: the page states no publication date (no NewsArticle JSON-LD,",
            "# no article:published_time meta tag, no dated byline, no date in its URL).",
            "# Find the date and fill in (basis: stated, dateline, url or inferred):",
            "# published:",
            '#   date: "YYYY-MM-DD"',
            "#   basis: inferred",
            '#   evidence: "..."',
        ]
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    """``text`` on one line, as a comment can hold it."""
    return " ".join(text.split())
