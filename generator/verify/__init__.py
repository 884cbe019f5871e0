"""Check a built site as a browser, a crawler and the validators would see it.

The build checks the content; this checks the output, after any theme override
and at the address it will be served from: every internal link, anchor and
asset resolves to a file of the site under the base URL's path, the sitemap
lists exactly the pages, each page's JSON-LD is schema.org of the right type,
and, when they are installed, the Nu HTML Checker finds no error in any page
and jing finds the feed valid against the RFC 4287 grammar. Problems are
:class:`Diagnostic` values naming the file (as the user typed the site's path)
and line, so CI says which page is broken and how.
"""

from generator.verify.site import route, verify, verify_site
from generator.verify.validators import Tools, find_tools

__all__ = ["Tools", "find_tools", "route", "verify", "verify_site"]
