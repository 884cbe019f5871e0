"""Write a string as a YAML scalar that reads back as the very same string.

``explainer import`` and ``explainer cite`` print YAML for an editor to paste:
a headline or a quote may hold ``"``, ``:``, ``#`` or a line break, and each must
survive the paste. A double-quoted scalar escapes them all; JSON's escapes are
YAML's, and the characters YAML may not carry raw (C1 controls, the Unicode line
and paragraph separators, which a YAML reader would fold) are escaped too.
"""

from __future__ import annotations

import json
import re

_NOT_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def quoted(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar."""
    return _NOT_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))
