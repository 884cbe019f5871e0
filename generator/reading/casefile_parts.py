"""The pieces of the case files that several kinds share: citations, claims,
disagreements, corrections, acknowledgements, and the fields that hold them.

They are declared once, here, and described once in the field reference; the
kinds of :mod:`generator.reading.casefiles` are made of them, and the loader
reads them in :mod:`generator.reading.shared` whichever kind holds them.
"""

from __future__ import annotations

from generator.model import EDITORIAL_CHECKS
from generator.reading.fields import (
    Choice,
    Date,
    Field,
    Flag,
    Id,
    LanguageTexts,
    ListOf,
    Markdown,
    Shape,
    Text,
    Translated,
)


def translations(doc: str, *fields: Field) -> Field:
    """The ``translations`` field of a mapping whose ``fields`` an edition may translate."""
    shape = Shape(fields, f"{doc} in another edition's language")
    return Field(
        "translations",
        Translated(shape),
        f"{doc} in the other editions' languages, by language tag ([editions](editions.md))",
    )


# The pieces shared by several kinds, each described once in the reference ---------------

CITATION = Shape(
    (
        Field("source", Id(), "the id of a file in `content/sources/`", required=True),
        Field(
            "quote",
            Text(),
            "the passage of that source that says it, verbatim (only typography may differ)",
            required=True,
        ),
        Field(
            "translation",
            LanguageTexts(),
            "the passage in an edition's language, by language tag: the explainer's own"
            " translation, shown beside the quote and labelled so; never checked against the"
            " source",
        ),
    ),
    "a verbatim passage of a source",
    called="a citation",
    see="[citations](#citations-cite)",
)
CLAIM = Shape(
    (
        Field(
            "text",
            Markdown(),
            "a sentence of ours, attributed and sober (inline markdown)",
            required=True,
        ),
        Field(
            "cite",
            ListOf(CITATION, at_least=1),
            "the passages of the sources that say it",
            required=True,
        ),
        translations(
            "the sentence",
            Field("text", Markdown(), "the sentence, saying no more and no less", required=True),
        ),
    ),
    "one sentence and what says it",
    see="[CLAIMs](#claims-claim)",
)
ACKNOWLEDGEMENT = Shape(
    (
        Field(
            "check",
            Choice(EDITORIAL_CHECKS),
            "the editorial check whose warning is accepted",
            required=True,
        ),
        Field(
            "subject",
            Text(),
            "the finding's subject (a spelling, an event id, age/date/outlet, a source id,"
            " release_announced); without it, every finding of the check",
        ),
        Field("reason", Text(), "why the warning is accepted, in plain text", required=True),
    ),
    "an editorial warning accepted, and why",
    called="an acknowledgement",
    see="[acknowledgements](#acknowledgements-acknowledged)",
)
DISAGREEMENT = Shape(
    (
        Field("topic", Text(), "a short label: what the sources disagree on", required=True),
        Field("note", Text(), "how the accounts relate, in plain text (no claim without a cite)"),
        Field(
            "accounts",
            ListOf(CLAIM, at_least=2),
            "each side, in its own words, cited",
            required=True,
        ),
        translations(
            "the topic and note",
            Field("topic", Text(), "the topic", required=True),
            Field("note", Text(), "the note, where there is one"),
        ),
    ),
    "where the sources disagree: every side, none chosen",
    called="a disagreement",
    see="[disagreements](#disagreements-differ)",
)
CORRECTION = Shape(
    (
        Field(
            "date",
            Date(),
            "the day of the correction (to the day), on or after the day the item's first cited"
            " source was published and on or before the newest source's date",
            required=True,
        ),
        Field("was", Text(), "what the page said", required=True),
        Field("now", Text(), "what it says now", required=True),
    ),
    "a correction: its day, what the page said, what it says now",
    called="a correction",
    see="[corrections](#corrections-corrections)",
)

CITE = CLAIM["cite"]
DIFFER = Field("differ", ListOf(DISAGREEMENT), "where the sources disagree, each side cited")
CORRECTIONS = Field("corrections", ListOf(CORRECTION), "the page's corrections log")
DRAFT = Field(
    "draft",
    Flag(),
    'shown in the preview (marked "Draft"), left out of `explainer build` unless `--drafts`',
)


def acknowledged(doc: str) -> Field:
    """The ``acknowledged`` field of a kind: editorial warnings accepted, ``doc`` saying whose."""
    return Field("acknowledged", ListOf(ACKNOWLEDGEMENT), doc)
