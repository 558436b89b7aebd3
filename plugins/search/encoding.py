"""Compact text encoding of posting lists, shared with search.js.

Numbers are variable-length, 5 bits per character, least significant group
first; the alphabet's upper half marks "more groups follow". A posting list
for one word form is, per document in ascending id order, one number
``(doc_id - previous_id - 1) * 8 + min(occurrences, 3) * 2 + in_title`` (so a
dense list spends one character per document on it), then the first
``min(occurrences, positions)`` word positions as gaps: the first absolute,
then ``gap - 1``. ``positions`` is the same for the whole index (manifest).

Because every number is encoded on its own, the text of a list is the
concatenation of the texts of its parts: ``PostingList`` appends documents
to a list as numbers and turns them into text once, at the end.
"""

from __future__ import annotations

from array import array

POSITIONS = 2  # word positions kept per word and document, for proximity
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
assert len(ALPHABET) == 64


def _encode_one(number: int) -> str:
    if number < 0:
        raise ValueError(number)
    out = []
    while True:
        group, number = number & 31, number >> 5
        if number:
            out.append(ALPHABET[group | 32])
        else:
            out.append(ALPHABET[group])
            return "".join(out)


# Every number below 2**15 (up to three characters) looked up, not computed:
# index texts are millions of small numbers.
_TABLE = [_encode_one(n) for n in range(1 << 15)]


def encode_numbers(numbers) -> str:
    if not numbers:
        return ""
    if min(numbers) < 0:
        raise ValueError(min(numbers))
    if max(numbers) < len(_TABLE):
        return "".join(map(_TABLE.__getitem__, numbers))
    return "".join(_TABLE[n] if n < len(_TABLE) else _encode_one(n) for n in numbers)


_DIGITS = {char: value for value, char in enumerate(ALPHABET)}


def decode_numbers(text: str) -> list[int]:
    values, current, shift = [], 0, 0
    digits = _DIGITS
    for char in text:
        digit = digits[char]
        current |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            values.append(current)
            current, shift = 0, 0
    return values


def rebase(text: str, previous: int) -> str:
    """*text*, a posting list written from ``previous = -1`` (its first
    document id absolute), as it reads after a list ending at *previous*:
    only the first number changes."""
    if previous < 0 or not text:
        return text
    head, length, shift = 0, 0, 0
    for length, char in enumerate(text, 1):
        digit = _DIGITS[char]
        head |= (digit & 31) << shift
        shift += 5
        if not digit & 32:
            break
    head -= (previous + 1) * 8
    return (_TABLE[head] if head < len(_TABLE) else _encode_one(head)) + text[length:]


class PostingList:
    """One word form's posting list being written, documents in ascending
    id order; ``text()`` is its encoding."""

    __slots__ = ("numbers", "last")

    def __init__(self, previous: int = -1):
        self.numbers = array("I")
        self.last = previous

    def add(self, doc: int, in_title: bool, occurrences: int, positions: list[int], keep: int) -> None:
        if doc <= self.last:
            raise ValueError(f"document {doc} after {self.last}")
        numbers = self.numbers
        numbers.append((doc - self.last - 1) * 8 + min(occurrences, 3) * 2 + (1 if in_title else 0))
        self.last = doc
        last = -1
        for position in positions[: min(occurrences, keep)]:
            numbers.append(position - last - 1)
            last = position

    def text(self) -> str:
        return encode_numbers(self.numbers)


def encode_postings(postings: list[tuple[int, bool, int, list[int]]], keep: int = POSITIONS) -> str:
    """[(doc id, in title, occurrences, body positions)] by doc id → text."""
    written = PostingList()
    for doc, in_title, occurrences, positions in postings:
        written.add(doc, in_title, occurrences, positions, keep)
    return written.text()


def decode_postings(text: str, keep: int = POSITIONS) -> list[tuple[int, bool, int, list[int]]]:
    numbers = decode_numbers(text)
    out, index, doc = [], 0, -1
    while index < len(numbers):
        head = numbers[index]
        doc += (head >> 3) + 1
        occurrences, in_title = (head >> 1) & 3, bool(head & 1)
        index += 1
        stored = min(occurrences, keep)
        positions, last = [], -1
        for gap in numbers[index : index + stored]:
            last += gap + 1
            positions.append(last)
        index += stored
        out.append((doc, in_title, occurrences, positions))
    return out
