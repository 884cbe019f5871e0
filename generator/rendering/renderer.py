"""Render planned pages with Jinja2 into bytes, one entry per output file.

One Jinja environment per language, whose templates are compiled with that language's
words in place (:mod:`generator.i18n.inline`): autoescape on for HTML and XML (the excerpts come
from scraped pages), strict undefined (a typo in a template is an error, not a
blank), and markdown through markdown-it-py with raw HTML off, images off and
links limited to http, https, mailto and the site itself.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from itertools import islice
from pathlib import Path
from typing import Any, cast

import jinja2
from jinja2 import nodes
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from generator import urls as routes
from generator.dates import PartialDate
from generator.i18n import DateWords
from generator.i18n.inline import PLURAL_FILTER, inline_messages
from generator.i18n.languages import language_name
from generator.model import Site
from generator.rendering.loader import COMPILED, ThemeLoader, extends
from generator.views import DataView, Page, Title, variables

DEFAULT_THEME = Path(__file__).parent.parent / "templates"
if not DEFAULT_THEME.is_dir():  # running from a source checkout, not an installed wheel
    DEFAULT_THEME = Path(__file__).parent.parent.parent / "templates"
_SAFE_SCHEMES = ("http:", "https:", "mailto:")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.disable("image")

    def validate_link(url: str) -> bool:
        url = url.strip().lower()
        if url.startswith(("#", "/", "./", "../")) or ":" not in url.split("/", 1)[0]:
            return not url.startswith("//")
        return url.startswith(_SAFE_SCHEMES)

    md.validateLink = validate_link  # type: ignore[method-assign]
    return md


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":"))
"""What json.dumps with these options would make anew for each page."""


def json_for_script(value: Any) -> Markup:
    """Serialise ``value`` as JSON that cannot close or confuse a <script> element."""
    text = _JSON.encode(value)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


WORDS = "_words.html"
"""The theme's words for what Python hands it as facts: page titles and descriptions."""

_BATCH = 8192
"""How many pieces of a page are joined at a time (:meth:`Renderer.render`)."""


def _format(text: str, values: dict[str, Any]) -> Markup:
    """``Markup(text) % values``, as Jinja's new-style gettext formats a message: the
    translation is trusted, each value escaped (numbers kept for ``%d``)."""
    return Markup(text % {k: v if type(v) is int else escape(v) for k, v in values.items()})


class _Environment(jinja2.Environment):
    """Jinja's environment for one language, with the theme's words written into its
    compiled templates (:func:`generator.i18n.inline.inline_messages`), telling
    :attr:`loaded` each template a render asks for (the page's own, what it extends,
    includes and imports): the preview records them as what the page read, so that a
    template edit renders again exactly the pages that use the template."""

    loaded: Callable[[str], None] | None = None
    translations: gettext.NullTranslations = gettext.NullTranslations()
    words: str | None = None
    """A digest of :attr:`translations`' catalogues, which keys their compiled templates;
    None: compiled anew for each environment."""

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        # Jinja's one step between parsing a template and compiling it (Environment.parse
        # and compile both call it): the messages are rewritten here, once per language.
        return inline_messages(super()._parse(source, name, filename), self.translations.gettext)

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        # Jinja lays each template's own globals over the environment's in a ChainMap,
        # which it copies into a dict, and walks key by key, for every render and every
        # import: some thirty times a page. No template here has globals of its own.
        return self.globals if not d else super().make_globals(d)

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if self.loaded is not None and isinstance(name, str):
            self.loaded(name)
        return super().get_template(name, parent, globals)


class Renderer:
    """Renders pages in one language at a time, with an environment per language."""

    def __init__(self, theme_dirs: list[Path], globals_: dict[str, Any]) -> None:
        self.md = _markdown()
        self._loader = ThemeLoader([str(d) for d in theme_dirs])
        self._filters: dict[str, Callable[..., Any]] = {
            "markdown": self.block,
            "inline": self.inline,
            "json_script": json_for_script,
            "date": self.date,
            "language_name": self.language_name,
            "title_text": self.title_of,
        }
        self._globals: dict[str, Any] = {**globals_, "routes": routes}
        self._languages: dict[str, _Environment] = {}
        """Each language's environment, with the templates compiled in its words."""
        self.lang = "en"
        self.env = self._languages[self.lang] = self._environment(gettext.NullTranslations())
        self._digests: dict[str, str] = {}
        self._chains: set[str] = set()
        """Templates whose extends chain was checked (:meth:`_no_extends_loop`)."""
        self._blocks: dict[str, Markup] = {}
        self._inlines: dict[str, Markup] = {}
        self._dates: DateWords | None = None
        self._words: Any = None
        """The macros of ``_words.html``, made with the globals of this build."""
        self._titles: dict[Title, tuple[str, str]] = {}

    def _environment(
        self, translations: gettext.NullTranslations, words: str | None = None
    ) -> _Environment:
        """A Jinja environment that compiles the templates in ``translations``' words
        (kept for the process by ``words``, their digest, if given)."""
        env = _Environment(
            loader=self._loader,
            autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # A Renderer lives for one version of the theme (Builder makes a new one
            # when a theme file changes), so Jinja need not stat each template per page.
            auto_reload=False,
            # Every sentence of the theme is marked for translation (generator.i18n).
            extensions=["jinja2.ext.i18n"],
            bytecode_cache=COMPILED,
        )
        env.translations, env.words = translations, words
        # What a message call the compile could not write in place calls as the page
        # renders (generator.i18n.inline): Jinja's new-style gettext, which escapes values.
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]

        def plural(one: str, many: str, n: int, **values: Any) -> Markup:
            values.setdefault("num", n)
            return _format(translations.ngettext(one, many, n), values)

        env.filters.update(self._filters, **{PLURAL_FILTER: plural})
        env.globals.update(self._globals)
        return env

    def set_globals(self, **values: Any) -> None:
        """Set what every template sees for a build (the site, its date); the titles the
        theme worded with the last build's go."""
        self._globals.update(values)
        for env in self._languages.values():
            env.globals.update(values)
        self._forget_words()

    def set_language(
        self, lang: str, translations: gettext.NullTranslations, words: str | None = None
    ) -> None:
        """Render in ``lang`` from now on, with its catalogue's ``translations`` (whose
        digest, ``words``, keys the compiled templates for the process).

        Each language has an environment of its own, whose templates are compiled with
        the language's words in place (:mod:`generator.i18n.inline`): made the first time
        the language is asked for, kept for the next.
        """
        env = self._languages.get(lang)
        if env is None or env.translations is not translations:
            env = self._languages[lang] = self._environment(translations, words)
        self.lang, self.env = lang, env
        self._forget_words()

    def _forget_words(self) -> None:
        """Forget what was made with the last globals or language: the words, and each
        imported template's module (``{% from "_words.html" import ... %}``), which Jinja
        makes once with the globals of the time and keeps on the compiled template."""
        self._words = None
        self._dates = None
        self._titles.clear()
        for env in self._languages.values():
            if env.cache is not None:
                for template in env.cache.values():
                    template._module = None

    def _module(self) -> Any:
        """The macros and words of ``_words.html``, in this build's language and globals."""
        if self._words is None:
            self._words = self.env.get_template(WORDS).make_module()
        return self._words

    def language_name(self, tag: str) -> str:
        """The ``language_name`` filter: a language's name in the page's ('English', or
        'английский' on a Russian page); the tag itself where Babel does not know it."""
        return language_name(tag, self.lang)

    def date(self, value: PartialDate) -> str:
        """The ``date`` filter: a date as a reader should see it, at its precision."""
        if self._dates is None:
            self._dates = DateWords(self.lang, self._module().date_words)
        return self._dates(value)

    def words(self, title: Title) -> tuple[str, str]:
        """A page's title and description, as the theme words them (``page_titles`` and
        ``page_descriptions`` of ``_words.html``, format strings of the page's facts)."""
        known = self._titles.get(title)
        if known is None:
            words, site = self._module(), cast(Site | None, self.env.globals.get("site"))
            key = title.kind
            if key == "timeline" and title.name:
                key = "timeline_person"
            elif key == "timeline" and title.filter:
                key = "timeline_kind"
            facts = {
                "site": site.title if site else "",
                "site_description": site.description if site else "",
                "name": title.name,
                "summary": title.summary,
                "date": self.date(title.date) if title.date is not None else "",
                "kind": words.kind_labels.get(title.filter, ""),
                "kind_noun": words.kind_nouns.get(title.filter, ""),
            }
            known = (
                str(words.page_titles[key]).format_map(facts),
                str(words.page_descriptions[key]).format_map(facts),
            )
            self._titles[title] = known
        return known

    def title_of(self, title: Title) -> str:
        """The ``title_text`` filter: the title of another page, to link it by."""
        return self.words(title)[0]

    def block(self, text: str) -> Markup:
        if text not in self._blocks:  # the same texts recur on many pages and rebuilds
            self._blocks[text] = Markup(self.md.render(text))
        return self._blocks[text]

    def inline(self, text: str) -> Markup:
        if text not in self._inlines:
            self._inlines[text] = Markup(self.md.renderInline(text))
        return self._inlines[text]

    def compile_all(self) -> None:
        """Compile every template of the pages now, rather than in each process that renders.

        A template with an error is left for the rendering to report, at its line.
        """
        for name in self.env.list_templates(extensions=("html", "xml", "json", "csv")):
            if not name.startswith("assets/"):
                with contextlib.suppress(jinja2.TemplateError):
                    self.env.get_template(name)

    def render(self, page: Page) -> bytes:
        view = page.view
        if isinstance(view, DataView):
            return view.text.encode("utf-8")
        if page.template not in self._chains:
            self._no_extends_loop(page.template)
            self._chains.add(page.template)
        template = self.env.get_template(page.template)
        if self.env.loaded is not None:
            self.env.loaded(WORDS)  # made once (words), read by every page
        title, description = self.words(page.title)
        context = variables(view)
        pieces = template.generate(context, page=page, title=title, description=description)
        # Jinja's render joins every piece of the page at once: the whole timeline of a large
        # site is some 300,000 pieces, held together with the joined text (four bytes a
        # character where one is not ASCII) and its UTF-8, some 27 MB at the build's peak.
        # Joined and encoded a batch at a time, the pieces of one batch are held at most.
        parts = []
        while batch := "".join(islice(pieces, _BATCH)):
            parts.append(batch.encode("utf-8"))
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def _no_extends_loop(self, name: str) -> None:
        """Raise TemplateSyntaxError if ``name`` extends itself, through others or not.

        Jinja would recurse until Python's limit, which takes seconds and ends in a
        RecursionError with no line to fix.
        """
        loader = self._loader
        chain, current = [name], name
        while True:
            try:
                source, filename, _ = loader.get_source(self.env, current)
            except jinja2.TemplateError:
                return  # reported when the template is loaded
            found = extends(source)
            if found is None:
                return
            parent, line = found
            if parent in chain:
                loop = " -> ".join([*chain[chain.index(parent) :], parent])
                raise jinja2.TemplateSyntaxError(
                    f"templates extend each other in a loop: {loop}",
                    line,
                    current,
                    filename,
                )
            chain.append(parent)
            current = parent

    def digest(self, name: str) -> str:
        """A digest of template ``name``'s source: what a page rendered with it read of it."""
        known = self._digests.get(name)
        if known is None:
            loader = self._loader
            try:
                source = loader.get_source(self.env, name)[0]
            except jinja2.TemplateError as exc:
                source = f"missing: {exc!r}"  # rendering reports it at its line
            known = self._digests[name] = hashlib.sha256(source.encode()).hexdigest()
        return known


class TemplateDigests(Mapping[str, str]):
    """Each template's digest, worked out when asked: an input of the incremental layer."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer

    def __getitem__(self, name: str) -> str:
        return self._renderer.digest(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._renderer.env.list_templates())

    def __len__(self) -> int:
        return len(self._renderer.env.list_templates())
