import unicodedata

import pytest
from vietnamese import is_nfc, normalize, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đường Đông", "duong-dong"),
        ("tháng 5/2025", "thang-5-2025"),
        ("Kết quả thu ngân sách tháng 5/2025", "ket-qua-thu-ngan-sach-thang-5-2025"),
        ("Hội nghị đại biểu nhân dân tổ dân phố số 7", "hoi-nghi-dai-bieu-nhan-dan-to-dan-pho-so-7"),
        ("Ưu tiên, ơn nghĩa!", "uu-tien-on-nghia"),
        ("  Thông báo: lịch tiếp dân (tuần 1)  ", "thong-bao-lich-tiep-dan-tuan-1"),
        ("Ðường", "duong"),  # U+00D0 look-alike pasted for Đ
    ],
)
def test_slugify_is_ascii_and_vietnamese_aware(text, slug):
    assert slugify(text) == slug
    assert slugify(unicodedata.normalize("NFD", text)) == slug


def test_normalize_composes_decomposed_text():
    nfd = unicodedata.normalize("NFD", "Hội nghị Đường Thủy")
    assert nfd != "Hội nghị Đường Thủy"
    assert normalize(nfd) == "Hội nghị Đường Thủy"
    assert not is_nfc(nfd)
    assert is_nfc(normalize(nfd))
