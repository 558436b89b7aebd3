"""The optional captions file of a photo folder (``chu-thich.txt``).

One line per photo, in the order the photos should appear::

    # dòng bắt đầu bằng # là ghi chú
    toan-canh.jpg: Toàn cảnh hội nghị
    phat-bieu.jpg: Đồng chí Chủ tịch UBND phường phát biểu
    tang-qua.jpg

A photo not listed keeps file-name order, after the listed ones. Names
match whatever the case or Unicode form (``photo_key``), and a name written
without its extension (Windows hides them: ``IMG_0001: …``) matches the
photo of that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vietnamese import normalize

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".tif", ".tiff")
_LINE = re.compile(
    r"^(?P<name>[^:|]+?\.(?:" + "|".join(e[1:] for e in IMAGE_EXTENSIONS) + r"))\s*(?:[:|]\s*(?P<caption>.*))?$",
    re.IGNORECASE,
)
_BARE = re.compile(r"^(?P<name>[^:|.]+?)\s*[:|]\s*(?P<caption>.*)$")


def photo_key(name: str) -> str:
    """How photo names are compared: NFC and case-folded, so that "ANH1.JPG"
    finds "anh1.jpg" and a name typed in NFC finds a file saved in NFD."""
    return normalize(name).casefold()


@dataclass
class Captions:
    order: list[str] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    bare: dict[str, str] = field(default_factory=dict)  # key → line, for names written without an extension


def parse_captions(text: str) -> Captions:
    captions = Captions()
    for number, raw in enumerate(normalize(text.lstrip("\ufeff")).splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        bare = match is None and _BARE.match(line)
        if not match and not bare:
            captions.bad_lines.append((number, line))
            continue
        match = match or bare
        name = match.group("name").strip()
        key = photo_key(name)
        if bare:
            captions.bare[key] = line
        if key in captions.lines:
            captions.bad_lines.append((number, line))
            continue
        captions.order.append(name)
        captions.lines[key] = number
        captions.text[key] = (match.group("caption") or "").strip()
    return captions
