"""`invoke livereload` without a browser: what the server serves."""

from __future__ import annotations

from helpers import get, wait_for


def test_preview_serves_drafts_marked(preview):
    _content, base, _log = preview
    draft = get(base + "/bai-viet/2025/08/01-ban-nhap-khong-duoc-dang.html")
    assert "Bản nháp:" in draft


def test_a_saved_article_is_shown_first_then_the_whole_site_rebuilt(preview):
    content, base, log = preview
    article = content / "bai-viet" / "2025-06-01-thu-sau.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Nội dung sáu.", "Nội dung sáu, xem ngay."), encoding="utf-8")
    assert wait_for(lambda: any("Đã cập nhật 2025-06-01-thu-sau.md" in line for line in log)), "".join(log)
    assert "Nội dung sáu, xem ngay." in get(base + "/bai-viet/2025/06/01-tin-thu-sau.html")
    # then the complete build, which also brings the search index up to date
    search = content.parent / "out" / "search"
    assert wait_for(lambda: any("Nội dung sáu, xem ngay." in p.read_text(encoding="utf-8") for p in search.glob("d-*.js")), timeout=60)

    article.write_text(article.read_text(encoding="utf-8").replace("Title: Tin thứ sáu", "Title: Tin sáu mới"), encoding="utf-8")
    assert wait_for(lambda: "Tin sáu mới" in get(base + "/index.html"), timeout=60)
    assert not any("Đã cập nhật" in line and "Tin sáu mới" in line for line in log)


def test_a_draft_broken_while_it_is_edited_shows_its_mistake_in_the_browser(preview):
    """Every article `invoke new` makes is a draft: a mistake in its header
    leaves it out (a warning, the build succeeds), and reloading its page
    shows the preview's own page with the message at path:line, not a bare
    English 404."""
    import urllib.error
    import urllib.request

    content, base, log = preview
    draft = content / "bai-viet" / "2025-08-01-nhap.md"
    url = base + "/bai-viet/2025/08/01-ban-nhap-khong-duoc-dang.html"
    assert "Bản nháp:" in get(url)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("Category:", "Chuyên mục:", 1), encoding="utf-8")
    line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("Category:"))) + 1

    def missing():
        try:
            urllib.request.urlopen(url, timeout=10)
        except urllib.error.HTTPError as error:
            return error.code == 404 and error.read().decode("utf-8")
        return False

    # The page is gone as soon as the new output is swapped in; its messages
    # are the server's a moment later, when it hears the build ended (and
    # the browser reloads then): wait for both.
    assert wait_for(lambda: (missing() or "").count(f"{draft}:{line}:"), timeout=60), "".join(log)
    page = missing()
    assert "Trang này chưa có trong bản xem trước" in page and "Error response" not in page
    assert f"{draft}:{line}: cảnh báo:" in page, page
    assert "/__preview__/reload.js" in page  # it reloads when the draft is saved again
