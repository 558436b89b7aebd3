"""``invoke import-legacy`` end to end: files written, report, idempotence,
--force, --dry-run, category mapping, and the result passes the check and
builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_pelican, small_jpeg

LEGACY = ROOT / "tests" / "fixtures" / "legacy"
COMMAND = ROOT / "plugins" / "legacy_import" / "command.py"


def run(*args):
    return subprocess.run([sys.executable, str(COMMAND), *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture
def site(site_copy) -> Path:
    return site_copy


@pytest.fixture
def sources(tmp_path) -> Path:
    dest = tmp_path / "cu"
    shutil.copytree(LEGACY, dest)
    files = dest / "html" / "trang-da-luu_files"
    files.mkdir()
    for n in (1, 2):
        (files / f"anh{n}.jpg").write_bytes(small_jpeg(n))
    return dest


def mapping(tmp_path, text="") -> Path:
    path = tmp_path / "anh-xa.toml"
    path.write_text(text or '"HOẠT ĐỘNG CÁC PHƯỜNG" = "Tin tức"\n"Tin tức - Sự kiện" = "Tin tức"\n"Thông báo" = "Tin tức"\n',
                    encoding="utf-8")
    return path


def articles(site):
    return sorted(p.relative_to(site) for p in (site / "bai-viet").rglob("*.md"))


def test_import_report_check_and_build(site, sources, tmp_path):
    before = articles(site)
    result = run(sources, "--out", site, "--category-map", mapping(tmp_path))
    assert result.returncode == 0, result.stderr
    new = sorted(set(articles(site)) - set(before))
    assert len(new) == 4  # 3 text exports + 1 page; the unknown category and the bad file are not
    assert "Bỏ qua:" in result.stdout and "Góc thư giãn" in result.stdout and "chưa được ánh xạ" in result.stdout
    assert "khong-phai-utf8.txt" in result.stdout and "không phải UTF-8" in result.stdout
    assert "other-site.example" in result.stdout  # needs attention, with the source path
    assert "Tổng kết: 4 bài đã nhập" in result.stdout
    page = next(site / p for p in new if "le-ra-quan" in p.name)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("Title: Lễ ra quân thanh niên lên đường nhập ngũ năm 2024\nDate: 2024-02-25 07:30\nCategory: Tin tức\n")
    assert "Author: Trần Minh\nSummary: Sáng 25/02" in text and text.rstrip().endswith("[[album]]")
    photos = page.with_suffix("")
    assert sorted(p.name for p in photos.iterdir()) == ["anh-01.jpg", "anh-02.jpg", "chu-thich.txt"]
    assert "anh-01.jpg: Lãnh đạo phường tặng hoa tân binh" in (photos / "chu-thich.txt").read_text(encoding="utf-8")
    checked = subprocess.run([sys.executable, str(ROOT / "plugins" / "content_model" / "check.py"), str(site)],
                             capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not [line for line in (checked.stdout + checked.stderr).splitlines() if "le-ra-quan" in line or "to-dan-pho-so-7" in line]
    built = run_pelican(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    html = next((tmp_path / "out").rglob("*le-ra-quan-thanh-nien*.html")).read_text(encoding="utf-8")
    assert "Tân binh chụp ảnh lưu niệm" in html and "<script>var tracker" not in html


def test_importing_twice_changes_nothing_and_never_overwrites(site, sources, tmp_path):
    assert run(sources, "--out", site, "--category-map", mapping(tmp_path)).returncode == 0
    first = {p: (site / p).read_bytes() for p in articles(site)}
    again = run(sources, "--out", site, "--category-map", mapping(tmp_path))
    assert again.returncode == 0
    assert "Tổng kết: 0 bài đã nhập, 4 bài đã có" in again.stdout
    assert {p: (site / p).read_bytes() for p in articles(site)} == first
    edited = next(site / p for p in first if "thong-bao-lich" in p.name)
    edited.write_text(edited.read_text(encoding="utf-8") + "\nBiên tập viên đã sửa.\n", encoding="utf-8")
    kept = run(sources, "--out", site, "--category-map", mapping(tmp_path))
    assert "đã có (nội dung khác): giữ nguyên" in kept.stdout and "--force" in kept.stdout
    assert "Biên tập viên đã sửa." in edited.read_text(encoding="utf-8")
    forced = run(sources, "--out", site, "--category-map", mapping(tmp_path), "--force")
    assert forced.returncode == 0 and "Biên tập viên đã sửa." not in edited.read_text(encoding="utf-8")


def test_dry_run_writes_nothing(site, sources, tmp_path):
    before = sorted(p for p in site.rglob("*"))
    result = run(sources, "--out", site, "--category-map", mapping(tmp_path), "--dry-run")
    assert result.returncode == 0 and "Sẽ nhập:" in result.stdout and "4 bài sẽ được nhập" in result.stdout
    assert sorted(p for p in site.rglob("*")) == before


def test_a_bad_mapping_is_a_clear_error(site, sources, tmp_path):
    result = run(sources, "--out", site, "--category-map", mapping(tmp_path, '"Tin cũ" = "Không có"\n'))
    assert result.returncode == 2
    assert "\"Không có\" không phải chuyên mục của phường" in result.stderr and "Traceback" not in result.stderr


def test_sources_are_never_changed(site, sources, tmp_path):
    before = {p: p.read_bytes() for p in sources.rglob("*") if p.is_file()}
    run(sources, "--out", site, "--category-map", mapping(tmp_path))
    assert {p: p.read_bytes() for p in sources.rglob("*") if p.is_file()} == before
