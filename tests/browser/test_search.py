"""Search in a real browser: from disk and under a sub-path, keyboard only."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from helpers import wait_until

pytestmark = pytest.mark.browser

CASES = [
    # what residents type (no tone marks) → the article that must come first
    ("hoi nghi dai bieu nhan dan to dan pho so 7", "Hội nghị đại biểu nhân dân tổ dân phố số 7"),
    ("hien mau giot hong", "Ngày hội hiến máu tình nguyện \"Giọt hồng Minh Họa\" năm 2025"),
    ("duong song xanh", "Lập lại trật tự vỉa hè trên đường Sông Xanh"),
    ("trung thu", "Vui Tết Trung thu cho thiếu nhi tổ dân phố số 12"),
]


def wait_for_results(page):
    wait_until(page, 
        "(() => { const s = document.querySelector('[data-search-status]').textContent;"
        " return s && !s.startsWith('Đang'); })()"
    )


def run_cases(watched, base_url):
    page = watched.page
    for query, first in CASES:
        watched.goto(f"{base_url}search.html?q={quote(query)}")
        wait_for_results(page)
        titles = page.locator(".search-result__title").all_text_contents()
        assert titles and titles[0] == first, (query, titles[:3])
        assert page.locator(".search-result__title mark").count() >= 1
        assert page.locator("#search-page-q").input_value() == query
    watched.assert_clean()


def test_toneless_queries_from_disk(watch, browser_site):
    run_cases(watch("file://"), browser_site.as_uri() + "/")


def test_toneless_queries_under_a_sub_path(watch, subpath_server):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(subpath_server))
    run_cases(watch(origin), subpath_server)


def test_keyboard_only_from_the_header_of_any_page(watch, browser_site):
    watched = watch("file://")
    watched.goto((browser_site / "gioi-thieu.html").as_uri())
    page = watched.page
    for _ in range(10):  # Tab from the top until the header search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-q":
            break
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("chuyen doi so")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("search.html?q=chuyen+doi+so")
    wait_for_results(page)
    status = page.locator("[data-search-status]")
    assert status.get_attribute("role") == "status"  # announced to screen readers
    assert status.text_content().startswith("Tìm thấy ")
    # Tab from the search box to the first result and open it
    page.locator("#search-page-q").focus()
    page.keyboard.press("Tab")  # the Tìm button
    page.keyboard.press("Tab")  # the first result
    title = page.evaluate("document.activeElement.textContent")
    assert page.evaluate("document.activeElement.closest('.search-result') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").text_content().strip() == title.strip()
    page.go_back()  # the back button returns to the same search
    wait_for_results(page)
    assert page.locator("#search-page-q").input_value() == "chuyen doi so"
    watched.assert_clean()


def test_typing_updates_results_and_url_and_more_on_demand(watch, browser_site):
    watched = watch("file://")
    watched.goto((browser_site / "search.html").as_uri())
    page = watched.page
    page.locator("#search-page-q").fill("")
    page.locator("#search-page-q").type("phuong minh h", delay=20)
    wait_until(page, "document.querySelector('[data-search-status]').textContent.startsWith('Tìm thấy')")
    assert "q=phuong+minh+h" in page.url
    shown = page.locator(".search-result").count()
    assert shown == 10
    more = page.get_by_role("button", name="Xem thêm kết quả")
    more.focus()
    page.keyboard.press("Enter")
    wait_until(page, f"document.querySelectorAll('.search-result').length > {shown}")
    assert page.evaluate("document.activeElement.closest('.search-result') !== null")  # focus moved to the new results
    watched.assert_clean()


def test_without_javascript_the_page_explains_and_offers_other_ways(browser, browser_site):
    context = browser.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((browser_site / "search.html").as_uri() + "?q=hoi")
    assert page.locator("[data-search-nojs]").is_visible()
    assert page.get_by_role("link", name="Sơ đồ cổng").count() >= 1
    context.close()


@pytest.fixture(scope="module")
def extracted_mirror(demo_content, tmp_path_factory):
    """`invoke offline`'s zip, unpacked somewhere else, as from a USB stick."""
    import subprocess
    import sys
    import zipfile

    from helpers import ROOT

    dist = tmp_path_factory.mktemp("dist")
    made = subprocess.run(
        [sys.executable, str(ROOT / "plugins/offline/command.py"), "--content", str(demo_content), "--dist", str(dist)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert made.returncode == 0, made.stderr
    usb = tmp_path_factory.mktemp("usb stick with spaces")
    zipfile.ZipFile(dist / "phuong-minh-hoa-offline.zip").extractall(usb)
    return usb / "phuong-minh-hoa"


def test_the_extracted_offline_copy_works_from_disk(watch, extracted_mirror):
    run_cases(watch("file://"), extracted_mirror.as_uri() + "/")
