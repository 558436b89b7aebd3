"""Pelican's reader cache as ``incremental.stamps`` sets it up: hashed with
the digests already known, saved only when a file was read anew, and saved
by a child process so that the build keeps no UTF-8 copy of every text."""

from __future__ import annotations

import pickle
import sys
import types

from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG

from incremental import parallel, stamps


def readers_of(tmp_path):
    settings = dict(DEFAULT_CONFIG, CHECK_MODIFIED_METHOD="sha256", CACHE_PATH=str(tmp_path / "cache"),
                    CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, GZIP_CACHE=False, PATH=str(tmp_path))
    readers = Readers(settings, "ArticlesGenerator-Readers")  # as Pelican's generators make it
    stamps.install(types.SimpleNamespace(settings=settings, readers=readers))  # article_generator_init
    return readers


def test_saved_by_a_child_and_only_when_a_file_was_read_anew(tmp_path, monkeypatch):
    article = tmp_path / "bai.md"
    article.write_text("Title: Hội nghị tổ dân phố\n\nNội dung hội nghị tổ dân phố số 5.\n", encoding="utf-8")
    cache_file = tmp_path / "cache" / "ArticlesGenerator-Readers"

    readers = readers_of(tmp_path)
    assert readers._filestamp_func is stamps.stamp
    content = readers.read_file(str(tmp_path), "bai.md").content
    size = sys.getsizeof(content)
    readers.save_cache()
    assert pickle.loads(cache_file.read_bytes())[str(article)][1][0] == content
    if parallel.can_fork():
        assert sys.getsizeof(content) == size  # pickled in a child: no UTF-8 copy kept in this process

    again = readers_of(tmp_path)
    monkeypatch.setattr(parallel, "run_apart", lambda *a: (_ for _ in ()).throw(AssertionError("saved again")))
    assert again.read_file(str(tmp_path), "bai.md").content == content  # from the cache
    again.save_cache()  # nothing read anew: nothing written

    article.write_text("Title: Hội nghị\n\nĐã sửa.\n", encoding="utf-8")
    monkeypatch.undo()
    edited = readers_of(tmp_path)
    assert "Đã sửa." in edited.read_file(str(tmp_path), "bai.md").content
    edited.save_cache()
    assert "Đã sửa." in pickle.loads(cache_file.read_bytes())[str(article)][1][0]


def test_run_apart_runs_in_a_child_and_reports_its_logs_and_errors(caplog):
    if not parallel.can_fork():
        return
    seen = []

    def work():
        seen.append("ran")
        import logging

        logging.getLogger("incremental").warning("từ tiến trình con")

    with caplog.at_level("WARNING"):
        parallel.run_apart(work, "Lỗi thử")
    assert seen == []  # it ran in the child, not here
    assert "từ tiến trình con" in caplog.text

    def failing():
        raise OSError("đĩa đầy")

    try:
        parallel.run_apart(failing, "Lỗi khi lưu")
    except RuntimeError as error:
        assert "Lỗi khi lưu" in str(error) and "đĩa đầy" in str(error)
    else:
        raise AssertionError("the child's error was lost")


def test_entries_of_deleted_files_are_dropped(tmp_path):
    kept, deleted = tmp_path / "giu.md", tmp_path / "xoa.md"
    for path in (kept, deleted):
        path.write_text(f"Title: {path.stem}\n\nNội dung.\n", encoding="utf-8")
    cache_file = tmp_path / "cache" / "ArticlesGenerator-Readers"
    readers = readers_of(tmp_path)
    for path in (kept, deleted):
        readers.read_file(str(tmp_path), path.name)
    readers.save_cache()
    assert sorted(pickle.loads(cache_file.read_bytes())) == sorted([str(kept), str(deleted)])

    deleted.unlink()  # nothing else changed: no file is read anew
    again = readers_of(tmp_path)
    again.read_file(str(tmp_path), kept.name)
    again.save_cache()
    assert sorted(pickle.loads(cache_file.read_bytes())) == [str(kept)]
