"""Plain-text exports: header, body, captions, noise, duplicates, dates, encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from legacy_import.cleaning import parse_date
from legacy_import.text_source import parse_text, read_text_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "legacy" / "text"
GMT7 = dt.timedelta(hours=7)


def test_header_body_byline_and_noise():
    item = read_text_source(FIXTURES / "hoi-nghi-to-dan-pho.txt")
    assert item.category == "HOẠT ĐỘNG CÁC PHƯỜNG"
    assert item.title == "Tổ dân phố số 7 tổ chức hội nghị đại biểu nhân dân năm 2024"
    assert item.date == dt.datetime(2023, 2, 20, 12, 12, tzinfo=dt.timezone(GMT7))
    assert item.date.utcoffset() == GMT7
    assert item.author == "Nguyễn Thu Hà"
    assert item.lead.startswith("Sáng ngày 18/02/2023")
    body = "\n\n".join(item.blocks)
    for noise in ("Truy cập", "Hôm nay", "Tất cả", "Banner", "bình luận", "Bấm vào đây", "Lượt xem", "Tin liên quan",
                  "tổng vệ sinh", "BT:"):
        assert noise not in body, noise
    assert "đại diện Ủy ban MTTQ phường." in body  # the sentence stays, the "(Bấm vào đây …)" goes
    assert "*Toàn cảnh Hội nghị*" in item.blocks
    gallery = item.blocks.index("Một số hình ảnh hội nghị:")
    assert item.blocks[gallery + 1:] == ["*Đồng chí Chủ tịch UBND phường phát biểu*", "*Các đại biểu biểu quyết*"]
    paragraphs = [b for b in item.blocks if not b.startswith("*")]
    assert paragraphs[0] == item.lead and paragraphs[2].startswith("Hội nghị đã thông qua")


def test_a_second_copy_of_the_article_is_removed():
    item = read_text_source(FIXTURES / "ban-sao-kep.txt")
    assert item.blocks == [
        "Sáng chủ nhật, hơn 300 người dân các tổ dân phố cùng ra quân tổng vệ sinh đường phố, khơi thông cống rãnh.",
        "Phường sẽ duy trì hoạt động này vào chủ nhật cuối mỗi tháng.",
    ]
    assert item.date == dt.datetime(2024, 2, 23, 0, 0, tzinfo=dt.timezone(GMT7))


@pytest.mark.parametrize("line, expected", [
    ("Ngày đăng 20/02/2023 | 12:12  | Lượt xem: 215", (2023, 2, 20, 12, 12)),
    ("Ngày 23/02/2024 00:00:00", (2024, 2, 23, 0, 0)),
    ("Đăng lúc: 08:30 01/03/2024 (GMT+7)", (2024, 3, 1, 8, 30)),
    ("Đăng lúc: 01/03/2024 14:05 (GMT+7)", (2024, 3, 1, 14, 5)),
    ("Cập nhật: 5-1-2025 7h30", (2025, 1, 5, 7, 30)),
])
def test_date_lines(line, expected):
    assert parse_date(line) == dt.datetime(*expected, tzinfo=dt.timezone(GMT7))


def test_not_a_date_line():
    assert parse_date("Sáng ngày 31/3/2023 tại hội trường A3") is None
    assert parse_date("Ngày đăng 31/02/2023") is None  # no such day


def test_utf8_read_as_windows_1252_is_repaired_when_certain(tmp_path):
    original = "Tin tức\n\nHội nghị tổng kết năm\nNgày đăng 05/01/2024 | 09:00\n\nĐoàn thanh niên tổng kết công tác năm 2023.\n"
    # as a browser shows UTF-8 taken for Windows-1252 (undefined bytes as C1 controls)
    damaged = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in original.encode("utf-8"))
    assert "Há»™i" in damaged
    item = parse_text(damaged, tmp_path / "x.txt")
    assert item.title == "Hội nghị tổng kết năm"
    assert item.blocks == ["Đoàn thanh niên tổng kết công tác năm 2023."]
    assert any("đã sửa lỗi mã hóa" in note for note in item.attention)


def test_legacy_font_encoding_is_reported_not_guessed(tmp_path):
    tcvn3 = "Tin tức\n\nHội nghị\nNgày đăng 05/01/2024\n\nCéng hßa x· héi chñ nghÜa ViÖt Nam.\n"
    item = parse_text(tcvn3, tmp_path / "x.txt")
    assert "Céng hßa x· héi chñ nghÜa ViÖt Nam." in item.blocks  # kept as it is
    assert any("TCVN3" in note for note in item.attention)


def test_a_file_that_is_not_utf8_is_reported():
    item = read_text_source(FIXTURES / "khong-phai-utf8.txt")
    assert not item.blocks and "không phải UTF-8" in item.attention[0]


def test_markdown_characters_in_text_stay_text(tmp_path):
    text = "Tin tức\n\nTiêu đề\nNgày đăng 05/01/2024\n\n# không phải tiêu đề <b>in</b> *sao* [[album]]\n\n1. Mục một\n"
    item = parse_text(text, tmp_path / "x.txt")
    assert item.blocks[0] == "\\# không phải tiêu đề &lt;b>in&lt;/b> \\*sao\\* [\\[album]]"
    assert item.blocks[1] == "1. Mục một"
