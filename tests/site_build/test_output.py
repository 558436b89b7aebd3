"""Reproducible, atomic, cache-busted and precompressed output."""

from __future__ import annotations

import gzip
import hashlib
import re

import brotli
from helpers import ROOT, run_pelican, snapshot


def test_two_builds_of_the_same_content_are_byte_identical(demo_content, tmp_path):
    first = run_pelican(demo_content, tmp_path / "a", settings="publishconf.py")
    second = run_pelican(demo_content, tmp_path / "b", settings="publishconf.py")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert any(name.startswith("anh/") for name in a) and "search/manifest.js" in a and "feeds/all.atom.xml" in a


def test_a_failed_build_leaves_the_previous_output_intact(site_copy, tmp_path):
    out = tmp_path / "out"
    assert run_pelican(site_copy, out, settings="publishconf.py").returncode == 0
    before = snapshot(out)
    # fails while reading: nothing written
    bad = site_copy / "bai-viet" / "loi.md"
    bad.write_text("Title: Lỗi\nDate: sai\nCategory: Tin tức\n\nx\n", encoding="utf-8")
    assert run_pelican(site_copy, out, settings="publishconf.py").returncode == 1
    assert snapshot(out) == before
    # fails midway: every page already written (to the staging folder), then
    # the reference check finds a broken link
    bad.write_text("Title: Lỗi\nDate: 2025-05-05\nCategory: Tin tức\n\n[x](khong-co.html)\n", encoding="utf-8")
    failed = run_pelican(site_copy, out, settings="publishconf.py")
    assert failed.returncode == 1 and "khong-co.html" in failed.stderr
    assert snapshot(out) == before
    assert not (tmp_path / "out.partial").exists()
    # and the next good build replaces it
    bad.unlink()
    (site_copy / "bai-viet" / "moi.md").write_text("Title: Bài mới\nDate: 2025-05-06\nCategory: Tin tức\n\nx\n", encoding="utf-8")
    assert run_pelican(site_copy, out, settings="publishconf.py").returncode == 0
    assert (out / "bai-viet/2025/05/06-bai-moi.html").exists()


def test_assets_carry_a_content_hash_and_text_is_precompressed(site_copy, tmp_path):
    out = tmp_path / "out"
    assert run_pelican(site_copy, out, settings="publishconf.py").returncode == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    for path in ("css/main.css", "js/text-size.js"):
        digest = hashlib.sha256((ROOT / "theme" / "static" / path).read_bytes()).hexdigest()[:10]
        assert re.search(rf'"\./theme/{re.escape(path)}\?v={digest}"', html), path
    for name in ("index.html", "theme/css/main.css", "sitemap.xml", "search/manifest.js"):
        original = (out / name).read_bytes()
        assert gzip.decompress((out / f"{name}.gz").read_bytes()) == original
        assert brotli.decompress((out / f"{name}.br").read_bytes()) == original
    assert not list(out.rglob("*.jpg.gz"))  # photos are already compressed


def test_a_setting_change_never_reuses_stale_cached_content(site_copy, tmp_path):
    assert run_pelican(site_copy, tmp_path / "a").returncode == 0  # fills the content cache
    changed = run_pelican(site_copy, tmp_path / "b", "-e", 'TAG_URL="chu-de/{slug}.html"', 'TAG_SAVE_AS="chu-de/{slug}.html"')
    assert changed.returncode == 0, changed.stderr
    assert (tmp_path / "b" / "chu-de" / "dan-van.html").exists()
    assert "chu-de/dan-van.html" in (tmp_path / "b" / "bai-viet/2025/03/05-phan-tich-cong-tac-dan-van.html").read_text(encoding="utf-8")


def test_the_search_index_is_reused_only_while_nothing_changed(site_copy, tmp_path):
    assert run_pelican(site_copy, tmp_path / "a").returncode == 0
    assert run_pelican(site_copy, tmp_path / "b").returncode == 0  # reused
    assert snapshot(tmp_path / "a" / "search") == snapshot(tmp_path / "b" / "search")
    article = site_copy / "bai-viet" / "2025-04-01-thu-tu.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nTừ khóa xylophonia.\n", encoding="utf-8")
    assert run_pelican(site_copy, tmp_path / "c").returncode == 0
    shards = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "c" / "search").glob("p-xyl*.js"))
    assert '"xylophonia"' in shards
