"""The accessibility gate: axe-core, WCAG 2.0/2.1 A and AA, every page type
of the demo in a phone and a desktop viewport; and proof that it fails."""

from __future__ import annotations

import pytest
from helpers import ROOT

from quality import axe
from quality.common import load_config
from quality.pages import PageType, page_types

pytestmark = pytest.mark.browser

BAD_SITE = ROOT / "tests" / "fixtures" / "quality" / "bad-site"
ISSUE_9_TYPES = {"home", "category", "category_page_2", "article_gallery", "lightbox", "albums", "search", "tag", "static", "sitemap", "not_found"}
ISSUE_22_TYPES = {"documents", "documents_filter", "document"}  # the documents register


def test_the_demo_has_every_page_type(browser_site):
    found, missing = page_types(browser_site, load_config()["axe"]["search_query"])
    assert missing == []
    assert {p.key for p in found} == ISSUE_9_TYPES | ISSUE_22_TYPES
    assert any(p.path.startswith("chuyen-muc/") and p.path.endswith("-2.html") for p in found)


def test_every_page_type_has_no_violation_on_a_phone_and_a_desktop(browser, browser_site):
    config = load_config()
    assert [v["width"] for v in config["viewports"]] == [360, 1280]
    findings = axe.check(browser, browser_site, config)
    assert findings == [], "\n".join(f.format() for f in findings)


def test_a_page_with_known_violations_fails(browser):
    config = load_config()
    page = PageType("bad", "trang lỗi cố ý", "index.html")
    findings = axe.check_pages(browser, BAD_SITE, [page], config)
    rules = {f.rule for f in findings}
    assert {"html-has-lang", "image-alt", "label", "color-contrast", "link-name"} <= rules, rules
    # one finding per rule, page and viewport, naming the element
    assert len([f for f in findings if f.rule == "image-alt"]) == len(config["viewports"])
    assert any("img" in f.message for f in findings if f.rule == "image-alt")


def test_an_unstyled_page_is_a_finding(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="vi"><title>t</title><link rel="stylesheet" href="khong-co.css"><main><h1>t</h1></main>', encoding="utf-8")
    findings = axe.check_pages(browser, tmp_path, [PageType("bad", "trang", "index.html")], load_config())
    assert {f.rule for f in findings} == {"stylesheet-not-loaded"}


def test_a_missing_page_type_is_a_finding(tmp_path):
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    found, missing = page_types(tmp_path, "x")
    assert [p.key for p in found] == ["home"]
    assert {f.where for f in missing} >= {"chuyên mục, trang 2", "album ảnh đang mở", "trang 404"}
