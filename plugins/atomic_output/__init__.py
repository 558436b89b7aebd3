"""Atomic output: a failed build never leaves a half-written site.

Owns where a build writes. At ``initialized`` the output folder is swapped
for a staging folder next to it (``<output>.partial``, same disk, so the
final step is a rename). At ``finalized`` the *finishers* other plugins
registered with ``add_finisher`` run on the staging folder (the reference
check, precompression), in registration order, and then the staging folder
replaces the output: the old one is renamed aside, the new one renamed in,
the old one deleted, and the hooks registered with ``add_published_hook``
run on the result. If anything fails before that, the previous output is
untouched and the staging folder is removed when the process exits.

One build at a time per output: a lock on ``<cache>/outputs/<hash of the
output path>.lock`` (``flock``, released by the kernel if the build dies) is taken before the
staging folder is touched; a second build waits for ``BUILD_LOCK_WAIT``
seconds, saying which process holds it, then stops with a message. The
swap exchanges the two folders in one step where the system can
(``renameat2(RENAME_EXCHANGE)``, Linux), so the output is the old or the new
one at every instant; elsewhere it is two renames, and a build killed
between them leaves the old output aside, which the next build puts back.
Staging and set-aside folders left by dead builds are removed under the lock.

Turn it off with ``ATOMIC_OUTPUT = False``. It sets ``pelican.output_path``,
the one Pelican attribute it relies on (``tests/test_pelican_contract.py``).
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from editor_errors import BuildStopped, display_path, say
from pelican import signals

_finishers: list[Callable[[Path, dict], None]] = []
_published: list[Callable[[Path, dict], None]] = []
_state: dict = {}
_lock: dict = {}


def add_finisher(finisher: Callable[[Path, dict], None], first: bool = False) -> None:
    """Run *finisher(output_folder, settings)* after a successful build,
    before the output is published (swapped into place). ``first``: before
    the finishers already registered (one that completes the output, before
    those that check it)."""
    if finisher not in _finishers:
        _finishers.insert(0, finisher) if first else _finishers.append(finisher)


def add_published_hook(hook: Callable[[Path, dict], None]) -> None:
    """Run *hook(output_folder, settings)* once the new output is in place
    (after the swap): the build has succeeded."""
    if hook not in _published:
        _published.append(hook)


def previous_output() -> Path | None:
    """The output of the last build, still in place while this one is
    staged; None when output is not staged (``ATOMIC_OUTPUT = False``)."""
    final = _state.get("final")
    return final if final is not None and not _state.get("swapped") else None


def link_file(source: Path | str, target: Path | str) -> None:
    """*target* becomes *source*: a hard link, or a copy where the file
    system has none. Linked in one step where *target* does not exist yet
    (a file carried over into the staged output); an existing one is
    replaced whole, never written into (it may be linked elsewhere)."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        pass
    except OSError:
        shutil.copyfile(source, target)
        return
    temporary = f"{target}.link-{os.getpid()}"
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def write_bytes(path: Path, data: bytes) -> bool:
    """Write *data* at *path* in the staged output, unless the previous
    output holds these very bytes at the same place: that file is linked
    instead (reading it back is much cheaper than creating a file, which is
    most of the cost of writing an unchanged search index). Whether it was
    written."""
    previous, staging = previous_output(), _state.get("staging")
    if previous is not None and staging is not None:
        where, inside = os.path.abspath(path), f"{staging}{os.sep}"
        try:
            old = previous / where[len(inside):] if where.startswith(inside) else None
            if old is not None and old.stat().st_size == len(data) and old.read_bytes() == data:
                link_file(old, path)
                return False
        except OSError:
            pass  # nothing there before
    Path(path).write_bytes(data)
    return True


def _publish_done(pelican) -> None:
    for hook in _published:
        hook(Path(pelican.output_path), pelican.settings)


def _remove_staging() -> None:
    staging = _state.get("staging")
    if staging and not _state.get("swapped") and Path(staging).exists():
        shutil.rmtree(staging, ignore_errors=True)


def cache_root(settings: dict) -> Path:
    """The folder every build cache lives under: ``PORTAL_CACHE`` from the
    environment, else the ``CONTENT_CACHE_ROOT`` setting, else ``CACHE_PATH``."""
    return Path(os.environ.get("PORTAL_CACHE") or settings.get("CONTENT_CACHE_ROOT") or settings["CACHE_PATH"])


def output_record(settings: dict, final: Path, suffix: str) -> Path:
    """A file about the output *final* kept in the cache, never beside the
    output (an output may sit inside another, as each ward's in the hub's,
    and what is beside it would be published): ``.lock``, ``.sources.json``."""
    import hashlib

    name = hashlib.sha256(str(Path(final).resolve()).encode()).hexdigest()[:16]
    return cache_root(settings) / "outputs" / f"{name}{suffix}"


def lock_path(settings: dict, final: Path) -> Path:
    return output_record(settings, final, ".lock")


def _release() -> None:
    handle = _lock.pop("handle", None)
    if handle is not None:
        handle.close()  # closing the file releases its flock


def _acquire(settings: dict, final: Path, wait: float) -> None:
    """Hold the output's lock, waiting up to *wait* seconds for another
    build of the same output; stop with a message if it is still running."""
    _release()  # a process that builds again (the preview's worker)
    path = lock_path(settings, final)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")
    deadline, said = time.monotonic() + wait, False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            if time.monotonic() >= deadline:
                handle.close()
                print(say(
                    f"lỗi: Một lần xây dựng khác (tiến trình {holder}) đang ghi vào {display_path(final)}. Chờ nó "
                    "xong rồi chạy lại (khóa tự mở khi tiến trình đó kết thúc, kể cả khi nó bị dừng giữa chừng).",
                    f"error: Another build (process {holder}) is writing {display_path(final)}. Wait until it "
                    "ends, then run again (the lock opens by itself when that process ends, even if it is killed).",
                ), file=sys.stderr)
                raise BuildStopped([]) from None
            if not said:
                print(say(f"Đang chờ lần xây dựng khác (tiến trình {holder}) ghi xong {display_path(final)}…",
                          f"Waiting for another build (process {holder}) to finish writing {display_path(final)}…"),
                      file=sys.stderr)
                said = True
            time.sleep(0.2)
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    _lock["handle"] = handle


def _tidy(final: Path, staging: Path) -> None:
    """Under the lock, what earlier builds of this output left: a set-aside
    output is put back if the output is missing (a build killed between
    two renames), the others and a staging folder are removed."""
    ours = [p for p in final.parent.glob(f"{final.name}.old-*") if p.name[len(final.name) + 5:].isdigit()]
    aside = sorted(ours, key=lambda p: p.stat().st_mtime, reverse=True)  # named by a build's pid, nothing else
    if aside and not final.exists():
        aside.pop(0).rename(final)
    for folder in aside:
        shutil.rmtree(folder, ignore_errors=True)
    if staging.exists():
        shutil.rmtree(staging)  # left by a build that was killed


def stage(pelican) -> None:
    _state.clear()
    if not pelican.settings.get("ATOMIC_OUTPUT", True):
        return
    final = Path(pelican.output_path).resolve()
    staging = final.with_name(final.name + ".partial")
    _acquire(pelican.settings, final, float(pelican.settings.get("BUILD_LOCK_WAIT", 60)))
    _tidy(final, staging)
    staging.mkdir(parents=True)
    _state.update(final=final, staging=staging)
    pelican.output_path = str(staging)
    pelican.settings["OUTPUT_PATH"] = str(staging)
    atexit.register(_remove_staging)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names of *a* and *b* in one step; False where the system
    cannot (not Linux, an old kernel or C library, a file system without it)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: not here
        return False
    raise OSError(code, os.strerror(code), str(a))


def _swap(staging: Path, final: Path) -> Path | None:
    """Put *staging* in place of *final*; the old output's folder, to delete."""
    if final.exists() and _exchange(staging, final):
        return staging  # now holds the old output
    old = final.with_name(f"{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    try:
        staging.rename(final)
    except OSError:
        if old.exists():
            old.rename(final)  # put the previous site back
        raise
    return old


def finish(pelican) -> None:
    for finisher in _finishers:
        finisher(Path(pelican.output_path), pelican.settings)
    if not _state.get("staging"):
        _publish_done(pelican)
        return
    final, staging = _state["final"], _state["staging"]
    old = _swap(staging, final)
    _state["swapped"] = True
    pelican.output_path = str(final)
    pelican.settings["OUTPUT_PATH"] = str(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    try:
        _publish_done(pelican)
    finally:
        _release()


def register() -> None:
    signals.initialized.connect(stage)
    signals.finalized.connect(finish)
