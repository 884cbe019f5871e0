"""Template digests: what a template pulls in, found by a scan that errs on the safe side."""

from __future__ import annotations

from generator.render import _references


def every() -> list[str]:
    return ["all.html"]


def test_named_references_are_found() -> None:
    source = (
        '{% extends "base.html" %}{%- from "_macros.html" import refs %}'
        "{% include '_notes.html' %}{% import \"forms.html\" as f %}"
    )
    assert _references(source, every) == ["base.html", "_macros.html", "_notes.html", "forms.html"]


def test_a_computed_name_counts_as_every_template() -> None:
    assert _references('{% include "a.html" %}{% include page.template %}', every) == ["all.html"]


def test_no_reference_no_dependency() -> None:
    assert _references("<p>{{ x }}</p>{# extends nothing #}", every) == []
