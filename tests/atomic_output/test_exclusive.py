"""One build at a time per output, and a swap that never leaves the output
missing (issue 21), through the `pelican` command."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time

from atomic_output import lock_path
from helpers import FIXTURE_SITE, ROOT, run_pelican


def pelican(out, *settings: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pelican", str(FIXTURE_SITE), "-s", str(ROOT / "pelicanconf.py"),
                             "-o", str(out), "-e", "INCREMENTAL=false", *settings],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_build_of_the_same_output_waits_or_stops_naming_the_first(tmp_path):
    """The test holds the lock as a running build would (its pid inside)."""
    out = tmp_path / "out"
    assert run_pelican(FIXTURE_SITE, out).returncode == 0
    before = (out / "index.html").read_bytes()
    lock = lock_path({"CACHE_PATH": str(tmp_path / "c")}, out)  # in the build's cache (PORTAL_CACHE), never beside
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = lock.open("a+")
    fcntl.flock(holder, fcntl.LOCK_EX)
    holder.seek(0)
    holder.truncate()
    holder.write(f"{os.getpid()}\n")
    holder.flush()
    try:
        second = pelican(out, "BUILD_LOCK_WAIT=0")
        _, stopped = second.communicate(timeout=120)
        assert second.returncode == 1 and "Traceback" not in stopped
        assert (f"lỗi: Một lần xây dựng khác (tiến trình {os.getpid()}) đang ghi vào {out}. Chờ nó xong rồi chạy "
                "lại") in stopped, stopped
        assert (out / "index.html").read_bytes() == before and not list(tmp_path.glob("out.*"))

        # With time to wait, it says it waits, and builds once the lock is free.
        second = pelican(out, "BUILD_LOCK_WAIT=120")
        time.sleep(2)
        assert second.poll() is None
    finally:
        holder.close()
    _, waited = second.communicate(timeout=120)
    assert second.returncode == 0, waited
    assert f"Đang chờ lần xây dựng khác (tiến trình {os.getpid()}) ghi xong {out}…" in waited
    assert not list(out.rglob("*.link-*")) and not list(tmp_path.glob("out.*"))
    assert lock.read_text().strip() == str(second.pid)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing of the build's own beside its output


def test_the_output_exists_at_every_instant_of_the_swap(tmp_path):
    out = tmp_path / "out"
    assert run_pelican(FIXTURE_SITE, out).returncode == 0
    missing, done = [], threading.Event()

    def watch():
        while not done.is_set():
            if not (out / "index.html").exists():
                missing.append(time.monotonic())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(3):
            assert run_pelican(FIXTURE_SITE, out, "-e", "INCREMENTAL=false").returncode == 0
    finally:
        done.set()
        watcher.join()
    assert not missing


def test_what_dead_builds_left_is_removed_and_a_set_aside_output_put_back(tmp_path):
    out = tmp_path / "out"
    assert run_pelican(FIXTURE_SITE, out).returncode == 0
    # A build killed between the two renames of a swap (where the system has
    # no exchange): the output is aside, a staging folder next to it.
    out.rename(tmp_path / "out.old-4242")
    (tmp_path / "out.partial" / "bai-viet").mkdir(parents=True)
    (tmp_path / "out.old-17").mkdir()
    (tmp_path / "out.old-ban-sao").mkdir()  # the editor's own copy: not a build's, kept
    (tmp_path / "out.old-17" / "index.html").write_text("cũ hơn", encoding="utf-8")
    result = run_pelican(FIXTURE_SITE, out, "-e", "RENDER_PROCESSES=1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == ["out", "out.old-ban-sao"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "cũ hơn" not in page
