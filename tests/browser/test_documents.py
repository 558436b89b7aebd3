"""The documents register in a real browser (issue 22): the filter script
from disk and under a sub-path, a document's page and a download link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import wait_until

pytestmark = pytest.mark.browser


def wait_for_status(page, expected_start: str):
    wait_until(page, "(() => { const s = document.querySelector('[data-register-status]').textContent;"
                     f" return s.startsWith({expected_start!r}); }})()")


def numbers(page) -> list[str]:
    return page.locator("table.register tbody th").all_text_contents()


def wait_for_numbers(page, expected: list[str]):
    """The rows the filter shows once it has run (the status line alone may still be the last run's)."""
    wait_until(page, "Array.from(document.querySelectorAll('table.register tbody th')).map(e => e.textContent)"
                     f".join('|') === {'|'.join(expected)!r}")


def run_filters(watched, base_url):
    page = watched.page
    watched.goto(f"{base_url}van-ban/index.html")
    assert page.locator("[data-register-filter]").is_visible()  # revealed by the script
    page.fill("[name=tu-khoa]", "ke hoach su dung dat")  # no tones
    wait_for_numbers(page, ["15/QĐ-UBND", "08/QĐ-UBND"])
    wait_for_status(page, "Tìm thấy 2")
    page.fill("[name=tu-khoa]", "15/qd")  # a number as typed, đ without its stroke
    wait_for_numbers(page, ["15/QĐ-UBND"])
    page.fill("[name=tu-khoa]", "")
    page.select_option("[name=co-quan]", label="HĐND phường")
    page.select_option("[name=nam]", "2025")
    wait_for_numbers(page, ["25/NQ-HĐND"])
    wait_for_status(page, "Tìm thấy 1")
    page.select_option("[name=loai]", label="Công văn")
    wait_for_status(page, "Không có văn bản nào")
    page.click("button[type=reset]")
    wait_until(page, "document.querySelectorAll('table.register tbody tr').length > 3")
    # a result leads to its page, and its file downloads
    page.fill("[name=tu-khoa]", "quyet toan ngan sach")
    wait_for_numbers(page, ["12/BC-UBND"])
    with page.expect_navigation():
        page.locator("table.register tbody a", has_text="12/BC-UBND").click()
    assert page.locator("h1").text_content().strip() == "Báo cáo quyết toán ngân sách phường năm 2025"
    assert page.locator(".summary-list__row", has_text="Cơ quan ban hành").locator("dd").text_content().strip() == "UBND phường"
    href = page.evaluate("document.querySelector('.attachment__link').href")
    if href.startswith("file:"):  # Chromium opens a file: link instead of downloading it; the file is there
        from urllib.parse import unquote, urlsplit as split
        assert Path(unquote(split(href).path)).read_bytes()[:5] == b"%PDF-"
    else:
        with page.expect_download() as download:
            page.locator(".attachment__link").first.click()
        assert download.value.suggested_filename == "12-bc-ubnd.pdf"
    watched.assert_clean()


def test_the_register_filters_in_place_from_disk(watch, browser_site):
    run_filters(watch("file://"), browser_site.as_uri() + "/")


def test_the_register_filters_in_place_under_a_sub_path(watch, subpath_server):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(subpath_server))
    run_filters(watch(origin), subpath_server)


def test_without_script_the_register_and_its_filter_pages_work(browser, browser_site):
    context = browser.browser.new_context(java_script_enabled=False) if browser.browser else None
    if context is None:
        pytest.skip("a persistent context cannot turn script off")
    page = context.new_page()
    page.goto((browser_site / "van-ban" / "index.html").as_uri())
    assert not page.locator("[data-register-filter]").is_visible()
    page.locator(".doc-filters summary", has_text="Loại văn bản").click()
    page.locator(".doc-filters a", has_text="Nghị quyết").click()
    assert page.locator("h1").text_content().startswith("Văn bản — Loại văn bản: Nghị quyết")
    assert len(page.locator("table.register tbody tr").all()) == 3
    context.close()
