"""Imported articles as Markdown files in the content folder: category
mapping, file names that are stable from run to run, and the text."""

from __future__ import annotations

import tomllib
from pathlib import Path

from content_model.checks import SUMMARY_MAX
from vietnamese import slugify

from .model import Imported
from .safe import markdown_text, plain_text

# Old portals' usual headings → the usual names of this portal's categories.
# Used only when the ward has a category of that name; the mapping file wins.
DEFAULT_MAP = {
    "tin-tuc": "Tin tức - Sự kiện",
    "tin-tuc-su-kien": "Tin tức - Sự kiện",
    "tin-hoat-dong": "Tin tức - Sự kiện",
    "hoat-dong-cac-phuong": "Tin tức - Sự kiện",
    "hoat-dong-cua-phuong": "Tin tức - Sự kiện",
    "tin-tuc-hoat-dong": "Tin tức - Sự kiện",
    "bai-viet-chuyen-sau": "Bài viết chuyên sâu",
    "thong-bao": "Thông báo",
    "thong-bao-moi": "Thông báo",
    "hoat-dong-to-dan-pho": "Hoạt động tổ dân phố và các đơn vị hiệp quản",
    "cai-cach-hanh-chinh": "Cải cách hành chính",
    "van-hoa-xa-hoi": "Văn hóa - Xã hội",
}


class MapError(Exception):
    pass


def category_map(ward_file: Path, map_file: Path | None) -> tuple[dict[str, str], list[str]]:
    """{slug of an old heading: this ward's category name}, and the ward's names."""
    ward = tomllib.loads(ward_file.read_text(encoding="utf-8"))
    names = [c["name"] for c in ward.get("categories", [])]
    by_slug = {slugify(name): name for name in names}
    mapping = {slug: by_slug[slugify(target)] for slug, target in DEFAULT_MAP.items() if slugify(target) in by_slug}
    mapping.update(by_slug)
    if map_file:
        try:
            table = tomllib.loads(map_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise MapError(f"{map_file}: không đọc được tệp ánh xạ chuyên mục: {error}") from None
        for old, new in table.get("categories", table).items():
            if not isinstance(new, str) or slugify(new) not in by_slug:
                raise MapError(f"{map_file}: \"{old}\" = \"{new}\": \"{new}\" không phải chuyên mục của phường. Dùng một trong: {', '.join(names)}")
            mapping[slugify(old)] = by_slug[slugify(new)]
    return mapping, names


def file_name(item: Imported) -> str:
    return f"{item.date:%Y}/{item.date:%Y-%m-%d}-{slugify(item.title)[:80].rstrip('-')}"


def short_summary(lead: str) -> str:
    if len(lead) <= SUMMARY_MAX:
        return lead
    cut = lead[:SUMMARY_MAX]
    sentence = max(cut.rfind(". "), cut.rfind("; "))
    if sentence > SUMMARY_MAX // 3:
        return cut[: sentence + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…"


def header_value(text: str) -> str:
    """A header field or a caption as plain text on one line (the readers
    already removed any markup and said so; this holds whatever the caller)."""
    return plain_text(text)[0]


def markdown(item: Imported, category: str, album: bool) -> str:
    lines = [
        f"Title: {header_value(item.title)}",
        f"Date: {item.date:%Y-%m-%d %H:%M}",
        f"Category: {category}",
    ]
    if item.author:
        lines.append(f"Author: {header_value(item.author)}")
    if item.lead:
        lines.append(f"Summary: {markdown_text(short_summary(header_value(item.lead)))}")  # Summary is Markdown
    body = "\n\n".join(item.blocks)
    if album and "[[album]]" not in body:
        body += "\n\n[[album]]"
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"


def captions_file(item: Imported, names: list[str]) -> str:
    captions = [header_value(photo.caption) for photo in item.photos]
    return "".join(f"{name}: {caption}\n" if caption else f"{name}\n" for name, caption in zip(names, captions))
