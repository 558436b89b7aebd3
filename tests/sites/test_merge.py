"""invoke merge-ward: the old ward's articles move, every old address leads
to the same article, nothing is lost."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from helpers import make_ward, run_sites, soup


def old_articles(out: Path) -> dict[str, str]:
    """Address → title of every article page of a built ward."""
    pages = {}
    for page in sorted((out / "bai-viet").rglob("*.html")):
        title = soup(page).select_one("h1.article__title")
        if title:
            pages[page.relative_to(out).as_posix()] = title.get_text(strip=True)
    return pages


def follow(path: Path) -> Path:
    """Where an HTML redirect page sends the browser."""
    refresh = soup(path).select_one('meta[http-equiv="refresh"]')["content"]
    target = refresh.split("url=", 1)[1]
    return Path(urljoin(path.as_uri(), target).removeprefix("file://"))


def test_every_old_address_lands_on_the_same_article(repo, tmp_path):
    make_ward(repo / "sites" / "xa-cu", "Xã Cũ")
    make_ward(repo / "sites" / "xa-moi", "Xã Mới", articles=False)
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert run_sites(repo, "build", "--all", "--output", str(out), cache=cache).returncode == 0
    before = old_articles(out / "xa-cu")
    drafts = sorted(p.name for p in (repo / "sites" / "xa-cu" / "bai-viet").glob("*.md"))
    assert len(before) >= 8

    merged = run_sites(repo, "merge", "--old", "xa-cu", "--into", "xa-moi", cache=cache)
    assert merged.returncode == 0, merged.stderr
    assert not (repo / "sites" / "xa-cu").exists()
    kept = repo / "sites" / "_sap-nhap" / "xa-cu"
    assert (kept / "ward.toml").is_file() and (kept / "trang").is_dir()  # nothing lost
    moved = repo / "sites" / "xa-moi" / "bai-viet"
    assert {p.name for p in moved.glob("*.md")} >= set(drafts)  # drafts too

    run = run_sites(repo, "build", "--all", "--output", str(out), cache=cache)
    assert run.returncode == 0, run.stderr
    redirects = (out / "_redirects").read_text(encoding="utf-8").splitlines()
    nginx = (out / "nginx-redirects.map").read_text(encoding="utf-8")
    for address, title in before.items():
        landing = follow(out / "xa-cu" / address)
        assert landing.is_relative_to(out / "xa-moi") and landing.is_file(), address
        page = soup(landing)
        assert page.select_one("h1.article__title").get_text(strip=True) == title
        assert "trước khi sáp nhập vào Xã Mới" in page.select_one(".article__origin").get_text()
        new = landing.relative_to(out).as_posix()
        assert f"/xa-cu/{address} /{new} 301" in redirects
        assert f"/xa-cu/{address} /{new};" in nginx
    # the other addresses: home, category pages, pages
    assert follow(out / "xa-cu" / "index.html") == out / "xa-moi" / "index.html"
    assert "/xa-cu/ /xa-moi/index.html 301" in redirects
    assert follow(out / "xa-cu" / "chuyen-muc" / "tin-tuc.html") == out / "xa-moi" / "chuyen-muc" / "tin-tuc.html"
    hub = (out / "index.html").read_text(encoding="utf-8")
    assert "Xã Cũ: nay thuộc" in hub


def test_dates_and_authors_are_kept_and_the_origin_added(repo, tmp_path):
    make_ward(repo / "sites" / "xa-cu", "Xã Cũ")
    make_ward(repo / "sites" / "xa-moi", "Xã Mới", articles=False)
    source = (repo / "sites" / "xa-cu" / "bai-viet" / "2025-06-01-thu-sau.md").read_text(encoding="utf-8")
    assert run_sites(repo, "merge", "--old", "xa-cu", "--into", "xa-moi", cache=tmp_path / "cache").returncode == 0
    moved = (repo / "sites" / "xa-moi" / "bai-viet" / "2025-06-01-thu-sau.md").read_text(encoding="utf-8")
    header, body = moved.split("\n\n", 1)
    assert body == source.split("\n\n", 1)[1]
    for line in source.split("\n\n", 1)[0].splitlines():
        assert line in header  # Date, Author, Category… untouched (same category name here)
    assert "Origin: Xã Cũ" in header
    assert re.search(r"^Origin-URL: xa-cu/bai-viet/2025/06/01-tin-thu-sau\.html$", header, re.M)


def test_a_category_the_new_ward_lacks_stops_the_merge_with_the_lines_to_add(repo, tmp_path):
    make_ward(repo / "sites" / "xa-cu", "Xã Cũ")
    new = make_ward(repo / "sites" / "xa-moi", "Xã Mới", articles=False)
    ward = new / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8").replace('name = "Bài viết chuyên sâu"\nslug = "chuyen-sau"', 'name = "Nghiên cứu"\nslug = "nghien-cuu"'), encoding="utf-8")
    run = run_sites(repo, "merge", "--old", "xa-cu", "--into", "xa-moi", cache=tmp_path / "cache")
    assert run.returncode == 1
    assert '"Bài viết chuyên sâu" = "<tên chuyên mục của Xã Mới>"' in run.stderr
    assert (repo / "sites" / "xa-cu" / "bai-viet").is_dir()  # nothing moved
    assert len(list((new / "bai-viet").glob("*.md"))) == 1

    mapping = tmp_path / "chuyen-muc.toml"
    mapping.write_text('"Bài viết chuyên sâu" = "Nghiên cứu"\n', encoding="utf-8")
    run = run_sites(repo, "merge", "--old", "xa-cu", "--into", "xa-moi", "--category-map", str(mapping), "--dry-run", cache=tmp_path / "cache")
    assert run.returncode == 0 and "Chạy thử, chưa ghi gì" in run.stderr
    assert '"Bài viết chuyên sâu" → "Nghiên cứu"' in run.stderr
    assert (repo / "sites" / "xa-cu").is_dir()


def test_a_merged_ward_that_is_back_in_sites_is_refused(repo, tmp_path):
    make_ward(repo / "sites" / "xa-cu", "Xã Cũ", articles=False)
    make_ward(repo / "sites" / "xa-moi", "Xã Mới", articles=False)
    cache = tmp_path / "cache"
    assert run_sites(repo, "merge", "--old", "xa-cu", "--into", "xa-moi", cache=cache).returncode == 0
    make_ward(repo / "sites" / "xa-cu", "Xã Cũ", articles=False)  # someone brings the old folder back
    run = run_sites(repo, "build", "--all", "--output", str(tmp_path / "out"), cache=cache)
    assert run.returncode == 1 and "_sap-nhap/xa-cu.toml: lỗi: \"xa-cu\" đã sáp nhập" in run.stderr
    assert (tmp_path / "out" / "xa-cu" / "index.html").is_file()  # the live ward's pages are left alone
