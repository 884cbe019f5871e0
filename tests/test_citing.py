"""The preview's "Copy citation" control: on source pages only, and the look-up behind it."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.build import Options
from generator.preview.server import Preview


def _get(preview: Preview, path: str, query: str = "") -> tuple[str, bytes]:
    status, _, body = preview.respond("GET", {"PATH_INFO": path, "QUERY_STRING": query})
    return status, body


def test_only_source_pages_get_the_control(fixture_site: Path) -> None:
    preview = Preview(Options(fixture_site, None, "/explainer/", drafts=True))
    assert preview.rebuild()
    _, source = _get(preview, "/explainer/sources/gazette/")
    assert (
        b'<script src="/explainer/__explainer/cite.js" data-source="gazette"'
        b' data-endpoint="/explainer/__explainer/cite" defer></script>\n</body>' in source
    )
    _, profile = _get(preview, "/explainer/people/dana-example/")
    assert b"__explainer" not in profile
    status, script = _get(preview, "/explainer/__explainer/cite.js")
    assert status == "200 OK" and b"Copy citation" in script


def test_the_look_up_snaps_to_the_seed_and_says_when_not_found(fixture_site: Path) -> None:
    preview = Preview(Options(fixture_site, None, "/", drafts=True))
    assert preview.rebuild()
    # Straight quotes selected; the seed prints curly ones: the citation has the seed's.
    status, body = _get(preview, "/__explainer/cite", 'source=gazette&words=is+"waiting+for')
    assert status == "200 OK"
    (entry,) = yaml.safe_load(body)
    assert entry == {"source": "gazette", "quote": "is “waiting for"}
    status, body = _get(preview, "/__explainer/cite", "source=gazette&words=no+such+words+here")
    assert status == "404 Not Found" and body.startswith(b"# ")
    status, body = _get(preview, "/__explainer/cite", "source=nope&words=x")
    assert status == "404 Not Found"
