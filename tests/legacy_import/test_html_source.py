"""Saved HTML pages: sanitised, the article found, photos and captions kept."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from helpers import small_jpeg
from legacy_import.html_source import parse_html, read_html_source

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "legacy" / "html" / "trang-da-luu.html"


@pytest.fixture
def saved_page(tmp_path) -> Path:
    page = tmp_path / "trang-da-luu.html"
    shutil.copy(FIXTURE, page)
    files = tmp_path / "trang-da-luu_files"
    files.mkdir()
    for n in (1, 2):
        (files / f"anh{n}.jpg").write_bytes(small_jpeg(n))
    return page


def test_article_fields(saved_page):
    item = read_html_source(saved_page)
    assert item.title == "Lễ ra quân thanh niên lên đường nhập ngũ năm 2024"
    assert item.category == "Tin tức - Sự kiện"
    assert item.date == dt.datetime(2024, 2, 25, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert item.author == "Trần Minh"
    assert item.lead.startswith("Sáng 25/02, phường tổ chức lễ giao nhận quân")


def test_nothing_dangerous_survives(saved_page):
    body = "\n\n".join(read_html_source(saved_page).blocks)
    for bad in ("script", "tracker", "alert", "steal", "iframe", "video.example", "onclick", "onload", "style", "font-weight",
                "<form", "<input", "other-site.example", "chèn", "javascript:"):
        assert bad not in body, bad


def test_links_lists_tables_and_emphasis_are_kept(saved_page):
    blocks = read_html_source(saved_page).blocks
    body = "\n\n".join(blocks)
    assert "**18 thanh niên**" in body
    assert "*gia đình và người dân*" in body
    assert "[kế hoạch](https://example.gov.vn/ke-hoach.pdf)" in body
    assert "liên kết xấu" in body and "(javascript" not in body
    assert "- Lữ đoàn 1\n- Trung đoàn 2" in blocks
    table = next(b for b in blocks if b.startswith("<table"))
    assert "<th>Số tân binh</th>" in table and "<td>13</td>" in table


def test_page_furniture_is_dropped(saved_page):
    body = "\n\n".join(read_html_source(saved_page).blocks)
    for furniture in ("Trang chủ", "Hôm nay", "45.678", "Tin liên quan", "Tin khác 1", "bình luận", "Lượt xem", "Địa chỉ"):
        assert furniture not in body, furniture


def test_saved_photos_with_their_captions(saved_page):
    item = read_html_source(saved_page)
    assert [(p.source.name, p.caption) for p in item.photos] == [
        ("anh1.jpg", "Lãnh đạo phường tặng hoa tân binh"),
        ("anh2.jpg", "Tân binh chụp ảnh lưu niệm"),
    ]
    body = "\n\n".join(item.blocks)
    assert "Lãnh đạo phường tặng hoa" not in body  # the caption went with its photo
    assert "*Ảnh đã mất*" in item.blocks  # photo missing: its caption stays as italic text
    assert any("other-site.example" in note for note in item.attention)
    assert any("khong-co.jpg" in note for note in item.attention)


def test_an_embedded_player_is_dropped_whole_and_named(tmp_path):
    page = (
        "<html><body><div class='sidebar'><iframe src='https://www.facebook.com/plugins/page.php'></iframe></div>"
        "<div class='news-detail'><h1>Hội nghị tổ dân phố</h1>"
        "<p>Đoạn đầu của bài viết về hội nghị tổ dân phố số 3, có đủ chữ để là một đoạn văn.</p>"
        "<iframe src='https://www.youtube.com/embed/abc123'><img src=x onerror=alert(1)> Trình duyệt không hỗ trợ</iframe>"
        "<p>Đoạn cuối của bài viết, sau đoạn phim, cũng đủ dài để được giữ lại trong bài.</p></div></body></html>"
    )
    item = parse_html(page, tmp_path / "trang.html")
    body = "\n\n".join(item.blocks)
    assert "Đoạn đầu" in body and "Đoạn cuối" in body
    assert "onerror" not in body and "Trình duyệt không hỗ trợ" not in body and "youtube" not in body
    notes = [note for note in item.attention if "nhúng" in note]
    assert notes == ["bỏ nội dung nhúng (video, bản đồ…) từ https://www.youtube.com/embed/abc123: nếu cần, thêm vào bài một liên kết tới đó"]
