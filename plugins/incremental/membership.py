"""Article lists that answer ``in`` at once.

Pelican 4.12 writes each tag, category and author page after building
``dates = [a for a in self.dates if a in articles]``, where ``articles`` is
that tag's list: every article of the site is looked up in a list, once per
tag, category and author (author pages too, even when they are not written).
That is quadratic: 3 s of a one-edit rebuild at 8,000 articles. Once the
article generator has finished (``article_generator_finalized``), those lists
become ``MembershipList``s: the same list, whose ``in`` looks up a set of ids.
Pelican's own lists and order are otherwise untouched.
"""

from __future__ import annotations


class MembershipList(list):
    """A list whose ``x in lst`` is a set lookup by identity (content objects
    compare by identity in Pelican), kept right if the list changes."""

    __slots__ = ("_ids", "_seen")

    def __init__(self, items=()):
        super().__init__(items)
        self._ids: set[int] = set()
        self._seen = -1  # the length _ids was made for; -1: not made

    def __contains__(self, item) -> bool:
        if self._seen != len(self):
            self._ids = {id(x) for x in self}
            self._seen = len(self)
        return id(item) in self._ids or (not hasattr(item, "source_path") and list.__contains__(self, item))

    def __setitem__(self, index, value):
        super().__setitem__(index, value)
        self._seen = -1


def speed_up(generator) -> None:
    """``article_generator_finalized``: the tag, category and author lists."""
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in list(tags.items()):
            tags[tag] = MembershipList(articles)
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            for i, (key, articles) in enumerate(pairs):
                pairs[i] = (key, MembershipList(articles))
