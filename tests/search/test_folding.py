import pytest
from search.folding import STOPWORDS, exact_key, folded_key, keys


@pytest.mark.parametrize(
    ("word", "exact", "folded"),
    [
        ("Hội", "hôi5", "hoi"),
        ("nghị", "nghi5", "nghi"),
        ("Đường", "đương1", "duong"),
        ("ĐẠI", "đai5", "dai"),
        ("hoà", "hoa1", "hoa"),
        ("hòa", "hoa1", "hoa"),
        ("thuỷ", "thuy2", "thuy"),
        ("thủy", "thuy2", "thuy"),
        ("Ưu", "ưu", "uu"),
        ("2025", "2025", "2025"),
    ],
)
def test_keys(word, exact, folded):
    assert exact_key(word) == exact
    assert folded_key(word) == folded


def test_d_is_folded_although_nfd_keeps_it():
    import unicodedata

    assert "đ" in unicodedata.normalize("NFD", "đường")  # NFD alone is not enough
    assert folded_key("đường") == "duong"


def test_keys_keep_positions_and_stopwords_are_exact():
    assert [f for _, f in keys("Hội nghị của phường")] == ["hoi", "nghi", "cua", "phuong"]
    assert exact_key("của") in STOPWORDS and exact_key("cửa") not in STOPWORDS
