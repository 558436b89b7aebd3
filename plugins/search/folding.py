"""How Vietnamese words are matched: with and without tone marks.

Every word gets two keys:
- the **folded** key drops every mark and turns "đ" into "d": what people
  type on a phone without tone marks ("hoi nghi dai bieu", "duong");
- the **exact** key keeps the letter marks (ă â ê ô ơ ư đ) and moves the
  tone to the end as a digit, so that the old and new tone placements are
  one key: "hoà" and "hòa" are both "hoa1", "thuỷ" and "thủy" both "thuy2".

Search matches on the folded key and ranks exact matches higher. The same
rules are implemented in ``theme/static/js/search.js`` for the query; the
tests run both on the same cases.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Tone marks (combining), numbered in dictionary order: huyền, hỏi, ngã, sắc, nặng.
TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words that carry no meaning for search (exact keys). They are not
# indexed; a query word that is one of them is ignored.
STOPWORDS_TEXT = """
của và các là có được những trong cho với không một đã để này khi từ theo tại về thì ra vào
lại cũng như đến nhiều nhưng mà hay hoặc nên vì do bởi sẽ đang rất còn đó nào ở trên dưới
sau trước giữa qua bị cùng nhau thêm vẫn chỉ đều mỗi mọi tất cả ấy thế vậy gì ai sự việc
"""


@functools.lru_cache(maxsize=1 << 18)  # a language has few distinct words: decompose each once
def exact_key(word: str) -> str:
    """'Hội' → 'hôi5', 'hoà' → 'hoa1', 'đường' → 'đương1'."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = ""
    kept = []
    for char in decomposed:
        if char in TONES:
            tone = TONES[char]
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


@functools.lru_cache(maxsize=1 << 18)
def folded_key(word: str) -> str:
    """'Hội' → 'hoi', 'Đường' → 'duong' (NFD alone would keep the đ)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


STOPWORDS = frozenset(exact_key(w) for w in STOPWORDS_TEXT.split())


def words(text: str) -> list[str]:
    """The words of *text*, in order (letters and digits; NFC first)."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def keys(text: str) -> list[tuple[str, str]]:
    """(exact, folded) for every word of *text*, stopwords included, so that
    positions still count them (proximity is measured in the real text)."""
    return [(exact_key(w), folded_key(w)) for w in words(text)]
