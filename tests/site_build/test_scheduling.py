"""Drafts and scheduled articles, with a fixed clock (PORTAL_NOW)."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import ROOT, soup


def build(site, out, now, *extra):
    env = dict(os.environ, PORTAL_NOW=now)
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(site), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out), *extra],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )


def add_scheduled(site):
    (site / "bai-viet" / "2026-03-01-hen-gio.md").write_text(
        "Title: Thông báo hẹn giờ\nDate: 2026-03-01 07:00\nCategory: Tin tức\n\nSẽ đăng ngày 1/3/2026.\n", encoding="utf-8"
    )


def published(out):
    return {p.name for p in (out / "bai-viet").rglob("*.html")}


def test_future_article_waits_for_its_date(site_copy, tmp_path):
    add_scheduled(site_copy)
    before = build(site_copy, tmp_path / "before", "2026-02-28 23:59")
    assert before.returncode == 0, before.stderr
    assert "01-thong-bao-hen-gio.html" not in published(tmp_path / "before")
    assert "Thông báo hẹn giờ" not in (tmp_path / "before" / "index.html").read_text(encoding="utf-8")
    on_the_day = build(site_copy, tmp_path / "after", "2026-03-01 07:00")
    assert on_the_day.returncode == 0
    assert "01-thong-bao-hen-gio.html" in published(tmp_path / "after")
    assert "Thông báo hẹn giờ" in (tmp_path / "after" / "chuyen-muc/tin-tuc.html").read_text(encoding="utf-8")


def test_preview_shows_drafts_and_scheduled_articles_marked(site_copy, tmp_path):
    add_scheduled(site_copy)
    result = build(site_copy, tmp_path / "preview", "2026-01-01 00:00", "-e", "PREVIEW=true")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "preview"
    draft = soup(next(out.rglob("*ban-nhap-khong-duoc-dang.html")))
    assert draft.select_one(".preview-notice").get_text(" ", strip=True).startswith("Bản nháp:")
    scheduled = soup(next(out.rglob("*thong-bao-hen-gio.html")))
    assert "Hẹn giờ đăng:" in scheduled.select_one(".preview-notice").get_text()
    badges = [b.get_text() for b in soup(out / "chuyen-muc/tin-tuc.html").select(".card .badge")]
    assert sorted(badges) == ["Hẹn giờ", "Nháp"]


def test_published_build_never_carries_drafts_or_preview_marks(site_copy, tmp_path):
    add_scheduled(site_copy)
    result = build(site_copy, tmp_path / "pub", "2026-01-01 00:00", "-s", str(ROOT / "publishconf.py"))
    assert result.returncode == 0, result.stderr
    for page in (tmp_path / "pub").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "preview-notice" not in text and "Bản nháp không được đăng" not in text and "Thông báo hẹn giờ" not in text


def test_a_build_names_every_article_it_leaves_out_on_purpose(site_copy, tmp_path):
    """No article leaves silently (issue 21): drafts and scheduled ones are
    listed with why, and how to publish a draft."""
    add_scheduled(site_copy)
    result = build(site_copy, tmp_path / "out", "2026-02-28 23:59")
    assert result.returncode == 0, result.stderr
    assert "Chưa đăng 2 bài/trang:" in result.stderr
    assert f"  {site_copy / 'bai-viet' / '2026-03-01-hen-gio.md'}: hẹn giờ, đăng từ 07:00 01/03/2026" in result.stderr
    assert (f"  {site_copy / 'bai-viet' / '2025-08-01-nhap.md'}: bản nháp (Status: draft); xóa dòng đó để đăng"
            in result.stderr)
    preview = build(site_copy, tmp_path / "preview", "2026-02-28 23:59", "-e", "PREVIEW=true")
    assert "Chưa đăng" not in preview.stderr  # the preview shows them, marked
