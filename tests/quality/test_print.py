"""Print: an article printed to PDF by Chromium (page.pdf) shows the title,
date, sapo, body and photos, and none of the navigation (issue 9)."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from helpers import soup

from quality.pages import gallery_article

pytestmark = pytest.mark.browser


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_of(browser, path) -> bytes:
    page = browser.new_page()
    page.goto(path.as_uri())
    data = page.pdf(format="A4", print_background=False)
    page.close()
    return data


def image_names(reader) -> set:
    """Every image XObject drawn on any page (by object, not by name)."""
    found = set()
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject")
        for ref in (xobjects.get_object().values() if xobjects else []):
            if ref.get_object().get("/Subtype") == "/Image":
                found.add(ref.idnum if hasattr(ref, "idnum") else id(ref))
    return found


def test_an_article_prints_with_text_and_photos_without_navigation(browser, browser_site):
    from pypdf import PdfReader

    article = gallery_article(browser_site)
    html = soup(article)
    reader = PdfReader(io.BytesIO(pdf_of(browser, article)))
    text = flat(" ".join(page.extract_text() for page in reader.pages))

    assert flat(html.select_one(".article__title").get_text()) in text
    assert flat(html.select_one(".article__date").get_text()) in text  # "Ngày đăng 12/11/2026 | 21:00"
    assert flat(html.select_one(".article__sapo").get_text()) in text
    paragraphs = [flat(p.get_text()) for p in html.select(".article__body > p") if p.get_text().strip()]
    assert len(paragraphs) >= 3
    for paragraph in paragraphs:
        assert paragraph in text
    for caption in html.select(".gallery figcaption"):
        assert flat(caption.get_text()) in text
    photos = html.select(".gallery img")
    assert len(photos) >= 2 and len(image_names(reader)) >= len(photos)

    # None of the navigation, the sidebar or the controls.
    gone = [flat(a.get_text()) for a in html.select(".main-nav a, .breadcrumbs a, .sidebar h2, .neighbours a, .related h2")]
    gone += ["Bỏ qua, đến nội dung chính", "Cỡ chữ", "Tìm kiếm…", "Sơ đồ cổng", "Lưu trữ theo năm"]
    assert gone and [g for g in gone if g in text] == []
