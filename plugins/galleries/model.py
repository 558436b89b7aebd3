"""Where an article's photos are, in which order, with which captions."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from editor_errors import WARNING, Problem, line_of, say

from safety import markup_in_text
from safety.images import PIXEL_LIMIT

from .captions import IMAGE_EXTENSIONS, parse_captions, photo_key
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


HUGE_BYTES = 25_000_000
HUGE_PIXELS = 50_000_000


def size_problems(path: Path) -> list[Problem]:
    """A warning for a photo much larger than any phone's: it is processed
    anyway, but slowly, and it bloats the repository."""
    size = path.stat().st_size
    try:
        from .processing import open_image

        with open_image(path) as image:  # reads the header only
            pixels = image.width * image.height
    except Exception:  # a broken photo is reported when it is processed
        pixels = 0
    if size <= HUGE_BYTES and pixels <= HUGE_PIXELS or pixels > PIXEL_LIMIT:  # over the limit: an error, later
        return []
    return [Problem(str(path), 0, say(
        f"Ảnh rất lớn ({size / 1e6:.0f} MB, {pixels / 1e6:.0f} megapixel). Cổng vẫn xử lý được nhưng chậm; nên thu nhỏ ảnh xuống dưới 12 megapixel trước khi đưa lên.",
        f"Very large photo ({size / 1e6:.0f} MB, {pixels / 1e6:.0f} megapixels). It is processed, but slowly; scale it below 12 megapixels before adding it.",
    ), WARNING)]


def find_folder(article: Path, content_root: Path, album: str | None, album_line: int) -> tuple[Path | None, list[Problem]]:
    """The photo folder of *article*: ``Album:`` if given, else the folder
    named like the article file without ``.md``."""
    if album is None:
        folder = article.with_suffix("")
        return (folder if folder.is_dir() else None), []
    where = (str(article), album_line)
    if os.path.isabs(album) or album.startswith(("\\", "~")):
        return None, [
            Problem(
                *where,
                say(
                    f"Album: \"{album}\" là đường dẫn tuyệt đối. Ghi đường dẫn tương đối tới thư mục ảnh, tính từ thư mục chứa bài, ví dụ Album: {article.stem}",
                    f"Album: \"{album}\" is an absolute path. Write the path to the photo folder relative to the article's folder, for example Album: {article.stem}",
                ),
            )
        ]
    folder = article.parent / album
    if not inside(folder, content_root):
        return None, [
            Problem(
                *where,
                say(
                    f"Album: \"{album}\" trỏ ra ngoài thư mục nội dung. Ảnh phải nằm trong thư mục nội dung, cạnh bài viết.",
                    f"Album: \"{album}\" points outside the content folder. Photos must be inside the content folder, next to the article.",
                ),
            )
        ]
    if not folder.is_dir():
        return None, [
            Problem(
                *where,
                say(
                    f"Không có thư mục ảnh \"{album}\" (tìm ở {folder}). Tạo thư mục và chép ảnh vào, hoặc sửa dòng Album.",
                    f"There is no photo folder \"{album}\" (looked for {folder}). Create the folder and copy the photos into it, or fix the Album line.",
                ),
            )
        ]
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
            problems.append(
                Problem(
                    str(entry),
                    0,
                    say(
                        "Tệp này là liên kết (symlink) trỏ ra ngoài thư mục nội dung. Chép ảnh thật vào thư mục thay cho liên kết.",
                        "This file is a link (symlink) that points outside the content folder. Copy the real photo into the folder instead of the link.",
                    ),
                )
            )
            continue
        if entry.is_dir():
            problems.append(
                Problem(
                    str(entry),
                    0,
                    say(
                        "Thư mục con trong thư mục ảnh không được dùng. Đưa ảnh ra thư mục của bài.",
                        "Subfolders of a photo folder are not used. Move the photos up into the article's folder.",
                    ),
                )
            )
            continue
        if not is_image_name(name):
            problems.append(
                Problem(
                    str(entry),
                    0,
                    say(
                        f"\"{name}\" không phải tệp ảnh (JPEG, PNG, WebP, HEIC). Chuyển tệp này ra khỏi thư mục ảnh; tài liệu để tải về đặt trong thư mục tep/.",
                        f"\"{name}\" is not an image file (JPEG, PNG, WebP, HEIC). Move it out of the photo folder; documents for download go in the tep/ folder.",
                    ),
                )
            )
            continue
        if entry.stat().st_size == 0:
            problems.append(
                Problem(
                    str(entry),
                    0,
                    say(
                        "Tệp ảnh rỗng (0 byte). Chép lại ảnh từ điện thoại hoặc máy ảnh.",
                        "The photo file is empty (0 bytes). Copy the photo again from the phone or camera.",
                    ),
                )
            )
            continue
        problems += size_problems(entry)
        key = photo_key(name)
        if key in photos:
            other = photos[key].source.name
            problems.append(Problem(str(entry), 0, say(
                f"Hai ảnh \"{other}\" và \"{name}\" chỉ khác nhau ở chữ hoa/thường hay cách gõ dấu: trên Windows, "
                "macOS và trong chu-thich.txt đó là một tên. Cả hai đều được đăng; đổi tên một ảnh để chú thích đúng ảnh.",
                f"The photos \"{other}\" and \"{name}\" differ only in upper/lower case or in how the accents are "
                "typed: on Windows, macOS and in chu-thich.txt they are one name. Both are published; rename one so "
                "that captions find the right photo.",
            ), WARNING))
            key = f"{key}\0{len(photos)}"  # kept, under a key no caption line can name
        photos[key] = Photo(entry)

    ordered = list(photos.values())
    stems = {photo_key(os.path.splitext(p.source.name)[0]): key for key, p in photos.items() if "\0" not in key}
    if captions_file is not None:
        try:
            captions = parse_captions(captions_file.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    str(captions_file),
                    0,
                    say(
                        "Tệp chú thích không phải UTF-8. Mở tệp và lưu lại với bảng mã UTF-8.",
                        "The captions file is not UTF-8. Open it and save it again with the UTF-8 encoding.",
                    ),
                )
            )
            captions = parse_captions("")
        for key in set(captions.bare) - set(stems):  # not a photo's name without its extension either
            captions.bad_lines.append((captions.lines[key], captions.bare[key]))
            captions.order = [n for n in captions.order if photo_key(n) != key]
        captions.bad_lines.sort()
        for line, text in captions.bad_lines:
            problems.append(
                Problem(
                    str(captions_file),
                    line,
                    say(
                        f"Không hiểu dòng \"{text}\". Mỗi dòng ghi: tên-tệp-ảnh.jpg: chú thích (mỗi ảnh một dòng).",
                        f"Cannot understand the line \"{text}\". Write each line as: photo-file-name.jpg: caption (one line per photo).",
                    ),
                )
            )
        listed = []
        for name in captions.order:
            key = photo_key(name)
            photo = photos.get(stems[key] if key in captions.bare else key)
            if photo is None:
                problems.append(
                    Problem(
                        str(captions_file),
                        captions.lines[key],
                        say(
                            f"Không có ảnh \"{name}\" trong thư mục {folder.name}. Sửa tên cho khớp với tệp ảnh, hoặc xóa dòng này.",
                            f"There is no photo \"{name}\" in the folder {folder.name}. Correct the name to match the photo file, or delete this line.",
                        ),
                    )
                )
                continue
            photo.caption = captions.text[key]
            marked = markup_in_text(str(captions_file), captions.lines[key], photo.caption, say("Chú thích", "The caption"))
            if marked is not None:
                problems.append(marked)
            listed.append(photo)
        ordered = listed + [p for p in ordered if p not in listed]
    return Gallery(folder, ordered, captions_file), problems


def resolve_photo(source: Path, content_root: Path, folder: Path | None, ref: str, line: int, shown: str):
    """A photo named in an article: found in its photo folder, then next
    to the article. Returns (path, None) or (None, problem)."""
    where = (str(source), line or 1)
    if os.path.isabs(ref) or ref.startswith("/"):
        return None, Problem(
            *where,
            say(
                f"Ảnh \"{shown}\" dùng đường dẫn tuyệt đối. Ghi tên tệp ảnh trong thư mục ảnh của bài, ví dụ ![mô tả](anh-1.jpg).",
                f"The photo \"{shown}\" uses an absolute path. Write the name of the photo file in the article's photo folder, for example ![description](anh-1.jpg).",
            ),
        )
    candidates = ([folder / ref] if folder else []) + [source.with_suffix("") / ref, source.parent / ref]
    candidates += [found for c in candidates if not c.is_file() for found in [_same_name(c)] if found is not None]
    for candidate in candidates:
        if candidate.is_file():
            if not inside(candidate, content_root):
                return None, Problem(
                    *where,
                    say(
                        f"Ảnh \"{shown}\" nằm ngoài thư mục nội dung. Chép ảnh vào thư mục ảnh của bài.",
                        f"The photo \"{shown}\" is outside the content folder. Copy the photo into the article's photo folder.",
                    ),
                )
            if not is_image_name(candidate.name):
                return None, Problem(
                    *where,
                    say(
                        f"\"{shown}\" không phải tệp ảnh (JPEG, PNG, WebP, HEIC).",
                        f"\"{shown}\" is not an image file (JPEG, PNG, WebP, HEIC).",
                    ),
                )
            return candidate, None
    return None, Problem(
        *where,
        say(
            f"Không tìm thấy ảnh \"{shown}\". Chép ảnh vào thư mục {source.stem}/ cạnh bài viết, hoặc sửa tên cho đúng.",
            f"The photo \"{shown}\" was not found. Copy it into the folder {source.stem}/ next to the article, or correct the name.",
        ),
    )


def _same_name(path: Path) -> Path | None:
    """The photo next to *path* that an editor typing *path* means: the same
    name but for case or Unicode form, or the name without its extension."""
    try:
        entries = [e for e in path.parent.iterdir() if is_image_name(e.name)]
    except OSError:
        return None
    wanted = photo_key(path.name)
    for entry in sorted(entries):
        if photo_key(entry.name) == wanted or photo_key(os.path.splitext(entry.name)[0]) == wanted:
            return entry
    return None


@dataclass
class Discovery:
    gallery: Gallery | None
    soup: object  # the parsed body when it has <img> tags, else None
    inline: list  # (<img> tag, Photo) for each photo placed in the body
    cover: Photo | None  # from Image:
    problems: list[Problem]


def discover(source: Path, content_root: Path, metadata: dict, lines: dict, body_line: int, html: str, captions_name: str) -> Discovery:
    """Everything an article says about its photos, checked but not decoded:
    shared by the build and ``invoke check``."""
    problems: list[Problem] = []
    folder, found = find_folder(source, content_root, metadata.get("album"), lines.get("album", 1))
    problems += found
    gallery = None
    if folder is not None:
        gallery, found = read_gallery(folder, content_root, captions_name)
        problems += found

    inline: list[tuple[object, Photo]] = []
    soup = None
    if "<img" in html:
        soup = BeautifulSoup(html, "html.parser")
        for img in soup.find_all("img"):
            src = img.get("src", "")
            parts = urlsplit(src)
            if parts.scheme or parts.netloc or src.startswith(("{", "data:")):
                continue  # external, data: or Pelican {static} links: not ours
            path, problem = resolve_photo(source, content_root, folder, unquote(parts.path), line_of(source, src, body_line), src)
            if problem:
                problems.append(problem)
                img.decompose()  # preview: no broken image in the page
                continue
            inline.append((img, Photo(path, caption=img.get("title", ""))))
        if gallery is not None and inline:
            used = {os.path.realpath(p.source) for _, p in inline}
            gallery.photos = [p for p in gallery.photos if os.path.realpath(p.source) not in used]

    cover = None
    image = metadata.get("image")
    if image:
        path, problem = resolve_photo(source, content_root, folder, image, lines.get("image", 1), image)
        if problem:
            problems.append(problem)
        else:
            cover = Photo(path)
    return Discovery(gallery, soup, inline, cover, problems)
