"""Build the fixture site with ``pelican`` and check what residents get."""

from __future__ import annotations

import re
import unicodedata

from helpers import FIXTURE_SITE, run_pelican, snapshot
from helpers import broken_references, soup


def titles(page):
    return [a.get_text(strip=True) for a in soup(page).select(".card__title a")]


def test_every_internal_link_is_relative_and_resolves(fixture_output):
    assert broken_references(fixture_output) == []


def test_no_request_to_another_host(fixture_output):
    for page in fixture_output.rglob("*.html"):
        doc = soup(page)
        for tag in doc.find_all(["script", "link", "img", "iframe", "source", "video", "audio"]):
            if tag.name == "link" and not {"stylesheet", "icon", "preload", "manifest"} & set(tag.get("rel", [])):
                continue  # canonical, alternate, schema.DC: addresses, not loaded
            for attr in ("src", "href"):
                value = tag.get(attr) or ""
                assert not re.match(r"^(https?:)?//", value), f"{page}: {tag}"
        # style sheets and inline styles load nothing from elsewhere either
        assert "@import" not in page.read_text(encoding="utf-8")
    for css in fixture_output.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_pages_declare_vietnamese(fixture_output):
    for page in fixture_output.rglob("*.html"):
        assert soup(page).html["lang"] == "vi", page


def test_slugs_are_ascii_and_carry_the_date(fixture_output):
    articles = sorted(p.relative_to(fixture_output).as_posix() for p in (fixture_output / "bai-viet").rglob("*.html"))
    for path in articles:
        assert path.isascii() and re.fullmatch(r"bai-viet/\d{4}/\d{2}/\d{2}-[a-z0-9-]+\.html", path), path
    assert "bai-viet/2024/09/02-duong-lang-ngo-xom-sang-xanh.html" in articles
    assert "bai-viet/2024/06/15-ket-qua-thu-ngan-sach-thang-5-2025.html" in articles
    # Same title on two dates: both published.
    assert "bai-viet/2025/01/10-hoi-nghi-dai-bieu-nhan-dan-thon-mot.html" in articles
    assert "bai-viet/2026/01/09-hoi-nghi-dai-bieu-nhan-dan-thon-mot.html" in articles


def test_article_page(fixture_output):
    page = soup(fixture_output / "bai-viet/2025/06/01-tin-thu-sau.html")
    assert page.h1.get_text(strip=True) == "Tin thứ sáu"
    date = page.select_one(".article__date").get_text(" ", strip=True)
    assert date.startswith("Ngày đăng 01/06/2025 | 08:00")
    assert "Cập nhật 02/06/2025 | 09:00" in date
    assert page.select_one(".article__date time")["datetime"] == "2025-06-01T08:00:00+07:00"
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumbs li")]
    assert crumbs == ["Trang chủ", "Tin tức", "Tin thứ sáu"]
    assert page.select_one(".article__byline").get_text(strip=True) == "BT: Trần Thị Biên Tập"
    # previous/next within the category (newest first: bảy, sáu, năm)
    assert "Tin thứ bảy" in page.select_one(".neighbours__link--newer").get_text()
    assert "Tin thứ năm" in page.select_one(".neighbours__link--older").get_text()
    related = [a.get_text(strip=True) for a in page.select(".related a")]
    assert 0 < len(related) <= 5 and "Tin thứ sáu" not in related
    assert "Bài viết chuyên sâu" not in " ".join(related)


def test_sapo_byline_tags_and_internal_link(fixture_output):
    page = soup(fixture_output / "bai-viet/2025/03/05-phan-tich-cong-tac-dan-van.html")
    assert page.select_one(".article__sapo strong").get_text() == "sâu"
    assert [a.get_text() for a in page.select(".tags a")] == ["Dân vận"]
    link = page.select_one(".article__body a")
    assert link["href"] == "../../../bai-viet/2024/03/01-mo-dau-nam-2024.html"


def test_vietnamese_date_typed_day_first(fixture_output):
    page = soup(fixture_output / "bai-viet/2025/02/20-ngay-dang-theo-kieu-viet-nam.html")
    assert "20/02/2025 | 12:12" in page.select_one(".article__date").get_text()


def test_nfd_source_is_published_as_nfc(fixture_output):
    page = fixture_output / "bai-viet/2025/09/09-van-ban-to-hop-duong-thuy.html"
    html = page.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", html)
    assert "Văn bản tổ hợp Đường Thủy" in html and "Hội nghị đại biểu" in html
    assert (fixture_output / "the/am-thuc.html").exists()


def test_drafts_never_published(fixture_output):
    files = snapshot(fixture_output)
    assert not (fixture_output / "drafts").exists()
    for name, data in files.items():
        assert b"Nh\xc3\xa1p b\xc3\xad m\xe1\xba\xadt" not in data, name  # "Nháp bí mật"
        assert "Bản nháp không được đăng".encode() not in data, name


def test_category_listing_is_paginated_newest_first_and_links_every_page(fixture_output):
    first = fixture_output / "chuyen-muc/tin-tuc.html"
    pages = [first, fixture_output / "chuyen-muc/tin-tuc-2.html", fixture_output / "chuyen-muc/tin-tuc-3.html"]
    assert all(p.exists() for p in pages)
    assert not (fixture_output / "chuyen-muc/tin-tuc-4.html").exists()
    listed = [t for p in pages for t in titles(p)]
    assert listed[:3] == ["Văn bản tổ hợp Đường Thủy", "Tin thứ bảy", "Tin thứ sáu"]
    assert len(listed) == 9 and listed[-1] == "Mở đầu năm 2024"
    for page in pages:
        links = {(page.parent / a["href"]).resolve() for a in soup(page).select(".pagination a")}
        assert set(pages) - links == {page}
    assert soup(pages[1]).select_one(".pagination [aria-current=page]").get_text() == "2"


def test_empty_configured_category_has_a_page(fixture_output):
    page = soup(fixture_output / "chuyen-muc/trong.html")
    assert "Chưa có bài viết nào." in page.get_text()


def test_home_has_featured_and_blocks_in_configured_order(fixture_output):
    page = soup(fixture_output / "index.html")
    assert page.select_one(".featured__title").get_text(strip=True) == "Tin thứ bảy"
    blocks = [h.get_text(strip=True) for h in page.select(".home-block h2")]
    assert blocks == ["Hoạt động tổ dân phố và các đơn vị hiệp quản", "Tin tức", "Bài viết chuyên sâu"]
    nav = [a.get_text(strip=True) for a in page.select(".main-nav a")]
    assert nav == ["Trang chủ", "Giới thiệu", "Hoạt động tổ dân phố và các đơn vị hiệp quản", "Tin tức",
                   "Bài viết chuyên sâu", "Chuyên mục trống", "Liên hệ"]


def test_tags_sorted_in_vietnamese_order(fixture_output):
    tags = [a.get_text(strip=True) for a in soup(fixture_output / "the/index.html").select(".tag-index a")]
    assert tags == ["An ninh", "Âm nhạc", "Ẩm thực", "Dân vận", "Đô thị"]
    tag_page = soup(fixture_output / "the/dan-van.html")
    assert tag_page.h1.get_text(strip=True) == "Chủ đề: Dân vận"
    assert (fixture_output / "the/dan-van-2.html").exists()


def test_yearly_archives(fixture_output):
    years = [a.get_text(strip=True) for a in soup(fixture_output / "luu-tru/index.html").select(".year-index a")]
    assert years == ["Năm 2026", "Năm 2025", "Năm 2024"]
    assert titles(fixture_output / "luu-tru/2024.html") == ["Đường làng ngõ xóm sáng xanh", "Kết quả thu ngân sách tháng 5/2025", "Mở đầu năm 2024"]


def test_site_map_lists_the_real_structure(fixture_output):
    page = soup(fixture_output / "so-do-cong.html")
    links = {a.get_text(strip=True): a["href"] for a in page.select(".sitemap a")}
    for name in ("Trang chủ", "Giới thiệu", "Liên hệ", "Tin tức", "Chuyên mục trống", "Năm 2024", "Đô thị"):
        assert name in links
    assert links["Tin tức"] == "./chuyen-muc/tin-tuc.html"


def test_ward_identity_comes_from_the_data_file(fixture_output):
    page = soup(fixture_output / "lien-he.html")
    text = page.get_text(" ", strip=True)
    assert "Cổng thông tin điện tử xã Thử Nghiệm" in text
    assert "0200 9 999 999" in text and "ubnd@xa-thu-nghiem.example" in text
    footer = soup(fixture_output / "index.html").select_one(".site-footer").get_text(" ", strip=True)
    assert "Bà Phạm Thị Kiểm, Chủ tịch UBND xã" in footer and "Thôn Một, xã Thử Nghiệm" in footer
    for page in fixture_output.rglob("*.html"):
        assert "Minh Họa" not in page.read_text(encoding="utf-8"), page


def test_build_does_not_touch_the_content_folder(tmp_path):
    before = snapshot(FIXTURE_SITE)
    result = run_pelican(FIXTURE_SITE, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert snapshot(FIXTURE_SITE) == before


def test_every_image_has_alt_text_and_landmarks_exist(fixture_output):
    for page in fixture_output.rglob("*.html"):
        doc = soup(page)
        for img in doc.find_all("img"):
            assert img.has_attr("alt"), f"{page}: {img}"
        assert doc.select_one("a.skip-link[href='#noi-dung']"), page
        assert doc.find("main", id="noi-dung") and doc.find("header") and doc.find("footer"), page
        assert doc.find("nav", attrs={"aria-label": "Menu chính"}), page
        assert doc.select_one("link[rel=stylesheet][media=print]"), page
        assert doc.find("meta", attrs={"name": "viewport"}), page


def test_publish_settings_build_the_same_relative_site(tmp_path):
    result = run_pelican(FIXTURE_SITE, tmp_path / "out", settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    assert broken_references(tmp_path / "out") == []
