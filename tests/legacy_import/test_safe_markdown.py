"""The Markdown writers of the importer (``legacy_import.safe``), rendered
with the portal's own Markdown settings: text stays exactly that text, a
link target cannot end its link and still names the same address, header
fields and captions are plain text; and the readers use them."""

from __future__ import annotations

import re
import runpy
from pathlib import Path
from urllib.parse import unquote

import markdown
from bs4 import BeautifulSoup
from helpers import ROOT
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from legacy_import.html_source import parse_html
from legacy_import.output import captions_file, markdown as article_markdown
from legacy_import.safe import DroppedURLs, checked_url, link, markdown_text, plain_text
from legacy_import.text_source import parse_text

MARKDOWN = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
relaxed = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that mean something to Markdown, its extensions (attribute lists,
# footnotes, abbreviations, references), HTML or Pelican.
PIECES = list("[]()<>{}:;!*_`\\#&|\"'=+ ab1é/") + [
    "javascript:alert(1)", "onclick=x", "&lt;", "&amp;", "&#60;", "&#x3C;", "&#1", "&lt", "[[album]]", "{: ", "[^1]", "](", "]:", "![",
    "<img src=x onerror=alert(1)>", "<script>", "</p>", "<!--", "-->", "  ", "\t", "{filename}", "|filename|", "http://x.vn",
]
text = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def render(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.Markdown(**MARKDOWN).convert(source), "html.parser")


def shown(html: BeautifulSoup) -> str:
    return " ".join(html.get_text().split())


@relaxed
@given(text)
@example("[[x](javascript:alert(1))")
@example("[[[[x]](javascript:alert(1))")
@example("[x]: javascript:alert(1)")
@example("Tiêu đề {: onclick=alert(1)}")
@example("&lt;img src=x onerror=alert(1)&gt;")
@example("&#1 &#x3C")  # found by this test: numeric references count without ";"
@example("=== a")  # found by this test: a leading "=" was written "\=", which shows its backslash
def test_text_shows_exactly_itself(line):
    line = " ".join(line.split())
    if re.match(r"^(\d+\.|[-+])(\s|$)", line) or not line.strip("- "):
        return  # a numbered or dashed line stays a list (or a rule), by design
    html = render(markdown_text(line))
    assert [e.name for e in html.find_all(True)] == (["p"] if line else [])
    assert not html.find_all(attrs=True)
    assert shown(html).replace("–", "--").replace("—", "---").replace("…", "...") == line  # smarty dashes


@relaxed
@given(st.sampled_from(["https://ok.example/", "http://h.vn/", "mailto:", "tel:", "", "/", "../", "#", "//h.vn/"]),
       st.lists(st.sampled_from(list(" ()<>[]{}|\\\"'`*_&;#%:!?=\u00a0\u2028é/a1") + ["&lt;", "%28", "](", "'t'", ' "t"']),
                max_size=20).map("".join),
       text)
@example("https://ok.example/", "a.pdf) <img src=x onerror=alert(1)>", "tệp")
@example("", "tep/ke hoach (2024).pdf", "kế [hoạch]")
def test_a_link_keeps_its_target_and_nothing_leaks_out(start, rest, label):
    url = checked_url(start + rest)
    label = " ".join(label.split()) or "x"
    if url is None:
        assert not (start + rest).strip()
        return
    html = render(link(label, url))
    anchors = html.find_all("a")
    assert len(anchors) == 1
    assert unquote(anchors[0]["href"]) == unquote(url)
    assert shown(anchors[0]).replace("–", "--").replace("—", "---").replace("…", "...") == label
    assert shown(html) == shown(anchors[0])  # nothing of the target became text
    assert [e.name for e in html.find_all(True)] == ["p", "a"] and set(anchors[0].attrs) == {"href"}


def test_only_safe_schemes_are_kept():
    for good in ("https://a.vn/x", "HTTP://a.vn", "mailto:a@b.vn", "tel:+84123", "tep/a b.pdf", "/x", "#top", "?q=1", "//a.vn/x"):
        assert checked_url(good) == good
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "\x01javascript:x", "data:text/html,x",
                "vbscript:x", "file:///etc/passwd", "ftp://a.vn", "blob:x", ""):
        assert checked_url(bad) is None, bad


@relaxed
@given(text)
@example("<</b>img src=x onerror=alert(1)>")
@example("a <img src=x onerror=alert(1)")
@example("<plaintext><img src=x onerror=alert(1)>")
@example("<iframe><img src=x onerror=alert(1)></iframe>")
def test_plain_text_has_no_markup_and_one_line(value):
    result, removed = plain_text(value + "\n\u2028x\x00")
    assert not re.search(r"<[A-Za-z/!?]", result)
    assert "\n" not in result and "\u2028" not in result and "\x00" not in result
    assert plain_text(result) == (result, False)
    if "<" not in value:
        assert not removed and result == " ".join((value + " x").split())


def test_plain_text_removes_tags_keeps_entities_as_text():
    assert plain_text("Thông báo <img src=x onerror=alert(1)>") == ("Thông báo", True)
    assert plain_text("Đoạn <script>alert(1)</script> đầu") == ("Đoạn đầu", True)
    assert plain_text("<b>Trần</b> Minh") == ("Trần Minh", True)
    assert plain_text("Số hộ < 5 & số người > 3") == ("Số hộ < 5 & số người > 3", False)
    assert plain_text("Văn bản &lt;img&gt; và &amp;") == ("Văn bản &lt;img&gt; và &amp;", False)  # not decoded a second time


def test_unsafe_addresses_are_marked_before_sanitising():
    dropped = DroppedURLs()
    marked = dropped.mark('<a title="x>y" href="data:text/html,<script>alert(1)</script>">a</a> <img/src=javascript:alert(1)>'
                          '<a href="https://ok.vn/">ok</a><A HREF = \'jav&#x61;script:x\'>b</A><a href="">c</a>')
    assert dropped.urls == ["data:text/html,<script>alert(1)</script>", "javascript:alert(1)", "javascript:x"]
    assert 'href="https://ok.vn/"' in marked and 'href=""' in marked
    assert dropped.original(dropped.prefix + "1") == "javascript:alert(1)" and dropped.original("#other") is None


def test_a_page_with_the_reported_bypasses(tmp_path):
    page = (
        "<html><body><div class='news-detail'><h1>Thông báo &lt;img src=x onerror=alert(1)&gt;</h1>"
        "<p>Ngày đăng 25/02/2024 | 07:30</p>"
        "<p>Đoạn đầu của bài viết về hội nghị, có đủ chữ để là một đoạn văn trong bài.</p>"
        "<p>Xem <a href='https://ok.example/a.pdf) <img src=x onerror=alert(1)>'>tệp</a> và "
        "<a href='javascript:alert(2)'>đây</a>.</p>"
        "<figure><img src='https://cdn.example/a.jpg'><figcaption>Ảnh &lt;img src=x onerror=alert(3)&gt;</figcaption></figure>"
        "</div></body></html>"
    )
    item = parse_html(page, tmp_path / "trang.html")
    assert item.title == "Thông báo"
    assert "Xem [tệp](https://ok.example/a.pdf%29%20%3Cimg%20src=x%20onerror=alert%281%29%3E) và đây." in item.blocks
    assert "*Ảnh*" in item.blocks
    notes = "\n".join(item.attention)
    assert "tiêu đề có mã HTML" in notes and "chú thích ảnh có mã HTML" in notes
    assert "bỏ liên kết javascript:alert(2)" in notes and "chỉ giữ chữ \"đây\"" in notes
    text = article_markdown(item, "Tin tức", album=False)
    assert text.startswith("Title: Thông báo\n") and "<img" not in text.split("\n\n")[0]


def test_a_text_export_with_tags_in_its_title_and_lead():
    item = parse_text("Tin tức\n\nHọp <b>tổ</b> dân phố\nNgày đăng 05/01/2024\n\nĐoạn đầu <img src=x onerror=alert(1)> [a](javascript:x).\n",
                      Path("x.txt"))
    assert item.title == "Họp tổ dân phố" and item.lead == "Đoạn đầu [a](javascript:x)."
    assert item.blocks == ["Đoạn đầu &lt;img src=x onerror=alert(1)> \\[a\\](javascript:x)."]
    header = article_markdown(item, "Tin tức", album=False).split("\n\n")[0]
    assert header.splitlines()[-1] == "Summary: Đoạn đầu \\[a\\](javascript:x)."
    assert not render(header.splitlines()[-1].partition(": ")[2]).find_all("a")
    assert sum("có mã HTML" in note for note in item.attention) == 2


def test_captions_file_lines_cannot_be_split(tmp_path):
    item = parse_text("Tin tức\n\nTiêu đề\nNgày đăng 05/01/2024\n\nNội dung.\n", Path("x.txt"))
    from legacy_import.model import Photo

    item.photos = [Photo(tmp_path / "a.jpg", "Dòng một\nanh-02.jpg: <img src=x onerror=alert(1)>")]
    assert captions_file(item, ["anh-01.jpg"]) == "anh-01.jpg: Dòng một anh-02.jpg:\n"


HREFS = ["https://ok.example/a b (1).pdf", "javascript:alert(1)", "tep/x)y.pdf", "data:text/html,x", "tel:+84 1", "#", "mailto:a@b.vn"]
inline = st.lists(st.one_of(
    text.map(lambda t: t.replace("<", "&lt;")),
    st.sampled_from(["<span>", "</span>", "<b>", "</b>", "<em>", "</em>", "<br>", "</a>", "<u>", "</u>"]),
    st.sampled_from(HREFS).map(lambda h: f"<a href=\"{h}\">"),
), max_size=25).map("".join)


@relaxed
@given(inline, text.map(lambda t: t.replace("<", "&lt;")))
@example('<span>[[x]</span><span>(javascript:alert(1))</span>', "")
@example('a<br>{: onclick=alert(1)}', "{: onclick=alert(1)}")
@example('<a href="https://ok.example/a b (1).pdf">]: x</a>', "")
@example('Hay!<a href="https://ok.example/a b (1).pdf">ảnh</a>', "")  # found by this test: "![…](…)" is an image
def test_a_page_never_gives_a_link_it_did_not_have(body, heading):
    page = (f"<html><body><div class='news-detail'><h1>Tiêu đề {heading}</h1><p>Ngày đăng 25/02/2024 | 07:30</p>"
            f"<p>{body} và đủ chữ để là một đoạn văn.</p><h2>{heading}</h2><ul><li>{body}</li></ul></div></body></html>")
    item = parse_html(page, Path("trang.html"))
    html = render("\n\n".join(item.blocks))
    # ">", "#" or ":" after a blank or a line break may still start a quote, a heading or a definition, as
    # before this change: formatting only
    allowed = {"p", "a", "em", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "br", "blockquote", "hr",
               "dl", "dt", "dd", "pre", "code", "table", "thead", "tbody", "tr", "th", "td"}
    assert {e.name for e in html.find_all(True)} <= allowed
    assert not [e for e in html.find_all(True) if set(e.attrs) - {"href"}]
    for anchor in html.find_all("a"):
        assert anchor.get_text().strip() and unquote(anchor["href"]) in {unquote(checked_url(h)) for h in HREFS if checked_url(h)}
    header = article_markdown(item, "Tin tức", album=False).split("\n\n")[0]
    assert not re.search(r"<[A-Za-z/!?]", header)
    assert not render(header.splitlines()[-1].partition(": ")[2]).find_all(["a", "img", "script"]) if "Summary:" in header else True
