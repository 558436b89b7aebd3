"""Vietnamese search that works from disk.

Owns the search index (``index``, written at build time as small script
files under ``search/``), the word keys it matches on (``folding``: folded
without marks, đ→d, and exact with the tone moved to the end so that hoà =
hòa), and the page ``search.html`` (template ``search``). The browser side
is ``theme/static/js/search.js``, which loads only the shards a query needs
with <script> tags: fetch, XHR, modules and workers are all blocked on
file://.

The posting lists are kept between builds (``<cache root>/search/``): a
build reads again only the documents whose title or text changed and
rewrites only the lists of their words (``index.update``).

The index is written when every generator has read its content
(``all_generators_finalized``), not with the pages: its memory is let go
before theirs is taken (the build's peak was the two together).
"""

from __future__ import annotations

from pelican import signals

from .generator import SearchGenerator

__all__ = ["SearchGenerator"]


def get_generators(_pelican):
    return SearchGenerator


def write_index(generators) -> None:
    """``all_generators_finalized``: the index, before the pages are written."""
    for generator in generators:
        if isinstance(generator, SearchGenerator):
            generator.write_index()


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(write_index)
