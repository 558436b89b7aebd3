"""The warm preview worker: after a complete build it re-renders a saved
article alone, exactly as a complete build would, and refuses whatever it
cannot show exactly."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT, run_pelican

WORKER = ROOT / "plugins" / "preview" / "worker.py"
ARTICLE = "bai-viet/2025-06-01-thu-sau.md"
PAGE = "bai-viet/2025/06/01-tin-thu-sau.html"


@pytest.fixture
def worker(site_copy, tmp_path):
    process = subprocess.Popen(
        [sys.executable, str(WORKER), str(site_copy), str(tmp_path / "out"), str(ROOT / "pelicanconf.py")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT,
    )
    built = json.loads(process.stdout.readline())
    assert built["built"] and built["warm"], built

    def ask(*paths):
        process.stdin.write(json.dumps({"render": [str(site_copy / p) for p in paths]}) + "\n")
        process.stdin.flush()
        return json.loads(process.stdout.readline())

    yield site_copy, tmp_path / "out", ask
    process.stdin.close()
    process.wait(timeout=30)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_body_is_rendered_alone_as_a_complete_build_renders_it(worker, tmp_path):
    content, out, ask = worker
    index_before = (out / "index.html").read_bytes()
    edit(content / ARTICLE, "Nội dung sáu.", "Nội dung sáu, sửa nhanh.")

    answer = ask(ARTICLE)

    assert answer["ok"] and answer["written"] == [PAGE], answer
    assert (out / "index.html").read_bytes() == index_before  # nothing else written
    complete = tmp_path / "complete"
    assert run_pelican(content, complete, "-e", "PREVIEW=true").returncode == 0
    assert (out / PAGE).read_bytes() == (complete / PAGE).read_bytes()


@pytest.mark.parametrize("old, new, reason", [
    ("Title: Tin thứ sáu", "Title: Tin đổi tên", "save_as"),  # a new address, and lists show titles
    ("Category: Tin tức", "Category: Bài viết chuyên sâu", "category"),
    ("Date: 2025-06-01 08:00", "Date: 2025-06-03 08:00", "save_as"),
    ("Category: Tin tức", "Category: Tin sai", "lỗi"),  # a problem: the complete build reports it
    ("Nội dung sáu.", "Nội dung sáu [liên kết]({filename}khong-co.md).", "lỗi"),
])
def test_what_other_pages_show_or_a_problem_is_left_to_the_complete_build(worker, old, new, reason):
    content, out, ask = worker
    before = (out / PAGE).read_bytes()
    edit(content / ARTICLE, old, new)
    answer = ask(ARTICLE)
    assert not answer["ok"] and reason in answer["reason"], answer
    assert (out / PAGE).read_bytes() == before


def test_a_file_the_build_did_not_publish_is_left_to_the_complete_build(worker):
    content, _out, ask = worker
    (content / "bai-viet" / "2025-06-09-moi.md").write_text("Title: Mới\nDate: 2025-06-09\nCategory: Tin tức\n\nMới.\n", encoding="utf-8")
    assert not ask("bai-viet/2025-06-09-moi.md")["ok"]
