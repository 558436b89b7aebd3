"""The reference checker catches each kind of broken reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline.refcheck import check, main

PAGE = """<!DOCTYPE html><html lang="vi"><head>
<link rel="stylesheet" href="css/site.css"><script src="js/a.js"></script></head><body>
<h1 id="dau-trang">Tiêu đề</h1>
<a href="khac.html">ok</a> <a href="khac.html#muc-2">ok anchor</a> <a href="#dau-trang">ok self</a>
<a href="https://dichvucong.gov.vn/">outbound, allowed</a> <a href="mailto:a@example.vn">mail</a>
<img src="anh/a.jpg" srcset="anh/a.jpg 480w, anh/b.jpg 960w" alt="">
<form action="khac.html"></form>
{extra}
</body></html>"""

BROKEN = {
    "missing": '<a href="khong-co.html">x</a>',
    "directory": '<a href="chuyen-muc/">x</a>',
    "directory-no-slash": '<a href="chuyen-muc">x</a>',
    "absolute": '<a href="/khac.html">x</a>',
    "host-img": '<img src="https://cdn.example.com/a.jpg" alt="">',
    "host-script": '<script src="//cdn.example.com/a.js"></script>',
    "host-css": '<link rel="stylesheet" href="https://fonts.example.com/a.css">',
    "anchor-self": '<a href="#khong-co">x</a>',
    "anchor-other": '<a href="khac.html#khong-co">x</a>',
    "srcset": '<img src="anh/a.jpg" srcset="anh/a.jpg 480w, anh/mat.jpg 960w" alt="">',
    "lightbox-srcset": '<a href="anh/a.jpg" data-srcset="anh/mat-1600.jpg 1600w">x</a>',
    "outside": '<a href="../../etc/passwd">x</a>',
}
KINDS = {
    "missing": "missing", "directory": "directory", "directory-no-slash": "directory", "absolute": "absolute",
    "host-img": "host", "host-script": "host", "host-css": "host", "anchor-self": "anchor", "anchor-other": "anchor",
    "srcset": "missing", "lightbox-srcset": "missing", "outside": "outside",
}


def site(tmp_path: Path, extra: str = "", css: str = "h1 { background: url(../anh/a.jpg); }") -> Path:
    root = tmp_path / "site"
    for name in ("anh/a.jpg", "anh/b.jpg", "js/a.js", "chuyen-muc/tin.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"x")
    (root / "css").mkdir()
    (root / "css" / "site.css").write_text(css, encoding="utf-8")
    (root / "index.html").write_text(PAGE.format(extra=extra), encoding="utf-8")
    (root / "khac.html").write_text('<html lang="vi"><body><h2 id="muc-2">Mục 2</h2></body></html>', encoding="utf-8")
    return root


def test_a_clean_site_passes_and_outbound_links_are_listed(tmp_path):
    report = check(site(tmp_path))
    assert report.broken == []
    assert set(report.outbound) == {"https://dichvucong.gov.vn/"}
    assert report.pages == 3


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_kind_of_broken_reference_is_caught(tmp_path, case):
    report = check(site(tmp_path, BROKEN[case]))
    assert [(f.page, f.kind) for f in report.broken] == [("index.html", KINDS[case])]


def test_css_urls_are_checked(tmp_path):
    report = check(site(tmp_path, css="h1 { background: url('../anh/khong-co.png'); } p { background: url(https://x.example/a.png) }"))
    assert sorted((f.page, f.kind) for f in report.broken) == [("css/site.css", "host"), ("css/site.css", "missing")]


def test_command_exit_status(tmp_path, capsys):
    assert main([str(site(tmp_path))]) == 0
    assert "0 liên kết hỏng" in capsys.readouterr().out
    assert main([str(site(tmp_path / "b", BROKEN["missing"]))]) == 1
    assert "index.html: lỗi: Liên kết \"khong-co.html\" không dẫn tới tệp nào." in capsys.readouterr().err
