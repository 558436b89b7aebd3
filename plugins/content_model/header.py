"""The metadata header of a Markdown article, read with line numbers.

Pelican's Markdown reader hands metadata to the ``meta`` extension, which
forgets where each value came from and silently turns a mistyped header line
into body text. We read the header ourselves so that every message can name
the line, and so that small slips (``title :``, ``TITLE:``) are understood.

The format is Pelican's: ``Key: value`` lines from the top of the file up to
the first blank line; a line indented by four spaces continues the previous
value. The header ends only at the first blank line: a line inside it that
is not ``Key: value`` (an accented key, a missing colon, a stray line, a
known key pushed right by a tab) is kept in ``bad_lines``, never made body
text, so that whatever follows it (``Status: draft``) is still read. A file
whose first line is not ``Key: value`` has no header at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY_LINE = re.compile(r"^[ \t]{0,3}(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^(?: {4}|\t)(?P<value>.*)$")


@dataclass
class Header:
    values: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    written_keys: dict[str, str] = field(default_factory=dict)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)  # (line, text) not Key: value
    body: str = ""
    body_line: int = 1

    def get(self, key: str) -> str | None:
        values = self.values.get(key)
        return "\n".join(values).strip() if values is not None else None


def split_header(text: str, known: frozenset[str] | set[str] = frozenset()) -> Header:
    """Split *text* (already NFC) into a header and the Markdown body.
    *known*: the keys that have a meaning; an indented line holding one
    (``\tStatus: draft``) is a misplaced key, not a continuation."""
    header = Header()
    lines = text.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    current: str | None = None
    index = 0
    for index, line in enumerate(lines):
        line = line.rstrip("\r")
        if not line.strip():
            index += 1  # the blank line belongs to neither part
            break
        cont = _CONTINUATION.match(line)
        if cont and index > 0:
            pushed = _KEY_LINE.match(cont.group("value").strip())
            if pushed and pushed.group("key").lower() in known or current is None:
                header.bad_lines.append((index + 1, line))  # a key pushed right, or nothing to continue
                continue
            header.values[current].append(cont.group("value").strip())
            continue
        match = _KEY_LINE.match(line)
        if not match:
            if index == 0:
                break  # no header: the file is all body
            header.bad_lines.append((index + 1, line))
            current = None
            continue
        written = match.group("key")
        key = written.lower()
        current = key
        if key in header.values:
            header.duplicates.append((key, index + 1))
            # Keep the first definition, as Pelican does, but read the rest
            # of this entry's lines so they don't leak into the body.
            current = f"{key}\0dup{index}"
            header.values[current] = []
            continue
        header.values[key] = [match.group("value").strip()]
        header.lines[key] = index + 1
        header.written_keys[key] = written
    else:
        index = len(lines)
    header.values = {k: v for k, v in header.values.items() if "\0" not in k}
    header.body = "\n".join(lines[index:])
    header.body_line = index + 1
    return header
