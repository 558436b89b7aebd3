"""The offline mirror: the whole built portal in one zip, openable from disk.

The zip holds one folder, ``<site>/``, with ``index.html`` and a short
Vietnamese note on how to open it. Entries are sorted and carry a fixed
timestamp, so the same output always gives the same zip, byte for byte.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
STORED = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".zip", ".gz", ".br", ".woff2"}
README = """Cổng thông tin {title} — bản xem không cần mạng

Cách xem:
1. Giải nén tệp zip vào một thư mục bất kỳ (ổ USB, máy tính).
2. Mở thư mục "{folder}" và nhấp đúp tệp index.html.

Trang chủ, các chuyên mục, bài viết, ảnh và ô tìm kiếm đều dùng được mà không
cần kết nối Internet. Nội dung được cập nhật đến {updated}.
"""


def write_zip(site: Path, destination: Path, folder: str, title: str, updated: str) -> tuple[int, int]:
    """Zip *site* into *destination*; return (files, bytes of the zip)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".zip.part")
    files = sorted(p for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(partial, "w") as archive:
        def add(name: str, data: bytes, compress: bool) -> None:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9 if compress else None)

        add("HUONG-DAN-XEM.txt", README.format(title=title, folder=folder, updated=updated).encode("utf-8"), True)
        for path in files:
            add(path.relative_to(site).as_posix(), path.read_bytes(), path.suffix.lower() not in STORED)
    partial.replace(destination)
    return len(files) + 1, destination.stat().st_size
