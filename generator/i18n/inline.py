"""The theme's words written into each language's compiled templates.

Every sentence of the theme is a message (``_("Notes")``, ``{% trans %}``), and a
page calls some forty of them. Looked up as the page renders, each costs a call
through Jinja's context, a catalogue look-up and the escaping of its result, on
every page of every edition: a large site rendered a third slower with its words
translated than with the same words written in the templates. So each language
compiles the templates of its own (:class:`generator.rendering.renderer.Renderer` keeps one
environment per language), and, before compiling, :func:`inline_messages` puts
each message's translation in place of the call:

- ``_("Notes")`` becomes the translated text, trusted markup (as Jinja's
  new-style gettext trusts a translation), which Jinja then writes into the
  page's static text;
- ``_("Held for %(days)s", days=n)`` becomes the text's pieces with each value
  between them, each value escaped as it is written out (as ``Markup(text) %
  values`` escapes each value);
- ``ngettext("one", "many", n, ...)``, whose form depends on ``n``, becomes a
  direct call of the language's plural filter (``_plural``), not a call through
  the context.

A call the rewrite cannot read (a message held in a variable, a ``%`` other than
``%(name)s`` or ``%%``, a value the translation names but the call does not give)
is left as it is, for the translations installed in the environment to format as
the page renders: the same text, only slower. The templates, and what Babel
extracts from them, are as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jinja2 import nodes
from jinja2.visitor import NodeTransformer

PLURAL_FILTER = "_plural"
"""The filter ``ngettext(...)`` calls are compiled to: (singular, plural, n, **values)."""

_MESSAGE = ("_", "gettext")
_PLACE = re.compile(r"%(?:\((\w+)\)s|%)")
_Piece = str | tuple[str]
"""A stretch of a translation's text, or the name of the value that stands there."""


def inline_messages(template: nodes.Template, translate: Callable[[str], str]) -> nodes.Template:
    """Rewrite ``template``'s message calls with their translations by ``translate``."""
    result = _Inliner(translate).visit(template)
    assert isinstance(result, nodes.Template)
    return result


def pieces(text: str) -> list[_Piece] | None:
    """Split a translation into text and the names of the values placed in it
    (``("days",)``), ``%%`` read as ``%``; None if it holds any other ``%``."""
    found: list[_Piece] = []
    start = 0
    for match in _PLACE.finditer(text):
        found.append(text[start : match.start()])
        found.append((match.group(1),) if match.group(1) else "%")
        start = match.end()
    found.append(text[start:])
    if any("%" in p for p in found if isinstance(p, str) and p != "%"):
        return None
    joined: list[_Piece] = []  # "100", "%", " sure" -> "100% sure"
    for piece in found:
        if isinstance(piece, str) and joined and isinstance(joined[-1], str):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _empty(node: nodes.Expr) -> bool:
    return (
        isinstance(node, nodes.MarkSafe)
        and isinstance(node.expr, nodes.Const)
        and node.expr.value == ""
    )


class _Inliner(NodeTransformer):
    def __init__(self, translate: Callable[[str], str]) -> None:
        self._translate = translate

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        # Written out directly, a message's pieces and values become the output's own
        # children: Jinja joins the text into the page's static text and escapes each value.
        children: list[nodes.Expr] = []
        for child in node.nodes:
            parts = self._parts(child)
            if parts is None:
                children.append(self.visit(child))
            else:  # the empty text a message may start with is not needed here
                children.extend(p for p in parts if not _empty(p))
        node.nodes = children
        return node

    def visit_Call(self, node: nodes.Call) -> nodes.Expr:
        parts = self._parts(node)
        if parts is not None:
            if len(parts) == 1:
                return parts[0]
            # Markup first, so that Jinja's join escapes every value after it.
            return nodes.Concat(parts, lineno=node.lineno)
        plural = self._plural(node)
        if plural is not None:
            return plural
        self.generic_visit(node)
        return node

    def _parts(self, node: nodes.Node) -> list[nodes.Expr] | None:
        """The pieces of a message call with its translation, values in place; None if
        ``node`` is not a message call this can read."""
        if not (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name in _MESSAGE
            and len(node.args) == 1
            and isinstance(node.args[0], nodes.Const)
            and isinstance(node.args[0].value, str)
            and node.dyn_args is None
            and node.dyn_kwargs is None
        ):
            return None
        values = {k.key: k.value for k in node.kwargs}
        found = pieces(self._translate(node.args[0].value))
        if found is None or len(values) != len(node.kwargs):
            return None
        if any(isinstance(p, tuple) and p[0] not in values for p in found):
            return None
        line = node.lineno
        placed = {name: self.visit(value) for name, value in values.items()}
        parts: list[nodes.Expr] = []
        for piece in found:
            if isinstance(piece, tuple):
                parts.append(placed[piece[0]])
            elif piece or not parts:  # an empty text only to start with markup
                parts.append(nodes.MarkSafe(nodes.Const(piece, lineno=line), lineno=line))
        return parts

    def _plural(self, node: nodes.Call) -> nodes.Expr | None:
        """``ngettext(one, many, n, **values)`` as a call of the plural filter."""
        if not (
            isinstance(node.node, nodes.Name)
            and node.node.name == "ngettext"
            and len(node.args) == 3
            and node.dyn_args is None
            and node.dyn_kwargs is None
        ):
            return None
        one, many, n = (self.visit(a) for a in node.args)
        kwargs = [self.visit(k) for k in node.kwargs]
        return nodes.Filter(one, PLURAL_FILTER, [many, n], kwargs, None, None, lineno=node.lineno)
