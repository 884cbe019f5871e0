"""The template contract: what the planner hands each template, as typed values.

Every page is a :class:`Page` (route, template, title, notes) with one view of
its kind (:class:`PersonView`, :class:`TimelineView`...). A template sees the
page as ``page`` and each field of its view by name. Views hold facts (names,
dates with their precision, counts, kinds, statuses as values), never English:
the theme words them (``templates/_words.html`` and ``_macros.html``), so that a
theme can say them in another language.

The views of the page kinds are in :mod:`.pages`, the pieces they share in
:mod:`.pieces`; every name is imported from here.
"""

from generator.views.pages import (
    AboutView,
    CorrectionsView,
    DataView,
    FeedCorrection,
    FeedEntry,
    FeedView,
    HomeView,
    NoView,
    Page,
    PeopleView,
    PersonView,
    Quoting,
    SitemapView,
    SourceView,
    TimelineView,
    View,
    variables,
)
from generator.views.pieces import (
    Case,
    Chip,
    Cited,
    CitedSource,
    CorrectionView,
    DifferView,
    EventView,
    IndexEntry,
    Link,
    MonthGroup,
    Note,
    PageLink,
    Passage,
    Ref,
    RoleGroup,
    Status,
    Title,
    Use,
    YearGroup,
)

__all__ = [
    "AboutView",
    "Case",
    "Chip",
    "Cited",
    "CitedSource",
    "CorrectionView",
    "CorrectionsView",
    "DataView",
    "DifferView",
    "EventView",
    "FeedCorrection",
    "FeedEntry",
    "FeedView",
    "HomeView",
    "IndexEntry",
    "Link",
    "MonthGroup",
    "NoView",
    "Note",
    "Page",
    "PageLink",
    "Passage",
    "PeopleView",
    "PersonView",
    "Quoting",
    "Ref",
    "RoleGroup",
    "SitemapView",
    "SourceView",
    "Status",
    "TimelineView",
    "Title",
    "Use",
    "View",
    "YearGroup",
    "variables",
]
