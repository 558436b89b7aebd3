"""Vietnamese search that works from disk.

Owns the search index (``index``, written at build time as small script
files under ``search/``), the word keys it matches on (``folding``: folded
without marks, đ→d, and exact with the tone moved to the end so that hoà =
hòa), and the page ``search.html`` (template ``search``). The browser side
is ``theme/static/js/search.js``, which loads only the shards a query needs
with <script> tags: fetch, XHR, modules and workers are all blocked on
file://.

The index is a pure function of the published documents, so an unchanged
site reuses the files of the previous build (``CACHE_PATH/search/<hash of
the documents, settings and this code>``; the last three are kept).
"""

from __future__ import annotations

from pelican import signals

from .generator import SearchGenerator

__all__ = ["SearchGenerator"]


def get_generators(_pelican):
    return SearchGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
