from content_model.header import split_header


def test_reads_keys_lines_and_body():
    text = "Title: Hội nghị\nDATE : 2025-01-02\ntags: A, B\n    C\n\nThân bài\n\nđoạn hai"
    header = split_header(text)
    assert header.get("title") == "Hội nghị"
    assert header.get("date") == "2025-01-02"
    assert header.get("tags") == "A, B\nC"
    assert header.lines == {"title": 1, "date": 2, "tags": 3}
    assert header.written_keys["date"] == "DATE"
    assert header.body == "Thân bài\n\nđoạn hai"
    assert header.body_line == 6


def test_no_header_means_everything_is_body():
    header = split_header("Một đoạn văn không có tiêu đề.\n")
    assert header.values == {}
    assert header.body.startswith("Một đoạn")
    assert header.body_line == 1


def test_duplicate_key_keeps_first_and_reports_line():
    header = split_header("Title: Một\nTitle: Hai\n\nx")
    assert header.get("title") == "Một"
    assert header.duplicates == [("title", 2)]


def test_bom_is_ignored():
    assert split_header("\ufeffTitle: A\n\nb").get("title") == "A"


def test_the_header_ends_only_at_the_first_blank_line():
    text = "Title: A\nTóm tắt: Hội nghị tổng kết.\nTags Hội nghị, Tổ dân phố\n\tStatus: draft\nStatus: draft\n\nThân bài"
    header = split_header(text, known={"title", "status", "tags", "summary"})
    assert header.bad_lines == [(2, "Tóm tắt: Hội nghị tổng kết."), (3, "Tags Hội nghị, Tổ dân phố"), (4, "\tStatus: draft")]
    assert header.get("status") == "draft" and header.get("title") == "A"
    assert header.body == "Thân bài" and header.body_line == 7


def test_a_continuation_is_still_a_continuation():
    header = split_header("Title: A\nSummary: một\n    hai: ba\n\nx", known={"title", "summary"})
    assert header.get("summary") == "một\nhai: ba" and header.bad_lines == []
