import unicodedata

import editor_errors
import pytest
from content_model import WardMarkdownReader
from pelican.settings import DEFAULT_CONFIG


@pytest.fixture
def reader():
    settings = dict(DEFAULT_CONFIG)
    settings.update(TIMEZONE="Asia/Ho_Chi_Minh", FORMATTED_FIELDS=["summary"])
    editor_errors.collector.reset()
    yield WardMarkdownReader(settings)
    editor_errors.collector.reset()


def read(reader, tmp_path, text, name="bai.md", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return reader.read(str(path))


def test_reads_nfd_file_as_nfc(reader, tmp_path):
    text = unicodedata.normalize("NFD", "Title: Đường Thủy\nDate: 2025-01-01 08:00\nTags: Âm nhạc\n\nHội nghị.\n")
    content, meta = read(reader, tmp_path, text)
    assert meta["title"] == "Đường Thủy"
    assert unicodedata.is_normalized("NFC", content) and "Hội nghị" in content
    assert meta["tags"][0].name == "Âm nhạc" and meta["tags"][0].slug == "am-nhac"
    assert meta["slug"] == "duong-thuy"
    assert meta["was_nfc"] is False


def test_summary_is_markdown_and_lines_are_kept(reader, tmp_path):
    content, meta = read(reader, tmp_path, "Title: A\nDate: 2025-01-01\nSummary: Rất **quan trọng**\n\nThân")
    assert meta["summary"] == "<p>Rất <strong>quan trọng</strong></p>"
    assert meta["source_lines"]["summary"] == 3
    assert content == "<p>Thân</p>"


def test_the_converter_is_reset_between_files(reader, tmp_path):
    read(reader, tmp_path, "Title: A\n\nChú thích[^1]\n\n[^1]: một", name="a.md")
    content, _ = read(reader, tmp_path, "Title: B\n\nKhông có chú thích", name="b.md")
    assert "footnote" not in content


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Date: 2025-01-01\n\nKhông tiêu đề", 1, "Thiếu tiêu đề"),
        ("Title: A\nDate: ngày mai\n\nx", 2, "không phải ngày giờ hợp lệ"),
        ("Title: A\nStatus: xuat ban\n\nx", 2, "không hợp lệ"),
    ],
)
def test_errors_skip_the_file_and_name_the_line(reader, tmp_path, text, line, words):
    content, meta = read(reader, tmp_path, text)
    assert meta["status"] == "skip"
    [problem] = [p for p in meta["reader_problems"] if p.is_error]
    assert problem.line == line and words in problem.text


def test_windows_1258_file_is_explained(reader, tmp_path):
    _, meta = read(reader, tmp_path, "Title: Tin\n\nHo\xe0 b\xecnh".encode("latin-1"))
    assert meta["status"] == "skip"
    [problem] = meta["reader_problems"]
    assert problem.line == 3 and "UTF-8" in problem.text


def test_problems_in_a_draft_are_warnings(reader, tmp_path):
    _, meta = read(reader, tmp_path, "Title: A\nDate: 31/02/2025\nStatus: draft\n\nx")
    assert meta["status"] == "skip"
    [warning] = meta["reader_problems"]
    assert not warning.is_error
    assert "bài nháp" in warning.text


def test_unknown_key_is_a_warning_with_a_guess(reader, tmp_path):
    _, meta = read(reader, tmp_path, "Title: A\nCatgory: Tin\n\nx")
    assert meta["title"] == "A"
    [warning] = meta["reader_problems"]
    assert warning.line == 2 and "Category" in warning.text and not warning.is_error


def test_lead_is_plain_text_from_the_sapo_or_first_paragraph(reader, tmp_path):
    _, meta = read(reader, tmp_path, "Title: A\nSummary: Câu **dẫn**\n\nĐoạn một.\n\nĐoạn hai.", name="a.md")
    assert meta["lead"] == "Câu dẫn"
    _, meta = read(reader, tmp_path, "Title: B\n\nĐoạn *một* " + "chữ " * 80 + "\n\nĐoạn hai.", name="b.md")
    assert meta["lead"].startswith("Đoạn một chữ") and meta["lead"].endswith("…")
    assert len(meta["lead"].split()) == 55


def test_file_name_days_are_the_dates_pelican_would_make(reader):
    from pelican.readers import BaseReader, parse_path_metadata

    stock = BaseReader(reader.settings)
    for day in ["2025-02-20", "2024-02-29", "1999-12-31", "2025-2-20"]:
        ours, theirs = reader.process_metadata("date", day), stock.process_metadata("date", day)
        assert (ours, type(ours), ours.tzinfo) == (theirs, type(theirs), theirs.tzinfo)
    for impossible in ["2023-02-29", "2025-13-01"]:
        with pytest.raises(ValueError):
            reader.process_metadata("date", impossible)
    # the path Pelican takes: its FILENAME_METADATA pattern, then our processor
    found = parse_path_metadata("bai-viet/2025-02-20-hop-to-dan-pho.md", reader.settings, reader.process_metadata)
    assert found["date"] == stock.process_metadata("date", "2025-02-20")
