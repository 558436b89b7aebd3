"""The metadata header of a Markdown article, read with line numbers.

Pelican's Markdown reader hands metadata to the ``meta`` extension, which
forgets where each value came from and silently turns a mistyped header line
into body text. We read the header ourselves so that every message can name
the line, and so that small slips (``title :``, ``TITLE:``) are understood.

The format is Pelican's: ``Key: value`` lines from the top of the file up to
the first blank line; a line indented by four spaces continues the previous
value. The first line that is not ``Key: value`` starts the body.
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
    body: str = ""
    body_line: int = 1

    def get(self, key: str) -> str | None:
        values = self.values.get(key)
        return "\n".join(values).strip() if values is not None else None


def split_header(text: str) -> Header:
    """Split *text* (already NFC) into a header and the Markdown body."""
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
        if cont and current is not None:
            header.values[current].append(cont.group("value").strip())
            continue
        match = _KEY_LINE.match(line)
        if not match:
            break
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
