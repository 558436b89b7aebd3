"""Galleries through the real build: layout, sizes, privacy, cache, mistakes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from helpers import FIXTURE_SITE, ROOT, broken_references, run_pelican, soup
from PIL import Image

sys.path.insert(0, str(ROOT / "bench"))
from photos import photo  # noqa: E402

ALBUM_ARTICLE = "bai-viet/2025-07-01-thu-bay"  # marker in the body
END_ARTICLE = "bai-viet/2025-06-01-thu-sau"  # no marker: album at the end


def cache_setting(path, *more: str):
    # one -e with every KEY=VALUE: Pelican keeps only the last -e flag
    return ["-e", f"GALLERY_CACHE_PATH={json.dumps(str(path))}", *more]


def add_photos(site):
    album = site / ALBUM_ARTICLE
    album.mkdir()
    for n in range(1, 7):
        (album / f"anh{n}.jpg").write_bytes(photo(2000, 1500, seed=n, orientation=6 if n == 2 else 1))
    (album / "chu-thich.txt").write_text("anh3.jpg: Toàn cảnh hội nghị\nanh1.jpg: Đại biểu phát biểu\n", encoding="utf-8")
    text = (site / f"{ALBUM_ARTICLE}.md").read_text(encoding="utf-8")
    (site / f"{ALBUM_ARTICLE}.md").write_text(text + "\nMột số hình ảnh:\n\n[[album]]\n\nĐoạn cuối sau album.\n", encoding="utf-8")
    end = site / END_ARTICLE
    end.mkdir()
    for n in range(1, 4):
        (end / f"IMG_{n:04}.jpg").write_bytes(photo(1800, 1200, seed=10 + n))
    (end / "toan-canh.jpg").write_bytes(photo(1800, 1200, seed=20))
    text = (site / f"{END_ARTICLE}.md").read_text(encoding="utf-8")
    (site / f"{END_ARTICLE}.md").write_text(text + '\n![Hội trường](toan-canh.jpg "Toàn cảnh Hội nghị")\n\nĐoạn sau ảnh.\n', encoding="utf-8")


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("photo-site") / "site"
    shutil.copytree(FIXTURE_SITE, site)
    add_photos(site)
    return site


@pytest.fixture(scope="module")
def photo_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("photo-cache")


@pytest.fixture(scope="module")
def photo_output(photo_site, photo_cache, tmp_path_factory):
    out = tmp_path_factory.mktemp("photo-out")
    result = run_pelican(photo_site, out, *cache_setting(photo_cache))
    assert result.returncode == 0, result.stderr
    assert "Xử lý 10 ảnh mới" in result.stderr and "Đã xử lý 10 ảnh" in result.stderr
    return out


def article(output, name):
    return soup(next((output / "bai-viet").rglob(f"*{name}.html")))


def test_gallery_at_the_marker_in_captions_order(photo_output):
    page = article(photo_output, "tin-thu-bay")
    body = page.select_one(".article__body")
    gallery = body.select_one(".gallery")
    assert gallery.find_previous_sibling("p").get_text() == "Một số hình ảnh:"
    assert gallery.find_next_sibling("p").get_text() == "Đoạn cuối sau album."
    assert gallery.select_one(".gallery__heading") is None
    assert "[[album]]" not in str(page)
    captions = [f.get_text() if f else "" for f in (li.find("figcaption") for li in gallery.select("li"))]
    assert captions[:2] == ["Toàn cảnh hội nghị", "Đại biểu phát biểu"]
    assert len(captions) == 6
    alts = [img["alt"] for img in gallery.select("img")]
    assert alts[0] == "Toàn cảnh hội nghị" and alts[2].startswith("Ảnh 3 – Tin thứ bảy")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run search.js")
def test_album_captions_are_searchable(photo_output):
    """The search index is made from the HTML galleries have finished: a
    caption from chu-thich.txt finds the album's article, whose text has
    none of its words, and an inline photo's caption (a Markdown image
    title, an attribute until galleries make it a figcaption) finds its."""
    harness = ROOT / "tests" / "search" / "harness.js"
    run = subprocess.run(["node", str(harness), str(photo_output / "search"), "Đại biểu phát biểu", "Toàn cảnh hội nghị"],
                         capture_output=True, text=True, timeout=60, check=True)
    found = json.loads(run.stdout)
    assert "Tin thứ bảy" in found["Đại biểu phát biểu"]
    assert {"Tin thứ bảy", "Tin thứ sáu"} <= set(found["Toàn cảnh hội nghị"])  # album caption; inline figure caption


def test_every_photo_has_srcset_size_and_lazy_loading(photo_output):
    page = article(photo_output, "tin-thu-bay")
    for img in page.select(".gallery img"):
        widths = [int(part.split()[-1][:-1]) for part in img["srcset"].split(", ")]
        assert widths == [480, 960, 1600]
        assert img["sizes"] and img["loading"] == "lazy"
        shown = Image.open(photo_output / "bai-viet/2025/07" / img["src"])
        assert shown.size == (int(img["width"]), int(img["height"]))
        link = img.find_parent("a")
        assert link["href"].endswith("-1600.jpg") and (photo_output / "bai-viet/2025/07" / link["href"]).is_file()


def test_exif_orientation_is_applied(photo_output):
    page = article(photo_output, "tin-thu-bay")
    second = page.select(".gallery img")[2]  # anh2.jpg: after the two captioned ones
    assert second["alt"].startswith("Ảnh 3")
    assert (int(second["width"]), int(second["height"])) == (480, 360)


def test_album_at_the_end_and_inline_figure(photo_output):
    page = article(photo_output, "tin-thu-sau")
    figure = page.select_one(".article__body figure.figure")
    assert figure.figcaption.get_text() == "Toàn cảnh Hội nghị"
    assert figure.img["alt"] == "Hội trường" and "loading" not in figure.img.attrs  # first image: not lazy
    assert figure.find_parent("p") is None
    gallery = page.select_one(".gallery")
    assert gallery.select_one(".gallery__heading").get_text() == "Một số hình ảnh"
    assert len(gallery.select("li")) == 3  # the inline photo is not repeated
    assert gallery.find_next_sibling() is None


def test_no_published_jpeg_carries_exif_gps_or_xmp(photo_output, photo_site):
    originals = {p.read_bytes() for p in photo_site.rglob("*.jpg")}
    published = list(photo_output.rglob("*.jpg"))
    assert len(published) == 10 * 4
    for path in published:
        data = path.read_bytes()
        image = Image.open(path)
        assert dict(image.getexif()) == {}, path
        assert "xmp" not in image.info and b"Exif\0\0" not in data and b"adobe:ns:meta" not in data, path
        assert data not in originals
        assert image.width <= 1600  # originals (2000 px) are not published


def test_album_index_newest_first_with_covers(photo_output):
    page = soup(photo_output / "thu-vien-anh.html")
    cards = page.select(".album-card")
    assert [c.select_one(".album-card__title").get_text() for c in cards] == ["Tin thứ bảy", "Tin thứ sáu"]
    assert [c.select_one(".meta").get_text(" ", strip=True).split("· ")[1] for c in cards] == ["6 ảnh", "3 ảnh"]
    assert cards[0].a["href"].endswith("07/01-tin-thu-bay.html#album")
    assert "Thư viện ảnh" in [a.get_text() for a in soup(photo_output / "index.html").select(".main-nav a")]
    # the cover of an article defaults to its gallery's first photo
    listing = soup(photo_output / "chuyen-muc/tin-tuc.html")
    cover = listing.select_one(".card--with-cover img.card__cover")
    first = article(photo_output, "tin-thu-bay").select_one(".gallery img")
    assert cover["src"].split("/")[-1] == first["src"].split("/")[-1]


def test_links_resolve_with_photos(photo_output):
    assert broken_references(photo_output) == []


def test_rebuild_cache_rename_and_change(photo_site, photo_output, photo_cache, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(photo_site, site)
    again = run_pelican(site, tmp_path / "o1", *cache_setting(photo_cache))
    assert again.returncode == 0 and "xử lý" not in again.stderr.lower()  # nothing decoded
    folder = site / ALBUM_ARTICLE
    (folder / "anh4.jpg").rename(folder / "anh-bon.jpg")  # renamed: same bytes
    renamed = run_pelican(site, tmp_path / "o2", *cache_setting(photo_cache))
    assert renamed.returncode == 0 and "xử lý" not in renamed.stderr.lower()
    (folder / "anh5.jpg").write_bytes(photo(2000, 1500, seed=99))  # changed: only it
    changed = run_pelican(site, tmp_path / "o3", *cache_setting(photo_cache))
    assert changed.returncode == 0 and "Đã xử lý 1 ảnh" in changed.stderr


BAD = {
    "corrupt": (lambda f: (f / "hong.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really"), "hong.jpg: {sev}: Ảnh bị hỏng hoặc chép chưa hết"),
    "truncated": (lambda f: (f / "cut.jpg").write_bytes((f / "anh1.jpg").read_bytes()[:30000]), "cut.jpg: {sev}: Ảnh bị hỏng hoặc chép chưa hết"),
    "garbage": (lambda f: (f / "rac.jpg").write_bytes(b"PK\x03\x04 a zip file named .jpg"), "rac.jpg: {sev}: Không phải tệp ảnh"),
    "not-image": (lambda f: (f / "bao-cao.pdf").write_bytes(b"%PDF-1.4"), "bao-cao.pdf: {sev}: \"bao-cao.pdf\" không phải tệp ảnh"),
    "zero-bytes": (lambda f: (f / "rong.jpg").write_bytes(b""), "rong.jpg: {sev}: Tệp ảnh rỗng (0 byte)"),
    "caption-missing": (
        lambda f: (f / "chu-thich.txt").write_text("anh1.jpg: một\nkhong-co.jpg: ảnh đã xóa\n", encoding="utf-8"),
        "chu-thich.txt:2: {sev}: Không có ảnh \"khong-co.jpg\"",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("strict", [False, True])
def test_bad_photos_warn_in_preview_and_stop_when_publishing(photo_site, photo_cache, tmp_path, case, strict):
    site = tmp_path / "site"
    shutil.copytree(photo_site, site, symlinks=True)
    make, message = BAD[case]
    make(site / ALBUM_ARTICLE)
    extra = ["GALLERY_STRICT=true"] if strict else []
    result = run_pelican(site, tmp_path / "out", *cache_setting(photo_cache, *extra))
    assert "Traceback" not in result.stderr
    expected = message.format(sev="lỗi" if strict else "cảnh báo")
    assert any(line.endswith(expected) or expected in line for line in result.stderr.splitlines()), result.stderr
    if strict:
        assert result.returncode == 1
    else:
        assert result.returncode == 0, result.stderr
        gallery = article(tmp_path / "out", "tin-thu-bay").select(".gallery li")
        assert len(gallery) >= 5  # the rest of the gallery still appears


def test_album_reference_escaping_content(photo_site, photo_cache, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(photo_site, site)
    md = site / "bai-viet" / "2025-05-01-thu-nam.md"
    md.write_text(md.read_text(encoding="utf-8").replace("Title:", "Album: ../../\nTitle:", 1), encoding="utf-8")
    result = run_pelican(site, tmp_path / "out", *cache_setting(photo_cache, "GALLERY_STRICT=true"))
    assert result.returncode == 1
    assert f"{md}:1: lỗi: Album: \"../../\" trỏ ra ngoài thư mục nội dung" in result.stderr
    assert "Không biết thông tin" not in result.stderr  # Album: is a known key


def test_image_metadata_chooses_the_cover_and_albums_paginate(photo_site, photo_cache, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(photo_site, site)
    md = site / f"{ALBUM_ARTICLE}.md"
    md.write_text(md.read_text(encoding="utf-8").replace("Title:", "Image: anh5.jpg\nTitle:", 1), encoding="utf-8")
    pages = '{"category": null, "tag": null, "period_archives": 20, "albums": 1}'
    result = run_pelican(site, tmp_path / "out", *cache_setting(photo_cache, f"PAGINATED_TEMPLATES={pages}"))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    first, second = soup(out / "thu-vien-anh.html"), soup(out / "thu-vien-anh-2.html")
    assert [c.select_one(".album-card__title").get_text() for c in first.select(".album-card")] == ["Tin thứ bảy"]
    assert [c.select_one(".album-card__title").get_text() for c in second.select(".album-card")] == ["Tin thứ sáu"]
    assert second.select_one(".pagination a")["href"] == "./thu-vien-anh.html"
    cover = first.select_one(".album-card__cover")["src"]
    fifth = next(img for img in article(out, "tin-thu-bay").select(".gallery img") if img["alt"].startswith("Ảnh 5 "))
    assert cover.split("/")[-1] == fifth["src"].split("/")[-1]
    assert (out / cover.replace("-480.jpg", "-1200.jpg")).is_file()  # the sharing size exists


def test_missing_inline_photo(photo_site, photo_cache, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(photo_site, site)
    md = site / "bai-viet" / "2025-05-01-thu-nam.md"
    md.write_text(md.read_text(encoding="utf-8") + "\n![Ảnh](khong-co.jpg)\n", encoding="utf-8")
    line = len(md.read_text(encoding="utf-8").splitlines())
    preview = run_pelican(site, tmp_path / "out", *cache_setting(photo_cache))
    assert preview.returncode == 0
    assert f"{md}:{line}: cảnh báo: Không tìm thấy ảnh \"khong-co.jpg\"" in preview.stderr
    assert broken_references(tmp_path / "out") == []  # no broken <img> left in the page
    strict = run_pelican(site, tmp_path / "out2", *cache_setting(photo_cache, "GALLERY_STRICT=true"))
    assert strict.returncode == 1 and f"{md}:{line}: lỗi: Không tìm thấy ảnh" in strict.stderr
