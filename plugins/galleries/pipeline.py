"""Processing many photos: hash, skip what the cache has, fan out to cores.

Used by the build (``generator``) and by ``bench/images.py``, so the
benchmark measures exactly what a build does.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from .processing import Recipe, Variant, cache_folder, load_cached, process

Result = tuple[list[Variant] | None, object | None]  # (sizes, Text message) from processing.process


def hash_files(paths: Iterable[str]) -> dict[str, str]:
    """SHA-256 of each file (``content_model.digests``: a photo whose stat is
    unchanged since the up-to-date check hashed it is not read again);
    reading and hashing release the GIL."""
    from content_model.digests import sha256

    paths = list(paths)
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(paths, pool.map(sha256, paths)))


def process_many(
    sources: dict[str, str],
    cache_root: Path,
    recipe: Recipe,
    workers: int | None = None,
    stream=None,
) -> dict[str, Result]:
    """Make every size of every photo in *sources* (sha → path).

    Cached photos are not opened. The rest run on *workers* processes
    (default: all cores), with progress on *stream* when there are many and
    a one-line summary whenever anything was processed.
    """
    stream = stream or sys.stderr
    results: dict[str, Result] = {}
    todo = []
    for sha, path in sources.items():
        cached = load_cached(cache_folder(cache_root, recipe, sha))
        if cached is not None:
            results[sha] = (cached, None)
        else:
            todo.append((path, sha, str(cache_root), recipe))
    if not todo:
        return results
    workers = workers or os.cpu_count() or 1
    terminal = hasattr(stream, "isatty") and stream.isatty()
    show = len(todo) >= 10 or terminal
    # A line per 10 photos on a terminal; in a CI log, about ten lines in all.
    step = 10 if terminal else max(10, -(-len(todo) // 10))
    if show:
        print(f"Xử lý {len(todo)} ảnh mới ({len(results)} ảnh đã có sẵn trong {cache_root})…", file=stream)
    started = time.monotonic()
    pool = ProcessPoolExecutor(max_workers=min(workers, len(todo))) if workers > 1 and len(todo) > 1 else None
    try:
        mapped = pool.map(process, todo, chunksize=1) if pool else map(process, todo)
        for done, (sha, variants, error) in enumerate(mapped, 1):
            results[sha] = (variants, error)
            if show and (done % step == 0 or done == len(todo)):
                print(f"  {done}/{len(todo)} ảnh", file=stream)
    finally:
        if pool:
            pool.shutdown()
    took = time.monotonic() - started
    print(f"Đã xử lý {len(todo)} ảnh trong {took:.1f} giây ({len(todo) / max(took, 1e-9):.1f} ảnh/giây).", file=stream)
    return results
