"""Processing many photos: hash, skip what the cache has, fan out to cores.

Used by the build (``generator``) and by ``bench/images.py``, so the
benchmark measures exactly what a build does.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .processing import Recipe, Variant, cache_folder, process, say, verify_cached

# The SHA-256 of each cached size, by its stat with the ctime (see
# content_model.digests): a size is read again only when it changed or was
# restored since it was last checked.
VERIFIED = "verified.json"

def _killed():
    return say(
        "Tiến trình xử lý ảnh này bị dừng đột ngột hai lần (thường do máy hết bộ nhớ khi mở ảnh). Thu nhỏ ảnh "
        "(ví dụ xuống cạnh dài 4000 điểm) rồi lưu lại, hoặc xây dựng trên máy nhiều bộ nhớ hơn.",
        "The worker processing this photo was stopped abruptly twice (most often the machine ran out of memory "
        "opening it). Scale the photo down (for example to 4000 pixels on the long side) and save it again, or "
        "build on a machine with more memory.",
    )


def _in_pool(jobs: list, workers: int, finished) -> list:
    """Run *jobs* on *workers* processes, handing each result to *finished*;
    the jobs left unfinished because a worker died (none, normally)."""
    lost = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(process, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                lost.append(futures[future])
                continue
            finished(*result)
    return lost


def _load_memo(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list) and len(v) == 5} if isinstance(data, dict) else {}


def _save_memo(path: Path, fresh: dict) -> None:
    """Merged with what other builds sharing the cache checked meanwhile."""
    merged = {**_load_memo(path), **fresh}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(merged), encoding="utf-8")
    os.replace(temporary, path)

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
    from content_model.digests import file_digest

    stream = stream or sys.stderr
    results: dict[str, Result] = {}
    todo = []
    memo_file = Path(cache_root) / recipe.key / VERIFIED
    memo, fresh = _load_memo(memo_file), {}
    damaged = 0
    for sha, path in sources.items():
        cached, bad = verify_cached(cache_folder(cache_root, recipe, sha), lambda p: file_digest(p, memo, fresh))
        damaged += bad
        if cached is not None:
            results[sha] = (cached, None)
        else:
            todo.append((path, sha, str(cache_root), recipe))
    if any(memo.get(path) != entry for path, entry in fresh.items()):  # something was read anew
        _save_memo(memo_file, fresh)
    if damaged:
        print(say(f"Bộ nhớ đệm ảnh: {damaged} ảnh có bản lưu hỏng hoặc lạ (tệp bị đổi, thiếu hay không phải của cổng), "
                  "được làm lại từ ảnh gốc.",
                  f"Photo cache: {damaged} photo(s) had a damaged or foreign entry (a file changed, missing or not "
                  "made here), made again from the original."), file=stream)
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
    done = 0

    def finished(sha: str, variants, error) -> None:
        nonlocal done
        done += 1
        results[sha] = (variants, error)
        if show and (done % step == 0 or done == len(todo)):
            print(f"  {done}/{len(todo)} ảnh", file=stream)

    if workers > 1 and len(todo) > 1:
        lost = _in_pool(todo, min(workers, len(todo)), finished)
        if lost:
            # A worker was killed (the kernel's out-of-memory killer, most
            # often), which breaks the whole pool: which photo did it is not
            # known, so each unfinished one is tried again on its own.
            print(say(f"Một tiến trình xử lý ảnh bị dừng đột ngột (thường do máy hết bộ nhớ); thử lại {len(lost)} "
                      "ảnh chưa xong, từng ảnh một.",
                      f"A photo worker was stopped abruptly (most often the machine ran out of memory); trying the "
                      f"{len(lost)} unfinished photo(s) again, one at a time."), file=stream)
            for job in lost:
                if _in_pool([job], 1, finished):
                    finished(job[1], None, _killed())
    else:
        for job in todo:
            finished(*process(job))
    took = time.monotonic() - started
    print(f"Đã xử lý {len(todo)} ảnh trong {took:.1f} giây ({len(todo) / max(took, 1e-9):.1f} ảnh/giây).", file=stream)
    return results
