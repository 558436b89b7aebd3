"""RenderPool: pages rendered over several processes, as one process would.

Byte-identity of whole sites rendered in parallel with sequential builds is
in test_identical.py (every incremental build there renders over two
processes); here, what a child sends back and what happens when it fails.
"""

from __future__ import annotations

import logging
import os
import threading

import pytest

import editor_errors
from editor_errors import Problem
from incremental import pages
from incremental.parallel import Job, RenderPool


class Session(pages.Session):
    """pages.Session (its ``render``), with no records and a note that says
    which process rendered the page."""

    def __init__(self):
        self.shared_context = {"localsiteurl": "."}
        self.pages, self.rendered, self.volatile, self.recording = {}, 0, [], None

    def site(self):
        return "site"

    def note(self, name, call, touched):
        self.pages[name] = {"call": call, "pid": os.getpid(), "siteurl": self.shared_context["localsiteurl"]}


class Template:
    def __init__(self, fail_on=None):
        self.fail_on = fail_on

    def render(self, context):
        if context["n"] == self.fail_on:
            raise ValueError(f"hỏng ở trang {context['n']}")
        if context["n"] == 3:
            logging.getLogger("portal.test").warning("cảnh báo từ trang %d", context["n"])
            editor_errors.report(Problem("bai-viet/a.md", 4, "một vấn đề", editor_errors.WARNING))
        return f"<p>trang {context['n']}</p>\n"


def jobs(folder, template, count=10):
    return [Job(template, {"n": n}, str(folder / f"p{n}.html"), f"p{n}.html", f"call{n}", f"../{n}") for n in range(count)]


def fill(pool, made):
    for job in made:
        pool.confirm(job)


def test_children_render_their_share_and_report_back(tmp_path, caplog):
    session = Session()
    pool = RenderPool(session, processes=2, batch=1000, parallel_from=1)
    editor_errors.collector.reset()
    fill(pool, jobs(tmp_path, Template()))
    with caplog.at_level(logging.WARNING):
        pool.flush()
    assert pool.forked == 1
    for n in range(10):
        assert (tmp_path / f"p{n}.html").read_text(encoding="utf-8") == f"<p>trang {n}</p>\n"
    assert session.rendered == 10 and sorted(session.pages) == sorted(f"p{n}.html" for n in range(10))
    # odd pages went to the child, each rendered with its own localsiteurl
    assert {session.pages[f"p{n}.html"]["pid"] != os.getpid() for n in range(1, 10, 2)} == {True}
    assert all(session.pages[f"p{n}.html"]["siteurl"] == f"../{n}" for n in range(10))
    assert session.shared_context["localsiteurl"] == "."  # put back after the flush
    assert "cảnh báo từ trang 3" in caplog.text  # logged in the child, logged again here
    assert [p.text for p in editor_errors.collector.problems] == ["một vấn đề"]
    editor_errors.collector.reset()


def test_a_later_write_of_the_same_file_wins_and_forgotten_jobs_are_skipped(tmp_path):
    session = Session()
    pool = RenderPool(session, processes=2, batch=1000, parallel_from=1)
    first, second, dropped = jobs(tmp_path, Template(), 3)
    second.path, dropped.path = first.path, str(tmp_path / "dropped.html")
    fill(pool, [first, second, dropped])
    pool.forget(dropped.path)  # something else was written there after it
    pool.flush()
    assert (tmp_path / "p0.html").read_text(encoding="utf-8") == "<p>trang 1</p>\n"
    assert not (tmp_path / "dropped.html").exists()


def test_a_failure_in_a_child_fails_the_build(tmp_path):
    pool = RenderPool(Session(), processes=2, batch=1000, parallel_from=1)
    fill(pool, jobs(tmp_path, Template(fail_on=5)))  # page 5 is the child's
    with pytest.raises(RuntimeError, match="hỏng ở trang 5"):
        pool.flush()


def test_renders_in_order_here_when_another_thread_runs(tmp_path):
    session = Session()
    pool = RenderPool(session, processes=2, batch=1000, parallel_from=1)
    fill(pool, jobs(tmp_path, Template()))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        pool.flush()
    finally:
        stop.set()
        other.join()
    assert pool.forked == 0 and session.rendered == 10
    assert {page["pid"] for page in session.pages.values()} == {os.getpid()}


def test_few_jobs_are_rendered_here(tmp_path):
    pool = RenderPool(Session(), processes=2, batch=1000)  # default threshold
    fill(pool, jobs(tmp_path, Template(), 5))
    pool.flush()
    assert pool.forked == 0 and (tmp_path / "p4.html").exists()
