"""`invoke livereload` in a browser: save → the page reloads; a broken file
→ the page shows the error and the server keeps running; fixed → back."""

from __future__ import annotations

import time

import pytest
from helpers import get, wait_for, wait_until

pytestmark = pytest.mark.browser


def test_save_reloads_the_page_and_errors_show_without_killing_the_server(preview, browser):
    content, base, log = preview
    assert "__preview__/reload.js" in get(base + "/index.html")
    article = content / "bai-viet" / "2025-06-01-thu-sau.md"
    page = browser.new_page()
    page.goto(base + "/bai-viet/2025/06/01-tin-thu-sau.html")
    wait_until(page, "document.readyState === 'complete'")
    time.sleep(0.5)  # the page's event stream is connected

    article.write_text(article.read_text(encoding="utf-8").replace("Nội dung sáu.", "Nội dung sáu, đã sửa."), encoding="utf-8")
    wait_until(page, "document.body.textContent.includes('Nội dung sáu, đã sửa.')", timeout=30000)

    article.write_text(article.read_text(encoding="utf-8").replace("Category: Tin tức", "Category: Tin sai"), encoding="utf-8")
    wait_until(page, "document.title.startsWith('Lỗi nội dung')", timeout=30000)
    errors = page.locator("li").all_text_contents()
    assert any(f"{article}:3: lỗi: Chuyên mục \"Tin sai\"" in e for e in errors), errors
    assert wait_for(lambda: any("Chưa xây dựng được" in line for line in log))
    assert any(f"{article}:3: lỗi:" in line for line in log)  # and in the terminal

    article.write_text(article.read_text(encoding="utf-8").replace("Category: Tin sai", "Category: Tin tức"), encoding="utf-8")
    wait_until(page, "document.body.textContent.includes('Nội dung sáu, đã sửa.')", timeout=30000)
    assert page.locator("h1").text_content().strip() == "Tin thứ sáu"
    page.close()


