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
