"""Each editor mistake stops the build with one clear line, and loses nothing."""

from __future__ import annotations

import pytest
from helpers import run_pelican, snapshot

CASES = {
    "unknown-category": (
        "Title: Tin lạ\nDate: 2025-03-01 08:00\nCategory: Tin tuc moi\n\nNội dung.\n",
        3,
        'Chuyên mục "Tin tuc moi" không có trong danh sách của phường. Dùng một trong: "Hoạt động tổ dân phố',
    ),
    "missing-title": (
        "Date: 2025-03-01 08:00\nCategory: Tin tức\n\nNội dung.\n",
        1,
        'Thiếu tiêu đề. Dòng đầu tiên của tệp phải là "Title: <tiêu đề bài>"',
    ),
    "bad-date": (
        "Title: Ngày sai\nDate: 2025-13-45 08:00\nCategory: Tin tức\n\nNội dung.\n",
        2,
        'Ngày đăng (Date): "2025-13-45 08:00" không có thật trên lịch',
    ),
    "unparseable-date": (
        "Title: Ngày sai\nDate: thứ hai tuần trước\nCategory: Tin tức\n\nNội dung.\n",
        2,
        'Ngày đăng (Date): "thứ hai tuần trước" không phải ngày giờ hợp lệ. Viết theo dạng năm-tháng-ngày',
    ),
    "missing-category": (
        "Title: Không chuyên mục\nDate: 2025-03-01 08:00\n\nNội dung.\n",
        1,
        'Thiếu chuyên mục. Thêm dòng "Category: …"',
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_article_stops_the_build_with_one_line(site_copy, tmp_path, case, monkeypatch):
    text, line, message = CASES[case]
    bad = site_copy / "bai-viet" / f"2025-03-01-{case}.md"
    bad.write_text(text, encoding="utf-8")
    before = snapshot(site_copy)
    result = run_pelican(site_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ": lỗi: " in ln]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{bad}:{line}: lỗi: {message}"), lines[0]
    assert "Dừng xây dựng: 1 lỗi" in result.stderr
    assert snapshot(site_copy) == before  # nothing under content/ changed


def test_two_articles_on_the_same_url_name_both_files(site_copy, tmp_path):
    first = site_copy / "bai-viet" / "2025-04-02-a.md"
    second = site_copy / "bai-viet" / "2025-04-02-b.md"
    for path in (first, second):
        path.write_text("Title: Cùng một tiêu đề\nDate: 2025-04-02 08:00\nCategory: Tin tức\n\nx\n", encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ": lỗi: " in ln]
    assert len(errors) == 2, result.stderr
    target = "bai-viet/2025/04/02-cung-mot-tieu-de.html"
    assert errors[0].startswith(f"{first}:1: lỗi: Trùng địa chỉ với {second}: cả hai sẽ được ghi ra {target}")
    assert errors[1].startswith(f"{second}:1: lỗi: Trùng địa chỉ với {first}")


def test_all_mistakes_are_reported_in_one_run(site_copy, tmp_path):
    for case, (text, _line, _message) in CASES.items():
        (site_copy / "bai-viet" / f"x-{case}.md").write_text(text, encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out")
    assert result.returncode == 1
    assert len([ln for ln in result.stderr.splitlines() if ": lỗi: " in ln]) == len(CASES)


def test_broken_draft_warns_but_does_not_block(site_copy, tmp_path):
    draft = site_copy / "bai-viet" / "nhap-loi.md"
    draft.write_text("Title: Nháp\nDate: hôm nay\nStatus: draft\nCategory: Tin tức\n\nx\n", encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert f"{draft}:2: cảnh báo: Ngày đăng (Date)" in result.stderr


def test_non_utf8_file_is_explained(site_copy, tmp_path):
    bad = site_copy / "bai-viet" / "cp1258.md"
    bad.write_bytes("Title: Tin\nCategory: Tin tức\n\nHo".encode() + b"\xe0 b\xecnh\n")
    result = run_pelican(site_copy, tmp_path / "out")
    assert result.returncode == 1
    assert f"{bad}:4: lỗi: Không đọc được tệp" in result.stderr and "UTF-8" in result.stderr


def test_broken_ward_file_names_its_line(site_copy, tmp_path):
    ward = site_copy / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8").replace('slug = "tin-tuc"', 'slug = "Tin Tức"'), encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{ward}:15: lỗi: slug \"Tin Tức\"" in result.stderr


def test_problems_are_reported_again_when_content_comes_from_the_cache(site_copy, tmp_path):
    """The content cache keeps each file's problems with it: a second build
    that reads nothing anew still reports them, and checks that depend on
    other files (links) are redone every time."""
    warn = site_copy / "bai-viet" / "canh-bao.md"
    warn.write_text("Title: Cảnh báo\nDate: 2025-03-01 08:00\nCategory: Tin tức\nCatgory: x\n\n[xem]({filename}/bai-viet/sau-nay.md)\n", encoding="utf-8")
    first = run_pelican(site_copy, tmp_path / "o1")
    assert first.returncode == 1
    assert f"{warn}:4: cảnh báo: Không biết thông tin" in first.stderr and f"{warn}:6: lỗi: Liên kết {{filename}}/bai-viet/sau-nay.md" in first.stderr
    second = run_pelican(site_copy, tmp_path / "o2")  # the article itself is unchanged: read from the cache
    assert second.returncode == 1 and second.stderr.count(f"{warn}:") == 2
    (site_copy / "bai-viet" / "sau-nay.md").write_text("Title: Sau này\nDate: 2025-03-02 08:00\nCategory: Tin tức\n\nx\n", encoding="utf-8")
    third = run_pelican(site_copy, tmp_path / "o3")  # the link's target now exists
    assert third.returncode == 0, third.stderr
    assert f"{warn}:4: cảnh báo: Không biết thông tin" in third.stderr
