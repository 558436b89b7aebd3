"""``invoke quality`` (plugins/quality/command.py): one gate alone, findings
as lines, exit status 1 on any finding."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT

COMMAND = ROOT / "plugins" / "quality" / "command.py"
BAD_SITE = ROOT / "tests" / "fixtures" / "quality" / "bad-site"


def run(*args: str):
    return subprocess.run([sys.executable, str(COMMAND), *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_one_gate_alone_reports_and_fails():
    done = run(str(BAD_SITE), "--gate", "html")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "index.html:" in done.stdout and ": html: error: Duplicate ID" in done.stdout
    assert "style.css:" in done.stdout
    assert "Không đạt:" in done.stderr and "(html;" in done.stderr
    assert "axe:" not in done.stdout and "lighthouse:" not in done.stdout


def test_a_valid_site_passes(tmp_path):
    (tmp_path / "index.html").write_text('<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><title>Đúng</title><p>Trang hợp lệ.</p>', encoding="utf-8")
    done = run(str(tmp_path), "--gate", "html")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "html: 1 tệp, 0 lỗi" in done.stdout and "Đạt: html" in done.stdout


def test_unknown_gate_and_missing_site_are_refused(tmp_path):
    assert run(str(BAD_SITE), "--gate", "speed").returncode == 2
    done = run(str(tmp_path))
    assert done.returncode == 2 and "invoke build" in done.stderr
