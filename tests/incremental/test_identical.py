"""Correct before fast: after each kind of change, the incremental rebuild
(content cache, photo cache, search-index cache, reused pages) writes
exactly the bytes a cold build of the same content writes.

Each test builds the fixture site (with a photo album), changes one thing,
rebuilds incrementally into the same output with the same caches, and
compares every file with a cold build into a new folder with new caches.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from helpers import FIXTURE_SITE, ROOT, snapshot

sys.path.insert(0, str(ROOT / "bench"))
from photos import photo  # noqa: E402

OLD_ARTICLE = "bai-viet/2024-06-15-ket-qua.md"  # old: on no sidebar of other pages
ALBUM = "bai-viet/2024-03-01-mo-dau"  # old too
REUSED = re.compile(r"Trang: (\d+) dựng lại, (\d+) giữ nguyên")
# Incremental builds read and render over two processes, flushing every few
# pages, even for this small site (the first build of each test reads its
# files on two processes; the rebuild finds them in the content cache); the
# cold builds they are compared with read and render in one process, in order.
PARALLEL = ["RENDER_PROCESSES=2", "RENDER_PARALLEL_FROM=1", "RENDER_BATCH=5", "READ_PARALLEL_FROM=1"]
SEQUENTIAL = ["RENDER_PROCESSES=1"]


class Site:
    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.content = tmp_path / "site"
        shutil.copytree(FIXTURE_SITE, self.content)
        self.theme = tmp_path / "theme"
        shutil.copytree(ROOT / "theme", self.theme)
        album = self.content / ALBUM
        album.mkdir()
        for n in (1, 2):
            (album / f"anh-{n}.jpg").write_bytes(photo(900, 600, seed=n))
        self.settings: list[str] = []

    def build(self, output, cache, how=PARALLEL) -> tuple[int, int]:
        """Build; return (pages rendered, pages reused)."""
        # one -e with every KEY=VALUE: Pelican keeps only the last -e flag
        extra = ["-e", f"GALLERY_CACHE_PATH={json.dumps(str(cache / 'anh'))}", *how, *self.settings]
        result = subprocess.run(
            [sys.executable, "-m", "pelican", str(self.content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
             "-t", str(self.theme), "-v", *extra],
            capture_output=True, text=True, cwd=ROOT, timeout=300,
            env=dict(os.environ, PORTAL_CACHE=str(cache), PORTAL_NOW="2026-06-01 08:00", COLUMNS="400"),
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "không so được" not in result.stdout + result.stderr  # no volatile data
        self.last_log = result.stdout + result.stderr
        found = REUSED.search(result.stdout + result.stderr)
        assert found, "the build did not report page reuse"
        return int(found[1]), int(found[2])

    def edit(self, relative, old, new):
        path = self.content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path)


def rebuild_matches_cold(site, change) -> tuple[int, int]:
    out, cache = site.tmp / "out", site.tmp / "cache"
    rendered, reused = site.build(out, cache)
    assert reused == 0  # the first build renders everything
    assert "(2 tiến trình cùng dựng)" in site.last_log  # …over two processes
    change(site)
    counts = site.build(out, cache)
    cold = site.tmp / "cold"
    site.build(cold, site.tmp / "cold-cache", SEQUENTIAL)
    incremental, expected = snapshot(out), snapshot(cold)
    assert sorted(incremental) == sorted(expected)
    differing = [name for name in expected if incremental[name] != expected[name]]
    assert differing == []
    return counts


def test_edit_a_body(site):
    lists, shards = {}, {}

    def change(s):
        # the category lists as the first build wrote them (Pelican paginates these)
        lists.update({p.name: p.stat().st_ino for p in (s.tmp / "out" / "chuyen-muc").glob("*.html")})
        shards.update({p.name: p.stat().st_ino for p in (s.tmp / "out" / "search").glob("*.js")})
        s.edit(OLD_ARTICLE, "\n\n", "\n\nMột đoạn mới được thêm vào bài.\n\n")

    rendered, reused = rebuild_matches_cold(site, change)
    assert 0 < rendered < reused  # the article and the pages listing it, not the whole site
    after = {p.name: p.stat().st_ino for p in (site.tmp / "out" / "chuyen-muc").glob("*.html")}
    kept = {name for name in lists if after.get(name) == lists[name]}
    # lists without the article are the first build's very files; its own list is new
    assert "chuyen-sau.html" in kept and "tin-tuc.html" in lists and "tin-tuc.html" not in kept, sorted(kept)
    # the search index's unchanged files too; the new word's shard is new
    after = {p.name: p.stat().st_ino for p in (site.tmp / "out" / "search").glob("*.js")}
    kept = {name for name in shards if after.get(name) == shards[name]}
    assert 0 < len(kept) < len(after), (len(kept), len(after))


def test_change_a_title(site):
    rebuild_matches_cold(site, lambda s: s.edit(OLD_ARTICLE, "Title: ", "Title: Đã sửa: "))


def test_change_a_category(site):
    def change(s):
        text = (s.content / OLD_ARTICLE).read_text(encoding="utf-8")
        current = re.search(r"^Category: (.+)$", text, re.M)[1]
        other = "Bài viết chuyên sâu" if current != "Bài viết chuyên sâu" else "Tin tức"
        s.edit(OLD_ARTICLE, f"Category: {current}", f"Category: {other}")

    rebuild_matches_cold(site, change)


def test_delete_an_article(site):
    rebuild_matches_cold(site, lambda s: (s.content / OLD_ARTICLE).unlink())


def test_add_a_photo(site):
    rendered, reused = rebuild_matches_cold(site, lambda s: (s.content / ALBUM / "anh-3.jpg").write_bytes(photo(900, 600, seed=3)))
    assert 0 < rendered < reused


def test_change_a_template(site):
    def change(s):
        footer = s.theme / "templates" / "partials" / "footer.html"
        footer.write_text(footer.read_text(encoding="utf-8") + "\n<!-- mẫu đã sửa -->\n", encoding="utf-8")

    rendered, reused = rebuild_matches_cold(site, change)
    assert reused == 0


def test_change_a_setting(site):
    rendered, reused = rebuild_matches_cold(site, lambda s: s.settings.append("DEFAULT_PAGINATION=2"))
    assert reused == 0


def test_change_the_ward_file(site):
    def change(s):
        ward = s.content / "ward.toml"
        text = ward.read_text(encoding="utf-8")
        phone = re.search(r'^phone = "([^"]+)"', text, re.M)
        assert phone, "ward.toml has a phone line"
        ward.write_text(text.replace(phone[0], 'phone = "0299 111 2222"', 1), encoding="utf-8")

    rendered, reused = rebuild_matches_cold(site, change)
    assert reused == 0


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><rect width="100" height="50"/></svg>\n'


def test_give_the_ward_a_colour_and_logo(site):
    def change(s):
        (s.content / "giao-dien").mkdir()
        (s.content / "giao-dien" / "logo.svg").write_text(LOGO, encoding="utf-8")
        with (s.content / "ward.toml").open("a", encoding="utf-8") as ward:
            ward.write('\n[theme]\ncolour = "#1d4e89"\nlogo = "giao-dien/logo.svg"\n')

    rendered, reused = rebuild_matches_cold(site, change)
    assert reused == 0  # every page carries the colour and the logo


def test_change_a_ward_override_template(site):
    # the ward already overrides one template (giao-dien/templates/); only that file changes
    partials = site.content / "giao-dien" / "templates" / "partials"
    partials.mkdir(parents=True)
    (partials / "footer.html").write_text('<footer class="site-footer"><p>Chân trang riêng</p></footer>\n', encoding="utf-8")

    rendered, reused = rebuild_matches_cold(site, lambda s: s.edit("giao-dien/templates/partials/footer.html", "Chân trang riêng", "Chân trang riêng, đã sửa"))
    assert reused == 0
    assert "Chân trang riêng, đã sửa" in (site.tmp / "out" / "index.html").read_text(encoding="utf-8")


# -- the documents register (issue 22) ---------------------------------------
DOCUMENT = "van-ban/2025/12-qd-ubnd.md"
DOCUMENT_TEXT = """Title: Quyết định ban hành kế hoạch sử dụng đất năm 2025
Number: 12/QĐ-UBND
Type: Quyết định
Issuer: UBND xã
Issued: 15/03/2025
Effective: 15/03/2025

"""


def with_documents(site):
    path = site.content / DOCUMENT
    path.parent.mkdir(parents=True)
    path.write_text(DOCUMENT_TEXT, encoding="utf-8")
    files = path.with_suffix("")
    files.mkdir()
    (files / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (site.content / "van-ban/2024").mkdir()
    (site.content / "van-ban/2024/30-tb-ubnd.md").write_text(
        "Title: Thông báo lịch tiếp công dân\nNumber: 30/TB-UBND\nType: Thông báo\nIssuer: UBND xã\nIssued: 05/01/2024\n\n",
        encoding="utf-8")
    return site


@pytest.mark.parametrize("change", [
    lambda s: (s.content / "van-ban/2025/20-qd-ubnd.md").write_text(
        "Title: Quyết định thay thế\nNumber: 20/QĐ-UBND\nType: Quyết định\nIssuer: UBND xã\nIssued: 01/06/2025\n"
        "Replaces: 12/QĐ-UBND\n\n", encoding="utf-8"),  # add one, which changes another's state
    lambda s: s.edit(DOCUMENT, "Title: Quyết định ban hành", "Title: Quyết định sửa đổi"),
    lambda s: (s.content / DOCUMENT.replace(".md", "") / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4\n% new\n%%EOF\n"),
    lambda s: (s.content / "van-ban/2024/30-tb-ubnd.md").unlink(),  # remove one: its year's page goes
], ids=["add", "edit", "replace-a-file", "remove"])
def test_documents_rebuilt_incrementally_are_the_cold_bytes(site, change):
    rebuild_matches_cold(with_documents(site), change)
