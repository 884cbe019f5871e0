"""The render, write and search stages: planned pages into bytes, bytes onto disk.

:mod:`.renderer` renders each page with Jinja2 (:class:`~.renderer.Renderer`), from
templates :mod:`.loader` reads safely out of the theme folders and compiles once per
process; :mod:`.theme` is the theme a build renders with (its folders, signature and
assets; template errors as content errors); :mod:`.parallel` spreads the pages over
processes, :mod:`.structured` makes the JSON-LD and the feed's entries; :mod:`.write`
writes into a staging folder and swaps it in, and :mod:`.search` indexes the written
site with Pagefind.

Nothing is imported here: the read stage asks :mod:`.write` which folders an output
may not be, and should not load Jinja and the planner to do so.
"""
