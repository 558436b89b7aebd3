"""Hostile content through the paths people take: `pelican` (preview and
publishing settings) and `invoke check`. Each attack an editor's account
could make stops the build with a message naming the file, or is published
harmless, and nothing leaves the content folder or the output folder."""

from __future__ import annotations

import os
import subprocess
import sys

import shutil

import pytest
from helpers import FIXTURE_SITE, ROOT, run_pelican, soup
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from safety import url_scheme
from safety.csp import boot_script

CHECK = ROOT / "plugins" / "content_model" / "check.py"
ARTICLE = "bai-viet/2025-06-01-thu-sau.md"


def check(*paths):
    return subprocess.run([sys.executable, str(CHECK), *map(str, paths)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def cache(tmp_path):
    return ["-e", f'CACHE_PATH="{tmp_path / "cache"}"']


def add_to_body(site, text, article=ARTICLE):
    path = site / article
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return path, path.read_text(encoding="utf-8").count("\n")


@pytest.mark.parametrize("make, target", [
    (lambda s: (s / "tep").mkdir() or (s / "tep" / "danh-sach.txt").symlink_to("/etc/passwd"), "/etc/passwd"),
    (lambda s: (s / "tep").mkdir() or (s / "tep" / "moi-truong.txt").symlink_to("/proc/self/environ"), "/proc/self/environ"),
    (lambda s: (s / "bai-viet" / "2025-01-01-ngoai.md").symlink_to(ROOT / "README.md"), str(ROOT / "README.md")),
    (lambda s: (s / "tep").mkdir() or (s / "tep" / "vong").symlink_to(".", target_is_directory=True), "."),
    (lambda s: (s / "bai-viet" / "2025-06-01-thu-sau" ).mkdir() or (s / "bai-viet" / "2025-06-01-thu-sau" / "z.jpg").symlink_to("/dev/zero"), "/dev/zero"),
    # a loop in a photo folder (`ln -s . a; ln -s . b`): Pelican walks with followlinks=True, for ever
    (lambda s: (s / "bai-viet" / "2025-06-01-thu-sau").mkdir() or [(s / "bai-viet" / "2025-06-01-thu-sau" / n).symlink_to(
        ".", target_is_directory=True) for n in "ab"], "."),
])
def test_a_link_out_of_the_content_folder_stops_the_build_and_check_naming_it(site_copy, tmp_path, make, target):
    make(site_copy)
    out = tmp_path / "out"
    for settings_file in ("pelicanconf.py", "publishconf.py"):
        result = run_pelican(site_copy, out, *cache(tmp_path), "-e", 'PUBLIC_URL="https://x.example"', settings=settings_file)
        assert result.returncode == 1, result.stderr
        assert f"\"{target}\"" in result.stderr and "lỗi" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists()
    result = check(site_copy)
    assert result.returncode == 1 and f"\"{target}\"" in result.stdout, result.stdout


def test_a_link_added_to_an_up_to_date_site_still_stops_it(site_copy, tmp_path):
    """safety runs before the up-to-date check, which would otherwise hash
    (and, for /dev/zero, read for ever) the link's target."""
    out = tmp_path / "out"
    assert run_pelican(site_copy, out, *cache(tmp_path)).returncode == 0
    (site_copy / "tep").mkdir()
    (site_copy / "tep" / "z.pdf").symlink_to("/dev/zero")
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 1 and "\"/dev/zero\"" in result.stderr, result.stderr
    assert not (out / "tep").exists()


def test_static_links_that_climb_out_are_refused_at_their_line(site_copy, tmp_path):
    path, line = add_to_body(site_copy, "[biên bản]({static}/../../tasks.py)")
    out = tmp_path / "output" / "phuong"
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 1
    assert f"{path}:{line}: lỗi: Liên kết {{static}}/../../tasks.py dẫn ra ngoài thư mục nội dung" in result.stderr, result.stderr
    assert not (tmp_path / "output" / "tasks.py").exists() and not list(tmp_path.rglob("tasks.py"))
    result = check(path)
    assert result.returncode == 1 and f"{path}:{line}: lỗi" in result.stdout


@pytest.mark.parametrize("name, body", [
    ("trang.html", "<script>alert(document.cookie)</script>"),
    ("so-do.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("du-lieu.xml", "<x/>"),
    ("mau.js", "alert(1)"),
])
def test_downloads_that_would_run_on_the_portal_are_refused(site_copy, tmp_path, name, body):
    (site_copy / "tep").mkdir()
    (site_copy / "tep" / name).write_text(body, encoding="utf-8")
    (site_copy / "tep" / "bien-ban.pdf").write_bytes(b"%PDF-1.4\n")
    result = run_pelican(site_copy, tmp_path / "out", *cache(tmp_path))
    assert result.returncode == 1
    assert f"{site_copy / 'tep' / name}: lỗi: Tệp \"{name}\"" in result.stderr, result.stderr
    result = check(site_copy)
    assert result.returncode == 1 and f"tep/{name}: lỗi" in result.stdout, result.stdout


def test_a_pdf_download_is_published(site_copy, tmp_path):
    (site_copy / "tep").mkdir()
    (site_copy / "tep" / "bien-ban.pdf").write_bytes(b"%PDF-1.4\n")
    add_to_body(site_copy, "[Biên bản]({static}/tep/bien-ban.pdf)")
    out = tmp_path / "out"
    assert run_pelican(site_copy, out, *cache(tmp_path)).returncode == 0
    assert (out / "tep" / "bien-ban.pdf").read_bytes() == b"%PDF-1.4\n"


@pytest.mark.parametrize("markup, shown", [
    ("<script>alert(1)</script>", "<script>"),
    ("<img src=x onerror=alert(1)>", "<img onerror=\"…\">"),
    ("<iframe srcdoc='<b>x</b>'></iframe>", "<iframe>"),
    ("<style>body{display:none}</style>", "<style>"),
    ('<form action="https://evil.example/"><input name="mk"></form>', "<form>"),
    ("[Bấm vào đây](javascript:alert(1))", "javascript:"),
    ("Đoạn văn.\n{: onclick=\"alert(1)\" }", "<p onclick=\"…\">"),
])
def test_script_in_an_article_stops_both_builds_and_check_at_its_line(site_copy, tmp_path, markup, shown):
    path, line = add_to_body(site_copy, markup)
    expected = f"{path}:{line}: lỗi: Mã HTML {shown}"
    for settings_file in ("pelicanconf.py", "publishconf.py"):
        result = run_pelican(site_copy, tmp_path / "out", *cache(tmp_path), "-e", 'PUBLIC_URL="https://x.example"',
                             settings=settings_file)
        assert result.returncode == 1, result.stderr
        assert any(l.startswith(f"{path}:") and f"lỗi: Mã HTML {shown}" in l for l in result.stderr.splitlines()), (expected, result.stderr)
    result = check(path)
    assert result.returncode == 1 and f"lỗi: Mã HTML {shown}" in result.stdout, result.stdout


def test_script_in_a_draft_is_a_warning_and_the_draft_stays_unpublished(site_copy, tmp_path):
    draft = site_copy / "bai-viet" / "2025-08-01-nhap.md"
    assert "Status: draft" in draft.read_text(encoding="utf-8")
    add_to_body(site_copy, "<script>alert(1)</script>", "bai-viet/2025-08-01-nhap.md")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"{draft}:" in result.stderr and "cảnh báo: Mã HTML <script>" in result.stderr
    assert "alert(1)" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_pasted_word_formatting_is_removed_with_a_warning_and_the_text_published(site_copy, tmp_path):
    path, line = add_to_body(site_copy, '<p class="MsoNormal" style="color:red"><span lang="VI">Đoạn dán từ Word.</span></p>')
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"{path}:{line}: cảnh báo: Mã HTML <p style>" in result.stderr
    page = soup(out / "bai-viet/2025/06/01-tin-thu-sau.html")
    body = page.select_one(".article__body")
    assert "Đoạn dán từ Word." in body.get_text() and not body.select("[style]") and not body.select(".MsoNormal")


def test_header_fields_with_markup_are_shown_as_text_everywhere(site_copy, tmp_path):
    path = site_copy / ARTICLE
    text = path.read_text(encoding="utf-8")
    text = text.replace("Title: Tin thứ sáu", "Title: Tin <img src=x onerror=alert(1)>")
    text = text.replace("Author: Trần Thị Biên Tập", "Author: <b onmouseover=alert(1)>BT</b>\nTags: <i>x</i>, Hội nghị\nSummary: Tóm <svg onload=alert(1)> tắt")
    path.write_text(text, encoding="utf-8")
    (site_copy / "ward.toml").write_text((site_copy / "ward.toml").read_text(encoding="utf-8").replace(
        'portal_title = "', 'portal_title = "<img src=y onerror=alert(2)>'), encoding="utf-8")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert f"{path}:1: cảnh báo: Title: có mã HTML" in result.stderr, result.stderr
    assert f"{path}:" in result.stderr and "lỗi: Mã HTML <svg> trong Summary:" in result.stderr
    assert result.returncode == 1  # the summary's <svg onload> is script: stopped
    path.write_text(path.read_text(encoding="utf-8").replace("<svg onload=alert(1)>", "<b>"), encoding="utf-8")
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 0, result.stderr
    for page in out.rglob("*.html"):
        tree = soup(page)
        assert not tree.select("[onerror], [onmouseover], [onload]"), page
        assert not tree.select("img[src=x], img[src=y]"), page
    article = soup(next((out / "bai-viet/2025/06").glob("01-*.html")))
    assert article.h1.get_text() == "Tin <img src=x onerror=alert(1)>"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Tin &lt;img src=x onerror=alert(1)&gt;" in home


def test_a_template_override_cannot_run_commands(site_copy, tmp_path):
    partials = site_copy / "giao-dien" / "templates" / "partials"
    partials.mkdir(parents=True)
    footer = partials / "footer.html"
    footer.write_text("<footer>\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n</footer>\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 1
    assert f"{footer}:2: lỗi: Mẫu giao diện đọc \"__init__\"" in result.stderr, result.stderr
    assert "uid=" not in result.stdout + result.stderr and not out.exists()
    assert check(site_copy).returncode == 1
    # Hidden from a reading of the file, it is refused while rendering.
    footer.write_text("<footer>{{ (cycler|attr('__in' ~ 'it__')) }}{{ lipsum|attr('__glo' ~ 'bals__') }}</footer>\n",
                      encoding="utf-8")
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 1, result.stderr
    assert "lỗi: Một mẫu giao diện đọc \"__in" in result.stderr and not out.exists()
    # An ordinary override still works, autoescaped.
    footer.write_text("<footer class=\"rieng\">{{ WARD.name }} – {{ '<b>' }}</footer>\n", encoding="utf-8")
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "<footer class=\"rieng\">" in (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;" in (out / "index.html").read_text(encoding="utf-8")


def test_every_page_carries_the_content_security_policy(fixture_output):
    for page in fixture_output.rglob("*.html"):
        meta = soup(page).select_one('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, page
        policy = meta["content"]
        assert "script-src 'self' 'sha256-" in policy and "'unsafe-inline'" not in policy
        assert "object-src 'none'" in policy and "form-action 'self'" in policy, policy
        # The meta comes before any script it governs.
        html = page.read_text(encoding="utf-8")
        assert html.index("Content-Security-Policy") < html.index("<script"), page


def test_nothing_is_written_outside_the_output_folder(site_copy, tmp_path):
    path = site_copy / ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace("Author:", "Save_as: ../../../thoat.html\nAuthor:"),
                    encoding="utf-8")
    before = set(os.listdir(tmp_path))
    result = run_pelican(site_copy, tmp_path / "a" / "b" / "out", *cache(tmp_path))
    assert result.returncode == 1
    assert f"{path}:5: lỗi: \"Save_as: ../../../thoat.html\" không phải địa chỉ trong cổng" in result.stderr, result.stderr
    assert check(path).returncode == 1
    assert not list(tmp_path.rglob("thoat.html"))
    assert set(os.listdir(tmp_path)) - before <= {"a", "cache"}


def test_captions_with_markup_are_shown_as_text(site_copy, tmp_path):
    from site_build.test_galleries import ALBUM_ARTICLE, add_photos

    add_photos(site_copy)
    captions = site_copy / ALBUM_ARTICLE / "chu-thich.txt"
    captions.write_text("anh3.jpg: Toàn cảnh <img src=x onerror=alert(1)>\n", encoding="utf-8")
    (site_copy / f"{ALBUM_ARTICLE}.md").write_text((site_copy / f"{ALBUM_ARTICLE}.md").read_text(encoding="utf-8")
                                                  + '\n![Ảnh](anh4.jpg "Phát biểu <svg onload=alert(1)>")\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, "-e", f'GALLERY_CACHE_PATH="{tmp_path / "anh"}"')
    assert result.returncode == 0, result.stderr
    assert f"{captions}:1: cảnh báo: Chú thích có mã HTML" in result.stderr, result.stderr
    for page in out.rglob("*.html"):
        tree = soup(page)
        assert not tree.select("[onerror], [onload], svg, img[src=x]"), page
    texts = " ".join(f.get_text() for f in soup(next(out.glob("bai-viet/2025/07/01-*.html"))).select("figcaption"))
    assert "Toàn cảnh <img src=x onerror=alert(1)>" in texts and "Phát biểu <svg onload=alert(1)>" in texts, texts



# Shown as text, or cleaned with a warning: a build with only these publishes.
HARMLESS_PIECES = [
    "&lt;img src=x onerror=alert(1)&gt;", "`<b onclick=alert(1)>`", "<p class='MsoNormal' style='color:red'>Word</p>",
    "<font face=Arial>chữ</font>", "<", ">", "\"", "'", "&", "Tiếng Việt", "**đậm**", "<!-- ghi chú -->",
]
FIELD_PIECES = HARMLESS_PIECES + [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<iframe srcdoc='<b>'>",
    "[x](javascript:alert(1))", "<a href=\"https://ok.example/a.pdf) <img src=x onerror=alert(1)>\">a</a>",
    "<style>*{display:none}</style>", "&lt;img src=x onerror=alert(1)&gt;", "`<b onclick=alert(1)>`", "{: onclick=alert(1)}",
    "{static}/../../x", "<!--", "-->", "<p style='position:fixed'>",
]


# Each example is a whole build: no shrinking (minutes per step), and the
# same examples on every run, so that CI does not find a new one by chance.
@settings(max_examples=12, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_markup_in_every_field_never_runs_and_never_leaves_the_output(tmp_path_factory, data):
    """Whole builds over random markup in the title, author, tags, summary,
    body and a photo caption: the build stops with messages, or publishes
    pages where none of it can run; nothing is written outside the output."""
    from bs4 import BeautifulSoup
    from site_build.test_galleries import ALBUM_ARTICLE, add_photos

    text = st.lists(st.sampled_from(FIELD_PIECES), min_size=1, max_size=6).map(" ".join)
    # The body and summary refuse script (the build stops); half the time
    # they hold only what publishes, so that published pages are judged too.
    harmless = st.lists(st.sampled_from(HARMLESS_PIECES), min_size=1, max_size=6).map(" ".join)
    prose = st.one_of(harmless, text)
    work = tmp_path_factory.mktemp("random")
    site = work / "site"
    shutil.copytree(FIXTURE_SITE, site)
    add_photos(site)
    article = site / f"{ALBUM_ARTICLE}.md"
    head, body = article.read_text(encoding="utf-8").split("\n\n", 1)
    fields = {key: data.draw(text, label=key) for key in ("Title", "Author", "Tags")}
    fields["Summary"] = data.draw(prose, label="Summary")
    head = "\n".join(line for line in head.split("\n") if line.split(":")[0] not in fields)
    head += "".join(f"\n{key}: {value.replace(chr(10), ' ')}" for key, value in fields.items())
    article.write_text(f"{head}\n\n{body}\n{data.draw(prose, label='body')}\n", encoding="utf-8")
    (site / ALBUM_ARTICLE / "chu-thich.txt").write_text(f"anh1.jpg: {data.draw(text, label='caption')}\n", encoding="utf-8")
    out = work / "a" / "out"
    photos = tmp_path_factory.getbasetemp() / "random-photos"  # by content hash: shared by every example
    result = run_pelican(site, out, "-e", f'CACHE_PATH="{work / "cache"}"', f'GALLERY_CACHE_PATH="{photos}"')
    assert "Traceback" not in result.stderr, result.stderr
    assert {p.name for p in work.iterdir()} <= {"site", "a", "cache"} and {p.name for p in (work / "a").iterdir()} <= {"out"}
    event("stopped" if result.returncode else "published")
    if result.returncode != 0:
        assert "lỗi" in result.stderr and not out.exists()
        return
    boot = boot_script(ROOT / "theme")
    for page in out.rglob("*.html"):
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in tree.find_all(True):
            assert not any(name.startswith("on") for name in element.attrs), (page, element)
            assert element.name not in ("iframe", "object", "embed", "svg", "style", "form") or (
                element.name == "form" and element.get("role") == "search"), (page, element)
            for name in ("href", "src", "action"):
                value = element.get(name)
                assert not (isinstance(value, str) and url_scheme(value) in ("javascript", "data", "vbscript")), element
        for script in tree.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json" or script.string == boot, script


def test_a_url_header_cannot_write_markup_into_the_pages_that_link_to_it(site_copy, tmp_path):
    """Found by a red-team pass: a page's URL: is written as it is into
    every {filename} link to it, after the body was cleaned."""
    target = site_copy / "trang" / "dich.md"
    target.write_text('Title: Dich\nSlug: dich\nURL: x"><script src="tep/p.txt"></script><a href="\n\nNội dung.\n',
                      encoding="utf-8")
    (site_copy / "trang" / "nguon.md").write_text("Title: Nguon\nSlug: nguon\n\nXem [trang kia]({filename}dich.md).\n",
                                                 encoding="utf-8")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, *cache(tmp_path))
    assert result.returncode == 1 and f"{target}:3: lỗi: \"URL: x\"><script" in result.stderr, result.stderr
    assert check(target).returncode == 1


def test_a_static_link_to_a_page_file_is_refused_at_its_line_by_check_too(site_copy, tmp_path):
    (site_copy / "trang" / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    path, line = add_to_body(site_copy, "[x]({static}/trang/evil.html)")
    result = run_pelican(site_copy, tmp_path / "out", *cache(tmp_path))
    assert result.returncode == 1 and f"{path}:{line}: lỗi: Tệp \"evil.html\"" in result.stderr, result.stderr
    result = check(path)
    assert result.returncode == 1 and f"{path}:{line}: lỗi: Tệp \"evil.html\"" in result.stdout, result.stdout


@pytest.mark.parametrize("template, says", [
    ("{{ range(200000)|list|length }}", "OverflowError"),
    ("{{ ('a' * 100000000)|length }}", "SecurityError"),
    ("{{ asset('/etc/hostname') }}", "AssetError"),
    ("{{ asset('../../../../../../etc/hostname') }}", "AssetError"),
    ("{{ WARD.categories|sort_vi('__class__.__name__') }}", "ValueError"),
    ("{% set x = [] %}{{ x.append(1) }}", "SecurityError"),
])
def test_a_template_override_cannot_probe_the_machine_or_exhaust_the_build(site_copy, tmp_path, template, says):
    """Found by a red-team pass: Pelican's globals replaced the sandbox's
    range, asset() hashed any file, sort_vi read any attribute."""
    partials = site_copy / "giao-dien" / "templates" / "partials"
    partials.mkdir(parents=True)
    footer = partials / "footer.html"
    footer.write_text(f"<footer>\n{template}\n</footer>\n", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "pelican", str(site_copy), "-s", str(ROOT / "pelicanconf.py"), "-o",
                             str(out), *cache(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"{footer}:2: lỗi: Mẫu giao diện không hiện được trang: {says}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_templates_do_not_see_where_the_site_is_deployed(site_copy, tmp_path):
    partials = site_copy / "giao-dien" / "templates" / "partials"
    partials.mkdir(parents=True)
    (partials / "footer.html").write_text("<footer>[{{ PUBLISH_TARGET }}]</footer>\n", encoding="utf-8")
    out = tmp_path / "out"
    env = dict(os.environ, PUBLISH_TARGET="deploy@10.0.0.5:/srv/www")
    result = subprocess.run([sys.executable, "-m", "pelican", str(site_copy), "-s", str(ROOT / "publishconf.py"), "-o",
                             str(out), "-e", f'CACHE_PATH="{tmp_path / "cache"}"', 'PUBLIC_URL="https://x.example"'],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "<footer>[]</footer>" in (out / "index.html").read_text(encoding="utf-8")


def test_a_publishing_build_gives_the_hosts_the_policy_as_a_header(site_copy, tmp_path):
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, *cache(tmp_path), "-e", 'PUBLIC_URL="https://x.example"', settings="publishconf.py")
    assert result.returncode == 0, result.stderr
    headers = (out / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-")
    assert "frame-ancestors 'self'" in headers and "X-Content-Type-Options: nosniff" in headers
    nginx = (out / "nginx-security.conf").read_text(encoding="utf-8")
    assert "add_header Content-Security-Policy \"default-src 'self'" in nginx
    assert not (tmp_path / "preview").exists()
    preview = tmp_path / "preview"
    assert run_pelican(site_copy, preview, *cache(tmp_path)).returncode == 0
    assert not (preview / "_headers").exists()  # only what is published needs them


def test_a_banner_to_a_script_address_is_refused_at_its_line(site_copy, tmp_path):
    ward = site_copy / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8") + '\n[[banners]]\ntitle = "Dịch vụ công"\nurl = "javascript:alert(1)"\n',
                    encoding="utf-8")
    line = ward.read_text(encoding="utf-8").count("\n")
    result = run_pelican(site_copy, tmp_path / "out", *cache(tmp_path))
    assert result.returncode == 1
    assert f"{ward}:{line}: lỗi: Liên kết \"javascript:alert(1)\" không phải địa chỉ trang web" in result.stderr, result.stderr


@pytest.mark.parametrize("template", ["../../../../etc/passwd", "khong-co", "!simple/base"])
def test_a_template_header_names_a_template_or_stops_at_its_line(site_copy, tmp_path, template):
    page = site_copy / "trang" / "lien-he.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Template: contact", f"Template: {template}"), encoding="utf-8")
    result = run_pelican(site_copy, tmp_path / "out", *cache(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{page}:4: lỗi: Không có mẫu trang \"{template}\". Dùng một trong: 404, albums," in result.stderr, result.stderr
    assert check(page).returncode == 1
