"""After a successful build, ``python -m pelican`` leaves without the
interpreter's own clean-up (which frees every object one by one), having
written its log and its output; a failed build exits as usual."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from helpers import FIXTURE_SITE, ROOT

# Pelican's command line, with an exit handler registered before the build:
# it runs only if the process goes through the interpreter's clean-up.
COMMAND = """
import atexit, runpy, sys
atexit.register(lambda: print("CLEAN-UP RAN", flush=True))
sys.argv = ["pelican", *sys.argv[1:]]
runpy.run_module("pelican", run_name="__main__", alter_sys=True)
"""


def build(content, output, tmp_path, *settings):
    return subprocess.run(
        [sys.executable, "-c", COMMAND, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output), "-v",
         *(["-e", *settings] if settings else [])],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env=dict(os.environ, PORTAL_CACHE=str(tmp_path / "cache"), COLUMNS="400"),
    )


def test_a_successful_build_leaves_at_once_with_its_log_and_output(tmp_path):
    result = build(FIXTURE_SITE, tmp_path / "out", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "CLEAN-UP RAN" not in result.stdout
    assert "Done: Processed" in result.stdout + result.stderr  # the last log line, flushed
    assert (tmp_path / "out" / "index.html").is_file()
    # what the next build needs (the up-to-date record) was written before leaving
    again = build(FIXTURE_SITE, tmp_path / "out", tmp_path)
    assert again.returncode == 0 and "Không có gì thay đổi" in again.stdout + again.stderr


def test_a_setting_turns_it_off(tmp_path):
    result = build(FIXTURE_SITE, tmp_path / "out", tmp_path, "QUICK_EXIT=false")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "CLEAN-UP RAN" in result.stdout


def test_a_failed_build_exits_as_usual(tmp_path):
    content = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, content)
    (content / "bai-viet" / "2025-01-01-hong.md").write_text("Title: Bài hỏng\nDate: 32/13/2025\nCategory: Tin tức\n\nNội dung.\n", encoding="utf-8")
    result = build(content, tmp_path / "out", tmp_path)
    assert result.returncode != 0
    assert "CLEAN-UP RAN" in result.stdout
