"""`invoke check` runs what the publishing build checks (issue 21): links
that the built page could not follow are errors at their source line in
`invoke check`, the preview build and the publishing build alike, and
`invoke check-output` names the content file, in the chosen language."""

from __future__ import annotations

import re
import subprocess
import sys

from helpers import ROOT, run_pelican

CHECK = ROOT / "plugins" / "content_model" / "check.py"
BODY = """Title: Liên kết sai
Date: 2025-10-01 08:00
Category: Tin tức

Ảnh hội nghị: ![Ảnh](C:\\Users\\Lan\\Pictures\\hoi-nghi.jpg)

[Tải văn bản](quyet-dinh-so-12.pdf)

Xem [mục 2](#muc-2), [quyết định](/tep/quyet-dinh.pdf) và [trang](../trang/).

[Giới thiệu](../trang/gioi-thieu.md) và [biên bản](bien-ban.docx)
"""
EXPECTED = {
    5: "\"C:\\Users\\Lan\\Pictures\\hoi-nghi.jpg\" là đường dẫn tới một tệp trên máy tính của bạn",
    7: "Liên kết \"quyet-dinh-so-12.pdf\" không dẫn tới trang hay tệp nào của cổng. Không có tệp \"quyet-dinh-so-12.pdf\" ở đó. Tệp tải về: chép vào thư mục tep/ rồi viết {static}/tep/quyet-dinh-so-12.pdf",
    9: "Liên kết \"#muc-2\" chỉ tới một mục không có trong bài",
    9.1: "Liên kết \"/tep/quyet-dinh.pdf\" bắt đầu bằng \"/\": hỏng khi cổng đặt ở thư mục con hay mở từ ổ đĩa. Viết {static}/tep/quyet-dinh.pdf",
    9.2: "Liên kết \"../trang/\" không dẫn tới trang hay tệp nào của cổng. Liên kết tới một thư mục",
    11: "Liên kết \"../trang/gioi-thieu.md\" không dẫn tới trang hay tệp nào của cổng. Liên kết tới bài hay trang khác viết bằng đường dẫn tệp .md: {filename}/trang/gioi-thieu.md.",
    11.1: "Liên kết \"bien-ban.docx\" không dẫn tới trang hay tệp nào của cổng. Tệp bai-viet/bien-ban.docx không được đăng ở chỗ này: chép nó vào thư mục tep/ rồi viết {static}/tep/bien-ban.docx.",
}


def errors_of(text: str, article) -> list[tuple[int, str]]:
    return [(int(m[1]), m[2]) for m in re.finditer(rf"^{re.escape(str(article))}:(\d+): lỗi: (.*)$", text, re.M)]


def assert_all_reported(found: list[tuple[int, str]]) -> None:
    for line, start in EXPECTED.items():
        assert any(n == int(line) and text.startswith(start) for n, text in found), (line, start, found)
    assert len(found) == len(EXPECTED), found


def test_broken_references_are_the_same_errors_in_check_preview_and_publish(site_copy, tmp_path):
    (site_copy / "tep").mkdir()
    (site_copy / "tep" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4\n")
    (site_copy / "bai-viet" / "bien-ban.docx").write_bytes(b"PK\x03\x04")
    article = site_copy / "bai-viet" / "2025-10-01-lien-ket.md"
    article.write_text(BODY, encoding="utf-8")

    check = subprocess.run([sys.executable, str(CHECK), str(site_copy)], capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 1
    assert_all_reported(errors_of(check.stdout, article))

    out = tmp_path / "out"
    preview = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"')
    assert preview.returncode == 1 and not out.exists()
    assert_all_reported(errors_of(preview.stderr, article))

    publish = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"', 'PUBLIC_URL="https://x.example"',
                          settings="publishconf.py")
    assert publish.returncode == 1 and not out.exists()
    assert_all_reported(errors_of(publish.stderr, article))
    assert "loads from another host" not in publish.stderr  # the output check is not reached


def test_check_output_names_the_content_file_in_the_chosen_language(site_copy, tmp_path):
    out = tmp_path / "out"
    assert run_pelican(site_copy, out).returncode == 0
    page = next(out.glob("bai-viet/2025/01/10-*.html"))
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="khong-co.html">x</a></main>'),
                    encoding="utf-8")
    source = site_copy / "bai-viet" / "2025-01-10-hoi-nghi-a.md"
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "invoke"), "check-output", "--output", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert f"{source}: lỗi: Liên kết \"khong-co.html\" không dẫn tới tệp nào." in result.stderr, result.stderr
    assert "1 liên kết hỏng" in result.stdout
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "invoke"), "check-output", "--output", str(out), "--lang", "en"],
                            capture_output=True, text=True, cwd=ROOT)
    assert f"{source}: error: The link \"khong-co.html\" leads to no file." in result.stderr, result.stderr
    assert "Checked " in result.stdout and "1 broken" in result.stdout
