"""The documents register (issue 22) through the `pelican` command and
`invoke check`: the register, its filter pages, a document's page with its
state, files and related articles, and every mistake at its line."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from helpers import ROOT, broken_references, soup
from pypdf import PdfWriter

CHECK = ROOT / "plugins" / "content_model" / "check.py"
NOW = "2025-09-01 08:00"


def pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write(site, name: str, header: str, body: str = "", files: dict | None = None):
    path = site / "van-ban" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header.strip() + "\n\n" + body, encoding="utf-8")
    for file_name, data in (files or {}).items():
        folder = path.with_suffix("")
        folder.mkdir(exist_ok=True)
        (folder / file_name).write_bytes(data)
    return path


def add_register(site):
    write(site, "2025/12-qd-ubnd.md", """
Title: Quyết định ban hành kế hoạch sử dụng đất năm 2025
Number: 12/QĐ-UBND
Type: Quyết định
Issuer: UBND xã
Issued: 15/03/2025
Effective: 15/03/2025
Signer: Nguyễn Văn An
Field: Đất đai
""", "Quyết định có hiệu lực kể từ ngày ký.\n", {"quyet-dinh-12.pdf": pdf(3), "phu-luc.xlsx": b"PK\x03\x04" + bytes(3000)})
    write(site, "2025/20-qd-ubnd.md", """
Title: Quyết định sửa đổi kế hoạch sử dụng đất năm 2025
Số ký hiệu: 20/QĐ-UBND
Loại: Quyết định
Cơ quan: UBND xã
Ngày ban hành: 01/06/2025
Replaces: 12/QĐ-UBND
""")
    write(site, "2025/05-kh-ubnd.md", """
Title: Kế hoạch phòng chống thiên tai năm 2025
Number: 05/KH-UBND
Type: Kế hoạch
Issuer: UBND xã
Issued: 2025-02-01
Expires: 2025-06-30
""")
    write(site, "2025/07-nq-hdnd.md", """
Title: Nghị quyết về dự toán ngân sách năm 2026
Number: 07/NQ-HĐND
Type: Nghị quyết
Issuer: HĐND xã
Issued: 20/08/2025
Effective: 01/01/2026
Field: Tài chính - Ngân sách
""")
    write(site, "2024/30-tb-ubnd.md", """
Title: Thông báo lịch tiếp công dân năm 2024
Number: 30/TB-UBND
Type: Thông báo
Issuer: UBND xã
Issued: 05/01/2024
""")
    write(site, "2025/99-nhap.md", """
Title: Dự thảo kế hoạch
Number: 99/KH-UBND
Type: Kế hoạch
Issuer: UBND xã
Issued: 01/08/2025
Status: draft
""")
    article = site / "bai-viet" / "2025-06-01-thu-sau.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nXem [quyết định]({filename}/van-ban/2025/12-qd-ubnd.md).\n",
                       encoding="utf-8")


def build(site, out, *extra, settings="pelicanconf.py"):
    return subprocess.run([sys.executable, "-m", "pelican", str(site), "-s", str(ROOT / settings), "-o", str(out),
                           "-e", 'PUBLIC_URL="https://x.example"', *extra],
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PORTAL_NOW=NOW), timeout=300)


@pytest.fixture
def register(site_copy, tmp_path):
    add_register(site_copy)
    out = tmp_path / "out"
    result = build(site_copy, out)
    assert result.returncode == 0, result.stderr
    return site_copy, out, result


def test_the_register_lists_every_published_document_newest_first(register):
    _site, out, result = register
    page = soup(out / "van-ban" / "index.html")
    rows = page.select("table.register tbody tr")
    assert [r.select_one("th").get_text(strip=True) for r in rows] == [
        "07/NQ-HĐND", "20/QĐ-UBND", "12/QĐ-UBND", "05/KH-UBND", "30/TB-UBND"]  # the draft is not there
    states = {r.select_one("th").get_text(strip=True): r.select("td")[4].get_text(strip=True) for r in rows}
    assert states == {"07/NQ-HĐND": "Chưa có hiệu lực", "20/QĐ-UBND": "—", "12/QĐ-UBND": "Đã được thay thế bởi 20/QĐ-UBND",
                      "05/KH-UBND": "Hết hiệu lực", "30/TB-UBND": "—"}
    assert [a.get_text(strip=True) for a in rows[2].select(".register__file")] == ["Excelphu-luc.xlsx", "PDFquyet-dinh-12.pdf"]
    assert page.select_one("nav.main-nav a[aria-current='page']").get_text(strip=True) == "Văn bản"
    assert "99/KH-UBND" not in (out / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert "van-ban/2025/99-nhap.md: bản nháp (Status: draft)" in result.stderr
    assert not broken_references(out)


def test_filter_pages_need_no_script(register):
    _site, out, _ = register
    assert [r.th.get_text(strip=True) for r in soup(out / "van-ban/loai/quyet-dinh.html").select("tbody tr")] == [
        "20/QĐ-UBND", "12/QĐ-UBND"]
    assert [r.th.get_text(strip=True) for r in soup(out / "van-ban/co-quan/hdnd-xa.html").select("tbody tr")] == ["07/NQ-HĐND"]
    assert [r.th.get_text(strip=True) for r in soup(out / "van-ban/nam/2024.html").select("tbody tr")] == ["30/TB-UBND"]
    assert [r.th.get_text(strip=True) for r in soup(out / "van-ban/linh-vuc/dat-dai.html").select("tbody tr")] == ["12/QĐ-UBND"]
    index = soup(out / "van-ban" / "index.html")
    links = {a.get_text(strip=True): a["href"] for a in index.select(".doc-filters a")}
    assert links["Quyết định"].endswith("van-ban/loai/quyet-dinh.html") and links["2024"].endswith("van-ban/nam/2024.html")
    assert not (out / "van-ban/loai/cong-van.html").exists()  # no document of that type: no empty page


def test_a_documents_page_shows_its_fields_state_files_and_articles(register):
    _site, out, _ = register
    page = soup(out / "van-ban" / "2025" / "12-qd-ubnd.html")
    rows = {r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True) for r in page.select(".summary-list__row")}
    assert rows["Số ký hiệu"] == "12/QĐ-UBND" and rows["Cơ quan ban hành"] == "UBND xã"
    assert rows["Ngày ban hành"] == "15/03/2025" and rows["Người ký"] == "Nguyễn Văn An" and rows["Lĩnh vực"] == "Đất đai"
    assert rows["Được thay thế bởi"] == "Quyết định 20/QĐ-UBND"
    assert page.select_one(".doc-status").get_text(" ", strip=True) == "Đã được thay thế bởi Quyết định 20/QĐ-UBND"
    files = [(a.select_one(".attachment__link").get_text(strip=True), a.select_one(".attachment__meta").get_text(strip=True))
             for a in page.select(".attachment")]
    assert files[0][0] == "phu-luc.xlsx" and files[0][1] == "Excel · 3 KB"
    assert files[1][0] == "quyet-dinh-12.pdf" and re.fullmatch(r"PDF · \d+ KB · 3 trang", files[1][1]), files
    assert (out / "van-ban/2025/12-qd-ubnd/quyet-dinh-12.pdf").read_bytes()[:5] == b"%PDF-"
    assert [a.get_text(strip=True) for a in page.select(".document__related a")] == ["Tin thứ sáu"]
    replacing = soup(out / "van-ban" / "2025" / "20-qd-ubnd.html")  # written with the Vietnamese keys
    assert {r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True) for r in replacing.select(".summary-list__row")}[
        "Thay thế"] == "Quyết định 12/QĐ-UBND"
    article = soup(next(out.glob("bai-viet/2025/06/01-*.html")))
    assert any(a["href"].endswith("van-ban/2025/12-qd-ubnd.html") for a in article.select(".article__body a"))
    sidebar = [a.get_text(strip=True) for a in soup(out / "index.html").select(".sidebar a")]
    assert "Nghị quyết về dự toán ngân sách năm 2026" in sidebar


@pytest.mark.parametrize("name, header, files, line, message", [
    ("2025/a.md", "Title: A\nType: Quyết định\nIssuer: UBND xã\nIssued: 01/02/2025", {}, 1,
     "lỗi: Thiếu số ký hiệu. Thêm dòng \"Number: 123/QĐ-UBND\""),
    ("2025/b.md", "Title: B\nNumber: 1/QĐ\nType: Quyet dinhh\nIssuer: UBND xã\nIssued: 01/02/2025", {}, 3,
     "lỗi: Loại văn bản (Type) \"Quyet dinhh\" không có trong danh sách của phường. Có phải là \"Quyết định\"?"),
    ("2025/c.md", "Title: C\nNumber: 2/QĐ\nType: Quyết định\nIssuer: UBND huyện\nIssued: 01/02/2025", {}, 4,
     "lỗi: Cơ quan ban hành (Issuer) \"UBND huyện\" không có trong danh sách của phường."),
    ("2025/d.md", "Title: D\nNumber: 3/QĐ\nType: Quyết định\nIssuer: UBND xã\nIssued: 01/02/2025\nFiles: khong-co.pdf", {}, 6,
     "lỗi: Không có tệp đính kèm \"khong-co.pdf\" (tìm ở d/khong-co.pdf)."),
    ("2025/e.md", "Title: E\nNumber: 4/QĐ\nType: Quyết định\nIssuer: UBND xã\nIssued: 01/02/2025\nFiles: cai-dat.exe",
     {"cai-dat.exe": b"MZ"}, 6, "lỗi: Tệp \"cai-dat.exe\" không được đăng: chỉ nhận PDF"),
    ("2025/f.md", "Title: F\nNumber: 5/QĐ\nType: Quyết định\nIssuer: UBND xã\nIssued: 01/02/2025\nExpires: 01/01/2025", {}, 6,
     "lỗi: Ngày hết hiệu lực (01/01/2025) trước ngày ban hành (01/02/2025)."),
    ("2025/g.md", "Title: G\nNumber: 6/QĐ\nType: Quyết định\nIssuer: UBND xã\nIssued: 31/02/2025", {}, 5,
     "lỗi: Ngày ban hành (Issued): "),
    ("2025/h.md", "Title: H\nNumber: 7/QĐ\nType: Quyết định\nIssuer: UBND xã\nIssued: 01/02/2025\nReplaces: 999/QĐ", {}, 6,
     "cảnh báo: Replaces: không có văn bản số \"999/QĐ\""),
    ("2025/i.md", "Title: I\nNumber: 8/QĐ\nLoai van ban Quyết định\nIssuer: UBND xã\nIssued: 01/02/2025", {}, 3,
     "lỗi: Dòng \"Loai van ban Quyết định\" nằm trong phần thông tin"),
])
def test_each_mistake_in_a_document_is_one_message_at_its_line_in_build_and_check(site_copy, tmp_path, name, header,
                                                                               files, line, message):
    path = write(site_copy, name, header, files=files)
    expected = f"{path}:{line}: {message}"
    result = build(site_copy, tmp_path / "out")
    assert expected in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.returncode == (1 if ": lỗi: " in expected else 0)
    check = subprocess.run([sys.executable, str(CHECK), str(path)], capture_output=True, text=True, cwd=ROOT)
    assert expected in check.stdout, check.stdout
    assert check.returncode == result.returncode


def test_a_number_used_twice_names_both_files(site_copy, tmp_path):
    one = write(site_copy, "2025/mot.md", "Title: Một\nNumber: 12/QĐ-UBND\nType: Quyết định\nIssuer: UBND xã\nIssued: 01/02/2025")
    two = write(site_copy, "2025/hai.md", "Title: Hai\nNumber: 12/qđ-ubnd\nType: Quyết định\nIssuer: UBND xã\nIssued: 03/02/2025")
    result = build(site_copy, tmp_path / "out")
    assert result.returncode == 1
    for here, there in ((one, two), (two, one)):
        assert f"{here}:2: lỗi: Số ký hiệu" in result.stderr and f"trùng với văn bản {there}" in result.stderr, result.stderr
    check = subprocess.run([sys.executable, str(CHECK), str(one)], capture_output=True, text=True, cwd=ROOT)
    assert f"{one}:2: lỗi: Số ký hiệu \"12/QĐ-UBND\" trùng với văn bản {two}" in check.stdout, check.stdout


def test_documents_are_searched_mapped_fed_and_described_when_published(site_copy, tmp_path):
    import json
    import xml.etree.ElementTree as ET

    add_register(site_copy)
    out = tmp_path / "out"
    result = build(site_copy, out, settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    index = "".join(p.read_text(encoding="utf-8") for p in (out / "search").glob("d-*.js"))
    assert "Quyết định 12/QĐ-UBND: Quyết định ban hành kế hoạch sử dụng đất năm 2025" in index
    assert "99/KH-UBND" not in index  # a draft is nowhere
    urls = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://x.example/van-ban/index.html" in urls and "https://x.example/van-ban/2025/12-qd-ubnd.html" in urls
    assert "https://x.example/van-ban/loai/quyet-dinh.html" in urls
    assert "van-ban/index.html" in (out / "so-do-cong.html").read_text(encoding="utf-8")
    feed = ET.parse(out / "feeds" / "van-ban.atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries][0] == "Nghị quyết về dự toán ngân sách năm 2026"
    assert entries[0].find(f"{atom}summary").text.startswith("Nghị quyết số 07/NQ-HĐND của HĐND xã, ban hành ngày 20/08/2025")
    assert entries[0].find(f"{atom}author/{atom}name").text == "HĐND xã"
    page = soup(out / "van-ban" / "2025" / "12-qd-ubnd.html")
    assert page.select_one('meta[name="DC.identifier"]')["content"] == "12/QĐ-UBND"
    assert page.select_one('meta[name="DC.type"]')["content"] == "Quyết định"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Legislation" and data["identifier"] == "12/QĐ-UBND" and data["dateCreated"] == "2025-03-15"
    assert page.select_one('link[rel="alternate"][href$="feeds/van-ban.atom.xml"]') is not None
