"""Articles read on every core.

Pelican reads content files one at a time, on one core, and converting
Markdown is most of a cold build's reading (5,000 articles: about 8 s of
9.6 s). When many files are not in the content cache (a first build, the
first build after a change of settings, ``--ignore-cache``), the files that
are not are read over ``RENDER_PROCESSES`` processes before Pelican asks for
them.

How: at a generator's first ``*_generator_preread`` of a build, the files
Pelican is reading (``generator.get_files``, the call Pelican made a moment
before, so the same files in the same order) are looked up in the readers'
cache. If at least ``READ_PARALLEL_FROM`` are missing, the last part of
them, in Pelican's order, is read by forked children (``parallel``: a child
sees the readers as the build has them; nothing is sent to it), each with a
block of its own, while this process goes on reading the first part the
usual way. When Pelican reaches the first file of a child's block, the
child's results are collected and stored in the readers' cache as Pelican
would have stored them (``stamps.before_lookup``), so Pelican finds them
there and makes the articles as from any cached file. This process's share
is smaller than a child's by Pelican's own work per file (making the
article, signals, path metadata), which it does for every file.

The reader is ours (``content_model.WardMarkdownReader``) and keeps
everything a file says inside its result (its problems included), so what
a child reads is what this process would have read. A file a child could
not read (an unexpected exception) is left to this process, which reads it
as Pelican does and reports it as Pelican would.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import weakref

from pelican.generators import PagesGenerator
from pelican.readers import _filter_discardable_metadata
from pelican.utils import file_suffix

from . import parallel, stamps

log = logging.getLogger(__name__)

# Below this many files to read, forking costs more than it saves.
MIN_PARALLEL_FILES = 100
# Pelican's own work per file (the article, its signals, path metadata), as
# a share of reading one file with the Markdown reader: 1.4 s against 8.2 s
# for 5,000 files (bench/phases.py: a one-edit rebuild and a cold build).
PELICAN_SHARE = 0.17

_started: weakref.WeakSet = weakref.WeakSet()


def start(generator) -> None:
    """``article_generator_preread``, ``page_generator_preread`` (sent
    before each file Pelican reads): the first time for *generator*, hand
    the files that are not cached to children."""
    if generator in _started:
        return
    _started.add(generator)
    readers = generator.readers
    settings = generator.settings
    processes = int(settings.get("RENDER_PROCESSES") or os.cpu_count() or 1)
    if processes < 2 or not getattr(readers, "_cache_data_policy", False) or not parallel.can_fork():
        return
    paths, exclude = _paths(generator)
    files = [os.path.abspath(os.path.join(generator.path, f)) for f in generator.get_files(paths, exclude=exclude)]
    missing = object()
    to_read = [f for f in files if file_suffix(f) in readers.readers and readers.get_cached_data(f, missing) is missing]
    if len(to_read) < int(settings.get("READ_PARALLEL_FROM", MIN_PARALLEL_FILES)):
        return
    blocks = shares(len(to_read), len(files), processes)
    children: dict[str, Child] = {}
    gc.freeze()  # the children's memory stays shared with this process longer
    try:
        begin = blocks[0]
        for size in blocks[1:]:
            block = to_read[begin:begin + size]
            begin += size
            if block:
                child = Child(parallel.start_child(functools.partial(read_block, readers, block)))
                children.update((path, child) for path in block)
    finally:
        gc.unfreeze()
    if children:
        # Also called with None before the cache is saved: every child is
        # collected by then (stamps).
        stamps.before_lookup(readers, functools.partial(_arrive, readers, children))
        log.info("Nội dung: %d tệp chưa có trong bộ nhớ đệm, đọc trên %d tiến trình", len(to_read),
                 1 + len(set(children.values())))


def shares(to_read: int, files: int, processes: int) -> list[int]:
    """How many of the *to_read* files each process reads, this process
    first: every process should finish together, and this one also does
    Pelican's work for each of the *files*."""
    extra = PELICAN_SHARE * files
    each = (to_read + extra) / processes
    own = max(0, min(to_read, round(each - extra)))
    rest = to_read - own
    children = processes - 1
    return [own] + [rest // children + (1 if k < rest % children else 0) for k in range(children)]


class Child:
    """A forked reader: the pipe its results come back on, and whether they
    were taken."""

    def __init__(self, started: tuple[int, int]):
        self.started = started
        self.done = False


def read_block(readers, block: list[str]) -> dict:
    """In a child: read *block* as Pelican's ``read_file`` would on a cache
    miss; what it could not read is left out."""
    read = []
    for path in block:
        try:
            content, metadata = readers.readers[file_suffix(path)].read(path)
        except Exception:  # noqa: BLE001 - the build reads it again and reports it
            continue
        read.append((path, content, _filter_discardable_metadata(metadata)))
    return {"read": read}


def _arrive(readers, children: dict[str, Child], path: str | None) -> None:
    """Before Pelican looks *path* up: if a child reads it, take that
    child's results into the cache (every child's when *path* is None)."""
    if path is None:
        waiting = set(children.values())
    else:
        waiting = {children[path]} if path in children else set()
    for child in waiting:
        if child.done:
            continue
        child.done = True
        report = parallel.collect(*child.started)
        for name, content, metadata in report.get("read", []):
            readers.cache_data(name, (content, metadata))
        if "error" in report:
            log.debug("Tiến trình đọc dừng: %s\n%s", report["error"], report["trace"])


def _paths(generator) -> tuple[list[str], list[str]]:
    """The folders Pelican reads for this generator, and what it leaves out."""
    kind = "PAGE" if isinstance(generator, PagesGenerator) else "ARTICLE"
    return generator.settings[f"{kind}_PATHS"], generator.settings[f"{kind}_EXCLUDES"]
