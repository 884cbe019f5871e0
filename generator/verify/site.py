"""The built site as a browser and a crawler see it: every link, anchor and asset, the sitemap,
the feed, each page's JSON-LD; the command that runs them with the external validators."""

from __future__ import annotations

import json
import logging
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

from generator import urls
from generator.errors import Diagnostic, OutputError, UsageError, utf8_fault
from generator.urls import Urls
from generator.verify.alternates import check_alternates
from generator.verify.jsonld import _CHECKS, _thing, _urls_in, expected_type
from generator.verify.validators import Tools, _run_jing, _run_vnu, find_tools

log = logging.getLogger(__name__)

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_ATOM_NS = "{http://www.w3.org/2005/Atom}"
# Attributes that make a browser fetch or navigate to a URL of the site.
_URL_ATTRS = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("track", "src"),
    ("embed", "src"),
    ("form", "action"),
}


class _Html(HTMLParser):
    """The ids, URLs and JSON-LD blocks of one page, with their lines."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str]] = []
        self.jsonld: list[tuple[int, str]] = []
        self.canonical: str | None = None
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        """hreflang -> href of each ``<link rel="alternate" hreflang>``: the page in the
        other editions."""
        self._script: tuple[int, list[str]] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in _URL_ATTRS:
                self.refs.append((line, value))
            elif name == "srcset":
                self.refs.extend((line, c.split()[0]) for c in value.split(",") if c.strip())
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script = (line, [])
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"] or ""] = a.get("href") or ""
        elif tag == "html":
            self.lang = a.get("lang")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.jsonld.append((self._script[0], "".join(self._script[1])))
            self._script = None


@dataclass(slots=True)
class _Site:
    folder: Path
    label: str
    """The site folder as the user named it, to prefix every path shown."""
    urls: Urls
    pages: dict[str, _Html] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def report(self, rel: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Diagnostic(f"{self.label}/{rel}", line, message, hint))

    def resolve(self, rel: str, line: int, ref: str) -> None:
        """Report ``ref``, found in file ``rel``, if it names a missing file or anchor."""
        ref = ref.strip()
        try:
            parts = urlsplit(ref)
            parts.hostname  # noqa: B018  # raises for a malformed host, such as '[::1'
        except ValueError:
            self.report(rel, line, f"malformed link {ref}")
            return
        if parts.scheme and parts.scheme not in ("http", "https"):
            return  # mailto:, tel:, data:
        if parts.netloc and parts.netloc != urlsplit(self.urls.origin).netloc:
            return  # another site
        if parts.netloc and not unquote(parts.path or "/").startswith(self.urls.root):
            # The same host outside the base path: another site there (an explainer under a
            # newspaper's address citing its articles). A site built for another --base-url
            # shows in its canonical address, checked once for the whole site.
            return
        here = "http://site.invalid" + self.urls.root + route(rel)
        local = (
            parts._replace(scheme="", netloc="", path=parts.path or "/") if parts.netloc else parts
        )
        url = urlsplit(urljoin(here, local.geturl()))
        path = unquote(url.path)
        if not path.startswith(self.urls.root):
            self.report(
                rel,
                line,
                f"link to {ref} leaves the site's base path {self.urls.root}",
                "build with the same --base-url as the one given to verify",
            )
            return
        target = path[len(self.urls.root) :]
        if target == "" or target.endswith("/"):
            target += "index.html"
        file = self.folder / target
        if file.is_dir():
            self.report(rel, line, f"link to {ref} names a folder without its trailing slash")
        elif not file.is_file():
            self.report(rel, line, f"broken link to {ref}: there is no {target} in the site")
        elif url.fragment and target in self.pages:
            anchor = unquote(url.fragment)
            if anchor not in self.pages[target].ids:
                self.report(rel, line, f"broken link to {ref}: {target} has no id '{anchor}'")


def route(rel: str) -> str:
    """Return the route of the page in file ``rel``: 'people/x/index.html' -> 'people/x/'."""
    return urls.route_of(rel)


def verify_site(folder: Path, base_url: str, tools: Tools, label: str = "") -> list[Diagnostic]:
    """Return every problem found in the built site in ``folder``, served at ``base_url``."""
    site = _Site(folder, (label or folder.as_posix()).rstrip("/"), Urls.from_base(base_url))
    for rel, text in _pages(site):
        site.pages[rel] = _Html(text)
    if not site.pages:
        site.report("", 0, "no HTML pages here", "give the folder that `explainer build` wrote")
        return site.problems
    home = site.pages.get("index.html")
    if home is not None and home.canonical not in (None, site.urls.absolute("")):
        site.report(
            "index.html",
            0,
            f"the site was built for {home.canonical}, not {base_url}",
            f"verify it with --base-url {home.canonical}, or build it with --base-url {base_url}",
        )
        return site.problems  # every link would be reported otherwise
    for rel, page in site.pages.items():
        for line, ref in page.refs:
            site.resolve(rel, line, ref)
        _check_jsonld(site, rel, page)
    _check_sitemap(site)
    check_alternates(site)
    feeds = _feeds(site)
    for feed in feeds:
        _check_feed(site, feed)
    if tools.vnu is not None:
        site.problems.extend(_run_vnu(tools.vnu, site))
    if tools.jing is not None:
        for feed in feeds:
            if (folder / feed).is_file():
                site.problems.extend(_run_jing(tools.jing, site, feed))
    return sorted(site.problems, key=Diagnostic.sort_key)


def _pages(site: _Site) -> Iterator[tuple[str, str]]:
    """Yield the path and text of each HTML page; report what a deploy must not carry: a
    link leading out of the site (it would publish what it leads to), a page that is not
    a regular file or not UTF-8."""
    root = site.folder.resolve()
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(site.folder):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            rel = path.relative_to(site.folder).as_posix()
            if path.is_symlink():
                leads = path.resolve()
                if not leads.is_relative_to(root):
                    site.report(rel, 0, f"a link that leads out of the site, to {leads}")
                continue
            if name.endswith(".html"):
                found.append((rel, path))
    for rel, path in sorted(found):
        if not path.is_file():  # a folder or a named pipe (which would hang a read)
            site.report(rel, 0, "a page that is not a regular file")
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            line, where = utf8_fault(exc)
            site.report(rel, line, f"not UTF-8 ({where})")
            continue
        yield rel, text


def _parse_xml(site: _Site, rel: str) -> ET.Element | None:
    if (site.folder / rel).exists() and not (site.folder / rel).is_file():
        site.report(rel, 0, f"{rel} is not a regular file")
        return None
    try:
        return ET.parse(site.folder / rel).getroot()
    except FileNotFoundError:
        site.report(rel, 0, f"{rel} is missing")
    except ET.ParseError as exc:
        site.report(rel, exc.position[0], f"malformed XML: {exc}")
    return None


def _check_sitemap(site: _Site) -> None:
    root = _parse_xml(site, "sitemap.xml")
    if root is None:
        return
    expected = {
        site.urls.absolute(route(rel)): rel
        for rel in site.pages
        if rel.rsplit("/", 1)[-1] != urls.NOT_FOUND  # the site's and each edition's
    }
    listed: set[str] = set()
    for loc in root.iter(f"{_SITEMAP_NS}loc"):
        url = (loc.text or "").strip()
        if url in listed:
            site.report("sitemap.xml", 0, f"lists {url} twice")
        elif url not in expected:
            site.report("sitemap.xml", 0, f"lists {url}, which is not a page of this site")
        listed.add(url)
    for url, rel in expected.items():
        if url not in listed:
            site.report(rel, 0, f"missing from sitemap.xml (expected <loc>{url}</loc>)")


def _feeds(site: _Site) -> list[str]:
    """The site's feed, and each other edition's (a folder with a home page of its own
    language beside the site's: 'ru/feed.xml')."""
    found = ["feed.xml"]
    for rel in site.pages:
        folder = rel.removesuffix("index.html")
        if (
            folder.count("/") == 1
            and rel.endswith("/index.html")
            and (site.pages[rel].alternates and (site.folder / folder / "feed.xml").is_file())
        ):
            found.append(folder + "feed.xml")
    return found


def _check_feed(site: _Site, rel: str = "feed.xml") -> None:
    root = _parse_xml(site, rel)
    if root is None:
        return
    for link in root.iter(f"{_ATOM_NS}link"):
        site.resolve(rel, 0, link.get("href", ""))


def _check_jsonld(site: _Site, rel: str, page: _Html) -> None:
    kind = expected_type(rel)
    if not page.jsonld:
        if kind is not None:
            site.report(rel, 0, f"has no JSON-LD; a page of this kind describes a {kind}")
        return
    for line, text in page.jsonld:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            site.report(rel, line + exc.lineno - 1, f"JSON-LD does not parse: {exc.msg}")
            continue
        except RecursionError:
            site.report(rel, line, "JSON-LD does not parse: it is nested too deeply")
            continue
        if not isinstance(data, dict) or data.get("@context") not in (
            "https://schema.org",
            "http://schema.org",
        ):
            site.report(rel, line, "JSON-LD is not an object with @context https://schema.org")
            continue
        want = kind
        if want is None:  # a page of no fixed kind: check it as what it says it is
            found = data.get("@type")
            want = found if isinstance(found, str) and found in _CHECKS else "WebPage"
        for problem in _thing(data, want, ""):
            site.report(rel, line, f"JSON-LD: {problem}")
        for url in _urls_in(data):
            site.resolve(rel, line, url)


def verify(
    folder: Path,
    base_url: str,
    vnu_jar: Path | None,
    external: Literal["auto", "none", "require"] = "auto",
) -> str:
    """Check the site in ``folder``; raise OutputError listing its problems, or say what passed.

    ``external`` is 'auto' (run vnu and jing when found), 'none' or 'require' (a missing
    checker is a usage error, so CI cannot pass by not checking).
    """
    if not folder.is_dir():
        raise UsageError(f"no built site at {folder}")
    if vnu_jar is not None and not vnu_jar.is_file():
        raise UsageError(f"--vnu: no file at {vnu_jar}")
    tools = Tools(None, None) if external == "none" else find_tools(vnu_jar)
    missing = []
    if external != "none" and tools.vnu is None:
        missing.append(
            "the Nu HTML Checker (java and vnu.jar: --vnu JAR, $VNU_JAR or npm install vnu-jar)"
        )
    if external != "none" and tools.jing is None:
        missing.append("jing (apt-get install jing)")
    if missing and external == "require":
        raise UsageError("--require-external: not found: " + "; ".join(missing))
    for name in missing:
        log.warning("warning: skipped a check: not found: %s", name)
    problems = verify_site(folder, base_url, tools, folder.as_posix())
    if problems:
        raise OutputError(problems)
    ran = ["links, anchors and assets", "sitemap", "JSON-LD"]
    ran += ["HTML (Nu HTML Checker)"] if tools.vnu else []
    ran += ["Atom feed (jing, RFC 4287)"] if tools.jing else []
    pages = sum(1 for _ in folder.rglob("*.html"))
    return f"verified {pages} pages at {base_url}: {', '.join(ran)}"
