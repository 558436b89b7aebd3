"""A resident's journey: home → category → page 2 → article → tag."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def click_and_check(watched, locator):
    with watched.page.expect_navigation():
        locator.click()
    watched.check_page()


def journey(watched, start_url: str):
    page = watched.goto(start_url) or watched.page
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").count() >= 1

    # home → the first category that has a second page
    blocks = page.locator(".home-block h2 a")
    assert blocks.count() >= 5
    category_name = None
    for index in range(blocks.count()):
        link = blocks.nth(index)
        name = link.text_content().strip()
        click_and_check(watched, link)
        if page.locator(".pagination").count():
            category_name = name
            break
        page.go_back()
    assert category_name, "no category with a second page"
    assert page.locator("h1").text_content().strip().startswith(category_name)

    # → page 2
    click_and_check(watched, page.locator(".pagination a[aria-label='Trang 2']"))
    assert page.locator(".pagination [aria-current=page]").text_content().strip() == "2"
    assert urlsplit(page.url).path.endswith("-2.html")

    # → an article
    first = page.locator(".card__title a").first
    title = first.text_content().strip()
    click_and_check(watched, first)
    assert page.locator("h1").text_content().strip() == title
    assert page.locator(".article__date").text_content().strip().startswith("Ngày đăng ")
    crumbs = page.locator(".breadcrumbs li")
    assert crumbs.first.text_content().strip() == "Trang chủ" and crumbs.nth(1).text_content().strip() == category_name

    # → a tag
    tag = page.locator(".tags a").first
    tag_name = tag.text_content().strip()
    click_and_check(watched, tag)
    assert page.locator("h1").text_content().strip() == f"Chủ đề: {tag_name}"
    assert page.locator(".card__title a", has_text=title).count() == 1 or page.locator(".pagination").count()

    # and home again through the header
    click_and_check(watched, page.locator(".site-header__brand"))
    assert page.locator(".featured__title").count() == 1
    watched.assert_clean()


def test_journey_from_disk(watch, browser_site):
    journey(watch("file://"), (browser_site / "index.html").as_uri())


def test_journey_under_a_sub_path(watch, subpath_server):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(subpath_server))
    journey(watch(origin), subpath_server + "index.html")


def test_reading_needs_no_javascript(browser, browser_site):
    context = browser.browser.new_context(java_script_enabled=False) if browser.browser else None
    if context is None:
        pytest.skip("persistent context has no browser handle")
    page = context.new_page()
    page.goto((browser_site / "index.html").as_uri())
    page.locator(".home-block h2 a").first.click()
    page.locator(".card__title a").first.click()
    assert page.locator(".article__body p").count() >= 1
    # the JS-only control stays hidden without JavaScript
    assert page.locator("[data-text-size-control]").is_hidden()
    context.close()


def test_text_size_control_persists_across_pages(watch, browser_site):
    watched = watch("file://")
    watched.goto((browser_site / "index.html").as_uri())
    page = watched.page
    page.evaluate("localStorage.clear()")
    page.reload()
    try:
        base = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        page.get_by_role("button", name="Tăng cỡ chữ").click()
        bigger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert bigger > base
        with page.expect_navigation():  # the next page, loaded, before it is measured
            page.locator(".home-block h2 a").first.click()
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == bigger
        page.get_by_role("button", name="Cỡ chữ mặc định").click()
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == base
    finally:
        page.evaluate("localStorage.clear()")  # the browser is shared by the worker's tests
    watched.assert_clean()
