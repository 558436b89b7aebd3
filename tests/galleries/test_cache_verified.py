"""The photo cache is verified, not trusted (a CI cache can be restored
from anywhere): a changed byte, a record naming another file or a link in
a cache entry is caught when the entry is reused, the photo is made again
with a one-line notice, and what is published is the right photo; a
published photo is never a link into the cache, so changing the cache later
changes no live file. Through the `pelican` command on the fixture site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURE_SITE, run_pelican
from site_build.test_galleries import add_photos, cache_setting

NOTICE = "Bộ nhớ đệm ảnh: 1 ảnh có bản lưu hỏng hoặc lạ"


@pytest.fixture
def built(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, site)
    add_photos(site)
    cache, out = tmp_path / "cache", tmp_path / "out"
    result = run_pelican(site, out, *cache_setting(cache))
    assert result.returncode == 0, result.stderr
    published = {p.relative_to(out): p.read_bytes() for p in (out / "anh").iterdir()}
    return site, cache, out, published


def entries(cache: Path) -> list[Path]:
    return sorted(p.parent for p in cache.rglob("variants.json"))


def rebuild(site, cache, out):
    result = run_pelican(site, out, *cache_setting(cache))
    assert result.returncode == 0, result.stderr
    return result, {p.relative_to(out): p.read_bytes() for p in (out / "anh").iterdir()}


def test_a_changed_byte_in_a_cached_size_is_caught_and_made_again(built):
    site, cache, out, published = built
    entry = entries(cache)[0]
    size = next(entry.glob("480.jpg"))
    data = bytearray(size.read_bytes())
    data[len(data) // 2] ^= 0xFF
    size.write_bytes(bytes(data))  # same size, in place
    shutil.rmtree(out)
    result, again = rebuild(site, cache, out)
    assert NOTICE in result.stderr, result.stderr
    assert again == published


def test_a_record_naming_a_file_outside_the_entry_is_never_published(built):
    site, cache, out, published = built
    entry = entries(cache)[0]
    record = json.loads((entry / "variants.json").read_text(encoding="utf-8"))
    record[0]["file"] = "../../../../../../etc/passwd"
    (entry / "variants.json").write_text(json.dumps(record), encoding="utf-8")
    shutil.rmtree(out)
    result, again = rebuild(site, cache, out)
    assert NOTICE in result.stderr
    assert again == published
    assert not any(b"root:" in data for data in again.values())


def test_a_link_in_the_cache_is_not_followed(built):
    site, cache, out, published = built
    entry = entries(cache)[0]
    size = entry / "480.jpg"
    size.unlink()
    size.symlink_to("/etc/hostname")
    shutil.rmtree(out)
    result, again = rebuild(site, cache, out)
    assert NOTICE in result.stderr and again == published


def test_published_photos_are_not_links_into_the_cache(built):
    site, cache, out, published = built
    cached = {p.stat().st_ino for p in cache.rglob("*.jpg")}
    assert not {p.stat().st_ino for p in (out / "anh").iterdir()} & cached
    for path in cache.rglob("*.jpg"):
        path.write_bytes(b"changed in the cache")
    assert {p.relative_to(out): p.read_bytes() for p in (out / "anh").iterdir()} == published
    # A rebuild with an intact cache entry takes its photos from the previous output.
    _, again = rebuild(site, cache, out)
    assert again == published


def test_an_intact_cache_is_reused_quietly_and_its_checks_remembered(built):
    site, cache, out, published = built
    shutil.rmtree(out)  # a build that uses the cache (an intact output is up to date)
    result, again = rebuild(site, cache, out)
    assert again == published
    assert "Bộ nhớ đệm ảnh" not in result.stderr and "Xử lý" not in result.stderr
    memo = json.loads(next(cache.rglob("verified.json")).read_text(encoding="utf-8"))
    assert len(memo) == sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in cache.rglob("variants.json"))
