"""Compact text encoding of posting lists, shared with search.js.

Numbers are variable-length, 5 bits per character, least significant group
first; the alphabet's upper half marks "more groups follow". A posting list
for one word form is, per document in ascending id order:
``doc_id - previous_id - 1``, ``stored_positions * 2 + in_title``, then the
stored positions as gaps (first absolute, then ``gap - 1``).
"""

from __future__ import annotations

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


def encode_postings(postings: list[tuple[int, bool, list[int]]]) -> str:
    """[(doc id, in title, body positions)] sorted by doc id → text."""
    numbers = []
    previous = -1
    for doc, in_title, positions in postings:
        numbers.append(doc - previous - 1)
        previous = doc
        numbers.append(len(positions) * 2 + (1 if in_title else 0))
        last = -1
        for position in positions:
            numbers.append(position - last - 1)
            last = position
    return encode_numbers(numbers)


def decode_postings(text: str) -> list[tuple[int, bool, list[int]]]:
    numbers = decode_numbers(text)
    out, index, doc = [], 0, -1
    while index < len(numbers):
        doc += numbers[index] + 1
        flags = numbers[index + 1]
        index += 2
        count, in_title = flags >> 1, bool(flags & 1)
        positions, last = [], -1
        for gap in numbers[index : index + count]:
            last += gap + 1
            positions.append(last)
        index += count
        out.append((doc, in_title, positions))
    return out
