"""Photo processing reports its progress: a line per 10 photos on a
terminal, about ten lines in all in a log (CI), and a summary."""

from __future__ import annotations

import io

from galleries import pipeline
from galleries.processing import Recipe


def fake_process(job):
    path, sha, _root, _recipe = job
    return sha, {"480": path}, None


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(stream, count, monkeypatch, tmp_path):
    monkeypatch.setattr(pipeline, "process", fake_process)
    monkeypatch.setattr(pipeline, "verify_cached", lambda folder, digest: (None, False))
    monkeypatch.setattr(pipeline, "cache_folder", lambda root, recipe, sha: root / sha)
    sources = {f"{n:064x}": f"anh-{n}.jpg" for n in range(count)}
    return pipeline.process_many(sources, tmp_path, Recipe(), workers=1, stream=stream)


def test_a_log_gets_about_ten_progress_lines(monkeypatch, tmp_path):
    log = io.StringIO()
    results = run(log, 2000, monkeypatch, tmp_path)
    assert len(results) == 2000
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("Xử lý 2000 ảnh mới")
    progress = [line for line in lines if line.startswith("  ")]
    assert progress == [f"  {n}/2000 ảnh" for n in range(200, 2001, 200)]
    assert lines[-1].startswith("Đã xử lý 2000 ảnh trong")


def test_a_terminal_gets_a_line_per_ten_photos(monkeypatch, tmp_path):
    screen = Terminal()
    run(screen, 25, monkeypatch, tmp_path)
    assert [line for line in screen.getvalue().splitlines() if line.startswith("  ")] == ["  10/25 ảnh", "  20/25 ảnh", "  25/25 ảnh"]
