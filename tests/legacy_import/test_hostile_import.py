"""``invoke import-legacy`` on hostile pages and text exports: the Markdown
it writes is safe on its own (checked by rendering it with the portal's
Markdown settings and no sanitiser), the report names what was removed,
and the build shows the text and keeps link targets as they were."""

from __future__ import annotations

import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, run_pelican, small_jpeg
from legacy_import.safe import checked_url

HOSTILE = ROOT / "tests" / "fixtures" / "legacy-hostile"
COMMAND = ROOT / "plugins" / "legacy_import" / "command.py"
MARKDOWN = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
BAD = ("<img", "onerror", "<script", "javascript:", "onmouseover", "onclick", "<b", "<i>")
# What Markdown of the importer may become: nothing that runs, loads or styles.
ELEMENTS = {"p", "a", "em", "strong", "h3", "ul", "ol", "li", "br", "table", "thead", "tbody", "tr", "th", "td"}


def run(*args):
    return subprocess.run([sys.executable, str(COMMAND), *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120)


def render(text: str) -> BeautifulSoup:
    """Markdown as the portal renders it, without the build's sanitiser."""
    return BeautifulSoup(markdown.Markdown(**MARKDOWN).convert(text), "html.parser")


def header_and_body(path: Path) -> tuple[str, str]:
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    return header, body


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The hostile sources imported into a copy of the fixture site, and built."""
    base = tmp_path_factory.mktemp("hostile")
    site = base / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", site)
    sources = base / "cu"
    shutil.copytree(HOSTILE, sources)
    (sources / "html" / "thong-bao_files").mkdir()
    (sources / "html" / "thong-bao_files" / "anh.jpg").write_bytes(small_jpeg(3))
    mapping = base / "anh-xa.toml"
    mapping.write_text('"Thông báo" = "Tin tức"\n', encoding="utf-8")
    before = set((site / "bai-viet").rglob("*.md"))
    result = run(sources, "--out", site, "--category-map", mapping)
    assert result.returncode == 0, result.stdout + result.stderr
    new = sorted(set((site / "bai-viet").rglob("*.md")) - before)
    built = run_pelican(site, base / "out")
    return {"site": site, "report": result.stdout, "new": new, "built": built, "out": base / "out"}


def article(imported, word: str) -> Path:
    return next(p for p in imported["new"] if word in p.name)


def test_both_sources_are_imported_under_their_text_titles(imported):
    assert [p.name for p in imported["new"]] == ["2024-03-12-thong-bao-lich-tiep-dan.md", "2024-03-14-thong-bao-hop-to-dan-pho.md"]
    assert "Tổng kết: 2 bài đã nhập" in imported["report"]


@pytest.mark.parametrize("word", ["lich-tiep-dan", "hop-to-dan-pho"])
def test_no_markup_in_header_lines(imported, word):
    header, _ = header_and_body(article(imported, word))
    for bad in BAD:
        assert bad not in header.lower(), (bad, header)
    assert "<" not in header and "\\" not in header.split("Summary:")[0]


def test_header_fields_are_the_text(imported):
    page, _ = header_and_body(article(imported, "lich-tiep-dan"))
    assert page.splitlines()[0] == "Title: Thông báo lịch tiếp dân"
    assert "Author: Lê Hoa" in page.splitlines()
    assert "Summary: Ủy ban nhân dân phường thông báo lịch tiếp công dân trong tháng 3 năm 2024." in page.splitlines()
    export, _ = header_and_body(article(imported, "hop-to-dan-pho"))
    assert export.splitlines()[0] == "Title: Thông báo họp tổ dân phố"
    assert "Author: Phạm Văn Nam" in export.splitlines()
    assert "Summary: Tổ dân phố số 3 họp vào tối thứ sáu tại nhà văn hóa." in export.splitlines()


def test_captions_are_plain_text(imported):
    captions = (article(imported, "lich-tiep-dan").with_suffix("") / "chu-thich.txt").read_text(encoding="utf-8")
    assert captions == "anh-01.jpg: Quang cảnh buổi tiếp dân\n"
    _, body = header_and_body(article(imported, "lich-tiep-dan"))
    assert "*Ảnh lỗi*" in body.split("\n\n")  # its photo had a javascript: address: the caption stays, as text


def test_the_report_names_what_was_removed(imported):
    report = imported["report"]
    page = [line for line in report.splitlines() if line.startswith("Cần xem lại:") and "thong-bao.html" in line]
    export = [line for line in report.splitlines() if line.startswith("Cần xem lại:") and "hop-to-dan-pho.txt" in line]
    for field in ("tiêu đề có mã HTML", "tên tác giả có mã HTML", "đoạn đầu (dùng làm tóm tắt) có mã HTML",
                  "chú thích ảnh anh.jpg có mã HTML", "chú thích ảnh có mã HTML"):
        assert any(field in line for line in page), field
    for field in ("tiêu đề có mã HTML", "tên tác giả có mã HTML", "đoạn đầu (dùng làm tóm tắt) có mã HTML"):
        assert any(field in line for line in export), field
    assert any("chỉ giữ chữ: \"Thông báo lịch tiếp dân\"" in line for line in page)
    for dropped, text in (("javascript:alert(3)", "liên kết xấu"), ("data:text/html", "dữ liệu"), ("ScRiPt:alert(5)", "liên kết giấu"),
                          ("javascript:alert(11)", None)):
        line = next(line for line in page if "bỏ" in line and dropped in line)
        assert text is None or f"chỉ giữ chữ \"{text}\"" in line
    relative = next(line for line in page if "bỏ liên kết tep/bieu mau (1).pdf (đường dẫn tương đối" in line)
    assert "chỉ giữ chữ \"biểu mẫu\"" in relative
    assert "0 điểm cần xem lại" not in report


@pytest.mark.parametrize("word", ["lich-tiep-dan", "hop-to-dan-pho"])
def test_the_markdown_is_safe_without_the_build_sanitiser(imported, word):
    header, body = header_and_body(article(imported, word))
    summary = next(line for line in header.splitlines() if line.startswith("Summary:")).partition(": ")[2]
    for html in (render(body), render(summary)):
        for element in html.find_all(True):
            assert element.name in ELEMENTS, element
            assert not [name for name in element.attrs if name.lower().startswith("on")], element
        for anchor in html.find_all("a"):
            assert checked_url(anchor["href"]) is not None, anchor
        assert "onclick" not in str(html).replace("{: onclick", "")  # only as shown text


def test_text_that_looks_like_markdown_stays_text(imported):
    _, body = header_and_body(article(imported, "hop-to-dan-pho"))
    html = render(body)
    text = html.get_text(" ")
    assert not html.find_all("a")  # [tài liệu](javascript:…) and a reference definition stay text
    assert "[tài liệu](javascript:alert(3))" in text and "[x]: javascript:alert(6)" in text
    assert "<script>alert(2)</script>" in text  # a body shows what the export said
    assert "Mang theo giấy tờ {: onclick=alert(5)}" in text


def test_links_keep_their_targets_after_rendering(imported):
    _, body = header_and_body(article(imported, "lich-tiep-dan"))
    links = {a.get_text(): a["href"] for a in render(body).find_all("a")}
    assert {text: unquote(href) for text, href in links.items()} == {
        "tệp đính kèm": "https://ok.example/a.pdf) <img src=x onerror=alert(1)>",
        "kế [hoạch] năm": "https://ok.example/tài liệu/kế hoạch (2024).pdf",
        "024 3123 4567": "tel:+842431234567",
        "thư điện tử": "mailto:ubnd@phuong.example",
    }
    assert "biểu mẫu" in render(body).get_text()  # a relative link leads to the old portal: its text stays

def test_the_build_shows_the_text_and_keeps_the_targets(imported):
    built = imported["built"]
    assert built.returncode == 0, built.stderr
    page = next(imported["out"].rglob("*thong-bao-lich-tiep-dan.html"))
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert html.find("h1").get_text(strip=True) == "Thông báo lịch tiếp dân"
    assert not html.find_all(lambda e: any(name.lower().startswith("on") for name in e.attrs))
    assert not [s for s in html.find_all("script") if "alert" in s.get_text()]
    assert not [a for a in html.find_all("a", href=True) if a["href"].lower().startswith(("javascript", "data"))]
    body = html.find(class_="article__body")
    links = {a.get_text(): a["href"] for a in body.find_all("a", href=True)}
    assert unquote(links["tệp đính kèm"]) == "https://ok.example/a.pdf) <img src=x onerror=alert(1)>"
    assert unquote(links["kế [hoạch] năm"]) == "https://ok.example/tài liệu/kế hoạch (2024).pdf"
    assert "biểu mẫu" not in links and "biểu mẫu" in body.get_text()  # the old portal's file: text only, and told
    assert "Quang cảnh buổi tiếp dân" in html.get_text() and "alert(10)" not in str(html)
    export = BeautifulSoup(next(imported["out"].rglob("*thong-bao-hop-to-dan-pho.html")).read_text(encoding="utf-8"), "html.parser")
    assert export.find("h1").get_text(strip=True) == "Thông báo họp tổ dân phố"
    assert not export.find(class_="article__body").find_all("a")
    assert "<script>alert(2)</script>" in export.find(class_="article__body").get_text()  # shown, as text
    assert not [s for s in export.find_all("script") if "alert" in s.get_text()]
