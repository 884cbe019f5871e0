"""The links between the editions of a site in several languages.

Each page of an edition names itself and its counterpart in every other edition
(``<link rel="alternate" hreflang>``, and ``x-default``); a search engine only
believes such a set when every page of it names the same set back. The sitemap
lists the same alternates.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from generator import urls

if TYPE_CHECKING:
    from generator.verify.site import _Site

_XHTML = "{http://www.w3.org/1999/xhtml}"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def check_alternates(site: _Site) -> None:
    """Report a page whose alternates leave the site, miss itself, or are not returned."""
    by_url = {site.urls.absolute(urls.route_of(rel)): rel for rel in site.pages}
    for rel, page in site.pages.items():
        if not page.alternates:
            continue
        me = site.urls.absolute(urls.route_of(rel))
        if page.lang is None or page.alternates.get(page.lang) != me:
            site.report(
                rel,
                0,
                f"its alternates do not name the page itself under its language ({page.lang})",
                'each page lists itself: <link rel="alternate" hreflang="LANG" href="ITS URL">',
            )
        if "x-default" not in page.alternates:
            site.report(rel, 0, "its alternates have no x-default", "name the default edition's")
        for lang, href in page.alternates.items():
            other = by_url.get(href)
            if other is None:
                site.report(rel, 0, f"its {lang} alternate {href} is not a page of this site")
            elif site.pages[other].alternates != page.alternates:
                site.report(
                    rel,
                    0,
                    f"its {lang} alternate {other} does not list the same alternates back",
                    "every edition of a page lists every edition, itself included",
                )
    _check_sitemap_alternates(site)


def _check_sitemap_alternates(site: _Site) -> None:
    """The sitemap's alternates of each URL are the page's own."""
    path = site.folder / "sitemap.xml"
    if not path.is_file():
        return
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return  # reported by the sitemap's own check
    by_url = {site.urls.absolute(urls.route_of(rel)): rel for rel in site.pages}
    for entry in root.iter(f"{_SITEMAP}url"):
        loc = (entry.findtext(f"{_SITEMAP}loc") or "").strip()
        listed = {
            link.get("hreflang", ""): link.get("href", "") for link in entry.iter(f"{_XHTML}link")
        }
        rel = by_url.get(loc)
        if rel is None or not listed:
            continue
        if listed != site.pages[rel].alternates:
            site.report("sitemap.xml", 0, f"the alternates of {loc} are not those of {rel}")
