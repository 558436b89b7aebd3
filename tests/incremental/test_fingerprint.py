"""digest(): equal values give equal digests whatever objects they share."""

from __future__ import annotations

import datetime as dt

from incremental.fingerprint import digest, mapping_digest, stable


def test_equal_values_equal_digests_different_values_different():
    text = "Hội nghị " * 100
    shared = ("map", (("a", text), ("b", text)))  # one string object used twice
    separate = ("map", (("a", "Hội nghị " * 100), ("b", "".join(["Hội nghị "] * 100))))
    assert digest(shared) == digest(separate)
    assert digest(("seq", (1, True))) != digest(("seq", (True, 1)))
    assert digest(("seq", (1,))) != digest(("seq", (True,)))
    assert digest(stable({"when": dt.date(2025, 1, 2)})) == digest(stable({"when": dt.date(2025, 1, 2)}))
    assert digest(stable({"when": dt.date(2025, 1, 2)})) != digest(stable({"when": dt.date(2025, 1, 3)}))


def test_stamps_read_a_file_again_only_when_it_changed(tmp_path, monkeypatch):
    import hashlib
    import os

    from incremental import stamps

    page = tmp_path / "bai.md"
    page.write_text("Tin một", encoding="utf-8")
    assert stamps.stamp(str(page)) == hashlib.sha256(page.read_bytes()).digest()
    reads = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: reads.append(a[0]) or real_open(*a, **k))
    stamps.stamp(str(page))
    assert reads == []  # unchanged: not read
    page.write_text("Tin hai, dài hơn", encoding="utf-8")
    assert stamps.stamp(str(page)) == hashlib.sha256("Tin hai, dài hơn".encode()).digest()
    other = tmp_path / "khac.md"
    other.write_text("x", encoding="utf-8")
    info = os.stat(other)
    stamps.seed({str(other): [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns, "ab" * 32]})
    assert stamps.stamp(str(other)) == bytes.fromhex("ab" * 32)  # what the up-to-date check computed


def test_mapping_digest_is_made_key_by_key_and_depends_on_every_key_and_value():
    site = {"articles": ["a", "b"], "dates": [dt.date(2025, 1, 2)], 3: "số"}
    same = {3: "số", "dates": [dt.date(2025, 1, 2)], "articles": ["a", "b"]}
    content = lambda item: item  # noqa: E731
    assert mapping_digest(site, content) == mapping_digest(same, content)  # order does not count
    assert mapping_digest(site, content) != mapping_digest(dict(site, articles=["b", "a"]), content)
    assert mapping_digest(site, content) != mapping_digest(dict(site, tags=[]), content)
    assert mapping_digest({"a": 1}, content) != mapping_digest({"b": 1}, content)


def test_lists_of_articles_are_their_source_paths_in_order_and_mixed_lists_stay_whole():
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    def article(name):
        return Article("<p>x</p>", {"title": name}, settings=dict(DEFAULT_CONFIG), source_path=f"/site/{name}.md")

    a, b = article("a"), article("b")
    assert stable([a, b]) == ("refs", ("/site/a.md", "/site/b.md")) == stable((a, b))
    assert digest(stable([a, b])) != digest(stable([b, a]))  # the order of a list page matters
    assert stable([a, "x"]) == ("seq", (("ref", "/site/a.md"), "x"))  # not all articles: item by item
    listed = stable([a, b], content=lambda c: ("listed", c.title))  # another view of content is kept
    assert listed == ("seq", (("listed", "a"), ("listed", "b")))
