"""The preview's "Copy citation" control on source pages, and the look-up behind it.

A source page in the preview gets a script (``cite.js``) that turns selected
words of the article into the YAML citation that ``explainer cite`` prints: the
words are sent back to the preview, which finds them as the build would and
answers with the passage as the seed prints it. Nothing of it is in a built
site: the build never writes the script, and pages are changed as served.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs

from generator.errors import UsageError

PREFIX = "__explainer/"
"""Where the preview's own files live under the site's root: no page's route starts so."""
SCRIPT = PREFIX + "cite.js"
ENDPOINT = PREFIX + "cite"
_SOURCE_PAGE = re.compile(r"sources/([^/]+)/index\.html")


def script() -> bytes:
    return (Path(__file__).parent / "cite.js").read_bytes()


def with_control(rel: str, body: bytes, root: str) -> bytes:
    """``body``, the page at ``rel``, with the control's script if it is a source page."""
    page = _SOURCE_PAGE.fullmatch(rel)
    if page is None or b"</body>" not in body:
        return body
    source = html.escape(page.group(1))
    tag = (
        f'<script src="{root}{SCRIPT}" data-source="{source}"'
        f' data-endpoint="{root}{ENDPOINT}" defer></script>\n'
    )
    at = body.rindex(b"</body>")
    return body[:at] + tag.encode() + body[at:]


def citation(project: Path, query: str) -> tuple[bool, bytes]:
    """The YAML citation of the words in ``query`` (``source=ID&words=...``), and whether
    they were found; what ``explainer cite`` prints."""
    from generator.cite import cite

    asked = parse_qs(query)
    source, words = asked.get("source", [""])[0], asked.get("words", [""])[0]
    if not source or not words.strip():
        return False, b"# give source=ID and words=...\n"
    try:
        cited = cite(project, source, words)
    except UsageError as exc:
        return False, f"# {exc}\n".encode()
    note = "" if cited.found else f"# {cited.message}\n"
    return cited.found, (note + cited.yaml).encode()
