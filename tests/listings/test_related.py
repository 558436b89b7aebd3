from types import SimpleNamespace

from listings import related_articles


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
