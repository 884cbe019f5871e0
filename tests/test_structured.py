"""JSON-LD says only what the content says: no made-up address, no date made precise."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import run


def _jsonld(page: Path) -> dict[str, Any]:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page.read_text("utf-8"), re.S
    )
    assert len(found) == 1
    data: dict[str, Any] = json.loads(found[0])
    return data


def test_an_unknown_article_address_stays_absent(fixture_built: Path) -> None:
    herald = _jsonld(fixture_built / "sources" / "herald" / "index.html")  # no url in its file
    assert herald["@type"] == "NewsArticle"
    assert "url" not in herald
    gazette = _jsonld(fixture_built / "sources" / "gazette" / "index.html")
    assert gazette["url"] == "https://example.org/gazette"
    dana = _jsonld(fixture_built / "people" / "dana-example" / "index.html")
    cited = {c["publisher"]["name"]: c for c in dana["citation"]}
    assert "url" not in cited["Sample Herald"]


def test_an_approximate_date_is_not_made_precise(fixture_site: Path) -> None:
    events = fixture_site / "content" / "events" / "2023.yaml"
    text = events.read_text("utf-8").replace('date: "2023-10-07"', 'date: "late 1990s"', 1)
    events.write_text(text, "utf-8")
    assert run("build", "--project", fixture_site, "-q", "--no-search") == 0
    timeline = _jsonld(fixture_site / "site" / "timeline" / "index.html")
    items = {i["item"]["url"].rsplit("#", 1)[1]: i["item"] for i in timeline["itemListElement"]}
    assert "startDate" not in items["dana-example-abducted"]  # a decade: ISO 8601 has none
    assert "startDate" not in items["lev-sample-appeal"]  # "c. 2024-03": not March itself
    assert items["dana-example-release-announced"]["startDate"] == "2024-03"
    assert run("verify", fixture_site / "site", "--no-external") == 0
