"""The page-weight gate: every demo article page within the budget of
HTML + CSS + JS, no request to another host; and proof that it fails."""

from __future__ import annotations

import shutil

import pytest
from helpers import ROOT

from quality import weight
from quality.common import load_config

pytestmark = pytest.mark.browser

BAD_SITE = ROOT / "tests" / "fixtures" / "quality" / "bad-site"


def test_every_article_page_is_within_the_budget(browser, browser_site):
    config = load_config()
    assert config["weight"]["budget_kb"] == 50
    findings, weights = weight.check(browser, browser_site, config)
    assert findings == [], "\n".join(f.format() for f in findings)
    assert len(weights) == len(list((browser_site / "bai-viet").rglob("*.html")))
    heaviest = max(weights, key=lambda w: w.counted)
    # Everything was measured: the page, both stylesheets an article loads (main and print), its scripts.
    html = (browser_site / heaviest.page).stat().st_size
    assert heaviest.bytes_by_kind["html"] == html
    assert heaviest.bytes_by_kind["css"] == sum((browser_site / "theme" / "css" / name).stat().st_size
                                                for name in ("main.css", "print.css"))
    assert heaviest.bytes_by_kind["js"] > 0
    print(f"{heaviest.page}: {heaviest.bytes_by_kind}, {heaviest.counted / 1000:.1f} KB")


def test_a_page_over_the_budget_fails_and_photos_do_not_count(browser, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "nang.js").write_text("// " + "x" * 60_000 + "\n", encoding="utf-8")
    (site / "anh.jpg").write_bytes(b"\xff" * 200_000)
    page = '<!DOCTYPE html><html lang="vi"><title>t</title><script src="{}"></script><img src="anh.jpg" alt="a">'
    (site / "nang.html").write_text(page.format("nang.js"), encoding="utf-8")
    (site / "nhe.html").write_text(page.format("nhe.js"), encoding="utf-8")
    (site / "nhe.js").write_text("// nhẹ\n", encoding="utf-8")
    findings, weights = weight.check(browser, site, load_config(), pages=["nang.html", "nhe.html"])
    assert [(f.where, f.rule) for f in findings] == [("nang.html", "budget")]
    assert "> ngân sách 50 KB" in findings[0].message
    heavy, light = weights
    assert heavy.bytes_by_kind["js"] > 60_000 and heavy.skipped_images == 1
    assert light.counted < 1000  # the 200 KB photo is not counted


def test_a_request_to_another_host_fails(browser, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(BAD_SITE, site)
    findings, weights = weight.check(browser, site, load_config(), pages=["external.html"])
    hosts = sorted(f.message for f in findings if f.rule == "other-host")
    assert hosts == [
        "trang gọi tới máy chủ khác: https://anh.example.invalid/a.png",
        "trang gọi tới máy chủ khác: https://cdn.example.invalid/thu-vien.js",
    ]
