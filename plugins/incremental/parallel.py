"""Pages rendered on every core.

Pelican renders and writes one page at a time, on one core. The reusing
writer (``pages.ReusingWriter``) lets Pelican do all its per-page work as
usual (pagination, the page's context, its checks for files written twice)
but, for a page that has to be rendered, keeps the template and the page's
context as a ``Job`` instead of rendering it, and records the file as
written the way Pelican does, without creating it (``ReusingWriter._claim``):
the process that renders the page creates it. ``RenderPool.flush`` then
renders the jobs, split over ``RENDER_PROCESSES`` processes (default: the
number of cores): the process itself takes one share, each other share
goes to a child made with ``os.fork``, which sees the whole build in
memory as it was (nothing is pickled on the way in) and sends back only
what the page-reuse record needs (which content each page read) and any
problem an editor must see.

The flush runs when enough jobs are waiting (``RENDER_BATCH``, to bound the
memory the kept contexts take) and once more before the output is checked
and published (a first finisher of ``atomic_output``). Each job renders with
the state Pelican would have given it: the shared context's
``localsiteurl``, which Pelican sets before rendering each page and which
content objects read to make their links relative, is set back to the value
it had when the job was made. The output is byte-for-byte what a one-core
build writes (tests/incremental/test_parallel.py).

Pelican's ``content_written`` signal is still sent where Pelican sends it,
so before the page's bytes are in the file; no plugin of ours listens to it.

``run_shares`` runs a list of calls the same way, the first here and each
other in a forked child, and returns what each returned: the renderer's
shares, and the search index built from nothing (``search.generator``).
``start_child``/``collect`` are used directly by ``reading``, which
collects each child only when Pelican reaches its files. ``run_apart``
runs other work in a child, for what it leaves behind rather than for
speed (saving the content cache: ``stamps``).

Falls back to rendering in this process, in order, when there are few jobs,
no ``os.fork`` (Windows), or other threads running (forking a threaded
process is unsafe; the one exception is the spinner of Pelican's command
line, whose console a child never uses: its log records are sent to the
parent, which logs them).
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import editor_errors

# Below this many jobs, forking costs more than it saves (RENDER_PARALLEL_FROM).
MIN_PARALLEL_JOBS = 64


@dataclass(eq=False)
class Job:
    template: object  # the Jinja template Pelican chose
    localcontext: dict  # the page's own context, as Pelican made it
    path: str  # where the page is written
    name: str  # its name in the output folder
    call: str  # the page-reuse digest of the write call
    localsiteurl: object  # the shared context's value when Pelican would have rendered it


class RenderPool:
    def __init__(self, session, processes: int, batch: int, parallel_from: int = MIN_PARALLEL_JOBS):
        self.session = session
        self.processes = max(1, processes)
        self.batch = max(1, batch)
        self.parallel_from = parallel_from
        self.pending: dict[str, Job] = {}  # path → the job that will write it, in Pelican's order
        self.forked = 0  # children started, for the build's summary line

    # -- collecting ---------------------------------------------------------
    def confirm(self, job: Job) -> None:
        """Pelican opened *job*'s file: it will be written (a later write of
        the same file replaces the earlier one, as it would on disk)."""
        self.forget(job.path)
        self.pending[job.path] = job

    def forget(self, path: str) -> None:
        """Something else is written at *path* now: drop its pending job."""
        self.pending.pop(path, None)

    def full(self) -> bool:
        return len(self.pending) >= self.batch

    # -- rendering ----------------------------------------------------------
    def flush(self) -> None:
        jobs = list(self.pending.values())
        self.pending = {}
        if not jobs:
            return
        shared = self.session.shared_context
        before = shared.get("localsiteurl") if shared is not None else None
        try:
            if self._can_fork(len(jobs)):
                self._render_forked(jobs)
            else:
                for job in jobs:
                    render(self.session, job)
        finally:
            if shared is not None:
                shared["localsiteurl"] = before

    def _can_fork(self, count: int) -> bool:
        return self.processes > 1 and count >= self.parallel_from and can_fork()

    def _render_forked(self, jobs: list[Job]) -> None:
        session = self.session
        session.site()  # computed once, here, rather than in every child
        shares = [share for share in (jobs[k::self.processes] for k in range(self.processes)) if share]
        self.forked += len(shares) - 1
        reports = run_shares([functools.partial(_render_here, session, shares[0]),
                              *(functools.partial(_render_share, session, share) for share in shares[1:])],
                             "Lỗi khi dựng trang")
        for report in reports[1:]:
            session.pages.update(report["pages"])
            session.rendered += report["rendered"]
            session.volatile.extend(report["volatile"])
            editor_errors.report(*report["problems"])


def run_shares(calls: list[Callable[[], object]], what: str) -> list:
    """What each of *calls* returns, in order: the first runs in this
    process, each other in a child forked before it starts, so they run at
    the same time. A failure anywhere fails the whole, after every child is
    collected (named *what* when it is a child's). In order, in this
    process, when forking is not safe."""
    if len(calls) < 2 or not can_fork():
        return [call() for call in calls]
    children = []
    gc.freeze()  # the children's memory stays shared with this process longer
    try:
        for call in calls[1:]:
            children.append(start_child(functools.partial(_result_of, call)))
    finally:
        gc.unfreeze()
    results: list = [None]
    failure = None
    try:
        results[0] = calls[0]()
    except BaseException as error:  # still collect the children, then raise
        failure = error
    for child in children:
        report = collect(*child)
        results.append(report.get("result"))
        if "error" in report and failure is None:
            failure = RuntimeError(f"{what} (tiến trình con): {report['error']}\n{report['trace']}")
    if failure is not None:
        raise failure
    return results


def _result_of(call: Callable[[], object]) -> dict:
    return {"result": call()}


def can_fork() -> bool:
    return hasattr(os, "fork") and _only_safe_threads()


def start_child(work: Callable[[], dict]) -> tuple[int, int]:
    """Fork a child that runs *work* and sends back the dict it returns,
    with its log records (or its error): (pid, the pipe to read it from)."""
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, report, leave at once
        os.close(read)
        _child(work, write)
    os.close(write)
    return pid, read


def collect(pid: int, read: int) -> dict:
    """Wait for a child of ``start_child`` and log what it logged: its report."""
    with os.fdopen(read, "rb") as stream:
        data = stream.read()
    _pid, status = os.waitpid(pid, 0)
    report = pickle.loads(data) if data else {"error": f"exit status {status}", "trace": ""}
    for name, level, message in report.get("logged", []):
        logging.getLogger(name).log(level, "%s", message)
    return report


def run_apart(work: Callable[[], object], what: str) -> None:
    """Run *work* in a forked child and wait for it, so that what it
    allocates, or leaves cached inside objects it touches, stays out of this
    process; in this process when forking is not safe."""
    if not can_fork():
        work()
        return

    def in_child() -> dict:
        work()
        return {}

    report = collect(*start_child(in_child))
    if "error" in report:
        raise RuntimeError(f"{what} (tiến trình con): {report['error']}\n{report['trace']}")


def _only_safe_threads() -> bool:
    """Whether forking now is safe: no thread but this one, except the
    spinner Pelican's command line shows (rich's refresh thread), which a
    child never meets: it logs and prints through plain handles (``_quiet``)."""
    return all(thread is threading.current_thread() or type(thread).__name__ == "_RefreshThread"
               for thread in threading.enumerate())


class _Captured(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def _quiet() -> _Captured:
    """In a child: log records are kept for the parent to log, and print
    goes to the plain standard streams (not through a lock another thread
    of the parent may have held when it forked)."""
    captured = _Captured()
    loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict.values()
                                      if isinstance(logger, logging.Logger))]
    for logger in loggers:
        if logger.handlers:
            logger.handlers = [captured]
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    return captured


def render(session, job: Job) -> None:
    """Render one page and write it, recording what it read."""
    shared = session.shared_context
    if shared is not None and job.localsiteurl is not None:
        shared["localsiteurl"] = job.localsiteurl
    output = session.render(job.template, job.localcontext, job.name, job.call)
    with open(job.path, "w", encoding="utf-8") as handle:  # as Pelican's writer opens it
        handle.write(output)


def _render_here(session, share: list[Job]) -> None:
    for job in share:
        render(session, job)


def _render_share(session, share: list[Job]) -> dict:
    """A child's work: its share of the pages, and what the parent needs back."""
    session.pages, session.rendered, session.volatile = {}, 0, []
    problems_before = len(editor_errors.collector.problems)
    for job in share:
        render(session, job)
    return {"pages": session.pages, "rendered": session.rendered, "volatile": session.volatile,
            "problems": editor_errors.collector.problems[problems_before:]}


def _child(work: Callable[[], dict], write: int) -> None:
    code = 0
    try:
        gc.disable()  # a short life: collecting would only copy shared memory
        captured = _quiet()
        try:
            report = dict(work() or {})
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            report = {"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()}
        report["logged"] = captured.records
        with os.fdopen(write, "wb") as stream:
            pickle.dump(report, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)
