"""The published build: feeds, sitemaps, robots.txt, 404 and sharing metadata."""

from __future__ import annotations

import json

import feedparser
import pytest
from helpers import FIXTURE_SITE, ROOT, run_pelican, soup
from lxml import etree

PUBLIC = "https://tinh-kiem-tra.example/xa-thu-nghiem"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    out = tmp_path_factory.mktemp("published")
    result = run_pelican(FIXTURE_SITE, out, "-e", "DEFAULT_PAGINATION=3", settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("name", ["all.atom.xml", "all.rss.xml", "tin-tuc.atom.xml", "tin-tuc.rss.xml", "to-dan-pho.atom.xml"])
def test_feeds_parse_cleanly_with_absolute_links_summary_and_cover(published, name):
    feed = feedparser.parse(str(published / "feeds" / name))
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries
    for entry in feed.entries:
        assert entry.link.startswith(PUBLIC + "/bai-viet/")
        assert entry.summary
    if name.startswith("tin-tuc"):
        assert {e.title for e in feed.entries} <= {"Mở đầu năm 2024", "Kết quả thu ngân sách tháng 5/2025", "Đường làng ngõ xóm sáng xanh",
                                                  "Ngày đăng theo kiểu Việt Nam", "Tin thứ tư", "Tin thứ năm", "Tin thứ sáu", "Tin thứ bảy",
                                                  "Văn bản tổ hợp Đường Thủy"}


def test_atom_content_has_only_absolute_addresses(published):
    feed = feedparser.parse(str(published / "feeds" / "all.atom.xml"))
    entry = next(e for e in feed.entries if e.title == "Phân tích công tác dân vận")
    assert f'href="{PUBLIC}/bai-viet/2024/03/01-mo-dau-nam-2024.html"' in entry.content[0].value
    assert "../" not in entry.content[0].value


def test_sitemap_is_valid_against_the_schema_with_lastmod(published):
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "fixtures" / "sitemap.xsd")))
    document = etree.parse(str(published / "sitemap.xml"))
    assert schema.validate(document), schema.error_log
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = document.xpath("//s:loc/text()", namespaces=ns)
    assert f"{PUBLIC}/" in locs and f"{PUBLIC}/bai-viet/2025/06/01-tin-thu-sau.html" in locs
    assert f"{PUBLIC}/chuyen-muc/tin-tuc.html" in locs and f"{PUBLIC}/gioi-thieu.html" in locs
    assert not any("ban-nhap" in loc for loc in locs)  # drafts are not listed
    lastmod = document.xpath("//s:url[s:loc='%s/bai-viet/2025/06/01-tin-thu-sau.html']/s:lastmod/text()" % PUBLIC, namespaces=ns)
    assert lastmod == ["2025-06-02T09:00:00+07:00"]  # Modified wins over Date
    assert (published / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {PUBLIC}/sitemap.xml\n"


def test_article_sharing_metadata(published):
    page = soup(published / "bai-viet/2025/03/05-phan-tich-cong-tac-dan-van.html")
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content") is not None}
    url = f"{PUBLIC}/bai-viet/2025/03/05-phan-tich-cong-tac-dan-van.html"
    assert page.find("link", rel="canonical")["href"] == url
    assert meta["og:title"] == "Phân tích công tác dân vận"
    assert meta["og:description"] == "Bài phân tích sâu về công tác dân vận."
    assert meta["og:url"] == url and meta["og:type"] == "article" and meta["og:locale"] == "vi_VN"
    assert meta["og:image"] == f"{PUBLIC}/theme/img/share-default.png"  # no photo: the site default
    assert meta["article:published_time"] == "2025-03-05T10:00:00+07:00"
    assert meta["twitter:card"] == "summary_large_image"
    for key in ("DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher", "DC.identifier", "DC.language"):
        assert meta[key], key
    assert meta["DC.publisher"] == "UBND Xã Thử Nghiệm, Tỉnh Kiểm Tra" and meta["DC.date"] == "2025-03-05"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Phân tích công tác dân vận"
    assert data["datePublished"] == "2025-03-05T10:00:00+07:00" and data["dateModified"] == data["datePublished"]
    assert data["author"]["name"] == "Trần Thị Biên Tập" and data["publisher"]["name"] == "UBND Xã Thử Nghiệm"
    assert data["image"] == [meta["og:image"]]


def test_listing_pages_have_canonical_and_website_type(published):
    page = soup(published / "chuyen-muc/tin-tuc-2.html")
    assert page.find("link", rel="canonical")["href"] == f"{PUBLIC}/chuyen-muc/tin-tuc-2.html"
    assert page.find("meta", property="og:type")["content"] == "website"
    assert page.find("link", rel="alternate", type="application/atom+xml", title="Tin tức (Atom)")["href"] == "../feeds/tin-tuc.atom.xml"
    assert soup(published / "index.html").find("link", rel="canonical")["href"] == f"{PUBLIC}/"


def test_404_page_works_at_any_depth(published):
    page = soup(published / "404.html")
    assert page.h1.get_text() == "Không tìm thấy trang"
    assert page.find("base")["href"] == f"{PUBLIC}/"  # the host serves it for /a/b/c.html too
    assert page.select_one("link[rel=stylesheet]")["href"].startswith("./theme/css/main.css")


def test_preview_builds_carry_no_absolute_metadata(fixture_output):
    page = soup(fixture_output / "index.html")
    assert page.find("link", rel="canonical")["href"] == f"{PUBLIC}/"  # the ward file's url
    assert not (fixture_output / "feeds").exists()


def test_publishing_needs_a_public_address(site_copy, tmp_path):
    ward = site_copy / "ward.toml"
    ward.write_text("\n".join(ln for ln in ward.read_text(encoding="utf-8").splitlines() if not ln.startswith("url = \"https://tinh")), encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out", settings="publishconf.py")
    assert result.returncode == 1
    assert f"{ward}:1: lỗi: Bản phát hành cần địa chỉ công khai của cổng" in result.stderr
