"""Caches that are pickles hold only data (plugins/safety/pickles.py): a
cache restored from elsewhere cannot run code on the build machine. Each of
the build's pickles is poisoned with one that would create a file when
unpickled, and the `pelican` command builds on."""

from __future__ import annotations

import io
import os
import pickle

import pytest
from helpers import run_pelican
from safety import RefusedPickle, load_pickle, pickles_in


class Payload:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_data_loads_and_a_callable_is_refused(tmp_path):
    import datetime

    from pelican.urlwrappers import Tag

    data = {"a": [1, 2.5, "chữ", b"x", {3}, datetime.datetime(2025, 1, 2)], "tag": Tag("Hội nghị", {})}
    assert load_pickle(io.BytesIO(pickle.dumps(data))) == data
    marker = tmp_path / "ran"
    with pytest.raises(RefusedPickle, match="posix.system|os.system"):
        load_pickle(io.BytesIO(pickle.dumps(Payload(marker))))
    assert not marker.exists()
    # getattr is how pickle names a method: only ZoneInfo's own unpickling.
    sneaky = b"cbuiltins\ngetattr\n(cpathlib\nPath\nS'home'\ntR."
    with pytest.raises(RefusedPickle):
        load_pickle(io.BytesIO(sneaky))


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_CACHE", str(tmp_path / "cache"))  # every cache of these builds, here


def test_the_caches_of_a_real_build_are_all_data(site_copy, tmp_path):
    """Every pickle the build writes loads through the allow-list: a new
    class in a cache shows up here, not as a cache made again on every build."""
    cache = tmp_path / "cache"
    assert run_pelican(site_copy, tmp_path / "out", "-e", f'CACHE_PATH="{cache}"').returncode == 0
    found = [p for p in cache.rglob("*") if p.is_file() and (p.suffix == ".pickle" or "Generator" in p.name)]
    assert found
    for path in found:
        with open(path, "rb") as handle:
            load_pickle(handle)


def test_poisoned_caches_are_refused_and_the_build_goes_on(site_copy, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert run_pelican(site_copy, out, "-e", f'CACHE_PATH="{cache}"').returncode == 0
    marker = tmp_path / "ran"
    poisoned = [p for p in cache.rglob("*") if p.is_file() and (p.suffix == ".pickle" or "Generator" in p.name)]
    assert {p.parent.name for p in poisoned} >= {"search", "incremental"}
    for path in poisoned:
        path.write_bytes(pickle.dumps(Payload(marker)))
    (site_copy / "bai-viet" / "2025-06-01-thu-sau.md").write_text(
        (site_copy / "bai-viet" / "2025-06-01-thu-sau.md").read_text(encoding="utf-8") + "\nSửa.\n", encoding="utf-8")
    result = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{cache}"')
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert "Bộ nhớ đệm nội dung không dùng được, làm lại: ArticlesGenerator-Readers" in result.stderr, result.stderr
    assert "Bộ nhớ đệm tìm kiếm không dùng được" in result.stderr and "Bộ nhớ đệm trang không dùng được" in result.stderr
    assert "Sửa." in next(out.glob("bai-viet/2025/06/01-*.html")).read_text(encoding="utf-8")
    for folder in {p.parent for p in poisoned if "Generator" in p.name}:
        for name in pickles_in(folder):  # made again, as data
            with open(folder / name, "rb") as handle:
                load_pickle(handle)


def test_a_forged_entry_that_is_only_data_but_carries_script_is_refused(site_copy, tmp_path):
    """A pickle of plain data can still be forged: the content cache's HTML
    must be what the reader's policy lets through, or the file is made again."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    assert run_pelican(site_copy, out, "-e", f'CACHE_PATH="{cache}"').returncode == 0
    readers = next(cache.rglob("ArticlesGenerator-Readers"))
    with open(readers, "rb") as handle:
        entries = load_pickle(handle)
    name = next(n for n in entries if n.endswith("2025-06-01-thu-sau.md"))
    stamp, (html, metadata) = entries[name]
    entries[name] = (stamp, (html + "<script>window.__forged = 1</script>", metadata))
    readers.write_bytes(pickle.dumps(entries))
    import shutil

    shutil.rmtree(out)  # a build that reads (an intact output would be up to date)
    result = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{cache}"')
    assert result.returncode == 0, result.stderr
    assert "Bộ nhớ đệm nội dung không dùng được, làm lại: ArticlesGenerator-Readers" in result.stderr, result.stderr
    assert "__forged" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
