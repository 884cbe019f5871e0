"""Where everything lives on the site: every route, every file a route is written to, and
the links between them.

A route is a page's path under the site root: ``''`` for the home page,
``'people/x/'`` for a profile, ``'feed.xml'`` for a file. The planner, the
structured data, the data files, the preview and ``explainer verify`` all ask
here, so that a page moves in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

HOME = ""
PEOPLE = "people/"
TIMELINE = "timeline/"
ABOUT = "about/"
CORRECTIONS = "corrections/"
SEARCH = "search/"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
FEED = "feed.xml"
DATA_FILES = (
    "data/people.json",
    "data/events.json",
    "data/sources.json",
    "data/people.csv",
    "data/events.csv",
)
"""The data exports (generator.planning.exports), in the order the about page lists them."""


def person(pid: str) -> str:
    """The route of a profile."""
    return f"{PEOPLE}{pid}/"


def person_timeline(pid: str) -> str:
    """The route of the timeline filtered to one person's events."""
    return f"{TIMELINE}{pid}/"


def kind_timeline(kind: str) -> str:
    """The route of the timeline filtered to one kind of event."""
    return f"{TIMELINE}kind/{kind}/"


def source(sid: str) -> str:
    """The route of a source's page."""
    return f"sources/{sid}/"


def event(eid: str) -> str:
    """An event's place on the whole timeline: a route with its anchor."""
    return f"{TIMELINE}#{eid}"


def page_kind(route: str) -> str:
    """The kind of page at ``route``: 'person', 'timeline', 'source', 'home', 'people',
    'about', 'corrections', 'search', '404', or 'file' (the feed, the sitemap, the data)."""
    parts = route.split("/")
    if len(parts) == 3 and parts[0] == "people":
        return "person"
    if len(parts) == 3 and parts[0] == "sources":
        return "source"
    if route == TIMELINE or (parts[0] == "timeline" and route.endswith("/")):
        return "timeline"
    named = {HOME: "home", PEOPLE: "people", ABOUT: "about", CORRECTIONS: "corrections"}
    named.update({SEARCH: "search", NOT_FOUND: "404"})
    return named.get(route, "file")


def output_of(route: str) -> str:
    """Return the file a route is written to: 'people/x/' -> 'people/x/index.html'."""
    if route.endswith((".html", ".xml", ".json", ".csv")):
        return route
    return route + "index.html"


def route_of(name: str) -> str:
    """Return the route a file is written for: the inverse of :func:`output_of`."""
    if name == "index.html" or name.endswith("/index.html"):
        return name[: -len("index.html")]
    return name


@dataclass(frozen=True, slots=True)
class Urls:
    """Where pages live: links use the root path, canonical URLs add the origin."""

    origin: str
    """Scheme and host, e.g. 'https://example.org', or '' when only a path is known."""
    root: str
    """Path of the edition's root, starting and ending with '/': the site root, or a
    language's folder under it ('/ru/') for an edition other than the default."""
    site_root: str = ""
    """Path of the site root, where the assets and the search index are; '': ``root``."""

    @classmethod
    def from_base(cls, base: str) -> Urls:
        """Split a base URL ('https://example.org/explainer/' or '/explainer/')."""
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
        root = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
        return cls(origin, root)

    def edition(self, folder: str) -> Urls:
        """Where the pages of an edition in ``folder`` ('ru/') live; assets stay at the root."""
        return Urls(self.origin, self.root + folder, self.root)

    def asset(self, name: str) -> str:
        """A link to a file of the whole site, shared by every edition ('assets/style.css')."""
        return (self.site_root or self.root) + name

    def page(self, route: str) -> str:
        """A link to ``route``, from any page of the site."""
        return self.root + route

    def absolute(self, route: str) -> str:
        """The canonical URL of ``route``."""
        return self.origin + self.root + route
