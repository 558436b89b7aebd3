"""`invoke new` and `invoke check` through their command modules."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from helpers import FIXTURE_SITE, ROOT

NEW = ROOT / "plugins" / "content_model" / "new.py"
CHECK = ROOT / "plugins" / "content_model" / "check.py"


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, copy)
    return copy


def run(script, *args, stdin="", env=None):
    import os

    return subprocess.run([sys.executable, str(script), *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=dict(os.environ, **(env or {})))


def test_new_with_options_fills_every_field(content):
    made = run(NEW, "--content", str(content), "--title", "Hội nghị tháng 5/2026", "--category", "tin-tuc", "--author", "Lê Thị Biên",
               env={"PORTAL_NOW": "2026-05-20 09:15"})
    assert made.returncode == 0, made.stderr
    article = content / "bai-viet" / "2026" / "2026-05-20-hoi-nghi-thang-5-2026.md"
    assert article.read_text(encoding="utf-8").splitlines()[:10] == [
        "Title: Hội nghị tháng 5/2026", "Date: 2026-05-20 09:15", "Modified:", "Category: Tin tức", "Tags:",
        "Author: Lê Thị Biên", "Summary:", "Image:", "Status: draft", "Slug: hoi-nghi-thang-5-2026",
    ]
    assert article.with_suffix("").is_dir()
    assert str(article) in made.stdout and "Ảnh của bài: chép vào" in made.stdout
    # the new article passes the check (as a draft, its empty body is a warning at most)
    checked = run(CHECK, str(article))
    assert checked.returncode == 0, checked.stdout
    # never overwrites
    again = run(NEW, "--content", str(content), "--title", "Hội nghị tháng 5/2026", "--category", "1", "--author", "X",
                env={"PORTAL_NOW": "2026-05-20 10:00"})
    assert again.returncode == 1 and "không ghi đè" in again.stderr
    assert "Lê Thị Biên" in article.read_text(encoding="utf-8")


def test_new_asks_for_what_is_missing(content):
    made = run(NEW, "--content", str(content), "--publish", stdin="Tin hỏi đáp\n2\nTrần Văn Hỏi\n", env={"PORTAL_NOW": "2026-06-01 08:00"})
    assert made.returncode == 0, made.stderr
    assert "1. Hoạt động tổ dân phố và các đơn vị hiệp quản" in made.stdout  # the ward's categories, in order
    text = (content / "bai-viet/2026/2026-06-01-tin-hoi-dap.md").read_text(encoding="utf-8")
    assert "Category: Tin tức" in text and "Status: published" in text and "Author: Trần Văn Hỏi" in text


def test_new_refuses_an_unknown_category(content):
    made = run(NEW, "--content", str(content), "--title", "X", "--category", "Không có", "--author", "Y")
    assert made.returncode == 1 and "Không có chuyên mục này" in made.stderr


def test_check_exit_status_errors_warnings_and_paths(content):
    good = content / "bai-viet" / "2024-03-01-mo-dau.md"
    assert run(CHECK, str(good)).returncode == 0
    nfd = content / "bai-viet" / "2025-09-09-to-hop.md"
    warned = run(CHECK, str(nfd))
    assert warned.returncode == 0 and "cảnh báo" in warned.stdout  # warnings only: exit 0
    bad = content / "bai-viet" / "x.md"
    bad.write_text("Title: X\nDate: 2025-01-01\nCategory: Không có\n\nx\n", encoding="utf-8")
    failed = run(CHECK, str(bad))
    assert failed.returncode == 1 and f"{bad}:3: lỗi: Chuyên mục \"Không có\"" in failed.stdout
    # only the named file is reported, other files' problems are not
    assert str(nfd) not in failed.stdout
    # a collision with a file that was not named is still found
    twin = content / "bai-viet" / "twin.md"
    twin.write_text("Title: Mở đầu năm 2024\nDate: 2024-03-01 08:00\nCategory: Tin tức\n\nx\n", encoding="utf-8")
    clash = run(CHECK, str(twin))
    assert clash.returncode == 1 and f"Trùng địa chỉ với {good}" in clash.stdout


def test_pre_commit_hook_runs_the_checker_on_changed_files(content):
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: .venv/bin/python plugins/content_model/check.py" in config and "pass_filenames: true" in config
    captions = content / "bai-viet" / "2025-07-01-thu-bay" / "chu-thich.txt"
    captions.parent.mkdir()
    captions.write_text("khong-co.jpg: ảnh đã xóa\n", encoding="utf-8")
    # pre-commit passes the changed file names; a captions file means its article
    hook = run(CHECK, str(captions))
    assert hook.returncode == 1 and f"{captions}:1: lỗi: Không có ảnh \"khong-co.jpg\"" in hook.stdout


def test_choose_category_by_number_name_or_slug(content):
    sys.path.insert(0, str(ROOT / "plugins"))
    from content_model.new import choose_category
    from ward_identity import load_ward

    ward, _ = load_ward(content / "ward.toml")
    assert choose_category(ward, "2").name == "Tin tức"
    assert choose_category(ward, "tin tức").slug == "tin-tuc"
    assert choose_category(ward, None, io.StringIO("3\n")).name == "Bài viết chuyên sâu"


def test_files_of_several_wards_are_each_checked_against_their_own_ward(tmp_path):
    # a commit in a many-ward repository touches files of several sites/<slug>/
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "files: ^(content|sites)/" in config
    one, two = tmp_path / "sites" / "xa-mot", tmp_path / "sites" / "xa-hai"
    shutil.copytree(FIXTURE_SITE, one)
    shutil.copytree(FIXTURE_SITE, two)
    ward = two / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8").replace('name = "Tin tức"\nslug = "tin-tuc"', 'name = "Tin của xã"\nslug = "tin-cua-xa"'), encoding="utf-8")
    ok = one / "bai-viet" / "2025-06-01-thu-sau.md"  # "Category: Tin tức": right for xa-mot
    wrong = two / "bai-viet" / "2025-06-01-thu-sau.md"  # the same line: xa-hai has no such category
    check = run(CHECK, str(ok), str(wrong))
    assert check.returncode == 1
    assert f"{wrong}:3: lỗi:" in check.stdout and f"{ok}:" not in check.stdout


def test_invoke_new_in_a_terminal_takes_vietnamese_typed_at_its_questions(content):
    """Under a real pseudo-terminal, as an editor runs it: the title and the
    byline typed in Vietnamese (multi-byte) at the questions."""
    import os
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: `invoke new` on the terminal
        os.chdir(ROOT)
        os.environ["PORTAL_NOW"] = "2026-06-02 08:00"
        os.execv(str(ROOT / ".venv" / "bin" / "invoke"), ["invoke", "new", "--content", str(content)])
    seen, answers = b"", [("Tiêu đề bài:", "Lễ ra quân Tháng Thanh niên\n"), ("Chọn số:", "2\n"),
                          ("Người biên tập", "Lê Thị Huệ\n")]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            seen += chunk
        if answers and answers[0][0].encode() in seen:
            os.write(fd, answers.pop(0)[1].encode())
    else:
        os.kill(pid, 9)  # hung (as it did when invoke forwarded the input)
    _, status = os.waitpid(pid, 0)
    text = seen.decode("utf-8", "replace")
    assert not answers and os.waitstatus_to_exitcode(status) == 0, text
    article = content / "bai-viet/2026/2026-06-02-le-ra-quan-thang-thanh-nien.md"
    written = article.read_text(encoding="utf-8")
    assert "Title: Lễ ra quân Tháng Thanh niên\n" in written and "Author: Lê Thị Huệ\n" in written
    assert "Status: draft" in written
