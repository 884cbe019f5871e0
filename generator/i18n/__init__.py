"""The theme's words in other languages: gettext catalogues and dates per locale.

The templates hold every sentence a reader sees, marked for translation
(``{% trans %}`` and ``_()``, Jinja's i18n extension); each language's
translations are a gettext catalogue, ``locales/<lang>.po``, in the theme
(:mod:`generator.i18n.catalogues`). Dates are worded by Babel with each
locale's month names, at the precision the sources give
(:mod:`generator.i18n.dates`).
"""

from generator.i18n.catalogues import Catalogue, load_catalogue, missing_messages
from generator.i18n.dates import DateWords

__all__ = ["Catalogue", "DateWords", "load_catalogue", "missing_messages"]
