"""The theme's words in every shipped language: complete catalogues, in step with the
templates, with each language's plural forms and dates, and every placeholder kept.

Expected words are written out literally: a catalogue edit that changes what a reader
sees must change a line here too.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.dates import PartialDate, parse_date
from generator.i18n import DateWords, load_catalogue, missing_messages
from generator.i18n.catalogues import template_catalog, template_messages
from generator.i18n.update import main as update_main
from generator.i18n.update import stale_files
from generator.rendering.renderer import DEFAULT_THEME, Renderer

LANGUAGES = ["en", "ru", "he", "ar"]
LOCALES = DEFAULT_THEME / "locales"
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
_MARKUP = ("<", ">", "&", '"')
"""Characters a translation may not bring in: gettext's results are trusted markup, and some
stand in attribute values."""


@cache
def _renderer(lang: str) -> Renderer:
    """A renderer in ``lang``."""
    renderer = Renderer([DEFAULT_THEME], {})
    renderer.set_language(lang, load_catalogue([DEFAULT_THEME], lang).translations)
    return renderer


def _render(lang: str, source: str, **values: object) -> str:
    return str(_renderer(lang).env.from_string(source).render(**values))


def _date(lang: str, text: str) -> str:
    date = parse_date(text)
    assert isinstance(date, PartialDate), date
    return _renderer(lang).date(date)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


# --- complete and up to date ----------------------------------------------------------------


def test_the_templates_have_their_messages_extracted():
    messages = template_messages([DEFAULT_THEME])
    assert len(messages) > 150
    assert messages["Skip to content"][0] == "base.html"
    assert "%(num)d day in captivity" in messages  # an ngettext message, by its singular


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_shipped_catalogue_translates_every_message(lang):
    assert missing_messages([DEFAULT_THEME], lang, f"{lang}.po") == []


def test_the_catalogues_are_up_to_date_with_the_templates():
    assert sorted(p.name for p in LOCALES.glob("*.po")) == ["ar.po", "en.po", "he.po", "ru.po"]
    assert stale_files(DEFAULT_THEME) == []
    assert update_main(["--check"]) == 0


def test_the_english_catalogue_says_each_message_as_written():
    with (LOCALES / "en.po").open("rb") as f:
        catalogue = read_po(f, locale="en")
    for message in catalogue:
        if message.id:
            expected = message.id if isinstance(message.id, str) else tuple(message.id)
            assert message.string == expected


# --- the update command ---------------------------------------------------------------------


def _theme_copy(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, theme, ignore=shutil.ignore_patterns("assets"))
    return theme


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_update_adds_new_messages_marks_reworded_ones_and_drops_unused_ones(tmp_path):
    theme = _theme_copy(tmp_path)
    _edit(theme / "404.html", '_("There is no page at this address.")', '_("No page lives here.")')
    _edit(theme / "search.html", '_("Searching needs JavaScript.")', '_("Search needs scripts.")')
    _edit(theme / "404.html", '_("Page not found")', '_("Page not found, sorry")')
    locales = theme / "locales"
    assert sorted(p.name for p in stale_files(theme)) == sorted(
        ["messages.pot", "en.po", "ru.po", "he.po", "ar.po"]
    )
    assert (theme / "locales" / "ru.po").read_bytes() == (LOCALES / "ru.po").read_bytes()

    stale_files(theme, write=True)
    assert stale_files(theme) == []
    with (locales / "ru.po").open("rb") as f:
        ru = read_po(f, locale="ru")
    assert ru.get("There is no page at this address.") is None  # dropped
    reworded = ru.get("Page not found, sorry")  # the old translation, to confirm
    assert reworded is not None and reworded.fuzzy
    assert reworded.string == "Страница не найдена"
    # _words.html still uses the old message: it keeps its translation.
    assert ru.get("Page not found").string == "Страница не найдена"
    with (locales / "en.po").open("rb") as f:
        en = read_po(f, locale="en")
    assert en.get("No page lives here.").string == "No page lives here."
    assert not en.get("Page not found, sorry").fuzzy

    missing = {d.message for d in missing_messages([theme], "ru", "ru.po")}
    assert len(missing) == 3
    assert any("“Page not found, sorry”" in m for m in missing)  # fuzzy: not shown yet
    assert any("“Search needs scripts.”" in m for m in missing)


def test_a_new_language_starts_from_an_empty_catalogue(tmp_path):
    theme = _theme_copy(tmp_path)
    (theme / "locales" / "uk.po").write_bytes(b"")
    assert [p.name for p in stale_files(theme, write=True)] == ["uk.po"]
    text = (theme / "locales" / "uk.po").read_text(encoding="utf-8")
    assert '"Language: uk\\n"' in text
    assert "nplurals=3;" in text
    assert 'msgid "Skip to content"\nmsgstr ""\n' in text
    assert "Generated-By" not in text and "Creation-Date" not in text
    assert stale_files(theme) == []


def test_update_check_names_the_files_out_of_date(tmp_path, monkeypatch, capsys):
    theme = _theme_copy(tmp_path)
    _edit(theme / "404.html", '_("There is no page at this address.")', '_("Nothing here.")')
    monkeypatch.setattr("generator.i18n.update.DEFAULT_THEME", theme)
    assert update_main(["--check"]) == 1
    out = capsys.readouterr().out
    assert f"out of date: {theme / 'locales' / 'ru.po'}" in out
    assert (theme / "locales" / "ru.po").read_bytes() == (LOCALES / "ru.po").read_bytes()


# --- what a catalogue translates, and how -----------------------------------------------------


def test_a_project_catalogue_rewords_a_message_of_the_default(tmp_path):
    project = tmp_path / "templates"
    (project / "locales").mkdir(parents=True)
    (project / "locales" / "ru.po").write_text(
        'msgid "People"\nmsgstr "Персоналии"\n\n'
        '#, fuzzy\nmsgid "Timeline"\nmsgstr "Не проверено"\n',
        encoding="utf-8",
    )
    translations = load_catalogue([project, DEFAULT_THEME], "ru").translations
    assert translations.gettext("People") == "Персоналии"
    assert translations.gettext("Timeline") == "Хронология"  # a fuzzy message is not used
    assert translations.gettext("Search") == "Поиск"


def test_the_plural_rule_is_the_catalogues_own(tmp_path):
    """A catalogue written for two Hebrew forms (Babel before 2.15) keeps meaning two."""
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "he.po").write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "%(num)d day"\nmsgid_plural "%(num)d days"\n'
        'msgstr[0] "יום אחד"\nmsgstr[1] "%(num)d ימים"\n',
        encoding="utf-8",
    )
    translations = load_catalogue([tmp_path], "he").translations
    assert translations.ngettext("%(num)d day", "%(num)d days", 5) == "%(num)d ימים"
    assert translations.ngettext("%(num)d day", "%(num)d days", 1) == "יום אחד"


def test_a_message_with_a_plural_form_missing_is_not_translated(tmp_path):
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "ru.po").write_text(
        'msgid "%(num)d day"\nmsgid_plural "%(num)d days"\n'
        'msgstr[0] "%(num)d день"\nmsgstr[1] "%(num)d дня"\nmsgstr[2] ""\n',
        encoding="utf-8",
    )
    catalogue = load_catalogue([tmp_path], "ru")
    assert "%(num)d day" not in catalogue.messages
    assert catalogue.translations.ngettext("%(num)d day", "%(num)d days", 5) == "%(num)d days"


DAYS = '{{ ngettext("%(num)d day in captivity", "%(num)d days in captivity", n) }}'


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", {1: "1 day in captivity", 2: "2 days in captivity", 0: "0 days in captivity"}),
        (
            "ru",
            {
                1: "1 день в плену",
                2: "2 дня в плену",
                5: "5 дней в плену",
                11: "11 дней в плену",
                21: "21 день в плену",
                22: "22 дня в плену",
            },
        ),
        ("he", {1: "יום אחד בשבי", 2: "יומיים בשבי", 5: "5 ימים בשבי"}),
        (
            "ar",
            {
                0: "0 يوم في الأسر",
                1: "يوم واحد في الأسر",
                2: "يومان في الأسر",
                3: "3 أيام في الأسر",
                11: "11 يومًا في الأسر",
                100: "100 يومٍ في الأسر",
            },
        ),
    ],
)
def test_counted_days_take_the_languages_plural_forms(lang, expected):
    assert {n: _render(lang, DAYS, n=n) for n in expected} == expected


@pytest.mark.parametrize(
    ("lang", "numbers"),
    [("en", [1, 2]), ("ru", [1, 2, 5]), ("he", [1, 2, 5]), ("ar", [0, 1, 2, 3, 11, 100])],
)
def test_each_count_gets_a_plural_form_of_its_own(lang, numbers):
    """The forms themselves differ, not only the number written in them."""
    translations = load_catalogue([DEFAULT_THEME], lang).translations
    forms = [
        translations.ngettext("%(num)d day in captivity", "%(num)d days in captivity", n)
        for n in numbers
    ]
    assert len(set(forms)) == len(numbers), forms


def test_a_count_in_a_sentence_is_worded_whole():
    source = '{% from "_macros.html" import status_days %}{{ status_days(s) }}'
    assert _render("ru", source, s={"kind": "released", "days": 21}) == "21 день в плену"
    source = (
        '{{ ngettext("Showing %(num)d event concerning %(person)s.", '
        '"Showing %(num)d events concerning %(person)s.", n, person=p) }}'
    )
    assert _render("ru", source, n=3, p="<Irina>") == "&lt;Irina&gt;: показано 3 события."
    assert _render("en", source, n=1, p="Irina") == "Showing 1 event concerning Irina."


DATES = ["2023-10-07", "2023-10", "2023", "late 1990s", "c. 2023-10-07", "late 2023-11"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "7 October 2023",
                "October 2023",
                "2023",
                "late 1990s",
                "around 7 October 2023",
                "late November 2023",
            ],
        ),
        (
            "ru",
            [
                "7 октября 2023",
                "октябрь 2023",
                "2023",
                "конец 1990-х годов",
                "примерно 7 октября 2023",
                "конец ноября 2023",
            ],
        ),
        (
            "he",
            [
                "7 באוקטובר 2023",
                "אוקטובר 2023",
                "2023",
                "סוף שנות ה־1990",
                "בסביבות 7 באוקטובר 2023",
                "סוף נובמבר 2023",
            ],
        ),
        (
            "ar",
            [
                "7 أكتوبر 2023",
                "أكتوبر 2023",
                "2023",
                "أواخر عقد 1990",
                "حوالي 7 أكتوبر 2023",
                "أواخر نوفمبر 2023",
            ],
        ),
    ],
)
def test_dates_in_each_language(lang, expected):
    assert [_date(lang, text) for text in DATES] == expected


def test_decades_and_parts_of_a_year_in_russian():
    assert _date("ru", "1990s") == "1990-е годы"
    assert _date("ru", "early 2023") == "начало 2023 года"
    assert _date("ru", "c. 1990s") == "примерно 1990-е годы"


def test_a_words_file_without_month_parts_qualifies_the_worded_month():
    """An override of _words.html written before the month-part patterns still works."""
    words = {
        "day": "d MMMM y",
        "month": "LLLL y",
        "decade": "the {decade}s",
        "early": "early {date}",
        "mid": "mid {date}",
        "late": "late {date}",
        "early_decade": "early {decade}s",
        "mid_decade": "mid {decade}s",
        "late_decade": "late {decade}s",
        "around": "around {date}",
    }
    assert DateWords("en", words)(PartialDate(2023, 11, part="late")) == "late November 2023"


# --- every translation fits its message -------------------------------------------------------


def _entries(lang: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], int]]:
    """(message id, its ids, its translated forms, the catalogue's number of forms)."""
    with (LOCALES / f"{lang}.po").open("rb") as f:
        catalogue = read_po(f, locale=lang)
    found = []
    for message in catalogue:
        if message.id:
            ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
            strings = (message.string,) if isinstance(message.string, str) else message.string
            found.append((ids[0], ids, tuple(strings), catalogue.num_plurals))
    return found


def _single_number_forms(lang: str, count: int) -> set[int]:
    """The plural forms that stand for one number alone (Hebrew's 'two': 2), which may say
    the number in words instead of %(num)d, as gettext's msgfmt allows."""
    plural = load_catalogue([DEFAULT_THEME], lang).translations.plural
    numbers = defaultdict(set)
    for n in range(1000):
        numbers[plural(n)].add(n)
    return {form for form in range(count) if len(numbers[form]) == 1}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_message(lang):
    entries = _entries(lang)
    assert len(entries) > 150
    single = _single_number_forms(lang, entries[0][3])
    for key, ids, strings, _count in entries:
        wanted = _placeholders(ids[-1])
        for form, string in enumerate(strings):
            found = _placeholders(string)
            allowed = wanted - {"num"} if len(ids) > 1 and form in single else wanted
            assert allowed <= found <= wanted, (key, form, string)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_translation_formats_and_brings_in_no_markup(lang):
    """Jinja's new-style gettext %-formats every result: a lone % would fail the page."""
    for key, ids, strings, _count in _entries(lang):
        for string in strings:
            string % defaultdict(int)
            if _placeholders(ids[0]) and "{" in ids[0]:
                string.format_map(defaultdict(str))
            for character in _MARKUP:
                assert string.count(character) <= ids[-1].count(character), (key, string)


def test_the_extracted_messages_hold_no_markup():
    for message in template_catalog(DEFAULT_THEME):
        if message.id:
            ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
            for text in ids:
                assert not any(c in text for c in "<>&"), text


# --- rendering in a language ---------------------------------------------------------------------


def test_translated_words_escape_the_values_they_carry():
    source = '{{ _("Correction: %(page)s", page=p) }}'
    assert _render("he", source, p="<b>A & B</b>") == "תיקון: &lt;b&gt;A &amp; B&lt;/b&gt;"


def test_switching_language_rewords_the_labels_of_words_html():
    """Each language has its templates compiled in its words, and Jinja keeps an imported
    template's module: switching back and forth must reword every time."""
    renderer = Renderer([DEFAULT_THEME], {})
    catalogues = {lang: load_catalogue([DEFAULT_THEME], lang).translations for lang in LANGUAGES}
    seen = []
    for lang in ("ru", "he", "ru", "en"):
        renderer.set_language(lang, catalogues[lang])
        template = renderer.env.from_string(
            '{% from "_words.html" import kind_labels %}{{ kind_labels.release }}'
        )
        seen.append(template.render())
    assert seen == ["Освобождение", "שחרור", "Освобождение", "Release"]


def test_a_month_alone_is_worded_in_each_language_one_after_the_other():
    """Babel before 2.19 named a month standing alone in the words of the locale asked
    before (Hebrew months on Arabic pages): one build words dates for every edition."""
    assert _date("he", "2023-10") == "אוקטובר 2023"
    assert _date("ar", "2023-10") == "أكتوبر 2023"
    assert _date("ru", "2023-10") == "октябрь 2023"


def test_each_language_compiles_the_templates_with_its_words_in_place():
    """The words are written into each language's compiled templates (generator.i18n.inline):
    a template switched to another language renders in that language's words."""
    renderer = Renderer([DEFAULT_THEME], {})
    source = (
        '{{ _("Jump to: %(years)s", years="2023") }} | {{ _("Notes") }}'
        ' | {{ ngettext("%(num)d day in captivity", "%(num)d days in captivity", 5) }}'
    )
    renderer.set_language("en", load_catalogue([DEFAULT_THEME], "en").translations)
    english = renderer.env.from_string(source).render()
    renderer.set_language("ru", load_catalogue([DEFAULT_THEME], "ru").translations)
    russian = renderer.env.from_string(source).render()
    compiled = renderer.env.compile('{{ _("Notes") }}', raw=True)
    assert english == "Jump to: 2023 | Notes | 5 days in captivity"
    assert russian.split(" | ") == [
        _render("ru", '{{ _("Jump to: %(years)s", years="2023") }}'),
        _render("ru", '{{ _("Notes") }}'),
        "5 дней в плену",
    ]
    assert "Jump" not in russian
    assert repr(russian.split(" | ")[1]) in compiled  # static text, not a look-up
