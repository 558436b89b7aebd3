"""Compact text encoding of posting lists, shared with search.js.

Numbers are variable-length, 5 bits per character, least significant group
first; the alphabet's upper half marks "more groups follow". A posting list
for one word form is, per document in ascending id order, one number
``(doc_id - previous_id - 1) * 8 + min(occurrences, 3) * 2 + in_title`` (so a
dense list spends one character per document on it), then the first
``min(occurrences, positions)`` word positions as gaps: the first absolute,
then ``gap - 1``. ``positions`` is the same for the whole index (manifest).
"""

from __future__ import annotations

POSITIONS = 2  # word positions kept per word and document, for proximity
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
assert len(ALPHABET) == 64


def encode_numbers(numbers) -> str:
    out = []
    for number in numbers:
        if number < 0:
            raise ValueError(number)
        while True:
            group, number = number & 31, number >> 5
            if number:
                out.append(ALPHABET[group | 32])
            else:
                out.append(ALPHABET[group])
                break
    return "".join(out)


def decode_numbers(text: str) -> list[int]:
    values, current, shift = [], 0, 0
    for char in text:
        digit = ALPHABET.index(char)
        current |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            values.append(current)
            current, shift = 0, 0
    return values


def encode_postings(postings: list[tuple[int, bool, int, list[int]]], keep: int = POSITIONS) -> str:
    """[(doc id, in title, occurrences, body positions)] by doc id → text."""
    numbers = []
    previous = -1
    for doc, in_title, occurrences, positions in postings:
        numbers.append((doc - previous - 1) * 8 + min(occurrences, 3) * 2 + (1 if in_title else 0))
        previous = doc
        last = -1
        for position in positions[: min(occurrences, keep)]:
            numbers.append(position - last - 1)
            last = position
    return encode_numbers(numbers)


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
