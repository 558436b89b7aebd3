"""Pictures from a content folder (logos, photos): one pixel limit, checked
from the file's header before a pixel is decoded, so that a small file that
claims billions of pixels (a "decompression bomb") never takes the build
machine's memory."""

from __future__ import annotations

from PIL import Image

PIXEL_LIMIT = 120_000_000  # 120 megapixels: above any phone or camera, below a bomb

# Every place that opens a picture from content checks ``too_many_pixels``
# on the header's size before decoding, and says so in the editor's words;
# Pillow's own guard (an English warning, or an exception out of
# ``Image.open`` that would hide the size) is off so that it cannot come first.
Image.MAX_IMAGE_PIXELS = None


def too_many_pixels(size: tuple[int, int]) -> bool:
    width, height = size
    return width * height > PIXEL_LIMIT


def pixels_text(size: tuple[int, int]):
    """What to tell the editor about a picture over the limit (both languages)."""
    from editor_errors import say

    width, height = size
    mp = width * height / 1e6
    return say(
        f"Ảnh có {width}×{height} điểm ({mp:.0f} megapixel), vượt giới hạn {PIXEL_LIMIT // 1_000_000} megapixel "
        "của cổng, nên không được mở. Thu nhỏ ảnh (ví dụ xuống cạnh dài 4000 điểm) rồi lưu lại.",
        f"The picture has {width}×{height} pixels ({mp:.0f} megapixels), over the portal's limit of "
        f"{PIXEL_LIMIT // 1_000_000} megapixels, so it was not opened. Scale it down (for example to 4000 pixels "
        "on the long side) and save it again.",
    )
