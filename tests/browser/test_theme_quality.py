"""Theme checks in a real browser: contrast, focus, print, mobile layout."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# For each element with its own visible text: its colour against the first
# opaque background behind it, and whether it counts as large text.
CONTRAST_JS = """
() => {
  function rgb(s) { const m = s.match(/[\\d.]+/g); return m ? m.map(Number) : [0,0,0,0]; }
  function lum(c) {
    const [r,g,b] = c.slice(0,3).map(v => { v /= 255; return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); });
    return 0.2126*r + 0.7152*g + 0.0722*b;
  }
  function bg(el) {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.99) return c;
      if (c[3] > 0) return null;  // translucent layer: skip, judged by eye
    }
    return [255,255,255,1];
  }
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const st = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (st.visibility === 'hidden' || st.display === 'none' || box.width < 2 || box.height < 2) continue;
    if (el.closest('.visually-hidden, .skip-link')) continue;
    const back = bg(el); if (!back) continue;
    const fg = rgb(st.color);
    const a = lum(fg), b = lum(back);
    const ratio = (Math.max(a,b) + 0.05) / (Math.min(a,b) + 0.05);
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) out.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0,30)}" ${ratio.toFixed(2)}`);
  }
  return out;
}
"""


def pages_to_check(site):
    article = sorted((site / "bai-viet").rglob("*.html"))[0]
    return [site / "index.html", site / "chuyen-muc/tin-tuc-su-kien.html", article, site / "lien-he.html", site / "so-do-cong.html"]


@pytest.mark.parametrize("width", [360, 1280])
def test_text_contrast_is_at_least_aa(browser, browser_site, width):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    for path in pages_to_check(browser_site):
        page.goto(path.as_uri())
        assert page.evaluate(CONTRAST_JS) == [], path.name
    page.close()


@pytest.mark.parametrize("size", ["normal", "large", "xlarge"])
def test_no_horizontal_scroll_on_a_phone(browser, browser_site, size):
    # WCAG 1.4.10 (reflow at 320 CSS px) and 1.4.4 (text resized): every text
    # size of the header's control, on the narrowest phones.
    page = browser.new_page()
    try:
        page.goto((browser_site / "index.html").as_uri())
        page.evaluate(f"localStorage.setItem('ward-text-size', '{size}')")
        for width in (320, 360):
            page.set_viewport_size({"width": width, "height": 740})
            for path in pages_to_check(browser_site):
                page.goto(path.as_uri())
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (width, size, path.name)
    finally:
        page.evaluate("localStorage.removeItem('ward-text-size')")  # the browser is shared by the worker's tests
        page.close()


def test_skip_link_and_visible_focus(browser, browser_site):
    page = browser.new_page()
    page.goto((browser_site / "index.html").as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, đến nội dung chính"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#noi-dung"
    for _ in range(6):
        page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), page.evaluate("document.activeElement.outerHTML")
    page.close()


def test_print_shows_the_article_without_navigation(browser, browser_site):
    page = browser.new_page()
    article = pages_to_check(browser_site)[2]
    page.goto(article.as_uri())
    page.emulate_media(media="print")
    assert page.locator(".main-nav").is_hidden()
    assert page.locator(".sidebar").is_hidden()
    assert page.locator(".article__title").is_visible()
    assert page.locator(".article__date").is_visible()
    page.close()
