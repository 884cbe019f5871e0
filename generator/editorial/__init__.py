"""Editorial checks: the second pair of eyes on a story that keeps moving.

The checks of :mod:`generator.checking` prove that the site says only what its
sources say. These look for what an editor would catch on a reread: a name
spelt a new way, an announcement whose day has passed, two sources that
disagree on an age, a source nobody uses. Each check is a small function that
returns :class:`Finding` values; a finding the content acknowledges (an
``acknowledged`` entry with a reason) is dropped, every other one becomes a
warning. An acknowledgement that matches nothing is itself reported, so that
excuses do not outlive what they excused.

The findings that concern readers (announcements overdue) are also returned,
in :class:`~generator.checking.Evidence`, for the pages to show.
"""

from generator.editorial.conflicts import _birth_window
from generator.editorial.findings import Finding, _visible
from generator.editorial.names import transliteration_key, within_edits, word_index
from generator.editorial.review import SLOW_CHECKS, review

__all__ = [
    "SLOW_CHECKS",
    "Finding",
    "_birth_window",
    "_visible",
    "review",
    "transliteration_key",
    "within_edits",
    "word_index",
]
