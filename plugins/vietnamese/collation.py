"""Vietnamese alphabetical order.

The Vietnamese alphabet is A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư
V X Y: letters carrying a breve, circumflex or horn, and "Đ", are letters of
their own that sort after their base letter. Tone marks only break ties
(ngang, huyền, hỏi, ngã, sắc, nặng, the dictionary order), and letter case
comes last. Code-point order gets all of this wrong ("Đ" would sort after
"Z"), and CI machines have no vi_VN locale for ``locale.strxfrm``.
"""

from __future__ import annotations

import unicodedata

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}

# Combining marks that make a new letter, keyed by (base, mark).
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tone marks, in dictionary order (no mark = 0).
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _analyse(char: str) -> tuple[int, int, int]:
    """(letter rank, tone rank, case rank) of one precomposed character."""
    lower = char.lower()
    case = 0 if lower == char else 1
    if lower == "đ":
        return (_LETTER_RANK["đ"] + 1, 0, case)
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    letter = base
    tone = 0
    for mark in marks:
        if (letter, mark) in _LETTER_MARKS:
            letter = _LETTER_MARKS[(letter, mark)]
        elif mark in _TONE_RANK:
            tone = _TONE_RANK[mark]
    if letter in _LETTER_RANK:
        # Letters sort after spaces, digits and punctuation (rank 0 region).
        return (_LETTER_RANK[letter] + 1, tone, case)
    # Not a Vietnamese letter: digits, spaces and punctuation keep their
    # code-point order, placed before letters; other scripts after them.
    code = ord(base)
    if code < 0x80 and not base.isalpha():
        return (-(0x80 - code), 0, case)
    return (len(_ALPHABET) + 1 + code, tone, case)


def sort_key(text: str) -> tuple:
    """Key for ``sorted()`` that orders Vietnamese text alphabetically.

    >>> sorted(["Đô thị", "Dân vận", "Âm nhạc", "An ninh"], key=sort_key)
    ['An ninh', 'Âm nhạc', 'Dân vận', 'Đô thị']
    """
    chars = [_analyse(c) for c in unicodedata.normalize("NFC", text.strip())]
    return (
        tuple(c[0] for c in chars),
        tuple(c[1] for c in chars),
        tuple(c[2] for c in chars),
    )
