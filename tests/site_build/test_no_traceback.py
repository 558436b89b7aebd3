"""Inputs that used to end in a Python traceback (issue 21): each now ends in
one message naming the file, through the `pelican` command, and nothing is
lost: content/ is unchanged and a previous output stays whole."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib

import pytest

import sys

from helpers import FIXTURE_SITE, ROOT, run_pelican, snapshot, soup
from PIL import Image

sys.path.insert(0, str(ROOT / "bench"))
from photos import photo  # noqa: E402


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims *width*×*height* pixels in a few bytes (a
    decompression bomb's header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def build(site, out, tmp_path, *extra, publish=False):
    return run_pelican(site, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"',
                       f"GALLERY_CACHE_PATH={json.dumps(str(tmp_path / 'g'))}", 'PUBLIC_URL="https://x.example"', *extra,
                       settings="publishconf.py" if publish else "pelicanconf.py")


def set_logo(site, name: str, data: bytes):
    (site / "giao-dien").mkdir(exist_ok=True)
    (site / "giao-dien" / name).write_bytes(data)
    with (site / "ward.toml").open("a", encoding="utf-8") as ward:
        ward.write(f'\n[theme]\nlogo = "giao-dien/{name}"\n')
    return sum(1 for _ in (site / "ward.toml").open(encoding="utf-8"))  # the logo line is the last


def test_a_title_too_long_for_a_file_name_is_shortened_with_a_warning(site_copy, tmp_path):
    article = site_copy / "bai-viet" / "2025-10-01-dai.md"
    article.write_text("Title: " + "Hội nghị " * 250 + "\nDate: 2025-10-01 08:00\nCategory: Tin tức\n\nNội dung dài.\n",
                       encoding="utf-8")
    out = tmp_path / "out"
    result = build(site_copy, out, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "File name too long" not in result.stderr
    assert f"{article}:1: cảnh báo: Địa chỉ bài dài 2249 ký tự, quá giới hạn tên tệp (200); đã rút gọn thành" in result.stderr
    (page,) = out.glob("bai-viet/2025/10/01-*.html")
    assert len(page.name) < 255 and page.stem.endswith("hoi-nghi") and "Nội dung dài" in page.read_text(encoding="utf-8")


def test_an_svg_logo_of_infinite_size_is_refused_at_its_line(site_copy, tmp_path):
    line = set_logo(site_copy, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1e999 1"><rect/></svg>')
    result = build(site_copy, tmp_path / "out", tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{site_copy / 'ward.toml'}:{line}: lỗi: Tệp biểu trưng \"giao-dien/logo.svg\" không phải ảnh SVG đọc được, hoặc không ghi kích thước" in result.stderr


def test_a_very_long_logo_is_refused_with_its_ratio(site_copy, tmp_path):
    line = set_logo(site_copy, "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 5000 10"><rect/></svg>')
    result = build(site_copy, tmp_path / "out", tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"{site_copy / 'ward.toml'}:{line}: lỗi: Tệp biểu trưng \"giao-dien/logo.svg\" có tỉ lệ 5000×10" in result.stderr


def test_a_png_logo_claiming_900_megapixels_is_refused_before_decoding(site_copy, tmp_path):
    line = set_logo(site_copy, "logo.png", png_header(30000, 30000))
    result = build(site_copy, tmp_path / "out", tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "DecompressionBomb" not in result.stderr
    assert (f"{site_copy / 'ward.toml'}:{line}: lỗi: Tệp biểu trưng \"giao-dien/logo.png\": Ảnh có 30000×30000 điểm "
            "(900 megapixel), vượt giới hạn 120 megapixel") in result.stderr, result.stderr


def test_a_photo_over_the_pixel_limit_is_named_and_not_decoded(site_copy, tmp_path):
    """231 megapixels (between Pillow's warning and its error) was decoded
    with 1.2 GB of memory; it is refused from its header."""
    album = site_copy / "bai-viet" / "2025-07-01-thu-bay"
    album.mkdir()
    (album / "lon.png").write_bytes(png_header(15200, 15200))
    before = snapshot(site_copy)
    out = tmp_path / "out"
    result = build(site_copy, out, tmp_path)  # preview: a warning, the photo left out
    assert result.returncode == 0 and f"{album / 'lon.png'}: cảnh báo: Ảnh có 15200×15200 điểm" in result.stderr
    result = build(site_copy, out, tmp_path, publish=True)
    assert result.returncode == 1 and "DecompressionBomb" not in result.stderr and "Traceback" not in result.stderr
    assert f"{album / 'lon.png'}: lỗi: Ảnh có 15200×15200 điểm (231 megapixel), vượt giới hạn 120 megapixel" in result.stderr, result.stderr
    assert snapshot(site_copy) == before


def test_a_16_bit_greyscale_photo_keeps_its_tones(site_copy, tmp_path):
    album = site_copy / "bai-viet" / "2025-07-01-thu-bay"
    album.mkdir()
    row = struct.pack("<300H", *[32768] * 300) + bytes(600)  # left half mid-grey, right half black
    grey = Image.frombytes("I;16", (600, 400), row * 400)
    grey.save(album / "xam.png")
    out = tmp_path / "out"
    result = build(site_copy, out, tmp_path)
    assert result.returncode == 0, result.stderr
    (published,) = [p for p in out.glob("anh/**/*.jpg") if Image.open(p).width == 600]
    with Image.open(published) as image:
        left, right = image.convert("L").getpixel((100, 200)), image.convert("L").getpixel((500, 200))
    assert 120 <= left <= 135 and right <= 5  # it was 255 and 0: white where it was grey


def test_a_killed_photo_worker_is_retried_and_the_photo_that_kills_it_named(site_copy, tmp_path, monkeypatch):
    """tests/fixtures/killer stands in for the out-of-memory killer: it kills
    the worker processing giet-* photos (once, or every time)."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "tests" / "fixtures" / "killer"))
    monkeypatch.setenv("KILLER_MARKS", str(tmp_path))
    album = site_copy / "bai-viet" / "2025-07-01-thu-bay"
    album.mkdir()
    for n, name in enumerate(("anh1.jpg", "giet-mot-lan.jpg", "anh2.jpg", "anh3.jpg")):
        (album / name).write_bytes(photo(800, 600, seed=n))
    out = tmp_path / "out"
    result = build(site_copy, out, tmp_path, "RENDER_PROCESSES=1")
    assert result.returncode == 0 and "Traceback" not in result.stderr and "BrokenProcessPool" not in result.stderr
    assert "Một tiến trình xử lý ảnh bị dừng đột ngột (thường do máy hết bộ nhớ); thử lại" in result.stderr, result.stderr
    assert (tmp_path / "giet-mot-lan.jpg").exists()  # it was killed once, and made the second time
    page = soup(next(out.glob("bai-viet/2025/07/01-*.html")))
    assert len(page.select(".gallery img")) == 4

    (album / "giet-luon-1.jpg").write_bytes(photo(800, 600, seed=9))
    (album / "anh4.jpg").write_bytes(photo(800, 600, seed=10))  # two new photos: a pool, not the build's process
    result = build(site_copy, tmp_path / "out2", tmp_path, publish=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert (f"{album / 'giet-luon-1.jpg'}: lỗi: Tiến trình xử lý ảnh này bị dừng đột ngột hai lần (thường do máy hết "
            "bộ nhớ khi mở ảnh).") in result.stderr


@pytest.mark.parametrize("damage", [b"", b"\x80\xff garbage", b'{"valid_until": "ng\xc3\xa0y mai"}'])
def test_every_damaged_cache_file_is_discarded_with_a_notice_and_the_build_goes_on(site_copy, tmp_path, damage,
                                                                                   monkeypatch):
    """Each file of every cache (content, pages, search, incremental state,
    photo sizes and their memos) damaged in turn: the next build says what
    it discarded, never crashes, and publishes the same pages."""
    monkeypatch.setenv("PORTAL_CACHE", str(tmp_path / "c"))
    album = site_copy / "bai-viet" / "2025-07-01-thu-bay"
    album.mkdir()
    for n in range(2):
        (album / f"anh{n}.jpg").write_bytes(photo(700, 500, seed=n))
    out = tmp_path / "out"
    assert build(site_copy, out, tmp_path).returncode == 0
    pages = sorted(p.relative_to(out) for p in out.rglob("*.html"))
    caches = sorted(p for folder in ("c", "g") for p in (tmp_path / folder).rglob("*") if p.is_file())
    assert len(caches) >= 8, caches
    article = site_copy / "bai-viet" / "2024-03-01-mo-dau.md"
    for n, cache in enumerate(caches):
        cache.write_bytes(damage)
        with article.open("a", encoding="utf-8") as handle:
            handle.write(f"\nThêm đoạn {n}.\n")  # so the build goes past the up-to-date check
        result = build(site_copy, out, tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stderr, (cache, result.stderr)
        assert sorted(p.relative_to(out) for p in out.rglob("*.html")) == pages, cache
        assert f"Thêm đoạn {n}." in next(out.glob("bai-viet/2024/03/01-*.html")).read_text(encoding="utf-8")


def _small_files():
    import resource
    resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000))  # writes past 6 kB fail as on a full disk (EFBIG)


def test_a_full_disk_is_one_message_and_the_last_output_stays_whole(tmp_path):
    out = tmp_path / "out"
    assert run_pelican(FIXTURE_SITE, out).returncode == 0
    before = snapshot(out)
    result = subprocess.run([sys.executable, "-m", "pelican", str(FIXTURE_SITE), "-s", str(ROOT / "pelicanconf.py"),
                             "-o", str(out), "-e", "INCREMENTAL=false"],
                            capture_output=True, text=True, cwd=ROOT, preexec_fn=_small_files, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "CRITICAL" not in result.stderr
    assert "lỗi: Hết chỗ trống trên ổ đĩa khi ghi" in result.stderr, result.stderr
    assert "Giải phóng chỗ trống (xóa thư mục .cache" in result.stderr
    assert snapshot(out) == before and not (tmp_path / "out.partial").exists()


def test_an_output_that_cannot_be_written_is_one_message(tmp_path):
    (tmp_path / "tep").write_text("một tệp, không phải thư mục", encoding="utf-8")
    out = tmp_path / "tep" / "out"
    result = run_pelican(FIXTURE_SITE, out)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "CRITICAL" not in result.stderr
    assert (f"lỗi: Không ghi được vào {out}.partial (Not a directory): thư mục chỉ đọc, không có quyền ghi, hoặc "
            "một phần của đường dẫn là tệp chứ không phải thư mục. Chọn thư mục đầu ra khác (-o)") in result.stderr


def test_a_fault_of_the_portal_while_reading_one_file_is_that_files_message(site_copy, tmp_path, monkeypatch):
    """tests/fixtures/faults makes the reader's lead_text raise, as a bug
    would: Pelican's English "Could not process" never shows; each file
    read anew gets one message at its path, and the build stops."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "tests" / "fixtures" / "faults"))
    monkeypatch.setenv("PORTAL_FAULT", "content_model.reader:lead_text")
    monkeypatch.setenv("PORTAL_CACHE", str(tmp_path / "c"))
    out = tmp_path / "out"
    result = build(site_copy, out, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Could not process" not in result.stderr
    article = site_copy / "bai-viet" / "2025-01-10-hoi-nghi-a.md"
    assert (f"{article}:1: lỗi: Cổng gặp lỗi khi đọc tệp này (RuntimeError: lỗi cài sẵn để thử). Đây là lỗi của "
            "chương trình, không phải của bạn") in result.stderr, result.stderr
    assert not out.exists()


def test_a_cache_deleted_while_the_build_runs_is_one_message_and_the_output_stays(site_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build(site_copy, out, tmp_path).returncode == 0
    before = snapshot(out)
    (site_copy / "bai-viet" / "2025-01-10-hoi-nghi-a.md").open("a", encoding="utf-8").write("\nThêm.\n")
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "tests" / "fixtures" / "faults"))
    monkeypatch.setenv("PORTAL_FAULT", "search.generator:SearchGenerator._save:ENOENT")
    result = build(site_copy, out, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "CRITICAL" not in result.stderr
    assert ("lỗi: /tmp/da-bi-xoa/cache biến mất trong lúc xây dựng (bị xóa, hoặc ổ đĩa bị tháo ra). Chạy lại lệnh. "
            "Thư mục đầu ra vẫn nguyên vẹn") in result.stderr, result.stderr
    assert snapshot(out) == before
