from types import SimpleNamespace

from listings import related_articles, related_in_category


def art(name, *tags):
    return SimpleNamespace(name=name, tags=[SimpleNamespace(slug=t) for t in tags])


def test_shared_tags_first_then_nearest():
    articles = [art("a", "x"), art("b"), art("c", "x", "y"), art("d", "y"), art("e")]
    related = related_articles(articles, 2, 3, 10)
    # d and a share one tag each; d is nearer. b shares none but is nearest.
    assert [a.name for a in related] == ["d", "a", "b"]


def test_window_bounds_the_candidates_and_excludes_self():
    articles = [art(str(i)) for i in range(100)]
    related = related_articles(articles, 50, 5, 3)
    assert [a.name for a in related] == ["49", "51", "48", "52", "47"]
    assert related_articles(articles, 0, 0, 3) == []


def test_a_whole_category_ranks_as_one_article_at_a_time():
    names = "abcdefghijklmnopqrstuvwxyz"
    tag_pool = ["x", "y", "z", "w"]
    articles = [art(name, *[t for k, t in enumerate(tag_pool) if (i * 7 + k * 3) % 5 < 2]) for i, name in enumerate(names)]
    for count, window in [(5, 3), (3, 30), (0, 4), (30, 30)]:
        whole = related_in_category(articles, count, window)
        assert whole == [related_articles(articles, i, count, window) for i in range(len(articles))]
    # an article without tags: its nearest neighbours, earlier position first
    assert [a.name for a in related_in_category([art("p", "x"), art("q"), art("r", "x")], 2, 5)[1]] == ["p", "r"]
