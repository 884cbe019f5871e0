"""hostage-explainer: cited explainer sites from YAML case files and news articles."""

from __future__ import annotations

__version__ = "0.1.0"
