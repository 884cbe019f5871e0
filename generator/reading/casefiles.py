"""The declaration of the case files: every field of every kind, once.

The loader checks each file against these shapes, :mod:`generator.schema` turns
them into the JSON Schemas that editors use, and :mod:`generator.reading.fields_doc`
writes them into the field reference (docs/fields.md). A field added, made
optional or given a new allowed value here is so for all three; the allowed
values themselves are the model's (``ROLES``, ``EVENT_KINDS``...), so that the
pages that show them know every one.

Each ``doc`` is one line of the reference's "meaning" column: what to write, and
when; the type, whether it is required and the allowed values are shown beside it
from the declaration, so a doc does not repeat them. The pieces several kinds share
(citations, claims, disagreements...) are in :mod:`generator.reading.casefile_parts`.
"""

from __future__ import annotations

from generator.model import (
    DATE_BASES,
    EVENT_KINDS,
    EVENT_STATUSES,
    FACT_KINDS,
    ROLES,
)
from generator.reading.casefile_parts import (
    CITE,
    CLAIM,
    CORRECTIONS,
    DIFFER,
    DRAFT,
    acknowledged,
    translations,
)
from generator.reading.fields import (
    Address,
    CaseFile,
    Choice,
    Date,
    Field,
    Flag,
    Id,
    Ids,
    Language,
    Languages,
    ListOf,
    Markdown,
    Nested,
    Setting,
    Shape,
    Text,
)

# content/site.yaml -----------------------------------------------------------------------

SITE = Shape(
    (
        Field("title", Text(), "the site's title", required=True),
        Field(
            "description",
            Text(),
            "one sentence, used in the meta description and the feed",
            required=True,
        ),
        Field(
            "language",
            Language(),
            "the language of the site's own text, when it has one edition; a right-to-left"
            ' language (`he`, `ar`) sets `dir="rtl"`. Give this or `languages`',
        ),
        Field(
            "languages",
            Languages(),
            "the site's editions, the default first: it is built at the base URL, each other"
            " under `/<lang>/` ([editions](editions.md)). Give this or `language`",
        ),
        Field(
            "intro",
            Markdown(),
            "shown on the home page: what this explainer is and how it is sourced",
            required=True,
        ),
        Field("about", Markdown(), "the body of the about / method page", required=True),
        translations(
            "the site's texts",
            Field("title", Text(), "the title", required=True),
            Field("description", Text(), "the description", required=True),
            Field("intro", Markdown(), "the home page's introduction", required=True),
            Field("about", Markdown(), "the about page", required=True),
        ),
        acknowledged("editorial warnings accepted for the whole site"),
        Field(
            "base_url",
            Setting(),
            "where the site is published: an `http(s)://host/path/` address, or a path starting"
            " with `/`. Used by `build`, `serve` (its base path, read at start) and `verify`;"
            " `--base-url` overrides it",
        ),
        Field(
            "output",
            Setting(),
            "where `explainer build` writes, relative to the project (default `site`); `--out`"
            " overrides it. Refused, at its line, if absolute or if it is, holds or lies inside"
            " `content/`, `seeds/` or `templates/`",
        ),
    ),
    "the site's settings and texts",
    called="the site file",
)

# content/sources/<id>.yaml ---------------------------------------------------------------

PUBLISHED = Shape(
    (
        Field("date", Date(), "the day of publication", required=True),
        Field(
            "basis",
            Choice(DATE_BASES),
            "how the date is known: `stated` in the text, from a `dateline` at the head of the"
            " text as received (not a byline), from the `url`, or `inferred`",
            required=True,
        ),
        Field(
            "evidence",
            Text(),
            "the reasoning, in plain words, quoting the words it rests on",
            required=True,
        ),
        Field(
            "written",
            Date(),
            "a day before `date`: the day the text reads as written, where its wording puts it"
            ' earlier (a date line of the 15th over "tomorrow" of the 15th). The source page'
            " shows both readings; days held count to this day",
        ),
    ),
    "when the article was published, and how that is known",
)
HIDDEN = Shape(
    (
        Field("text", Text(), "a verbatim passage of the seed", required=True),
        Field("to_end", Flag(), "hide from that passage to the end of the file"),
    ),
    "a passage of the seed that is not the article",
)
NOT_USED = Shape(
    (
        Field(
            "text",
            Text(),
            "a passage of the visible text, matched like a quote; it may be part of a sentence,"
            " which it then covers whole, or run across several sentences, and every place it"
            " stands counts",
            required=True,
        ),
        Field("reason", Text(), "why it is not used", required=True),
        Field(
            "to_end",
            Flag(),
            "cover everything from its first place to the end of the article, as `hide` does",
        ),
    ),
    "a passage not cited (to the end of the article, with to_end), and why",
)
SOURCE = Shape(
    (
        Field("seed", Text(), "the article's file name in `seeds/`", required=True),
        Field("outlet", Text(), "the publication, e.g. `The Times of Israel`", required=True),
        Field("format", Text(), "e.g. `live blog entry`"),
        Field(
            "headline",
            Text(),
            "only if the article carries one in its text; omit otherwise (the page says so)",
        ),
        Field(
            "url",
            Address(),
            "only if known; omit otherwise (the page says so)",
            hint="give the article's full address",
        ),
        Field(
            "archived",
            Address(),
            "an archive copy's address (the Wayback Machine's, say), as Wikipedia keeps them; a"
            " source with a `url` but no `archived` draws the `no-archive` warning",
            hint="give the archive copy's full address",
        ),
        Field(
            "retrieved",
            Date(),
            "the day the text in `seeds/` was taken from the outlet; shown on the source page",
        ),
        Field(
            "language",
            Language(),
            "the article's language; passages quoted from an article in another language than"
            " the site's are marked with it (`lang`, and `dir` where the direction differs)",
            required=True,
        ),
        Field(
            "published",
            Nested(PUBLISHED),
            "when the article was published, and how that is known",
            required=True,
        ),
        Field(
            "hide",
            ListOf(HIDDEN),
            "clutter that is not the article (ad lines, sign-up forms, appeals, embedded"
            " posts); every place a passage stands is hidden",
        ),
        Field(
            "not_used",
            ListOf(NOT_USED),
            "passages of the article deliberately not cited (the coverage ledger); each must"
            " stand in the visible text, and the source page lists it with its reason",
        ),
        acknowledged("editorial warnings about this source accepted, with a reason"),
        CORRECTIONS,
    ),
    "a news article in seeds/ and what is known about it",
    called="a source",
)

# content/people/<id>.yaml ----------------------------------------------------------------

SPELLING = Shape(
    (
        Field(
            "text",
            Text(),
            "the name as a source prints it; every quote must contain it",
            required=True,
        ),
        CITE,
    ),
    "the name as a source prints it",
    called="a spelling",
)
CAPTIVITY = Shape(
    (
        Field("abducted", Date(), "the day of the abduction", required=True),
        Field("place", Text(), "where the person was taken", required=True),
        Field("released", Date(), "only when a source says the release happened"),
        Field("release_announced", Date(), "a release announced, not (yet) reported as done"),
        CITE,
        translations("the place", Field("place", Text(), "the place", required=True)),
    ),
    "the abduction, and a release where a source reports it",
)
FACT = CLAIM.extended(
    Field(
        "kind",
        Choice(FACT_KINDS, default="other"),
        "what the fact is about; `origin`, `citizenship`, `residence` and `age` show in the"
        " infobox too",
    ),
    doc="a fact and what says it",
)
RELATION = Shape(
    (
        Field("person", Id(), "the other person's id", required=True),
        Field("role", Text(), 'what that person is to this one ("mother")', required=True),
        Field("inverse", Text(), 'what this one is to that person ("son")', required=True),
        CITE,
        translations(
            "the role and its inverse",
            Field("role", Text(), "the role", required=True),
            Field("inverse", Text(), "the inverse", required=True),
        ),
    ),
    "how another person is related, both ways",
    called="a relation",
)
PERSON = Shape(
    (
        Field(
            "name",
            Text(),
            "the name as this site writes it; only what the sources give (no invented surname)",
            required=True,
        ),
        Field("role", Choice(ROLES), "what the person is in the story", required=True),
        Field(
            "summary",
            ListOf(CLAIM, at_least=1),
            "one claim per sentence; the first is the page's description",
            required=True,
        ),
        Field("spellings", ListOf(SPELLING), "each spelling of the name in the sources"),
        Field("captivity", Nested(CAPTIVITY), "the abduction, and what is known of a release"),
        Field("facts", ListOf(FACT), "what the sources say of the person, each cited"),
        Field(
            "relations",
            ListOf(RELATION),
            "relatives and connections; give a relation once, and the other page shows it too",
        ),
        DIFFER,
        DRAFT,
        acknowledged("editorial warnings about this person accepted, with a reason"),
        CORRECTIONS,
        translations(
            "the name",
            Field("name", Text(), "the explainer's transliteration of the name", required=True),
        ),
    ),
    "a person of the story",
    called="a person",
)

# content/events/*.yaml -------------------------------------------------------------------

EVENT = Shape(
    (
        Field("id", Id(), "unique across all event files", required=True),
        Field("date", Date(), "when it happened, or is announced or expected to", required=True),
        Field("title", Text(), "attributed, sober, plain text", required=True),
        Field("kind", Choice(EVENT_KINDS), "what happened", required=True),
        Field(
            "status",
            Choice(EVENT_STATUSES, default="happened"),
            "an announced release is `announced`, never `happened`",
        ),
        Field("people", Ids(), "the people involved"),
        Field("body", Markdown(blank=True), "a few sentences, attributed"),
        CITE,
        DIFFER,
        DRAFT,
        CORRECTIONS,
        translations(
            "the title and body",
            Field("title", Text(), "the title", required=True),
            Field("body", Markdown(blank=True), "the body, where there is one"),
        ),
    ),
    "an event of the timeline",
    called="an event",
)

CASE_FILES = (
    CaseFile("site", "content/site.yaml", SITE, "the site's settings and texts"),
    CaseFile(
        "source",
        "content/sources/*.yaml",
        SOURCE,
        "a source: the file name (without `.yaml`) is the source id",
    ),
    CaseFile(
        "person",
        "content/people/*.yaml",
        PERSON,
        "a person: the file name is the person id, and the page's address",
    ),
    CaseFile(
        "events",
        "content/events/*.yaml",
        EVENT,
        "a list of events, in any number of files (one per year, say)",
        listed=True,
    ),
)
"""Every kind of case file, in the order the reference describes them."""
