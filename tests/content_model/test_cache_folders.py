"""The content cache's folders: one per set of settings, and those no build
has used for a month removed (a CI cache would otherwise keep them all)."""

from __future__ import annotations

import os
import time
import types

from content_model import configure_cache
from pelican.settings import read_settings


def test_idle_content_caches_are_removed_and_the_current_one_marked_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_CACHE", str(tmp_path / "cache"))
    (tmp_path / "site").mkdir()
    folders = tmp_path / "cache" / "pelican"
    month_ago, week_ago = time.time() - 40 * 86400, time.time() - 7 * 86400
    old, recent, not_ours = "0123456789abcdef", "fedcba9876543210", "ghi-chu"
    for name, when in ((old, month_ago), (recent, week_ago), (not_ours, month_ago)):
        (folders / name).mkdir(parents=True)
        (folders / name / "ArticlesGenerator-Readers").write_bytes(b"x")
        os.utime(folders / name, (when, when))

    def configured(**extra):
        settings = read_settings(None, override={"CACHE_CONTENT": True, "PATH": str(tmp_path / "site"),
                                                 "CACHE_PATH": str(tmp_path / "cache"), **extra})
        configure_cache(types.SimpleNamespace(settings=settings))
        return settings

    settings = configured()
    current = os.path.basename(settings["CACHE_PATH"])
    assert sorted(p.name for p in folders.iterdir()) == sorted([current, recent, not_ours])  # not ours: never touched
    assert time.time() - (folders / current).stat().st_mtime < 60  # used now: kept by the others' builds

    # an old folder in use again is marked used, so it stays
    os.utime(folders / current, (month_ago, month_ago))
    assert configured()["CACHE_PATH"] == settings["CACHE_PATH"]
    assert (folders / current).is_dir()

    # the number of idle days is a setting
    assert configured(CACHE_IDLE_DAYS=3)["CACHE_PATH"] == settings["CACHE_PATH"]  # the same cache
    assert sorted(p.name for p in folders.iterdir()) == sorted([current, not_ours])

    # how a build runs is not what it reads: the same cache
    assert configured(RENDER_PROCESSES=1, READ_PARALLEL_FROM=5, QUICK_EXIT=False)["CACHE_PATH"] == settings["CACHE_PATH"]
    assert configured(TIMEZONE="UTC")["CACHE_PATH"] != settings["CACHE_PATH"]  # what it reads: another


def test_a_change_of_the_html_policy_starts_a_new_content_cache(tmp_path, monkeypatch):
    """The reader cleans HTML with safety's policy, and Pelican's cache keeps
    the cleaned result: a policy change must clean every file again."""
    from pathlib import Path

    import safety.html

    monkeypatch.setenv("PORTAL_CACHE", str(tmp_path / "cache"))
    (tmp_path / "site").mkdir()

    def folder():
        settings = read_settings(None, override={"CACHE_CONTENT": True, "PATH": str(tmp_path / "site"),
                                                 "CACHE_PATH": str(tmp_path / "cache")})
        configure_cache(types.SimpleNamespace(settings=settings))
        return settings["CACHE_PATH"]

    before = folder()
    policy = Path(safety.html.__file__).resolve()
    read_bytes = Path.read_bytes
    # The policy's source as if edited (the file itself is left alone: other tests read it).
    monkeypatch.setattr(Path, "read_bytes", lambda self: read_bytes(self) + (b"\n# changed\n" if self.resolve() == policy else b""))
    assert folder() != before
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert folder() == before
