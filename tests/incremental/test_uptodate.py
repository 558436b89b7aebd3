"""The up-to-date check, through the ``pelican`` command as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pathlib import Path

from helpers import ROOT

UP_TO_DATE = "Không có gì thay đổi"


def build(site, out, *extra, now="2026-02-01 08:00", **env):
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(site), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out), *extra],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=dict(os.environ, PORTAL_NOW=now, **env),
    )


def stats(folder):
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def built(site, out, *extra, **kwargs) -> bool:
    """Build; True when it really built, False when it found nothing to do."""
    result = build(site, out, *extra, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return UP_TO_DATE not in result.stdout


def test_second_build_does_nothing_and_touches_no_file(site_copy, tmp_path):
    out = tmp_path / "out"
    assert built(site_copy, out)
    before = stats(out)
    result = build(site_copy, out)
    assert result.returncode == 0
    assert UP_TO_DATE in result.stdout
    assert stats(out) == before


def test_warnings_of_the_last_build_are_printed_again(site_copy, tmp_path):
    out = tmp_path / "out"
    first = build(site_copy, out)
    assert "cảnh báo" in first.stderr  # the fixture has a draft with a warning
    second = build(site_copy, out)
    assert UP_TO_DATE in second.stdout
    assert [l for l in second.stderr.splitlines() if "cảnh báo" in l] == [l for l in first.stderr.splitlines() if "cảnh báo" in l]


def test_each_kind_of_input_change_builds_again(site_copy, tmp_path):
    out = tmp_path / "out"
    theme = tmp_path / "theme"
    import shutil

    shutil.copytree(ROOT / "theme", theme)
    themed = ("-t", str(theme))
    assert built(site_copy, out, *themed)
    assert not built(site_copy, out, *themed)

    article = site_copy / "bai-viet" / "2024-03-01-mo-dau.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    assert built(site_copy, out, *themed)
    assert "Thêm một câu." in next(out.rglob("*mo-dau*.html")).read_text(encoding="utf-8")
    assert not built(site_copy, out, *themed)

    (theme / "templates" / "partials" / "footer.html").write_text(
        (theme / "templates" / "partials" / "footer.html").read_text(encoding="utf-8") + "<!-- sửa -->", encoding="utf-8")
    assert built(site_copy, out, *themed)
    assert not built(site_copy, out, *themed)

    assert built(site_copy, out, *themed, "-e", "DEFAULT_PAGINATION=2")  # a setting
    assert not built(site_copy, out, *themed, "-e", "DEFAULT_PAGINATION=2")

    assert built(site_copy, out, *themed, "-e", "DEFAULT_PAGINATION=2", PORTAL_URL="https://khac.example/xa")
    assert not built(site_copy, out, *themed, "-e", "DEFAULT_PAGINATION=2", PORTAL_URL="https://khac.example/xa")

    ward = site_copy / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8").replace("Xã Thử Nghiệm", "Xã Thử Nghiệm Mới", 1), encoding="utf-8")
    assert built(site_copy, out, *themed, "-e", "DEFAULT_PAGINATION=2", PORTAL_URL="https://khac.example/xa")


def test_a_damaged_output_is_rebuilt(site_copy, tmp_path):
    out = tmp_path / "out"
    assert built(site_copy, out)
    page = out / "index.html"
    good = page.read_bytes()
    page.write_bytes(good + b"<!-- edited by hand -->")
    assert built(site_copy, out)
    assert page.read_bytes() == good
    (out / "so-do-cong.html").unlink()
    assert built(site_copy, out)
    (out / "rac.txt").write_text("thêm tay", encoding="utf-8")
    assert built(site_copy, out)
    assert not (out / "rac.txt").exists()


def test_a_fresh_clone_with_new_file_times_is_up_to_date(site_copy, tmp_path):
    out = tmp_path / "out"
    assert built(site_copy, out)
    for path in site_copy.rglob("*"):
        os.utime(path, (1, 1))
    assert not built(site_copy, out)


def test_a_scheduled_article_appears_when_due(site_copy, tmp_path):
    (site_copy / "bai-viet" / "2026-02-01-hen-gio.md").write_text(
        "Title: Bài hẹn giờ\nDate: 2026-02-01 10:00\nCategory: Tin tức\n\nĐăng lúc 10 giờ.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert built(site_copy, out, now="2026-02-01 08:00")
    assert not list(out.rglob("*bai-hen-gio.html"))
    assert not built(site_copy, out, now="2026-02-01 09:59")
    assert built(site_copy, out, now="2026-02-01 10:00")
    assert list(out.rglob("*bai-hen-gio.html"))


def test_a_new_day_always_builds(site_copy, tmp_path):
    out = tmp_path / "out"
    assert built(site_copy, out, now="2026-02-01 08:00")
    assert built(site_copy, out, now="2026-02-02 08:00")


def test_ignore_cache_and_the_setting_always_build(site_copy, tmp_path):
    out = tmp_path / "out"
    assert built(site_copy, out)
    assert built(site_copy, out, "--ignore-cache")
    assert built(site_copy, out, "-e", "INCREMENTAL=false")
    assert built(site_copy, out, "-e", "INCREMENTAL=false")


def test_a_failed_build_is_not_remembered(site_copy, tmp_path):
    out = tmp_path / "out"
    assert built(site_copy, out)
    article = site_copy / "bai-viet" / "2024-03-01-mo-dau.md"
    good = article.read_text(encoding="utf-8")
    article.write_text(good.replace("Category:", "Category: Không có chuyên mục này\nX-Old:"), encoding="utf-8")
    assert build(site_copy, out).returncode == 1
    assert build(site_copy, out).returncode == 1  # still an error, not "up to date"
    article.write_text(good, encoding="utf-8")
    assert not built(site_copy, out)  # back to what the output holds


def test_the_record_is_written_where_the_caches_are(site_copy, tmp_path):
    out = tmp_path / "out"
    assert built(site_copy, out)
    records = list((Path(os.environ["PORTAL_CACHE"]) / "incremental").glob("*.json"))
    assert records and all(json.loads(r.read_text(encoding="utf-8"))["version"] == 1 for r in records)


def test_the_output_manifest_names_files_by_their_path_in_the_output(tmp_path):
    from incremental.uptodate import output_manifest

    (tmp_path / "bai-viet" / "2025").mkdir(parents=True)
    for name in ("index.html", "bai-viet/2025/hop.html", "bai-viet/a.html"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    manifest = output_manifest(tmp_path)
    assert sorted(manifest) == ["bai-viet/2025/hop.html", "bai-viet/a.html", "index.html"]
    stat = (tmp_path / "bai-viet" / "a.html").stat()
    assert manifest["bai-viet/a.html"] == [stat.st_size, stat.st_mtime_ns]
