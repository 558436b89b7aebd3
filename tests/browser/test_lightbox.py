"""The photo lightbox driven by the keyboard, from disk and under a sub-path."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from helpers import wait_until

pytestmark = pytest.mark.browser

ARTICLE = "bai-viet/2026/11/12-phuong-minh-hoa-to-chuc-ngay-hoi-dai-doan-ket-toan-dan-toc-nam-2026.html"


def active(page) -> str:
    return page.evaluate("document.activeElement.className || document.activeElement.tagName")


def focus_thumbnail(page, index: int):
    page.locator(".gallery__link").nth(index).focus()
    assert active(page) == "gallery__link"


def keyboard_session(watched, url: str):
    page = watched.page
    watched.goto(url)
    links = page.locator(".gallery__link")
    assert links.count() == 8
    focus_thumbnail(page, 1)
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.is_visible()
    counter = page.locator(".lightbox__counter")
    caption = page.locator(".lightbox__caption")
    assert counter.text_content() == "Ảnh 2/8"
    assert caption.text_content() == "Nghi thức chào cờ mở đầu Ngày hội"
    image = page.locator(".lightbox__image")
    wait_until(page, "document.querySelector('.lightbox__image').complete && document.querySelector('.lightbox__image').naturalWidth > 0")
    assert image.get_attribute("src").endswith("-1600.jpg")

    page.keyboard.press("ArrowRight")
    assert counter.text_content() == "Ảnh 3/8"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert counter.text_content() == "Ảnh 1/8"
    page.keyboard.press("ArrowLeft")  # wraps around
    assert counter.text_content() == "Ảnh 8/8"

    # Focus stays inside the open dialog, however far one tabs.
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('dialog.lightbox').contains(document.activeElement)")

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    # focus returns to the thumbnail of the photo last shown (the 8th); the
    # dialog's "close" event runs as the next task, hence the wait
    wait_until(page, "document.activeElement === document.querySelectorAll('.gallery__link')[7]", timeout=2000)
    watched.assert_clean()


def test_lightbox_by_keyboard_from_disk(watch, browser_site):
    keyboard_session(watch("file://"), (browser_site / ARTICLE).as_uri())


def test_lightbox_by_keyboard_under_a_sub_path(watch, subpath_server):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(subpath_server))
    keyboard_session(watch(origin), subpath_server + ARTICLE)


def test_buttons_swipe_and_close(watch, browser_site):
    watched = watch("file://")
    watched.goto((browser_site / ARTICLE).as_uri())
    page = watched.page
    page.locator(".gallery__link").first.click()
    counter = page.locator(".lightbox__counter")
    page.get_by_role("button", name="Ảnh sau").click()
    assert counter.text_content() == "Ảnh 2/8"
    box = page.locator(".lightbox__image").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.8, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.2, y, steps=5)
    page.mouse.up()  # swipe left: next photo
    assert counter.text_content() == "Ảnh 3/8"
    page.get_by_role("button", name="Đóng").click()
    assert not page.locator("dialog.lightbox").is_visible()
    watched.assert_clean()


def test_without_javascript_the_thumbnail_links_to_the_large_photo(browser, browser_site):
    context = browser.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((browser_site / ARTICLE).as_uri())
    page.locator(".gallery__link").first.click()
    assert page.url.endswith("-1600.jpg")
    assert page.evaluate("document.images[0].naturalWidth") == 1600
    context.close()


def test_photos_below_the_fold_load_lazily_and_reserve_space(browser, browser_site):
    page = browser.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto((browser_site / ARTICLE).as_uri())
    loaded = page.evaluate("[...document.querySelectorAll('.gallery img')].filter(i => i.complete && i.naturalWidth).length")
    assert loaded < 8  # the album is below the fold on a phone
    before = page.evaluate("document.querySelector('.gallery').getBoundingClientRect().height")
    page.locator(".gallery").scroll_into_view_if_needed()
    wait_until(page, "[...document.querySelectorAll('.gallery img')].every(i => i.complete)")
    after = page.evaluate("document.querySelector('.gallery').getBoundingClientRect().height")
    assert before == after  # width/height reserved the space: nothing shifted
    page.close()
