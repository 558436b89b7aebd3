"""Listings: what links articles to each other and to the home page.

Owns, once all articles are read:
- the category list in the ward's configured order, including configured
  categories that have no article yet (their page says so instead of being a
  broken menu link);
- per article: ``prev_in_category``/``next_in_category`` (older/newer in the
  same category) and ``related`` (up to ``RELATED_ARTICLES`` from the same
  category, most shared tags first, then nearest in date);
- for the home page: ``home_featured`` (the newest article marked
  ``Featured: true``, else the newest) and ``home_blocks`` (the newest
  ``HOME_ARTICLES_PER_CATEGORY`` articles of each category, in order);
- ``latest_articles``: the newest ``SIDEBAR_LATEST`` articles for the sidebar;
- the yearly archive pages (``YEAR_PAGE_SAVE_AS``/``YEAR_PAGE_URL``): the
  ``period_archives["year"]`` entries Pelican writes with its
  ``period_archives`` template, grouped in one pass (Pelican's own grouping,
  ``YEAR_ARCHIVE_SAVE_AS``, compares every article with every article of its
  year: quadratic, so it stays off); ``archive_years``: (year, count, url)
  for the links to them;
- ``menu_pages_before``/``menu_pages_after``: static pages for the main menu,
  by their ``Order`` (50 and above go after the categories).

Templates only display these; no template sorts or filters articles itself.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from pelican import signals
from pelican.urlwrappers import Category
from vietnamese import sort_key

from .related import related_articles, related_in_category

__all__ = ["related_articles", "related_in_category"]

MENU_AFTER_ORDER = 50


def _order(page) -> tuple:
    try:
        order = int(str(getattr(page, "order", "")).strip())
    except ValueError:
        order = 999
    return (order, sort_key(page.title))


def arrange_articles(generator) -> None:
    settings = generator.settings
    ward = settings.get("WARD")
    by_category = dict(generator.categories)
    if ward is not None:
        rank = {c.slug: c.order for c in ward.categories}
        for info in ward.categories:
            if not any(cat.slug == info.slug for cat in by_category):
                empty = Category(info.name, settings)
                empty.slug = info.slug
                by_category[empty] = []
        ordered = sorted(by_category.items(), key=lambda kv: (rank.get(kv[0].slug, 10**6), sort_key(kv[0].name)))
        info_by_slug = {c.slug: c for c in ward.categories}
        for category, _ in ordered:
            info = info_by_slug.get(category.slug)
            category.description = info.description if info else ""
    else:
        ordered = sorted(by_category.items(), key=lambda kv: sort_key(kv[0].name))
    generator.categories[:] = ordered

    count = settings.get("RELATED_ARTICLES", 5)
    window = settings.get("RELATED_WINDOW", 30)
    for _category, articles in ordered:
        # Pelican keeps each category's list newest first.
        related = related_in_category(articles, count, window)
        for index, article in enumerate(articles):
            article.next_in_category = articles[index - 1] if index > 0 else None
            article.prev_in_category = articles[index + 1] if index + 1 < len(articles) else None
            article.related = related[index]

    per_block = settings.get("HOME_ARTICLES_PER_CATEGORY", 4)
    featured = next((a for a in generator.articles if getattr(a, "featured", False)), None)
    if featured is None and generator.articles:
        featured = generator.articles[0]
    context = generator.context
    context["home_featured"] = featured
    context["latest_articles"] = generator.articles[: settings.get("SIDEBAR_LATEST", 5)]
    context["home_blocks"] = [
        (category, [a for a in articles if a is not featured][:per_block]) for category, articles in ordered if articles
    ]
    year_pages(generator)
    context["archive_years"] = [
        (period["period"][0], len(period["articles"]), period["url"])
        for period in generator.period_archives.get("year", [])
    ]


def year_pages(generator) -> None:
    """One period archive per year, in Pelican's shape: ``dates`` (that
    year's articles in archive order), ``articles`` (in the site's order),
    ``save_as``, ``url``, ``period``, ``period_num``."""
    settings = generator.settings
    save_as, url = settings.get("YEAR_PAGE_SAVE_AS", ""), settings.get("YEAR_PAGE_URL", "")
    if not save_as:
        return
    in_year = defaultdict(list)
    for article in generator.articles:
        in_year[article.date.year].append(article)
    archives = []
    for year, group in groupby(generator.dates, key=lambda article: article.date.year):
        dates = list(group)
        first = dates[0].date
        archives.append({"dates": dates, "articles": in_year[year], "save_as": save_as.format(date=first),
                         "url": url.format(date=first), "period": (year,), "period_num": (year,)})
    generator.period_archives["year"] = archives  # the dict Pelican put in the context


def arrange_pages(generator) -> None:
    pages = sorted(generator.pages, key=_order)
    context = generator.context
    context["menu_pages_before"] = [p for p in pages if _order(p)[0] < MENU_AFTER_ORDER]
    context["menu_pages_after"] = [p for p in pages if _order(p)[0] >= MENU_AFTER_ORDER]
    context["pages"] = pages


def register() -> None:
    signals.article_generator_finalized.connect(arrange_articles)
    signals.page_generator_finalized.connect(arrange_pages)
