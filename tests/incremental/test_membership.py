"""MembershipList: a list whose `in` is a set lookup, and what it replaces."""

from __future__ import annotations

from types import SimpleNamespace

from incremental.membership import MembershipList, speed_up


class Item:
    source_path = "x.md"


def test_membership_by_identity_and_kept_right_after_changes():
    a, b, c = Item(), Item(), Item()
    items = MembershipList([a, b])
    assert a in items and b in items and c not in items
    items.append(c)
    assert c in items
    items[0] = Item()
    assert a not in items
    items.remove(b)
    assert b not in items
    assert list(items) == [items[0], c] and isinstance(items, list)
    assert "x" in MembershipList(["x"])  # anything else: plain equality


def test_the_generator_lists_are_replaced_in_place_with_the_same_contents():
    a, b = Item(), Item()
    categories = [("cat", [a, b])]
    generator = SimpleNamespace(tags={"tag": [b]}, categories=categories, authors=[("au", [a])])
    speed_up(generator)
    assert isinstance(generator.tags["tag"], MembershipList) and generator.tags["tag"] == [b]
    assert generator.categories is categories and isinstance(categories[0][1], MembershipList) and categories[0][1] == [a, b]
    assert isinstance(generator.authors[0][1], MembershipList)
