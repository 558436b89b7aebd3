"""Keyboard only, from disk (file://): search, a result, its gallery, and the
text-size control, with a visible focus ring at every step (issue 9)."""

from __future__ import annotations

import pytest
from helpers import wait_until

pytestmark = pytest.mark.browser

# What the focused element looks like: a focus ring is an outline of at
# least 2 px that is not "none", on an element with a size, in the viewport.
FOCUS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ok: false, what: 'nothing focused'};
  const st = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const what = el.tagName + '.' + el.className + ' ' + (el.id || el.textContent.trim().slice(0, 40));
  const ring = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2 && st.visibility !== 'hidden';
  const shown = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
  return {ok: ring && shown, what, outline: st.outlineStyle + ' ' + st.outlineWidth + ' ' + st.outlineColor, box: [box.top, box.height]};
}
"""


def focused(page) -> dict:
    return page.evaluate(FOCUS)


def press(page, key: str) -> dict:
    """Press a key and check the focus ring on whatever has focus then."""
    page.keyboard.press(key)
    state = focused(page)
    assert state["ok"], f"no visible focus ring after {key}: {state}"
    return state


def tab_until(page, condition: str, limit: int = 60) -> int:
    """Tab forward (checking the ring each time) until ``condition`` holds
    for document.activeElement; return how many presses it took."""
    for count in range(1, limit + 1):
        press(page, "Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return count
    raise AssertionError(f"{condition} not reached in {limit} presses of Tab")


def font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")


def test_search_result_gallery_and_text_size_by_keyboard_only(browser, browser_site):
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((browser_site / "index.html").as_uri())
    page.evaluate("localStorage.clear()")
    page.reload()
    default_size = font_size(page)

    # Home: Tab to the header search box, type, Enter.
    tab_until(page, "el.id === 'site-search-q'", limit=5)
    page.keyboard.type("dai doan ket")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "search.html?q=dai+doan+ket" in page.url
    page.wait_for_selector("[data-search-results] li")

    # Search page: the text-size control is in the header on the way.
    tab_until(page, "el.matches('button[data-step=\"1\"]')", limit=10)
    press(page, "Enter")
    larger = font_size(page)
    assert larger > default_size
    assert page.evaluate("localStorage.getItem('ward-text-size')") == "large"

    # On to the first result, open it.
    tab_until(page, "el.closest('.search-result') !== null")
    title = page.evaluate("document.activeElement.textContent.trim()")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").text_content().strip() == title
    # the size chosen on the search page holds on the article (file://)
    assert font_size(page) == larger

    # The article: Tab to the second photo of the album, open it.
    tab_until(page, "el.classList.contains('gallery__link')")
    press(page, "Tab")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.gallery__link')[1]")
    count = page.locator(".gallery__link").count()
    state = press(page, "Enter")
    assert page.evaluate("document.querySelector('dialog.lightbox').open")
    assert "lightbox__close" in state["what"]  # focus moved into the dialog
    counter = page.locator(".lightbox__counter")
    assert counter.text_content() == f"Ảnh 2/{count}"

    # Move through the photos with the arrows; the ring stays on a control.
    press(page, "ArrowRight")
    press(page, "ArrowRight")
    assert counter.text_content() == f"Ảnh 4/{count}"
    press(page, "ArrowLeft")
    assert counter.text_content() == f"Ảnh 3/{count}"
    for _ in range(4):  # Tab cycles through the dialog's buttons only
        state = press(page, "Tab")
        assert page.evaluate("document.querySelector('dialog.lightbox').contains(document.activeElement)"), state
    wait_until(page, "document.querySelector('.lightbox__image').complete")

    # Escape closes; focus returns to the thumbnail of the photo shown (3rd).
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('dialog.lightbox').open")
    wait_until(page, "document.activeElement === document.querySelectorAll('.gallery__link')[2]", timeout=2000)
    state = focused(page)
    assert state["ok"], state

    # The choice persists on yet another page, and the control resets it.
    page.goto((browser_site / "index.html").as_uri())
    assert font_size(page) == larger
    tab_until(page, "el.matches('button[data-step=\"0\"]')", limit=10)
    press(page, "Enter")
    assert font_size(page) == default_size
    page.close()


def test_the_focus_ring_check_fails_without_a_ring(browser, tmp_path):
    page_file = tmp_path / "no-ring.html"
    page_file.write_text(
        '<!DOCTYPE html><html lang="vi"><title>t</title><style>a:focus { outline: none; }</style>'
        '<a href="#a">không viền</a> <a href="#b" style="outline: 3px solid blue">có viền</a>', encoding="utf-8")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.keyboard.press("Tab")
    assert focused(page)["ok"] is False
    page.evaluate("document.querySelectorAll('a')[1].focus()")
    assert focused(page)["ok"] is True
    with pytest.raises(AssertionError, match="no visible focus ring"):
        press(page, "Shift+Tab")  # back to the first link, which has no ring
    assert page.evaluate("document.activeElement === document.querySelector('a')")
    page.close()
