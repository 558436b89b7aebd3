"""Plain-text exports of old portal articles (what the old CMS or a
copy-paste of the page gives): category heading, title, date line, body
paragraphs with photo captions, a gallery heading, the "BT: …" byline, and
the page's noise around them."""

from __future__ import annotations

from pathlib import Path

from . import cleaning, safe
from .model import Imported

HEADER_WINDOW = 8  # the date line is among the first lines that are not noise


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def parse_text(text: str, source: Path) -> Imported:
    item = Imported(source=source)
    text, notes = cleaning.repair_encoding(cleaning.nfc(text.replace("\r\n", "\n").replace("\r", "\n")))
    item.attention += notes
    lines: list[str] = []
    for raw in text.split("\n"):
        line = cleaning.clean_line(raw)
        if line and cleaning.is_noise(line):
            item.dropped.append(line)
            continue
        lines.append(line)
    # The header: [category], title, date line.
    filled = [(i, line) for i, line in enumerate(lines) if line]
    date_at = next((k for k, (_, line) in enumerate(filled[:HEADER_WINDOW]) if cleaning.parse_date(line)), None)
    if date_at is None or date_at == 0:
        item.attention.append("không tìm thấy dòng ngày đăng (\"Ngày đăng 20/02/2023 | 12:12\") ngay sau tiêu đề")
        body_start = filled[1][0] if len(filled) > 1 else len(lines)
        item.title = filled[0][1] if filled else ""
    else:
        item.date = cleaning.parse_date(filled[date_at][1])
        item.title = filled[date_at - 1][1]
        if date_at >= 2:
            item.category = filled[date_at - 2][1]
            item.dropped += [line for _, line in filled[: date_at - 2]]
        body_start = filled[date_at][0] + 1
    paragraphs = [line for line in lines[body_start:] if line]
    for index, line in enumerate(paragraphs):
        if cleaning.is_tail(line):
            item.dropped += paragraphs[index:]
            paragraphs = paragraphs[:index]
            break
    paragraphs, had_copy = cleaning.drop_second_copy(paragraphs, item.title)
    if had_copy:
        item.dropped.append("(bản sao thứ hai của bài)")
    # The byline, among the last lines.
    for index in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 4), -1):
        name = cleaning.byline(paragraphs[index])
        if name:
            item.author = name
            del paragraphs[index]
            break
    item.blocks, item.lead = text_blocks(paragraphs)
    safe.plain_fields(item)  # title, byline and lead as plain text: a tag in them is removed, and said
    return item


def text_blocks(paragraphs: list[str]) -> tuple[list[str], str]:
    """Markdown blocks for body lines; captions become italic lines."""
    blocks: list[str] = []
    lead = ""
    in_gallery = False
    for index, line in enumerate(paragraphs):
        if cleaning.is_gallery_heading(line):
            in_gallery = True
            blocks.append(escape(line))
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        caption = lead and (in_gallery or (cleaning.looks_like_caption(line) and not cleaning.looks_like_caption(following)
                                            and not following.startswith(("1.", "-"))))
        if caption:
            blocks.append(f"*{escape(line)}*")
            continue
        blocks.append(escape(line))
        if not lead:
            lead = line
    return blocks, lead


def escape(line: str) -> str:
    """Text as Markdown that shows exactly that text: no HTML, no heading,
    quote or emphasis by accident, no link; numbered and dashed lists stay
    lists (``safe.markdown_text``)."""
    return safe.markdown_text(line)


def read_text_source(path: Path) -> Imported:
    try:
        text = decode(path.read_bytes())
    except UnicodeDecodeError as error:
        item = Imported(source=path)
        item.attention.append(f"tệp không phải UTF-8 (byte lỗi ở vị trí {error.start}): mở bằng trình soạn thảo, lưu lại dạng UTF-8 rồi nhập lại")
        return item
    return parse_text(text, path)
