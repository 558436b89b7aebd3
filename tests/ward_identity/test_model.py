from pathlib import Path

from ward_identity import load_ward

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
[ward]
name = "Phường A"
portal_title = "Cổng A"
address = "Số 1"
phone = "0200"
email = "a@example.vn"
content_responsible = "Ông B"

[[categories]]
name = "Tin tức"
slug = "tin-tuc"
order = 2

[[categories]]
name = "Thông báo"
order = 1

[[banners]]
title = "Dịch vụ công"
url = "https://dichvucong.gov.vn/"
"""


def write(tmp_path, text):
    path = tmp_path / "ward.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_ward_file_is_valid():
    ward, problems = load_ward(ROOT / "content" / "ward.toml")
    assert problems == []
    names = [c.name for c in ward.categories]
    assert "Hoạt động tổ dân phố và các đơn vị hiệp quản" in names
    assert "Bài viết chuyên sâu" in names
    assert len(names) >= 5
    assert {b.title for b in ward.banners} >= {"Công khai tiến độ giải quyết TTHC", "Dịch vụ công trực tuyến"}


def test_categories_sorted_by_order_and_slug_defaults_to_ascii(tmp_path):
    ward, problems = load_ward(write(tmp_path, GOOD))
    assert problems == []
    assert [(c.name, c.slug) for c in ward.categories] == [("Thông báo", "thong-bao"), ("Tin tức", "tin-tuc")]
    assert ward.category("tin tức").slug == "tin-tuc"
    assert ward.category("thong-bao").name == "Thông báo"
    assert ward.category("Không có") is None
    assert ward.banners[0].external


def test_missing_key_names_the_line_of_the_table(tmp_path):
    text = GOOD.replace('email = "a@example.vn"\n', "")
    ward, problems = load_ward(write(tmp_path, text))
    assert ward is None
    assert [(p.line, "email" in p.text) for p in problems] == [(2, True)]


def test_bad_slug_duplicate_and_rooted_banner(tmp_path):
    text = GOOD.replace('slug = "tin-tuc"', 'slug = "Tin Tức"').replace('name = "Thông báo"', 'name = "Tin tức"')
    text = text.replace("https://dichvucong.gov.vn/", "/dich-vu")
    ward, problems = load_ward(write(tmp_path, text))
    messages = {p.line: p.text for p in problems}
    assert ward is None
    assert "chỉ được gồm chữ thường" in messages[12]
    assert any("trùng tên" in m for m in messages.values())
    assert "bắt đầu bằng \"/\"" in messages[21]


def test_syntax_error_reports_line(tmp_path):
    ward, problems = load_ward(write(tmp_path, GOOD.replace('phone = "0200"', "phone = 0200 3")))
    assert ward is None
    assert problems[0].line == 6
    assert "TOML" in problems[0].text


def test_missing_file(tmp_path):
    ward, problems = load_ward(tmp_path / "ward.toml")
    assert ward is None and "Không tìm thấy" in problems[0].text
