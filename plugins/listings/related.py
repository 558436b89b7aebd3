"""Related articles within one category, in time linear in the category."""

from __future__ import annotations


def related_articles(articles: list, index: int, count: int, window: int) -> list:
    """Up to *count* articles related to ``articles[index]``.

    Candidates are the *window* articles on either side in the category's
    date order (so the work per article is bounded whatever the archive
    size). They are ranked by the number of shared tags, then by closeness
    in time, then by position, which keeps the result stable between builds.
    """
    if count <= 0:
        return []
    article = articles[index]
    tags = {t.slug for t in getattr(article, "tags", [])}
    low, high = max(0, index - window), min(len(articles), index + window + 1)
    scored = []
    for position in range(low, high):
        if position == index:
            continue
        other = articles[position]
        shared = len(tags.intersection(t.slug for t in getattr(other, "tags", [])))
        scored.append((-shared, abs(position - index), position, other))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:count]]
