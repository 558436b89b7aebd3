"""The embedded demo ward builds, and carries what a ward portal must publish."""

from __future__ import annotations

from collections import Counter

from helpers import ROOT, broken_references, soup

REQUIRED_CATEGORIES = {"Hoạt động tổ dân phố và các đơn vị hiệp quản", "Bài viết chuyên sâu"}


def article_pages(output):
    return sorted((output / "bai-viet").rglob("*.html"))


def test_demo_has_enough_articles_over_two_years(demo_output):
    pages = article_pages(demo_output)
    assert len(pages) >= 24
    years = Counter(p.relative_to(demo_output / "bai-viet").parts[0] for p in pages)
    assert len(years) >= 2


def test_demo_categories(demo_output):
    nav = [a.get_text(strip=True) for a in soup(demo_output / "index.html").select(".main-nav a")]
    categories = [a.get_text(strip=True) for a in soup(demo_output / "chuyen-muc/index.html").select(".category-index > li > a")]
    assert len(categories) >= 5
    assert REQUIRED_CATEGORIES <= set(categories)
    assert set(categories) <= set(nav)
    for page in (demo_output / "chuyen-muc").glob("*.html"):
        assert soup(page).select(".card") or page.name == "index.html", f"{page.name} is empty"


def test_demo_is_clearly_marked(demo_output):
    for page in [demo_output / "index.html", *article_pages(demo_output)[:3]]:
        assert "minh họa" in soup(page).select_one(".demo-notice").get_text()


def test_introduction_covers_what_a_ward_must_publish(demo_output):
    page = soup(demo_output / "gioi-thieu.html")
    headings = " | ".join(h.get_text(strip=True).lower() for h in page.select(".article__body h2"))
    for topic in ("lịch sử truyền thống", "địa giới hành chính", "điều kiện tự nhiên", "tổ chức bộ máy", "lãnh đạo"):
        assert topic in headings, headings


def test_contact_and_site_map_pages(demo_output):
    contact = soup(demo_output / "lien-he.html").get_text(" ", strip=True)
    assert "ubnd@phuong-minh-hoa.example" in contact and "Số 1 phố Hoa Sữa" in contact
    site_map = soup(demo_output / "so-do-cong.html")
    assert site_map.h1.get_text(strip=True) == "Sơ đồ cổng"
    linked = {a.get_text(strip=True) for a in site_map.select(".sitemap a")}
    assert {"Giới thiệu", "Liên hệ", *REQUIRED_CATEGORIES} <= linked


def test_demo_links_all_resolve(demo_output):
    assert broken_references(demo_output) == []


def test_demo_content_is_untouched_and_nfc():
    import unicodedata

    for path in (ROOT / "content").rglob("*.md"):
        assert unicodedata.is_normalized("NFC", path.read_text(encoding="utf-8")), path


def test_demo_galleries(demo_output):
    albums = soup(demo_output / "thu-vien-anh.html").select(".album-card")
    counts = [int(card.select_one(".meta").get_text().split("· ")[1].split()[0]) for card in albums]
    assert len([c for c in counts if c >= 6]) >= 3
    featured = soup(demo_output / "index.html").select_one(".featured__cover")
    assert featured is not None and featured["src"].startswith("./anh/")
