"""Year pages are grouped in one pass, in the shape Pelican's own (quadratic)
period archives have, so Pelican's template writing takes them unchanged."""

import datetime as dt
import random
from collections import defaultdict
from operator import attrgetter
from types import SimpleNamespace

from pelican.generators import ArticlesGenerator

from listings import year_pages


class Article:  # compares by identity, as Pelican's content objects do
    def __init__(self, when):
        self.date = when


def generator(articles, settings):
    dates = sorted(articles, key=attrgetter("date"))
    return SimpleNamespace(articles=articles, dates=dates, settings=settings, period_archives=defaultdict(list))


def test_same_archives_as_pelicans_own_grouping():
    rng = random.Random(7)
    start = dt.datetime(2016, 1, 1, 7, 0)
    articles = [Article(start + dt.timedelta(hours=rng.randrange(0, 24 * 365 * 5))) for _ in range(300)]
    articles.sort(key=attrgetter("date"), reverse=True)  # the site's order: newest first
    fmt = "luu-tru/{date:%Y}.html"
    ours = generator(articles, {"YEAR_PAGE_SAVE_AS": fmt, "YEAR_PAGE_URL": fmt})
    year_pages(ours)
    pelican_settings = {"YEAR_ARCHIVE_SAVE_AS": fmt, "YEAR_ARCHIVE_URL": fmt, "MONTH_ARCHIVE_SAVE_AS": "",
                        "MONTH_ARCHIVE_URL": "", "DAY_ARCHIVE_SAVE_AS": "", "DAY_ARCHIVE_URL": ""}
    theirs = ArticlesGenerator._build_period_archives(None, ours.dates, articles, pelican_settings)
    assert len(ours.period_archives["year"]) == 5
    assert ours.period_archives["year"] == theirs["year"]
    for mine, pelicans in zip(ours.period_archives["year"], theirs["year"], strict=True):
        assert all(a is b for a, b in zip(mine["articles"], pelicans["articles"], strict=True))


def test_no_year_pages_without_the_setting():
    ours = generator([Article(dt.datetime(2020, 1, 1))], {"YEAR_PAGE_SAVE_AS": ""})
    year_pages(ours)
    assert "year" not in ours.period_archives
