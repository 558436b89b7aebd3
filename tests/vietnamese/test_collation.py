import random

from vietnamese import sort_key, sorted_vi


def test_issue_example_order():
    words = ["Đô thị", "Dân vận", "Âm nhạc", "An ninh"]
    assert sorted(words, key=sort_key) == ["An ninh", "Âm nhạc", "Dân vận", "Đô thị"]


def test_alphabet_letters_follow_their_base_letter():
    # A Ă Â B C D Đ E Ê … O Ô Ơ … U Ư …
    letters = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
               "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]
    shuffled = letters[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == letters


def test_tones_only_break_ties_in_dictionary_order():
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert sorted(words, key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # A tone never outweighs a later letter.
    assert sorted(["mạc", "mac"], key=sort_key) == ["mac", "mạc"]
    assert sorted(["mác", "mab"], key=sort_key) == ["mab", "mác"]


def test_code_point_order_would_be_wrong():
    words = ["Đô thị", "Y tế"]
    assert sorted(words) == ["Y tế", "Đô thị"]  # what Python does alone
    assert sorted(words, key=sort_key) == ["Đô thị", "Y tế"]


def test_sorted_vi_by_attribute():
    class Tag:
        def __init__(self, name):
            self.name = name

    tags = [Tag("Đô thị"), Tag("Âm nhạc"), Tag("An ninh")]
    assert [t.name for t in sorted_vi(tags, "name")] == ["An ninh", "Âm nhạc", "Đô thị"]
