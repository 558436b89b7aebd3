"""The bad-input corpus (tests/fixtures/bad-input): every malformed file gets
the same `path:line: message` from `invoke check` and from the build, and
neither crashes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from helpers import ROOT, run_pelican, soup

CORPUS = ROOT / "tests" / "fixtures" / "bad-input"
CHECK = ROOT / "plugins" / "content_model" / "check.py"

# file, line, severity, start of the message (exact)
EXPECTED = [
    ("01-missing-title.md", 1, "lỗi", 'Thiếu tiêu đề. Dòng đầu tiên của tệp phải là "Title: <tiêu đề bài>"'),
    ("02-impossible-date.md", 2, "lỗi", 'Ngày đăng (Date): "2025-13-45 08:00" không có thật trên lịch (kiểm tra ngày và tháng).'),
    ("03-unparseable-date.md", 2, "lỗi", 'Ngày đăng (Date): "hôm qua" không phải ngày giờ hợp lệ. Viết theo dạng năm-tháng-ngày giờ:phút'),
    ("05-unknown-category.md", 3, "lỗi", 'Chuyên mục "Tin tuc moi" không có trong danh sách của phường. Dùng một trong: "Hoạt động tổ dân phố'),
    ("06-missing-category.md", 1, "lỗi", 'Thiếu chuyên mục. Thêm dòng "Category: …" với một trong:'),
    ("07-windows-1258.md", 5, "lỗi", "Không đọc được tệp: đây là văn bản không phải UTF-8 (có thể là Windows-1258 hoặc TCVN3). Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8"),
    ("08-binary-named-md.md", 1, "lỗi", "Không đọc được tệp: đây là tệp nhị phân (ảnh, Word, PDF…)."),
    ("10-typo-in-key.md", 1, "lỗi", 'Thiếu chuyên mục. Thêm dòng "Category: …"'),
    ("10-typo-in-key.md", 3, "cảnh báo", 'Không biết thông tin "Catgory:". Có phải là "Category:"?'),
    ("11-duplicate-key.md", 2, "cảnh báo", 'Khai báo "title" hai lần; dòng 1 được dùng, dòng này bị bỏ qua. Xóa một dòng.'),
    ("12-bad-status.md", 5, "lỗi", 'Status "xuat ban" không hợp lệ. Dùng "published" (đăng), "draft" (nháp) hoặc "hidden"'),
    ("13-empty-body.md", 6, "cảnh báo", "Bài chưa có nội dung. Viết nội dung sau một dòng trống dưới phần thông tin."),
    ("14-long-summary.md", 5, "cảnh báo", "Câu dẫn (Summary) dài 424 ký tự; nên dưới 300 ký tự"),
    ("15-decomposed-nfd.md", 1, "cảnh báo", "Tệp được lưu ở dạng Unicode tổ hợp (NFD)"),
    ("16-tcvn3-mojibake.md", 6, "lỗi", 'Chữ bị lỗi phông TCVN3 (ABC): "hßa x· chñ". Chuyển đoạn này sang Unicode'),
    ("17-vni-mojibake.md", 6, "lỗi", 'Chữ bị lỗi phông VNI: "chaøo". Chuyển đoạn này sang Unicode'),
    ("18-utf8-read-as-1252.md", 6, "lỗi", 'Chữ bị lỗi mã hóa: "Há»™i" (chữ UTF-8 bị đọc nhầm thành Windows-1252). Có lẽ là "Hội".'),
    ("19-lookalike-eth.md", 1, "cảnh báo", 'Chữ "Ð" (U+00D0) trông giống "Đ" nhưng là chữ khác'),
    ("20-broken-filename-link.md", 6, "lỗi", "Liên kết {filename}/bai-viet/khong-co-bai-nay.md không dẫn tới tệp nào"),
    ("21-far-future.md", 2, "cảnh báo", "Ngày đăng 01/01/2099 ở quá xa trong tương lai; bài sẽ chỉ được đăng vào ngày đó."),
    ("22-too-old.md", 2, "cảnh báo", "Ngày đăng 01/01/1900 có đúng không?"),
    ("23-bad-slug.md", 5, "cảnh báo", 'Slug "Tin Tức Mới" chỉ được có chữ thường không dấu, số và dấu gạch nối; đã dùng "tin-tuc-moi".'),
    ("24-empty-date.md", 2, "lỗi", 'Dòng "Date:" để trống. Ghi ngày đăng, ví dụ Date: 2025-02-20 08:30'),
    ("25-same-address-a.md", 1, "lỗi", "Trùng địa chỉ với {site}/bai-viet/26-same-address-b.md: cả hai sẽ được ghi ra bai-viet/2025/05/05-trung-dia-chi.html."),
    ("26-same-address-b.md", 1, "lỗi", "Trùng địa chỉ với {site}/bai-viet/25-same-address-a.md"),
    ("27-missing-cover.md", 5, "lỗi", 'Không tìm thấy ảnh "khong-co.jpg". Chép ảnh vào thư mục 27-missing-cover/ cạnh bài viết'),
    ("28-missing-inline-photo.md", 8, "lỗi", 'Không tìm thấy ảnh "toan-canh.jpg".'),
    ("29-bad-featured.md", 5, "cảnh báo", 'Featured chỉ nhận "true" (nổi bật) hoặc "false".'),
    ("30-broken-draft.md", 2, "cảnh báo", 'Ngày đăng (Date): "thứ hai" không phải ngày giờ hợp lệ. Viết theo dạng năm-tháng-ngày giờ:phút, ví dụ 2025-02-20 08:30 (hoặc 20/02/2025 08:30). (bài nháp, chưa đăng)'),
    ("31-bien-ban-hop.docx", 0, "cảnh báo", 'Tệp "31-bien-ban-hop.docx" không phải bài viết (.md) và không nằm trong thư mục ảnh của bài nào'),
]
ACCEPTED = ["04-vietnamese-date.md", "09-stray-spaces-and-caps.md"]


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("bad") / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", site)
    for path in CORPUS.iterdir():
        shutil.copy(path, site / "bai-viet" / path.name)
    return site


@pytest.fixture(scope="module")
def outputs(bad_site, tmp_path_factory):
    check = subprocess.run([sys.executable, str(CHECK), str(bad_site)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    build = run_pelican(bad_site, tmp_path_factory.mktemp("bad-out"), settings="publishconf.py")
    return check, build


def line_for(site, name, line, severity, message):
    where = f"{site}/bai-viet/{name}" + (f":{line}" if line else "")
    return f"{where}: {severity}: " + message.replace("{site}", str(site))


def test_corpus_has_at_least_25_malformed_files():
    assert len({name for name, *_ in EXPECTED}) >= 25


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in EXPECTED])
def test_check_and_build_give_the_same_message(bad_site, outputs, expected):
    check, build = outputs
    wanted = line_for(bad_site, *expected)
    check_lines = [ln for ln in check.stdout.splitlines() if ln.startswith(wanted.split(": ", 1)[0] + ": ")]
    build_lines = [ln for ln in build.stderr.splitlines() if ln.startswith(wanted.split(": ", 1)[0] + ": ")]
    assert any(wanted in ln for ln in check_lines), check.stdout
    assert any(wanted in ln for ln in build_lines), build.stderr


def test_both_stop_without_a_traceback(outputs):
    check, build = outputs
    assert check.returncode == 1 and build.returncode == 1
    assert "Traceback" not in check.stdout + check.stderr + build.stdout + build.stderr
    problems = lambda text: sorted(ln for ln in text.splitlines() if ": lỗi: " in ln or ": cảnh báo: " in ln)  # noqa: E731
    assert problems(check.stdout) == problems(build.stderr)  # the very same lines


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_forms_report_nothing(outputs, bad_site, name):
    check, build = outputs
    assert f"bai-viet/{name}" not in check.stdout and f"bai-viet/{name}" not in build.stderr


def test_accepted_forms_publish(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", site)
    for name in ACCEPTED:
        shutil.copy(CORPUS / name, site / "bai-viet" / name)
    result = run_pelican(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "out" / "bai-viet/2023/02/20-ngay-kieu-viet-nam.html")
    assert "20/02/2023 | 12:12" in page.select_one(".article__date").get_text()
    assert soup(tmp_path / "out" / "bai-viet/2025/05/06-khoang-trang-va-chu-hoa.html").h1.get_text() == "Khoảng trắng và chữ hoa"


def test_messages_in_english(bad_site):
    check = subprocess.run([sys.executable, str(CHECK), str(bad_site), "--lang", "en"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert f"{bad_site}/bai-viet/01-missing-title.md:1: error: Missing title." in check.stdout
    assert f"{bad_site}/bai-viet/05-unknown-category.md:3: error: Category \"Tin tuc moi\" is not one of the ward's." in check.stdout
    assert "Tệp" not in check.stdout and "lỗi" not in check.stdout
    build = subprocess.run(
        [sys.executable, "-m", "pelican", str(bad_site), "-s", str(ROOT / "pelicanconf.py"), "-o", str(bad_site.parent / "en"), "-e", 'EDITOR_LANGUAGE="en"'],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert "Build stopped: " in build.stderr and "03-unparseable-date.md:2: error: Date: \"hôm qua\" is not a valid date" in build.stderr
