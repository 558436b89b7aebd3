"""Related articles within one category, in time linear in the category."""

from __future__ import annotations

import heapq
from collections.abc import Sequence


def related_articles(articles: list, index: int, count: int, window: int) -> list:
    """Up to *count* articles related to ``articles[index]``.

    Candidates are the *window* articles on either side in the category's
    date order (so the work per article is bounded whatever the archive
    size). They are ranked by the number of shared tags, then by closeness
    in time, then by position, which keeps the result stable between builds.
    """
    low, high = max(0, index - window), min(len(articles), index + window + 1)
    tags = {position: tag_slugs(articles[position]) for position in range(low, high)}
    return _ranked(articles, tags, index, count, window)


def related_in_category(articles: list, count: int, window: int) -> list[list]:
    """``related_articles`` for every article of a category, each article's
    tags gathered once (not once per neighbour: 60 times at the defaults)."""
    tags = [tag_slugs(article) for article in articles]
    return [_ranked(articles, tags, index, count, window) for index in range(len(articles))]


def tag_slugs(article) -> frozenset:
    return frozenset(t.slug for t in getattr(article, "tags", None) or ())


def _ranked(articles: list, tags: Sequence | dict, index: int, count: int, window: int) -> list:
    if count <= 0:
        return []
    low, high = max(0, index - window), min(len(articles), index + window + 1)
    own = tags[index]
    candidates = [(-len(own & tags[position]) if own else 0, abs(position - index), position)
                  for position in range(low, high) if position != index]
    return [articles[position] for _shared, _distance, position in heapq.nsmallest(count, candidates)]
