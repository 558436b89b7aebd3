"""Turning one photo into its published sizes, cached by content hash.

Runs in worker processes, so it imports nothing from Pelican and nothing
that holds state (``editor_errors`` is imported only when a message for the
editor is made). The levers that make it fast (see docs/benchmarks.md):
- JPEG draft mode: libjpeg decodes straight at 1/2, 1/4 or 1/8 scale, as
  long as the result is still at least as large as the biggest size needed;
- every smaller size is made from the biggest one, not from the original;
- the cache is keyed by the file's SHA-256 and the settings, so renaming or
  moving a photo, or a fresh clone with the cache folder restored, reuses it;
  what no build has used for ``CACHE_IDLE_DAYS`` is removed (``prune_cache``).

Every published file is re-encoded from pixels, so no EXIF, GPS, XMP or
maker-note block from the camera can survive.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError
from safety.images import pixels_text, too_many_pixels

_heif = {"tried": False}


def _add_heif() -> bool:
    """Teach Pillow HEIC/HEIF (iPhones, many Android phones); True the first
    time it is added. Done only when a photo Pillow cannot read turns up:
    pillow-heif's libraries add 7 MB to every process that loads them."""
    if _heif["tried"]:
        return False
    _heif["tried"] = True
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        return False
    register_heif_opener()
    return True


def open_image(path) -> Image.Image:
    """``Image.open``, reading HEIC/HEIF too."""
    try:
        return Image.open(path)
    except UnidentifiedImageError:
        if not _add_heif():
            raise
        return Image.open(path)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from editor_errors import Text

# Bump when the output of this module changes for the same input.
# 2: each size's SHA-256 is recorded, and checked when the size is reused.
PIPELINE_VERSION = 2


@dataclass(frozen=True)
class Recipe:
    """What to make from each photo; part of the cache key."""

    widths: tuple[int, ...] = (480, 960, 1600)
    share_width: int = 1200
    quality: int = 80
    keep_original: bool = False

    @property
    def key(self) -> str:
        text = json.dumps([PIPELINE_VERSION, self.widths, self.share_width, self.quality, self.keep_original])
        return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    file: str  # name inside the photo's cache folder
    sha256: str = ""  # of the file's bytes, checked whenever the file is reused


class PhotoError(Exception):
    """The file is not a usable image; ``message`` is for the editor, in both
    languages (an ``editor_errors.Text``, picklable across processes)."""

    def __init__(self, message: Text):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def say(vi: str, en: str) -> Text:
    """``editor_errors.say``, imported on first use so that importing this
    module does not import Pelican."""
    from editor_errors import say

    return say(vi, en)


def cache_folder(cache_root: str | os.PathLike, recipe: Recipe, sha: str) -> Path:
    return Path(cache_root) / recipe.key / sha[:2] / sha


_RECIPE, _BUCKET, _SHA = (re.compile(f"[0-9a-f]{{{n}}}") for n in (12, 2, 64))


def prune_cache(cache_root: str | os.PathLike, recipe: Recipe, used: Iterable[str], idle_days: float) -> int:
    """Mark the sizes of the photos *used* (SHA-256s) by this build as used,
    and remove what no build has used for *idle_days*: the sizes of photos
    deleted or replaced, the whole tree of an earlier recipe (other sizes or
    quality), work folders a killed build left. A folder in use is marked
    (its time set to now) at most once a day, not rewritten on every build.
    Sites sharing the cache each mark their own. Only names this module makes
    are looked at: the folder may hold other files. How many entries were
    removed."""
    import shutil
    import time

    root = Path(cache_root)
    current = root / recipe.key
    if not current.is_dir():
        return 0
    now = time.time()
    limit, stale_mark = now - idle_days * 86400, now - 86400
    kept = {str(cache_folder(root, recipe, sha)) for sha in used}
    others = [entry for entry in os.scandir(root) if entry.path != str(current) and _RECIPE.fullmatch(entry.name)]
    buckets = [entry for entry in os.scandir(current) if entry.is_dir(follow_symlinks=False) and _BUCKET.fullmatch(entry.name)]
    entries = others + [entry for bucket in buckets for entry in os.scandir(bucket.path)
                        if _SHA.fullmatch(entry.name) or entry.name.startswith(".tmp-")]
    removed = 0
    for entry in entries:
        try:
            mtime = entry.stat(follow_symlinks=False).st_mtime
            if entry.path in kept:
                if mtime < stale_mark:
                    os.utime(entry.path)
            elif mtime < limit:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
                removed += 1
        except OSError:
            pass  # in use by another build: left for later
    if current.stat().st_mtime < stale_mark:
        os.utime(current)
    return removed


_VARIANT_FILE = re.compile(r"(?:full|[0-9]{1,5})\.jpg")


def load_cached(folder: Path, digest=None) -> list[Variant] | None:
    """The sizes cached in *folder*, or None when there are none or they
    cannot be trusted (see ``verify_cached``)."""
    variants, _damaged = verify_cached(folder, digest)
    return variants


def verify_cached(folder: Path, digest=None) -> tuple[list[Variant] | None, bool]:
    """(sizes, damaged): the sizes cached in *folder* when every one is a
    regular file of that folder whose SHA-256 is the one recorded when it
    was made; *digest(path)* gives a file's SHA-256 (default: read it).
    A cache can be restored from anywhere (CI's ``restore-keys``), so a
    record naming other files, a link, a changed byte or a record that is
    not ours makes the entry damaged: made again, never published."""
    record = folder / "variants.json"
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, False
    except (OSError, ValueError):
        return None, True
    try:
        variants = [Variant(int(v["width"]), int(v["height"]), str(v["file"]), str(v["sha256"])) for v in data]
    except (TypeError, KeyError, ValueError, AttributeError):
        return None, True
    if not variants:
        return None, True
    digest = digest or _read_digest
    for variant in variants:
        path = folder / variant.file
        if not _VARIANT_FILE.fullmatch(variant.file) or not _SHA.fullmatch(variant.sha256) or variant.width <= 0:
            return None, True
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None, True
        except FileNotFoundError:
            return None, True
        if digest(str(path)) != variant.sha256:
            return None, True
    return variants, False


def _read_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _draft_size(image: Image.Image, width: int) -> tuple[int, int]:
    """Stored-orientation size to ask the JPEG decoder for, so that the
    displayed width is still at least *width* after EXIF rotation."""
    stored_w, stored_h = image.size
    orientation = image.getexif().get(0x0112, 1)
    rotated = orientation in (5, 6, 7, 8)
    shown_w = stored_h if rotated else stored_w
    scale = min(1.0, width / shown_w)
    return (max(1, int(stored_w * scale + 0.999)), max(1, int(stored_h * scale + 0.999)))


def _open(path: str, biggest: int) -> Image.Image:
    if os.path.getsize(path) == 0:
        raise PhotoError(
            say(
                "Tệp ảnh rỗng (0 byte). Chép lại ảnh từ điện thoại hoặc máy ảnh.",
                "The photo file is empty (0 bytes). Copy the photo again from the phone or camera.",
            )
        )
    try:
        image = open_image(path)
        if too_many_pixels(image.size):  # known from the header; nothing decoded yet
            raise PhotoError(pixels_text(image.size))
        if image.format == "JPEG":
            image.draft("RGB", _draft_size(image, biggest))
        image.load()
    except UnidentifiedImageError:
        raise PhotoError(
            say(
                "Không phải tệp ảnh hoặc ảnh bị hỏng. Dùng ảnh JPEG, PNG, WebP hoặc HEIC.",
                "Not an image file, or the image is damaged. Use a JPEG, PNG, WebP or HEIC photo.",
            )
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoError(
            say(
                f"Ảnh bị hỏng hoặc chép chưa hết ({exc}). Chép lại ảnh gốc.",
                f"The photo is damaged or was not copied completely ({exc}). Copy the original photo again.",
            )
        ) from None
    image = ImageOps.exif_transpose(image)
    return to_8bit(image)


def to_8bit(image: Image.Image) -> Image.Image:
    """*image* as 8-bit RGB or greyscale, the way it looks: transparency on
    white, and 16-bit or 32-bit greyscale scaled down (Pillow's plain
    ``convert`` clips those at 255, which shows an almost white picture)."""
    if image.mode.startswith("I;16"):
        top = 65535
    elif image.mode in ("I", "F"):  # no stated depth: the range the values use
        high = image.getextrema()[1]
        top = 255 if high <= 255 else 65535 if high <= 65535 else high
        top = 1.0 if image.mode == "F" and high <= 1 else top
    else:
        top = 0
    if top:
        return image.convert("F").point(lambda v: v * (255 / top)).convert("L")
    if image.mode not in ("RGB", "L"):
        if "A" in image.getbands() or image.mode == "P":
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        else:
            image = image.convert("RGB")
    return image


def _resize(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)


def _save(image: Image.Image, path: Path, quality: int) -> None:
    # No exif=, icc_profile= or xmp= argument: nothing from the camera is
    # written back. Progressive JPEGs show a full preview early on slow links.
    image.save(path, "JPEG", quality=quality, progressive=True, optimize=False)


def make_variants(source: str, folder: Path, recipe: Recipe) -> list[Variant]:
    """Decode *source* once and write every size into *folder*."""
    biggest = max(recipe.widths + (recipe.share_width,))
    image = _open(source, 10**9 if recipe.keep_original else biggest)
    wanted = sorted(set(recipe.widths) | {recipe.share_width}, reverse=True)
    variants: list[Variant] = []
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
    try:
        if recipe.keep_original:
            _save(image, work / "full.jpg", max(recipe.quality, 90))
            variants.append(Variant(image.width, image.height, "full.jpg", _read_digest(str(work / "full.jpg"))))
        current = image
        seen: set[int] = set()
        for width in wanted:
            current = _resize(current, width)
            if current.width in seen:
                continue  # the original is smaller than this size
            seen.add(current.width)
            name = f"{current.width}.jpg"
            _save(current, work / name, recipe.quality)
            variants.append(Variant(current.width, current.height, name, _read_digest(str(work / name))))
        (work / "variants.json").write_text(json.dumps([v.__dict__ for v in variants]), encoding="utf-8")
        for entry in work.iterdir():
            os.replace(entry, folder / entry.name)
    finally:
        for entry in work.glob("*"):
            entry.unlink()
        work.rmdir()
    return variants


def process(job: tuple[str, str, str, Recipe]) -> tuple[str, list[Variant] | None, Text | None]:
    """Worker entry point: (source, sha, cache root, recipe) →
    (sha, variants or None, error message in both languages or None)."""
    source, sha, cache_root, recipe = job
    folder = cache_folder(cache_root, recipe, sha)
    cached = load_cached(folder)
    if cached is not None:
        return sha, cached, None
    try:
        return sha, make_variants(source, folder, recipe), None
    except PhotoError as exc:
        return sha, None, exc.message
