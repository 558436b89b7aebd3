from content_model.stray import stray_problems


def test_only_files_lying_among_the_articles_are_stray(tmp_path):
    articles = tmp_path / "bai-viet" / "2025"
    (articles / "2025-02-20-hop-to-dan-pho").mkdir(parents=True)
    (articles / "2025-02-20-hop-to-dan-pho.md").write_text("Title: Họp\n", encoding="utf-8")
    (articles / "2025-02-20-hop-to-dan-pho" / "anh-1.jpg").write_bytes(b"jpg")  # its photo folder
    (articles / "bien-ban.docx").write_bytes(b"docx")  # stray
    (articles / "anh-le.jpg").write_bytes(b"jpg")  # stray: among the articles
    (articles / ".~lock.bien-ban.docx#").write_bytes(b"")  # hidden: an editor's lock file
    (articles / "Thumbs.db").write_bytes(b"")
    (tmp_path / "trang").mkdir()
    (tmp_path / "trang" / "gioi-thieu.md").write_text("Title: Giới thiệu\n", encoding="utf-8")
    (tmp_path / "trang" / "so-do.pdf").write_bytes(b"pdf")  # stray in the pages folder
    found = stray_problems(tmp_path, {"ARTICLE_PATHS": ["bai-viet"], "PAGE_PATHS": ["trang"]})
    assert [p.path for p in found] == [str(articles / "anh-le.jpg"), str(articles / "bien-ban.docx"), str(tmp_path / "trang" / "so-do.pdf")]
    assert all(p.line == 0 and "không phải bài viết (.md)" in p.text for p in found)
