"""`invoke offline` through its command: build, check, zip — reproducibly."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from helpers import ROOT, run_pelican

COMMAND = ROOT / "plugins" / "offline" / "command.py"


def make_zip(content, dist, cache):
    return subprocess.run(
        [sys.executable, str(COMMAND), "--content", str(content), "--dist", str(dist), "--extra", f'GALLERY_CACHE_PATH="{cache}"'],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )


def test_zip_of_the_demo_is_complete_and_reproducible(demo_content, tmp_path):
    first = make_zip(demo_content, tmp_path / "a", tmp_path / "cache")
    assert first.returncode == 0, first.stderr
    assert "liên kết đều dẫn tới tệp có thật" in first.stdout
    second = make_zip(demo_content, tmp_path / "b", tmp_path / "cache")
    assert second.returncode == 0, second.stderr
    zip_a = tmp_path / "a" / "phuong-minh-hoa-offline.zip"
    zip_b = tmp_path / "b" / "phuong-minh-hoa-offline.zip"
    assert zip_a.read_bytes() == zip_b.read_bytes()
    names = zipfile.ZipFile(zip_a).namelist()
    assert "phuong-minh-hoa/index.html" in names and "phuong-minh-hoa/HUONG-DAN-XEM.txt" in names
    assert "phuong-minh-hoa/search/manifest.js" in names and "phuong-minh-hoa/search.html" in names
    assert all(n.startswith("phuong-minh-hoa/") for n in names)


def test_a_broken_reference_stops_the_zip_and_the_publishing_build(site_copy, tmp_path):
    md = site_copy / "bai-viet" / "2025-04-01-thu-tu.md"
    md.write_text(md.read_text(encoding="utf-8") + "\n[biên bản](bien-ban-khong-co.html)\n", encoding="utf-8")
    line = len(md.read_text(encoding="utf-8").splitlines())
    expected = f'{md}:{line}: lỗi: Liên kết "bien-ban-khong-co.html" không dẫn tới trang hay tệp nào của cổng.'
    made = make_zip(site_copy, tmp_path / "dist", tmp_path / "cache")
    assert made.returncode == 1 and not (tmp_path / "dist").exists()
    assert expected in made.stderr
    published = run_pelican(site_copy, tmp_path / "out", settings="publishconf.py")
    assert published.returncode == 1
    assert expected in published.stderr
    assert "Traceback" not in published.stderr
