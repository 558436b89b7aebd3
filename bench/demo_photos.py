"""Make the demo ward's photos (none can be downloaded here).

    python bench/demo_photos.py [--force] [--content DIR]

Writes phone-like JPEGs (2400×1800, EXIF orientation, GPS position, XMP)
into the demo articles' photo folders under content/. Existing files are
kept unless --force. The files are not committed: setup.sh runs this.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from photos import photo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "content" / "bai-viet"

# folder (relative to content/bai-viet) → [(file name, orientation)]
GALLERIES = {
    "2026/2026-11-12-phuong-minh-hoa-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2026": [
        ("toan-canh.jpg", 1), ("chao-co.jpg", 1), ("phat-bieu.jpg", 6), ("tang-qua.jpg", 1),
        ("van-nghe.jpg", 1), ("tro-choi-dan-gian.jpg", 6), ("mam-co.jpg", 1), ("chup-anh-luu-niem.jpg", 1),
    ],
    "2025/2025-10-14-ngay-hoi-hien-mau-tinh-nguyen-giot-hong-minh-hoa-nam-2025": [
        (f"IMG_20251012_0{n}.jpg", 6 if n % 3 == 0 else 1) for n in range(7301, 7307)
    ],
    "2025/2025-08-12-dien-tap-phuong-an-chua-chay-va-cuu-nan-cuu-ho-tai-chung-cu-sx2-duong-song-xanh": [
        ("anh-1.jpg", 1), ("anh-2.jpg", 1), ("anh-3.jpg", 6), ("anh-4.jpg", 1),
        ("anh-5.jpg", 1), ("anh-6.jpg", 1), ("anh-7.jpg", 8),
    ],
    "2026/2026-09-25-lung-linh-dem-hoi-trang-ram-phuong-minh-hoa-nam-2026": [
        ("ruoc-den.jpg", 1), ("mua-lan.jpg", 1), ("pha-co.jpg", 6), ("van-nghe-thieu-nhi.jpg", 1),
        ("trao-qua.jpg", 1), ("den-ong-sao.jpg", 1), ("quang-truong.jpg", 1),
    ],
}


def main(argv: list[str]) -> int:
    force = "--force" in argv
    articles = ARTICLES
    if "--content" in argv:
        articles = Path(argv[argv.index("--content") + 1]) / "bai-viet"
    made = kept = 0
    total = sum(len(files) for files in GALLERIES.values())
    for seed, (folder, files) in enumerate(GALLERIES.items()):
        target = articles / folder
        target.mkdir(parents=True, exist_ok=True)
        for index, (name, orientation) in enumerate(files):
            path = target / name
            if path.exists() and not force:
                kept += 1
                continue
            path.write_bytes(photo(2400, 1800, seed * 100 + index, label=name, orientation=orientation, quality=80))
            made += 1
            print(f"  ảnh minh họa {made + kept}/{total}: {path}", file=sys.stderr)
    print(f"Ảnh minh họa: {made} ảnh mới, {kept} ảnh đã có.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
