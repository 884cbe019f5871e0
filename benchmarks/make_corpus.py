"""Write a synthetic explainer project of N people, for benchmarks.

Usage: python benchmarks/make_corpus.py N OUT

OUT becomes a complete project (``content/`` and ``seeds/``) in the real format:
``cd OUT && explainer build`` works there as in the repository, with no errors
(people share surnames, which trips some editorial warnings by design).
People come in groups of seven: three hostages, a relative of each and one
official. Every person has two source articles of about 600 words
(so about three pages per person: the profile and two source pages), every
quote is a passage of its article, hostages have spellings, captivity, facts,
a relation and, for half of them, a disagreement about their age; events go to
one file per year.

Everything is made up and says so: people are "Person 0042 Example", places and
outlets are fictional. The output depends on N only (a fixed seed per article),
so the same N gives byte-identical files. Standard library only, and the
generator's month names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.dates import MONTHS

WORDS_PER_ARTICLE = 600
OUTLETS = (
    ("The Example Gazette", "gazette"),
    ("The Sample Herald", "herald"),
    ("The Placeholder Times", "placeholder"),
    ("Mock Daily News", "mockdaily"),
    ("The Synthetic Courier", "courier"),
)
SURNAMES = ("Example", "Sample", "Placeholder", "Specimen", "Testcase", "Dummy", "Mockford")
PLACES = (
    "Examplefield",
    "Sample Ridge",
    "Placeholder Bay",
    "Mockton",
    "Fixture Hills",
    "Specimen Valley",
    "Testcase Junction",
)
COUNTRIES = ("Exampleland", "Samplonia", "Placeland", "Mockovia")
TITLES = (
    "Deputy Minister of Exchanges",
    "Envoy for Sample Affairs",
    "Placeholder Ministry spokesperson",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FILLER = (
    "Negotiators from the {country} Council met again on {weekday}, officials said.",
    "The talks were described as difficult but ongoing by people familiar with them.",
    "Hundreds of residents of {place} gathered in the main square on {weekday} evening.",
    "A spokesperson for the mediators declined to comment on the details of the proposal.",
    "The first phase of the agreement is expected to last {n} days, according to the draft.",
    "Local councils in {place} said schools would remain closed for another {n} days.",
    "The {country} foreign office said it was in contact with all parties involved.",
    "Several families said they had received no information for months.",
    "Aid convoys were reported to have crossed the border on {weekday}.",
    "Officials cautioned that the timeline could still change at short notice.",
    "The committee of families published a statement calling for patience and unity.",
    "Analysts said the next round of talks would be decisive for the agreement.",
    "The report could not be independently verified, the newspaper noted.",
    "Volunteers in {place} have kept a vigil outside the town hall since the attack.",
    "A delegation from {country} is expected to arrive later this week.",
    "The government said it would publish a list of names only after the families were told.",
    "Residents described the past months as a time of waiting and uncertainty.",
    "Mediators have proposed {n} stages, each with its own list of names.",
)


def spoken(day: dt.date) -> str:
    """A date as the articles print it: 'March 3, 2024'."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def ours(day: dt.date) -> str:
    """A date as our claims write it: '3 March 2024'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Person:
    """Who someone is in the corpus; everything else is derived from the index."""

    index: int

    @property
    def role(self) -> str:
        return ("hostage", "hostage", "hostage", "relative", "relative", "relative", "official")[
            self.index % 7
        ]

    @property
    def id(self) -> str:
        return f"person-{self.index:04d}-{self.surname.lower()}"

    @property
    def surname(self) -> str:
        return SURNAMES[(self.index // 7) % len(SURNAMES)]

    @property
    def name(self) -> str:
        return f"Person {self.index:04d} {self.surname}"

    @property
    def female(self) -> bool:
        return self.index % 2 == 1

    def pron(self, he: str, she: str) -> str:
        return she if self.female else he

    @property
    def place(self) -> str:
        return PLACES[self.index % len(PLACES)]

    @property
    def title(self) -> str:
        return TITLES[(self.index // 7) % len(TITLES)]


@dataclass
class Article:
    """A source being written: its key sentences become the quotes."""

    sid: str
    outlet: str
    published: dt.date
    basis: str
    headline: str
    key: list[str] = field(default_factory=list)

    def say(self, sentence: str) -> str:
        self.key.append(sentence)
        return sentence


class Corpus:
    """Builds every file of the project in memory: relative path -> text."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.people = [Person(i) for i in range(n)]
        self.files: dict[str, str] = {}
        self.events: dict[str, list[dict[str, Any]]] = {"2023": [], "2024": [], "2025": []}

    # -- helpers -----------------------------------------------------------------

    def get(self, index: int) -> Person | None:
        return self.people[index] if 0 <= index < self.n else None

    def relative_of(self, hostage: Person) -> Person | None:
        return self.get(hostage.index + 3)

    def official_of(self, someone: Person) -> Person | None:
        return self.get(someone.index // 7 * 7 + 6)

    def kinship(self, relative: Person, hostage: Person) -> tuple[str, str]:
        """What the relative is to the hostage, and the inverse."""
        if (relative.index // 7) % 2 == 0:
            return relative.pron("father", "mother"), hostage.pron("son", "daughter")
        return relative.pron("brother", "sister"), hostage.pron("brother", "sister")

    def articles(self, p: Person) -> tuple[Article, Article]:
        i = p.index
        first = OUTLETS[i % len(OUTLETS)]
        second = OUTLETS[(i + 2) % len(OUTLETS)]
        a_day = dt.date(2024, 1 + i % 12, 1 + i % 28)
        b_day = dt.date(2025, 1, 20) + dt.timedelta(days=i % 40)
        basis = ("stated", "url", "inferred")[i % 3]
        return (
            Article(f"{first[1]}-{i:04d}-a", first[0], a_day, "stated", ""),
            Article(f"{second[1]}-{i:04d}-b", second[0], b_day, basis, ""),
        )

    # -- people ------------------------------------------------------------------

    def hostage(self, p: Person) -> None:
        a, b = self.articles(p)
        i, his, he = p.index, p.pron("his", "her"), p.pron("he", "she")
        age = 20 + (i * 7) % 50
        # Odd: the articles agree (a year apart, the later one a year older); even: they differ.
        a_year_later = a.published.replace(year=a.published.year + 1) <= b.published
        age_b = age + 1 if i % 2 == 0 or a_year_later else age
        month_only = i % 5 == 4
        a.headline = f"Family of {p.name} waits for news from captivity"
        if month_only:
            when, when_ours, abducted = "in October 2023", "in October 2023", "2023-10"
        else:
            when, when_ours, abducted = "on October 7, 2023,", "on 7 October 2023", "2023-10-07"
        a.say(f"{p.name}, {age}, was abducted {when} from {his} home in {p.place}.")
        abduct_q = f"was abducted {when} from {his} home in {p.place}"
        country, other = COUNTRIES[i % 4], COUNTRIES[(i + 1) % 4]
        origin = a.say(f"The {p.surname} family moved to {p.place} from {country} in the 1990s.")
        relative, official = self.relative_of(p), self.official_of(p)
        relation: list[dict[str, Any]] = []
        if relative is not None:
            role, inverse = self.kinship(relative, p)
            said = a.say(
                f"{his.capitalize()} {role}, {relative.name}, told reporters that the family"
                f" is “waiting for any sign” of {p.pron('him', 'her')}."
            )
            relation.append(
                {
                    "person": relative.id,
                    "role": role,
                    "inverse": inverse,
                    "cite": [cite(a, said.split(", told")[0])],
                }
            )
        statement: list[dict[str, Any]] = []
        if official is not None:
            words = a.say(
                f"{official.title} {official.name} said the government was “working day and"
                f" night” for the release of {p.name}."
            )
            statement.append(
                {
                    "kind": "statement",
                    "text": f"{a.outlet} reported that {official.title} {official.name} said"
                    f' the government was "working day and night" for {his} release.',
                    "cite": [cite(a, words.replace("“", '"').replace("”", '"'))],
                }
            )
        alias = f"{'Persson' if i % 2 == 0 else 'P.'} {i:04d} {p.surname}"
        b.headline = f"{alias}: what we know"
        b.say(f"{alias}, {age_b}, from {p.place}, has been held since the attack.")
        citizen = b.say(f"{p.name} holds {country} and {other} citizenship.")
        captivity: dict[str, Any] = {"abducted": abducted, "place": p.place}
        release_cites = [cite(a, abduct_q)]
        fate = i % 3
        if fate == 0:
            released = b.say(f"{p.name} was released on January 19, 2025, the army said.")
            captivity["released"] = "2025-01-19"
            status = f"{b.outlet} reported that {he} was released on 19 January 2025."
        elif fate == 1:
            released = b.say(
                f"{p.name} is expected to be released on Saturday, March 1, 2025, officials said."
            )
            captivity["release_announced"] = "2025-03-01"
            status = (
                f"{b.outlet} reported that officials expected {his} release on 1 March 2025;"
                " this was an announcement, not a completed release."
            )
        else:
            released = b.say(f"{p.name} is still held, according to the family.")
            status = f"{b.outlet} reported, citing the family, that {he} is still held."
        release_cites.append(cite(b, released))
        captivity["cite"] = release_cites
        facts: list[dict[str, Any]] = [
            {
                "kind": "origin",
                "text": f"{a.outlet} reported that the family moved to {p.place} from"
                f" {country} in the 1990s.",
                "cite": [cite(a, origin)],
            },
            {
                "kind": "citizenship",
                "text": f"{b.outlet} reported that {he} holds {country} and {other} citizenship.",
                "cite": [cite(b, citizen)],
            },
        ]
        differ: list[dict[str, Any]] = []
        if i % 2:
            agree = f"{a.outlet} and {b.outlet} give {his} age as {age}."
            if age_b != age:
                agree = f"{a.outlet} gives {his} age as {age}; {b.outlet}, a year later, {age_b}."
            facts.append(
                {
                    "kind": "age",
                    "text": agree,
                    "cite": [cite(a, f"{p.name}, {age},"), cite(b, f"{alias}, {age_b},")],
                }
            )
        else:
            differ.append(
                {
                    "topic": "Age",
                    "note": "The articles do not say as of when they give the age.",
                    "accounts": [
                        {
                            "text": f"{a.outlet} gives {his} age as {age}.",
                            "cite": [cite(a, f"{p.name}, {age},")],
                        },
                        {
                            "text": f"{b.outlet} gives {his} age as {age_b}.",
                            "cite": [cite(b, f"{alias}, {age_b},")],
                        },
                    ],
                }
            )
        self.person_file(
            p,
            summary=[
                {
                    "text": f"{a.outlet} reported that {p.name} was abducted {when_ours} from"
                    f" {his} home in {p.place}.",
                    "cite": [cite(a, abduct_q)],
                },
                {"text": status, "cite": [cite(b, released)]},
            ],
            spellings=[
                {"text": p.name, "cite": [cite(a, f"{p.name}, {age}, was abducted")]},
                {"text": alias, "cite": [cite(b, f"{alias}, {age_b}, from {p.place}")]},
            ],
            captivity=captivity,
            facts=facts + statement,
            relations=relation,
            differ=differ,
        )
        people = [p.id] + ([relative.id] if relative else [])
        self.event(
            "2023",
            {
                "id": f"abduction-{i:04d}",
                "date": abducted,
                "title": f"{p.name} is abducted from {p.place}, as {a.outlet} reported",
                "kind": "abduction",
                "people": people,
                "body": f"{a.outlet} reported that {p.name} was abducted {when_ours} from"
                f" {his} home in *{p.place}*.",
                "cite": [cite(a, abduct_q)],
            },
        )
        if fate != 2:
            release: dict[str, Any] = {
                "id": f"release-{i:04d}",
                "date": captivity.get("released") or captivity["release_announced"],
                "title": f"{p.name} is released, as {b.outlet} reported"
                if fate == 0
                else f"A release of {p.name} is announced, as {b.outlet} reported",
                "kind": "release",
            }
            if fate == 1:
                release["status"] = "announced"
            release.update({"people": [p.id], "body": status, "cite": [cite(b, released)]})
            self.event("2025", release)
        self.article_files(p, a, b)

    def relative(self, p: Person) -> None:
        a, b = self.articles(p)
        hostage = self.people[p.index - 3]
        role, _ = self.kinship(p, hostage)
        he, his = p.pron("he", "she"), p.pron("his", "her")
        a.headline = f"{p.name} speaks at a rally in {p.place}"
        intro = a.say(
            f"{p.name}, the {role} of hostage {hostage.name}, spoke at a rally in"
            f" {p.place} on Sunday."
        )
        plea = a.say(f"“We will not stop until {hostage.name} comes home,” {p.name} said.")
        home = a.say(f"{p.name} lives in {PLACES[(p.index + 2) % len(PLACES)]}.")
        official = self.official_of(p)
        met = f"{official.title} {official.name}" if official else "officials"
        b.headline = f"{p.name} meets {met}"
        meeting = b.say(f"{p.name} met {met} to ask for news of {hostage.name}.")
        heard = b.say(
            f"{p.name} said {he} last heard from {hostage.name} on the morning of the attack."
        )
        self.person_file(
            p,
            summary=[
                {
                    "text": f"{a.outlet} reported that {p.name} is the {role} of hostage"
                    f" {hostage.name}.",
                    "cite": [cite(a, intro.split(", spoke")[0])],
                },
                {
                    "text": f"{b.outlet} reported that {he} met {met} to ask for news of"
                    f" {hostage.name}.",
                    "cite": [cite(b, meeting)],
                },
            ],
            facts=[
                {
                    "kind": "residence",
                    "text": f"{a.outlet} reported that {he} lives in"
                    f" {PLACES[(p.index + 2) % len(PLACES)]}.",
                    "cite": [cite(a, home)],
                },
                {
                    "kind": "statement",
                    "text": f'{a.outlet} quoted {him(p)} as saying: "We will not stop until'
                    f' {hostage.name} comes home."',
                    "cite": [cite(a, plea.replace("“", '"').replace("”", '"'))],
                },
                {
                    "kind": "family",
                    "text": f"{b.outlet} reported that {he} last heard from {hostage.name} on"
                    " the morning of the attack.",
                    "cite": [cite(b, heard)],
                },
            ],
        )
        month = f"c. {a.published.year}-{a.published.month:02d}"
        self.event(
            "2024",
            {
                "id": f"rally-{p.index:04d}",
                "date": month,
                "title": f"{p.name} speaks at a rally in {p.place}, as {a.outlet} reported",
                "kind": "statement",
                "people": [p.id, hostage.id],
                "body": f"{a.outlet} reported that {p.name} spoke at a rally in {p.place}"
                f" and called for {his} {self.kinship(p, hostage)[1]}'s return.",
                "cite": [cite(a, intro), cite(a, plea)],
            },
        )
        self.article_files(p, a, b)

    def official(self, p: Person) -> None:
        a, b = self.articles(p)
        group = [self.people[p.index - 6 + k] for k in range(3)]
        a.headline = f"{p.title} says talks are moving forward"
        talks = a.say(
            f"{p.title} {p.name} said on Tuesday that talks on the release of {group[0].name}"
            " were “moving forward”."
        )
        since = a.say(f"{p.name} has served as {p.title} since 2019.")
        b.headline = f"{p.name} meets families in Mockton"
        met = b.say(f"{p.name} met relatives of {group[1].name} and {group[2].name} in Mockton.")
        self.person_file(
            p,
            summary=[
                {
                    "text": f"{a.outlet} reported that {p.name} has served as {p.title}"
                    " since 2019.",
                    "cite": [cite(a, since)],
                },
                {
                    "text": f"{a.outlet} reported that {p.pron('he', 'she')} said talks on the"
                    f' release of {group[0].name} were "moving forward".',
                    "cite": [cite(a, talks)],
                },
            ],
            facts=[
                {
                    "kind": "role",
                    "text": f"{p.title}, according to {a.outlet}.",
                    "cite": [cite(a, since)],
                },
                {
                    "kind": "statement",
                    "text": f"{b.outlet} reported that {p.pron('he', 'she')} met relatives of"
                    f" {group[1].name} and {group[2].name}.",
                    "cite": [cite(b, met)],
                },
            ],
        )
        self.event(
            "2024",
            {
                "id": f"statement-{p.index:04d}",
                "date": a.published.isoformat(),
                "title": f"{p.name} says talks are moving forward, as {a.outlet} reported",
                "kind": "statement",
                "people": [p.id, group[0].id],
                "cite": [cite(a, talks)],
            },
        )
        self.article_files(p, a, b)

    # -- files ---------------------------------------------------------------------

    def person_file(self, p: Person, **fields: Any) -> None:
        data: dict[str, Any] = {"name": p.name, "role": p.role}
        data.update({k: v for k, v in fields.items() if v})
        self.files[f"content/people/{p.id}.yaml"] = dump(data)

    def event(self, year: str, event: dict[str, Any]) -> None:
        self.events[year].append(event)

    def article_files(self, p: Person, *articles: Article) -> None:
        for k, article in enumerate(articles):
            number = 2 * p.index + k
            rng = random.Random(f"article:{number}")
            text, evidence, url, date, not_used = self.article_text(p, article, rng, number)
            seed = f"{number:05d}_{hashlib.sha1(text.encode()).hexdigest()[:16]}.txt"
            self.files[f"seeds/{seed}"] = text
            source: dict[str, Any] = {"seed": seed, "outlet": article.outlet}
            if k == 1 and p.index % 4 == 0:
                source["format"] = "live blog entry"
            if p.index % 6 != 5:
                source["headline"] = article.headline
            else:
                why = "The headline, which this source's file does not record."
                not_used.insert(0, {"text": article.headline, "reason": why})
            if url:
                source["url"] = url
                source["archived"] = "https://archive.example.org/2025/" + url
            source["language"] = "en"
            source["published"] = {"date": date, "basis": article.basis, "evidence": evidence}
            hide: list[dict[str, Any]] = [{"text": "ADVERTISEMENT"}]
            if number % 3 == 0:
                hide.append({"text": f"More from {article.outlet}:", "to_end": True})
            source["hide"] = hide
            source["not_used"] = not_used
            # As an editor would: say why the URL or the stated date is missing.
            acknowledged = []
            if not url:
                why = "Received as a clipping; the article's address was not found."
                acknowledged.append({"check": "no-url", "reason": why})
            if article.basis == "inferred":
                why = "No date is printed; the events it reports date it."
                acknowledged.append({"check": "inferred-date", "reason": why})
            if acknowledged:
                source["acknowledged"] = acknowledged
            self.files[f"content/sources/{article.sid}.yaml"] = dump(source)

    def article_text(
        self, p: Person, article: Article, rng: random.Random, number: int
    ) -> tuple[str, str, str, str, list[dict[str, str]]]:
        """Return the seed text, the date evidence, the URL ('' if none), the DATE and the
        passages not used: each paragraph of filler, the byline, the closing line."""
        day = article.published
        slug = re.sub(r"[^a-z0-9]+", "-", article.headline.lower()).strip("-")
        host = re.sub(r"[^a-z]", "", article.outlet.lower().removeprefix("the "))
        url = f"https://{host}.example.org/news/{slug}-{p.index:04d}"
        header = [article.headline]
        date = day.isoformat()
        not_used: dict[str, tuple[str, bool]] = {}
        if article.basis == "stated":
            byline = f"By {article.outlet.removeprefix('The ').upper()} STAFF {spoken(day).upper()}"
            header.append(f"{byline} 09:{p.index % 60:02d}")
            not_used[header[-1]] = ("The byline: its date is the date of this source.", False)
            evidence = f'The byline in the text reads "{byline}".'
        elif article.basis == "url":
            url = f"https://{host}.example.org/{day:%Y/%m/%d}/{slug}-{p.index:04d}"
            evidence = f'The text carries no date; the URL contains "{day:%Y/%m/%d}".'
        else:
            date = ("early", "mid", "late")[min(day.day // 11, 2)] + f" {day:%Y-%m}"
            evidence = (
                "Neither the text nor the URL gives a date. The article says the talks"
                f' resumed "last week", and the events it reports date it to {day:%B %Y}.'
            )
            url = ""
        if p.index % 5 == 2:
            url = ""
        words = sum(len(s.split()) for s in article.key) + len(article.headline.split())
        paragraphs: list[str] = []
        keys = list(article.key)
        tail = False  # past the last cited paragraph: the rest is background, to the end
        while keys or words < WORDS_PER_ARTICLE:
            if keys:
                paragraphs.append(keys.pop(0))
            filler = ""
            # A paragraph that stands inside an earlier one would be declared there too.
            while not filler or any(filler in earlier for earlier in paragraphs):
                chosen = [self.filler(rng) for _ in range(rng.randint(2, 4))]
                filler = " ".join(sentence for _, sentence in chosen)
            paragraphs.append(filler)
            # As an editor declares background: a paragraph between cited ones, whole;
            # from the first after the last cited one, everything to the end at once.
            if not tail:
                tail = not keys
                why = "Background on the talks; no one named."
                not_used[filler] = (
                    (why + " So is the rest of the article.", True)
                    if tail
                    else (
                        why,
                        False,
                    )
                )
            words += len(filler.split())
            if len(paragraphs) == 4:
                paragraphs.append("ADVERTISEMENT")
        paragraphs.append("The talks resumed last week, the mediators said.")
        if number % 3 == 0:
            paragraphs.append(f"More from {article.outlet}:")
            paragraphs += [f"{self.filler(rng)[1]} Read more." for _ in range(3)]
        text = "\n\n".join(header + paragraphs) + "\n"
        unused = [
            {"text": t, "reason": why, **({"to_end": True} if to_end else {})}
            for t, (why, to_end) in not_used.items()
        ]
        return text, evidence, url, date, unused

    def filler(self, rng: random.Random) -> tuple[str, str]:
        """A sentence of filler: its template, and the sentence."""
        template = rng.choice(FILLER)
        return template, template.format(
            country=rng.choice(COUNTRIES),
            weekday=rng.choice(WEEKDAYS),
            place=rng.choice(PLACES),
            n=rng.randint(2, 60),
        )

    def site(self) -> None:
        self.files["content/site.yaml"] = dump(
            {
                "title": f"Synthetic benchmark explainer ({self.n} people)",
                "description": "A made-up explainer generated for performance measurements;"
                " every person, place and outlet in it is fictional.",
                "language": "en",
                "intro": "This explainer is **synthetic**: `benchmarks/make_corpus.py` wrote it"
                " to measure the generator.\n\nEvery person, place and outlet is made up;"
                " each statement still cites a verbatim passage of a (made-up) article.\n",
                "about": "## Method\n\nGenerated, deterministic, fictional. See the repository's"
                " docs/performance.md.\n",
            }
        )

    def build(self) -> dict[str, str]:
        self.site()
        for p in self.people:
            if p.role == "hostage":
                self.hostage(p)
            elif p.role == "relative":
                self.relative(p)
            else:
                self.official(p)
        for year, events in self.events.items():
            if events:
                self.files[f"content/events/{year}.yaml"] = dump(events)
        return self.files


def him(p: Person) -> str:
    return p.pron("him", "her")


def cite(article: Article, quote: str) -> dict[str, str]:
    """A citation of a passage that must stand in the article (checked here, early)."""
    straight = article.key and any(
        quote in s.replace("“", '"').replace("”", '"') or quote in s for s in article.key
    )
    if not straight:
        raise AssertionError(f"quote not in {article.sid}: {quote!r}")
    return {"source": article.sid, "quote": quote}


# -- a small YAML writer in the style of content/ (double-quoted text, block lists) ---

_PLAIN = re.compile(r"[a-z][a-z0-9-]*")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def dump(value: Any, indent: str = "") -> str:
    """Return ``value`` (dicts, lists, strings) as YAML text."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict):
                out.append(f"{indent}{key}:\n{dump(item, indent + '  ')}")
            elif isinstance(item, list) and all(isinstance(x, str) for x in item):
                out.append(f"{indent}{key}: [{', '.join(scalar(x) for x in item)}]\n")
            elif isinstance(item, list):
                out.append(f"{indent}{key}:\n{dump(item, indent + '  ')}")
            elif isinstance(item, str) and "\n" in item:
                body = "".join(f"{indent}  {line}\n" if line else "\n" for line in item.split("\n"))
                out.append(f"{indent}{key}: |\n{body.rstrip(chr(10))}\n")
            else:
                out.append(f"{indent}{key}: {scalar(item)}\n")
    else:
        for item in value:
            text = dump(item, indent + "  ")
            out.append(indent + "- " + text[len(indent) + 2 :])
    return "".join(out)


def write(n: int, out: Path) -> int:
    """Write the project of ``n`` people into ``out``; return the number of files."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SystemExit(f"make_corpus: error: {out} exists and is not an empty folder")
    files = Corpus(n).build()
    for rel, text in sorted(files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return len(files)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < 1:
        print("usage: make_corpus.py N OUT  (N people, at least 1; OUT new or empty)")
        return 2
    count = write(int(argv[0]), Path(argv[1]))
    print(f"wrote {count} files for {argv[0]} people into {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
