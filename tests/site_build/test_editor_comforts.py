"""Small mistakes editors make, each answered at its line with what they
meant (issue 21), through the `pelican` command and `invoke check`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

import pytest
from helpers import ROOT, run_pelican, soup

from content_model.checks import PLACEHOLDER

sys.path.insert(0, str(ROOT / "bench"))
from photos import photo  # noqa: E402

CHECK = ROOT / "plugins" / "content_model" / "check.py"


def build(site, tmp_path, *extra, publish=False):
    return run_pelican(site, tmp_path / "out", "-e", f'CACHE_PATH="{tmp_path / "c"}"',
                       f"GALLERY_CACHE_PATH={json.dumps(str(tmp_path / 'g'))}", 'PUBLIC_URL="https://x.example"', *extra,
                       settings="publishconf.py" if publish else "pelicanconf.py")


def set_category(article, value: str) -> int:
    lines = article.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines) if line.startswith("Category:"))
    lines[number] = f"Category: {value}"
    article.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize("written, meant", [
    ("Tin tuc", "Tin tức"),  # no tones
    ("TIN TỨC", None),  # case alone is accepted as it is
    ("Hoạt động tổ dân phố – và các đơn vị hiệp quản", "Hoạt động tổ dân phố và các đơn vị hiệp quản"),  # Word's dash
    ("Tin tứcc", "Tin tức"),  # a slip of the keyboard
])
def test_a_category_written_slightly_differently_names_the_configured_one(site_copy, tmp_path, written, meant):
    article = site_copy / "bai-viet" / "2025-01-10-hoi-nghi-a.md"
    line = set_category(article, written)
    result = build(site_copy, tmp_path)
    if meant is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 1
    assert (f"{article}:{line}: lỗi: Chuyên mục \"{written}\" không có trong danh sách của phường; có phải là "
            f"\"{meant}\"? Sửa dòng thành: Category: {meant}") in result.stderr, result.stderr
    check = subprocess.run([sys.executable, str(CHECK), str(article)], capture_output=True, text=True, cwd=ROOT)
    assert f"{article}:{line}: lỗi: Chuyên mục \"{written}\"" in check.stdout and f"\"{meant}\"?" in check.stdout


def test_ward_file_with_a_byte_order_mark_is_read(site_copy, tmp_path):
    ward = site_copy / "ward.toml"
    ward.write_bytes(b"\xef\xbb\xbf" + ward.read_bytes())  # as Windows Notepad saves it
    assert build(site_copy, tmp_path).returncode == 0


def test_ward_values_of_the_wrong_kind_are_named_once_at_their_line(site_copy, tmp_path):
    ward = site_copy / "ward.toml"
    text = ward.read_text(encoding="utf-8").replace('name = "Tin tức"', "name = 5", 1)
    text = re.sub(r"order = 2\b", 'order = "hai"', text, count=1)
    ward.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    name_line = lines.index("name = 5") + 1
    order_line = lines.index('order = "hai"') + 1
    result = build(site_copy, tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": lỗi: " in line]
    assert errors[0].startswith(f"{ward}:{name_line}: lỗi: name phải là chữ trong dấu ngoặc kép, ví dụ name = \"5\"")
    assert errors[1].startswith(f"{ward}:{order_line}: lỗi: order của chuyên mục")
    assert len(errors) == 2, errors  # no false "same order" error


def test_a_page_order_that_is_not_a_number_is_a_warning_at_its_line(site_copy, tmp_path):
    page = site_copy / "trang" / "gioi-thieu.md"
    head, body = page.read_text(encoding="utf-8").split("\n\n", 1)
    head = "\n".join(line for line in head.split("\n") if not line.startswith("Order:")) + "\nOrder: hai"
    page.write_text(f"{head}\n\n{body}", encoding="utf-8")
    result = build(site_copy, tmp_path)
    assert result.returncode == 0
    line = head.count("\n") + 1
    assert f"{page}:{line}: cảnh báo: Order \"hai\" phải là một số nguyên" in result.stderr, result.stderr


def test_the_placeholder_of_invoke_new_warns_in_preview_and_stops_a_build(site_copy, tmp_path):
    article = site_copy / "bai-viet" / "2025-10-05-moi.md"
    article.write_text(f"Title: Bài mới\nDate: 2025-10-05 08:00\nCategory: Tin tức\n\n{PLACEHOLDER}\n", encoding="utf-8")
    preview = build(site_copy, tmp_path, "PREVIEW=true")
    assert preview.returncode == 0
    assert f"{article}:5: cảnh báo: Bài còn dòng mẫu \"Viết nội dung bài ở đây.…\" của invoke new." in preview.stderr
    for publish in (False, True):
        result = build(site_copy, tmp_path, publish=publish)
        assert result.returncode == 1 and f"{article}:5: lỗi: Bài còn dòng mẫu" in result.stderr, result.stderr
    check = subprocess.run([sys.executable, str(CHECK), str(article)], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1 and f"{article}:5: lỗi: Bài còn dòng mẫu" in check.stdout
    article.write_text(article.read_text(encoding="utf-8").replace("Category: Tin tức", "Category: Tin tức\nStatus: draft"),
                       encoding="utf-8")  # a draft (as invoke new makes it): a warning, and nothing published
    assert build(site_copy, tmp_path, publish=True).returncode == 0


def test_photo_names_match_whatever_the_case_unicode_form_or_missing_extension(site_copy, tmp_path):
    album = site_copy / "bai-viet" / "2025-07-01-thu-bay"
    album.mkdir()
    nfd = unicodedata.normalize("NFD", "hội-trường.jpg")
    for n, name in enumerate((nfd, "IMG_0001.jpg", "ANH1.JPG", "anh1.jpg", "cong-vien.jpg")):
        (album / name).write_bytes(photo(640, 480, seed=n))
    (album / "chu-thich.txt").write_text(
        "hội-trường.jpg: Hội trường UBND\nIMG_0001: Đại biểu dự họp\n", encoding="utf-8")  # NFC; no extension
    article = site_copy / "bai-viet" / "2025-07-01-thu-bay.md"
    with article.open("a", encoding="utf-8") as handle:
        handle.write("\n![Công viên](Cong-Vien)\n\n[[album]]\n")  # another case, without extension
    result = build(site_copy, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Không hiểu dòng" not in result.stderr and "Không có ảnh" not in result.stderr
    assert "Không tìm thấy ảnh" not in result.stderr
    assert (f"{album / 'anh1.jpg'}: cảnh báo: Hai ảnh \"ANH1.JPG\" và \"anh1.jpg\" chỉ khác nhau ở chữ hoa/thường"
            in result.stderr), result.stderr
    page = soup(next((tmp_path / "out").glob("bai-viet/2025/07/01-*.html")))
    captions = [c.get_text(" ", strip=True) for c in page.select(".gallery figcaption")]
    assert captions[:2] == ["Hội trường UBND", "Đại biểu dự họp"], captions
    assert len(page.select(".gallery img")) == 4  # both ANH1.JPG and anh1.jpg, not the inline one
    assert page.select_one("figure img[alt='Công viên']") is not None


def test_hidden_control_characters_are_removed_with_a_warning(site_copy, tmp_path):
    article = site_copy / "bai-viet" / "2025-10-06-nul.md"
    article.write_bytes("Title: Có\x00 ký tự ẩn\nDate: 2025-10-06 08:00\nCategory: Tin tức\n\nNội\x01 dung.\n".encode())
    result = build(site_copy, tmp_path, publish=True)
    assert result.returncode == 0, result.stderr
    assert f"{article}:1: cảnh báo: Tệp có 2 ký tự điều khiển ẩn (mã U+0000" in result.stderr
    published = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*") if p.suffix in (".html", ".xml", ".js")]
    assert any("Có ký tự ẩn" in text for text in published)
    assert not any("\x00" in text or "\x01" in text for text in published)
