"""Vietnamese text primitives: Unicode normalisation and ASCII slugs."""

from __future__ import annotations

import unicodedata

from slugify import slugify as _ascii_slugify

# Look-alike letters that editors paste instead of the Vietnamese "Đ"/"đ".
# U+00D0 (Icelandic Eth) and U+0189 (African D) look like "Đ" but are
# different letters: search, sorting and slugs would all treat them wrongly.
LOOKALIKE_D = {"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"}


def normalize(text: str) -> str:
    """Return *text* in NFC, the form every other step expects.

    Input written on macOS or pasted from some PDF viewers arrives decomposed
    (NFD): "ệ" as "e" + two combining marks. It looks the same but compares,
    sorts and slugifies differently, so everything is composed once, on read.
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return text.isascii() or unicodedata.is_normalized("NFC", text)


SLUG_LIMIT = 200  # characters: a page's file name ("15-<slug>.html") stays under the file systems' 255 bytes


def slugify(text: str, limit: int = 0) -> str:
    """ASCII slug for URLs and file names.

    "Đ" becomes "d", tones and marks are dropped and punctuation (including
    "/") separates words: "Kết quả tháng 5/2025" -> "ket-qua-thang-5-2025".
    With *limit*, cut at the last whole word that fits.
    """
    for wrong, right in LOOKALIKE_D.items():
        text = text.replace(wrong, right)
    slug = _ascii_slugify(normalize(text))
    if limit and len(slug) > limit:
        cut = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[: limit + 1] else slug[:limit]
        slug = cut[:limit].strip("-")
    return slug
