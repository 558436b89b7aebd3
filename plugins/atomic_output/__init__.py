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

Turn it off with ``ATOMIC_OUTPUT = False``. It sets ``pelican.output_path``,
the one Pelican attribute it relies on (``tests/test_pelican_contract.py``).
"""

from __future__ import annotations

import atexit
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from pelican import signals

_finishers: list[Callable[[Path, dict], None]] = []
_published: list[Callable[[Path, dict], None]] = []
_state: dict = {}


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


def stage(pelican) -> None:
    _state.clear()
    if not pelican.settings.get("ATOMIC_OUTPUT", True):
        return
    final = Path(pelican.output_path).resolve()
    staging = final.with_name(final.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)  # left by a build that was killed
    staging.mkdir(parents=True)
    _state.update(final=final, staging=staging)
    pelican.output_path = str(staging)
    pelican.settings["OUTPUT_PATH"] = str(staging)
    atexit.register(_remove_staging)


def finish(pelican) -> None:
    for finisher in _finishers:
        finisher(Path(pelican.output_path), pelican.settings)
    if not _state.get("staging"):
        _publish_done(pelican)
        return
    final, staging = _state["final"], _state["staging"]
    old = final.with_name(f"{final.name}.old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    try:
        staging.rename(final)
    except OSError:
        if old.exists():
            old.rename(final)  # put the previous site back
        raise
    _state["swapped"] = True
    pelican.output_path = str(final)
    pelican.settings["OUTPUT_PATH"] = str(final)
    shutil.rmtree(old, ignore_errors=True)
    _publish_done(pelican)


def register() -> None:
    signals.initialized.connect(stage)
    signals.finalized.connect(finish)
