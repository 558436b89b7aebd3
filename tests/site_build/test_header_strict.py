"""The header is strict (issue 21): a line inside it that is not `Key: value`
is an error at its line with the key the editor meant, never body text, so
a `Status: draft` below it is still read and the draft is never published."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import ROOT, run_pelican

CHECK = ROOT / "plugins" / "content_model" / "check.py"
HEADER = "Title: Hội nghị tổng kết năm\nDate: 2025-10-01 08:00\nCategory: Tin tức\n{broken}\nStatus: draft\n\nNội dung nháp riêng.\n"


@pytest.mark.parametrize("broken, line, says", [
    ("Tóm tắt: Hội nghị tổng kết năm.", 4, "có phải là \"Summary: Hội nghị tổng kết năm.\"?"),
    ("Tags Hội nghị, Tổ dân phố", 4, "Thiếu dấu hai chấm: viết \"Tags: Hội nghị, Tổ dân phố\"."),
    ("\tAuthor: Lan", 4, "Xóa khoảng trắng (hoặc dấu tab) ở đầu dòng."),
    ("một dòng lạc", 4, "thêm một dòng trống phía trên nó"),
])
def test_a_broken_header_line_never_publishes_the_draft_below_it(site_copy, tmp_path, broken, line, says):
    article = site_copy / "bai-viet" / "2025-10-01-nhap-moi.md"
    article.write_text(HEADER.format(broken=broken), encoding="utf-8")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"', 'PUBLIC_URL="https://x.example"',
                         settings="publishconf.py")
    assert result.returncode == 0, result.stderr  # a draft's problems are warnings
    assert any(l.startswith(f"{article}:{line}: cảnh báo:") and says in l for l in result.stderr.splitlines()), result.stderr
    published = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.suffix in (".html", ".xml", ".js"))
    assert "Nội dung nháp riêng" not in published and "Status: draft" not in published
    check = subprocess.run([sys.executable, str(CHECK), str(article)], capture_output=True, text=True, cwd=ROOT)
    assert f"{article}:{line}: cảnh báo:" in check.stdout, check.stdout

    # Without the draft line, the same mistake stops publishing.
    article.write_text(HEADER.format(broken=broken).replace("Status: draft\n", ""), encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out2", "-e", f'CACHE_PATH="{tmp_path / "c"}"',
                         'PUBLIC_URL="https://x.example"', settings="publishconf.py")
    assert result.returncode == 1 and f"{article}:{line}: lỗi:" in result.stderr, result.stderr


def test_old_mac_line_endings_are_read_as_lines(site_copy, tmp_path):
    article = site_copy / "bai-viet" / "2025-10-02-cr.md"
    article.write_bytes("Title: Dòng kiểu Mac cũ\rDate: 2025-10-02 08:00\rCategory: Tin tức\r\rNội dung.\r".encode())
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"')
    assert result.returncode == 0, result.stderr
    assert list(out.glob("bai-viet/2025/10/02-*.html"))


def test_an_article_without_a_date_line_takes_its_file_names_day_with_a_warning(site_copy, tmp_path):
    """It vanished before, with Pelican's English "Could not process" (a date
    without a time zone compared with "now"), while `invoke check` called it
    an error: now both publish it, at midnight of that day, and say so."""
    article = site_copy / "bai-viet" / "2025-10-03-khong-ngay.md"
    article.write_text("Title: Không có ngày\nCategory: Tin tức\n\nNội dung không ngày.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"', 'PUBLIC_URL="https://x.example"',
                         settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    assert "Could not process" not in result.stderr
    warning = f"{article}:1: cảnh báo: Không có dòng \"Date:\": bài dùng ngày trong tên tệp (2025-10-03, 00:00)."
    assert warning in result.stderr, result.stderr
    page = next(out.glob("bai-viet/2025/10/03-*.html")).read_text(encoding="utf-8")
    assert 'datetime="2025-10-03T00:00:00+07:00"' in page
    check = subprocess.run([sys.executable, str(CHECK), str(article)], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0 and warning in check.stdout, check.stdout


def test_a_markdown_file_outside_the_article_folders_is_named(site_copy, tmp_path):
    text = "Title: Lạc chỗ\nDate: 2025-10-01 08:00\nCategory: Tin tức\n\nx\n"
    (site_copy / "tin-lac.md").write_text(text, encoding="utf-8")
    (site_copy / "bai-vet").mkdir()
    (site_copy / "bai-vet" / "2025-10-02-lac.md").write_text(text, encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out", "-e", f'CACHE_PATH="{tmp_path / "c"}"')
    assert result.returncode == 1
    for name in ("tin-lac.md", "bai-vet/2025-10-02-lac.md"):
        assert f"{site_copy / name}: lỗi: Tệp \"{name}\" nằm ngoài các thư mục bài (bai-viet/, trang/, van-ban/)" in result.stderr
    check = subprocess.run([sys.executable, str(CHECK), str(site_copy / "tin-lac.md")], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1 and "nằm ngoài các thư mục bài" in check.stdout and "Trùng địa chỉ" not in check.stdout
    preview = run_pelican(site_copy, tmp_path / "preview", "-e", f'CACHE_PATH="{tmp_path / "c"}"', "PREVIEW=true")
    assert preview.returncode == 0 and "cảnh báo: Tệp \"tin-lac.md\" nằm ngoài" in preview.stderr, preview.stderr


@pytest.mark.parametrize("line", ["Date: 2025-03-01T08:00+25:00", "Modified: 2025-03-01T08:00+99:00",
                                  "Date: 9999-12-31T23:00-05:00", "Date: 0001-01-01T00:00+07:00"])
def test_impossible_dates_stop_at_their_line_without_a_traceback(site_copy, tmp_path, line):
    article = site_copy / "bai-viet" / "2025-10-04-ngay-sai.md"
    header = "Title: Ngày sai\nDate: 2025-03-01 08:00\nCategory: Tin tức\n"
    header = header.replace("Date: 2025-03-01 08:00", line) if line.startswith("Date") else header + line + "\n"
    article.write_text(header + "\nNội dung.\n", encoding="utf-8")
    number = header.split("\n").index(line) + 1
    result = run_pelican(site_copy, tmp_path / "out", "-e", f'CACHE_PATH="{tmp_path / "c"}"')
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{article}:{number}: lỗi:" in result.stderr, result.stderr
    check = subprocess.run([sys.executable, str(CHECK), str(article)], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1 and "Traceback" not in check.stdout + check.stderr
    assert f"{article}:{number}: lỗi:" in check.stdout, check.stdout


def test_another_language_stops_at_its_line_instead_of_a_page_every_listing_links_to(site_copy, tmp_path):
    article = site_copy / "bai-viet" / "2025-06-01-thu-sau.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Category:", "Lang: en\nCategory:"), encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out", "-e", f'CACHE_PATH="{tmp_path / "c"}"')
    assert result.returncode == 1
    assert f"{article}:3: lỗi: \"Lang: en\": cổng chỉ có một ngôn ngữ (vi)" in result.stderr, result.stderr
    assert result.stderr.count("lỗi:") == 1  # not 25 misleading template errors


def test_check_names_an_article_that_is_in_no_content_folder(tmp_path):
    stray = tmp_path / "2025-10-05-ngoai.md"
    stray.write_text("Title: Ngoài\nDate: 2025-10-05 08:00\nCategory: Tin tức\n\nx\n", encoding="utf-8")
    check = subprocess.run([sys.executable, str(CHECK), str(stray)], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1, check.stdout
    assert f"{stray}: lỗi: Tệp hay thư mục này không nằm trong thư mục nội dung nào" in check.stdout, check.stdout
