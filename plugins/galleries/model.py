"""Where an article's photos are, in which order, with which captions."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from editor_errors import Problem

from .captions import IMAGE_EXTENSIONS, parse_captions
from .processing import Variant

IGNORED_FILES = {"thumbs.db", "desktop.ini", "readme.txt", "readme.md"}


@dataclass
class Photo:
    source: Path
    caption: str = ""
    sha: str = ""
    variants: list[Variant] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def ready(self) -> bool:
        return bool(self.variants)

    def sizes(self) -> list[Variant]:
        """Published sizes, smallest first (the sharing size included)."""
        return sorted((v for v in self.variants if v.file != "full.jpg"), key=lambda v: v.width)

    def url(self, variant: Variant, folder: str) -> str:
        stem = "full" if variant.file == "full.jpg" else str(variant.width)
        return f"{folder}/{self.sha[:16]}-{stem}.jpg"


@dataclass
class Gallery:
    folder: Path
    photos: list[Photo]
    captions_file: Path | None = None

    @property
    def ready_photos(self) -> list[Photo]:
        return [p for p in self.photos if p.ready]


def natural_key(name: str) -> tuple:
    """'anh2.jpg' before 'anh10.jpg', as people expect."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)) + (name,)


def inside(path: Path, root: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
        return True
    except ValueError:
        return False


def is_image_name(name: str) -> bool:
    return name.lower().endswith(IMAGE_EXTENSIONS)


def find_folder(article: Path, content_root: Path, album: str | None, album_line: int) -> tuple[Path | None, list[Problem]]:
    """The photo folder of *article*: ``Album:`` if given, else the folder
    named like the article file without ``.md``."""
    if album is None:
        folder = article.with_suffix("")
        return (folder if folder.is_dir() else None), []
    where = (str(article), album_line)
    if os.path.isabs(album) or album.startswith(("\\", "~")):
        return None, [Problem(*where, f"Album: \"{album}\" là đường dẫn tuyệt đối. Ghi đường dẫn tương đối tới thư mục ảnh, tính từ thư mục chứa bài, ví dụ Album: {article.stem}")]
    folder = article.parent / album
    if not inside(folder, content_root):
        return None, [Problem(*where, f"Album: \"{album}\" trỏ ra ngoài thư mục nội dung. Ảnh phải nằm trong thư mục nội dung, cạnh bài viết.")]
    if not folder.is_dir():
        return None, [Problem(*where, f"Không có thư mục ảnh \"{album}\" (tìm ở {folder}). Tạo thư mục và chép ảnh vào, hoặc sửa dòng Album.")]
    return folder, []


def read_gallery(folder: Path, content_root: Path, captions_name: str) -> tuple[Gallery, list[Problem]]:
    problems: list[Problem] = []
    photos: dict[str, Photo] = {}
    captions_file = None
    for entry in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        name = entry.name
        if name.startswith(".") or name.lower() in IGNORED_FILES:
            continue
        if name.casefold() == captions_name.casefold():
            captions_file = entry
            continue
        if not inside(entry, content_root):
            problems.append(Problem(str(entry), 0, "Tệp này là liên kết (symlink) trỏ ra ngoài thư mục nội dung. Chép ảnh thật vào thư mục thay cho liên kết."))
            continue
        if entry.is_dir():
            problems.append(Problem(str(entry), 0, "Thư mục con trong thư mục ảnh không được dùng. Đưa ảnh ra thư mục của bài."))
            continue
        if not is_image_name(name):
            problems.append(Problem(str(entry), 0, f"\"{name}\" không phải tệp ảnh (JPEG, PNG, WebP, HEIC). Chuyển tệp này ra khỏi thư mục ảnh; tài liệu để tải về đặt trong thư mục tep/."))
            continue
        if entry.stat().st_size == 0:
            problems.append(Problem(str(entry), 0, "Tệp ảnh rỗng (0 byte). Chép lại ảnh từ điện thoại hoặc máy ảnh."))
            continue
        photos[name.casefold()] = Photo(entry)

    ordered = list(photos.values())
    if captions_file is not None:
        try:
            captions = parse_captions(captions_file.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(str(captions_file), 0, "Tệp chú thích không phải UTF-8. Mở tệp và lưu lại với bảng mã UTF-8."))
            captions = parse_captions("")
        for line, text in captions.bad_lines:
            problems.append(Problem(str(captions_file), line, f"Không hiểu dòng \"{text}\". Mỗi dòng ghi: tên-tệp-ảnh.jpg: chú thích (mỗi ảnh một dòng)."))
        listed = []
        for name in captions.order:
            key = name.casefold()
            photo = photos.get(key)
            if photo is None:
                problems.append(Problem(str(captions_file), captions.lines[key], f"Không có ảnh \"{name}\" trong thư mục {folder.name}. Sửa tên cho khớp với tệp ảnh, hoặc xóa dòng này."))
                continue
            photo.caption = captions.text[key]
            listed.append(photo)
        ordered = listed + [p for p in ordered if p not in listed]
    return Gallery(folder, ordered, captions_file), problems
