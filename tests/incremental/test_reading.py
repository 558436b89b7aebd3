"""Files read ahead on several processes: what Pelican then finds in its
readers' cache is what it would have read itself.

Byte-identity of a whole site read this way with a site read in one
process is test_a_site_read_on_two_processes_is_the_site_read_on_one.
"""

from __future__ import annotations

import os

import pytest
from helpers import snapshot
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG

from content_model import WardMarkdownReader, use_reader
from incremental import reading, stamps

from .test_identical import SEQUENTIAL, Site

ARTICLE = "Title: Họp tổ dân phố số {n}\nDate: 2025-02-{day:02d} 08:00\nCategory: Tin tức\nTags: tổ dân phố, họp\n\nNội dung bài số {n}: **bầu** tổ trưởng.\n"


class Generator:
    """What ``reading.start`` asks of Pelican's article generator."""

    def __init__(self, path, settings, readers):
        self.path, self.settings, self.readers = str(path), settings, readers

    def get_files(self, paths, exclude=None):
        return {name for name in os.listdir(self.path) if name.endswith(".md")}


@pytest.fixture
def articles(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    for n in range(12):
        (content / f"bai-{n:02d}.md").write_text(ARTICLE.format(n=n, day=n + 1), encoding="utf-8")
    settings = dict(DEFAULT_CONFIG, PATH=str(content), CACHE_PATH=str(tmp_path / "cache"), CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True,
                    CHECK_MODIFIED_METHOD="sha256", TIMEZONE="Asia/Ho_Chi_Minh", RENDER_PROCESSES=3, READ_PARALLEL_FROM=4)
    readers = Readers(settings, "ArticlesGenerator-Readers")
    use_reader(readers)
    stamps._install(readers)
    here = os.getpid()
    real_read = WardMarkdownReader.read
    generator = Generator(content, settings, readers)
    # The file that fails in a child: the last in Pelican's order (a set's,
    # which the hash seed decides), so that a child is sure to read it.
    generator.failing = list(generator.get_files([]))[-1]

    def read(self, path):  # notes which process read each file; one file fails outside this one
        if os.path.basename(path) == generator.failing and os.getpid() != here:
            raise RuntimeError("hỏng")
        content, metadata = real_read(self, path)
        metadata["read_by"] = os.getpid()
        return content, metadata

    monkeypatch.setattr(WardMarkdownReader, "read", read)
    return generator, sorted(str(p) for p in content.iterdir())


def test_children_read_what_is_not_cached_and_pelican_finds_it_in_the_cache(articles):
    generator, files = articles
    direct = {path: WardMarkdownReader.read(generator.readers.readers["md"], path) for path in files}
    reading.start(generator)
    reading.start(generator)  # sent before every file: acts once
    assert stamps.lookup_hook(generator.readers) is not None
    found = {path: generator.readers.get_cached_data(path, None) for path in files}
    read_by = {path: data[1]["read_by"] for path, data in found.items() if data is not None}
    assert os.getpid() not in read_by.values()  # nothing is read here ahead of Pelican
    assert len(set(read_by.values())) == 2  # two children, a block each
    order = [os.path.join(generator.path, name) for name in generator.get_files([])]  # Pelican's order
    assert found[os.path.join(generator.path, generator.failing)] is None  # a child could not read it: Pelican reads it here
    children = [path for path in order if path in read_by or os.path.basename(path) == generator.failing]
    assert children == order[len(order) - len(children):]  # the last ones in Pelican's order
    for path, (content, metadata) in ((p, d) for p, d in found.items() if d is not None):
        assert content == direct[path][0]
        assert {k: v for k, v in metadata.items() if k != "read_by"} == {k: v for k, v in direct[path][1].items() if k != "read_by"}
    generator.readers.save_cache()
    assert stamps.lookup_hook(generator.readers) is None


def test_every_child_is_collected_before_the_cache_is_saved(articles):
    generator, files = articles
    reading.start(generator)
    generator.readers.save_cache()  # Pelican looked none of them up
    fresh = Readers(generator.settings, "ArticlesGenerator-Readers")
    stamps._install(fresh)
    assert sum(fresh.get_cached_data(path, None) is not None for path in files) >= 6


def test_few_files_are_read_here(articles):
    generator, _files = articles
    generator.settings["READ_PARALLEL_FROM"] = 100
    reading.start(generator)
    assert stamps.lookup_hook(generator.readers) is None


def test_cached_files_are_not_read_again(articles):
    generator, files = articles
    for path in files[:9]:
        generator.readers.cache_data(path, WardMarkdownReader.read(generator.readers.readers["md"], path))
    reading.start(generator)  # three left: under READ_PARALLEL_FROM
    assert stamps.lookup_hook(generator.readers) is None


def test_shares_leave_this_process_the_time_for_pelicans_own_work():
    assert reading.shares(5000, 5000, 2) == [2075, 2925]
    assert sum(reading.shares(300, 5000, 2)) == 300 and reading.shares(300, 5000, 2)[0] == 0  # an added batch: all to children
    assert reading.shares(10, 10, 3)[1:] == [4, 4] and sum(reading.shares(10, 10, 3)) == 10


def test_a_site_read_on_two_processes_is_the_site_read_on_one(tmp_path):
    site = Site(tmp_path)
    site.build(tmp_path / "parallel", tmp_path / "cache-parallel", ["RENDER_PROCESSES=2", "READ_PARALLEL_FROM=1"])
    assert "đọc trên 2 tiến trình" in site.last_log
    site.build(tmp_path / "sequential", tmp_path / "cache-sequential", SEQUENTIAL)
    assert "đọc trên" not in site.last_log
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "sequential")
