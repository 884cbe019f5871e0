"""Languages named in words: in themselves (the language switcher), or in a page's language."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError


@lru_cache(maxsize=256)  # a source page names its language: Babel would parse the locale for each
def language_name(tag: str, in_language: str | None = None) -> str:
    """The name of language ``tag`` in ``in_language`` (None: in itself), from Babel (CLDR),
    with a capital where the name starts a label in itself; the tag where Babel knows neither.
    """
    try:
        locale = Locale.parse(tag.replace("-", "_"))
        name = locale.get_display_name(in_language.replace("-", "_") if in_language else locale)
    except (UnknownLocaleError, ValueError):
        return tag
    if not name:
        return tag
    return name[:1].upper() + name[1:] if in_language is None else name
