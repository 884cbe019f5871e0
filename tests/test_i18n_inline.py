"""Messages written into the compiled templates (generator.i18n.inline): the same text as
Jinja's new-style gettext would format as the page renders, in every place a message
can stand, values escaped, and a message the rewrite cannot read left to the runtime."""

from __future__ import annotations

import gettext

import pytest
from markupsafe import Markup

from generator.i18n.inline import pieces
from generator.rendering.renderer import DEFAULT_THEME, Renderer


class _Words(gettext.NullTranslations):
    """A catalogue of a few messages, for tests."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self._words = words

    def gettext(self, message: str) -> str:
        return self._words.get(message, message)


def _render(source: str, words: dict[str, str] | None = None, **values: object) -> str:
    renderer = Renderer([DEFAULT_THEME], {})
    renderer.set_language("xx", _Words(words or {}))
    return renderer.env.from_string(source).render(**values)


def _compiled(source: str, words: dict[str, str] | None = None) -> str:
    renderer = Renderer([DEFAULT_THEME], {})
    renderer.set_language("xx", _Words(words or {}))
    return str(renderer.env.compile(source, raw=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Notes", ["Notes"]),
        ("Held for %(days)s days", ["Held for ", ("days",), " days"]),
        ("%(outlet)s: “%(headline)s”", ["", ("outlet",), ": “", ("headline",), "”"]),
        ("100%% sure, %(who)s", ["100% sure, ", ("who",), ""]),
        ("%(n)d days", None),  # a number format: left to the runtime
        ("50% off", None),  # a lone percent sign: the runtime raises as Jinja does
    ],
)
def test_a_translation_splits_into_text_and_the_names_of_its_values(text, expected):
    assert pieces(text) == expected


def test_a_message_without_values_becomes_static_text_of_the_page():
    compiled = _compiled('<h2>{{ _("Notes") }}</h2>', {"Notes": "Примечания"})
    assert "'<h2>Примечания</h2>'" in compiled
    assert "gettext" not in compiled.split("def root", 1)[1]


def test_values_are_escaped_where_the_translation_places_them():
    words = {"%(a)s, then %(b)s": "%(b)s before %(a)s"}
    source = '{{ _("%(a)s, then %(b)s", a=x, b=y) }}'
    assert _render(source, words, x="<i>", y="A & B") == "A &amp; B before &lt;i&gt;"


def test_the_translation_itself_is_trusted_markup_as_with_jinjas_gettext():
    words = {"Read %(what)s": "Read <em>%(what)s</em>"}
    assert _render('{{ _("Read %(what)s", what=w) }}', words, w="<b>") == (
        "Read <em>&lt;b&gt;</em>"
    )


@pytest.mark.parametrize(
    "source",
    [
        '{% set t = _("Hello %(who)s", who=w) %}{{ t }}',  # kept in a variable
        '{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(_("Hello %(who)s", who=w)) }}',
        '{{ _("Hello %(who)s", who=w)|upper }}',  # a filter of the message
        '{% set t = _("Hello") ~ "" %}{{ t }}',
    ],
)
def test_a_message_used_as_a_value_is_markup_with_its_values_escaped(source):
    words = {"Hello %(who)s": "Bonjour %(who)s", "Hello": "Bonjour"}
    out = _render(source, words, w="<b>")
    assert out.startswith(("Bonjour", "[Bonjour", "BONJOUR"))
    assert "<b>" not in out and "<B>" not in out


def test_a_value_a_message_starts_with_is_escaped_too():
    source = '{% set t = _("%(who)s said", who=w) %}{{ t }}'
    assert _render(source, w="<b>") == "&lt;b&gt; said"


def test_a_message_the_rewrite_cannot_read_renders_as_jinjas_gettext_would():
    """A message in a variable, or a number format: looked up and formatted at render time."""
    words = {"Notes": "Примечания", "%(n)d days": "%(n)d дней"}
    assert _render("{{ _(m) }}", words, m="Notes") == "Примечания"
    assert _render('{{ _("%(n)d days", n=k) }}', words, k=3) == "3 дней"


def test_a_translation_that_drops_a_value_does_not_need_it():
    words = {"Held for %(days)s days": "Held for a while"}
    assert _render('{{ _("Held for %(days)s days", days=d) }}', words, d=4) == "Held for a while"


def test_plural_forms_are_chosen_as_the_page_renders():
    source = '{{ ngettext("%(num)d day", "%(num)d days", n) }}'
    assert [_render(source, n=n) for n in (1, 2)] == ["1 day", "2 days"]


def test_a_lone_percent_sign_fails_as_jinja_would_and_is_reported_at_render():
    with pytest.raises((ValueError, TypeError)):
        _render('{{ _("50% off") }}')


def test_the_output_matches_markup_formatting_for_every_value_kind():
    """What the inlined pieces write is what ``Markup(text) % values`` would."""
    for value in (3, 2.5, None, Markup("<i>x</i>"), "a<b", ""):
        expected = str(Markup("v=%(v)s.") % {"v": value})
        assert _render('{{ _("v=%(v)s.", v=x) }}', x=value) == expected
