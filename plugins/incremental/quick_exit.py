"""After a successful build, the ``pelican`` process leaves without freeing
its objects one by one.

At its end a Python process releases every object it holds before it exits:
for 5,000 articles (their text, metadata, the page records, the search
index) that is 0.3 s, measured as the wall time of the process less the
time ``pelican.main`` took, with and without leaving through ``os._exit``
(docs/benchmarks.md, session 8). The operating system takes the memory back
at once either way. So once the new output is published (an
``atomic_output`` published hook: the build has succeeded), an ``atexit``
handler is registered that flushes the log handlers and the standard
streams and ends the process with exit status 0, the status Pelican's
command line gives after a build that reached its end.

Only for Pelican's own command line (``python -m pelican``, ``pelican``):
a process that builds and goes on (the preview's warm worker, tests that
build in process) exits as usual. Not when coverage is measuring, or a
``multiprocessing`` child is still alive, whose own exit handlers must run.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from pathlib import Path

_armed: list[bool] = []


def arm(output: Path, settings: dict) -> None:
    """A published hook: this process leaves quickly once it is done."""
    if _armed or not _pelican_command() or not settings.get("QUICK_EXIT", True):
        return
    _armed.append(True)
    atexit.register(_leave)


def _pelican_command() -> bool:
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return (spec is not None and spec.name == "pelican.__main__") or Path(sys.argv[0]).name == "pelican"


def _leave() -> None:
    if "coverage" in sys.modules:
        return
    import multiprocessing

    if multiprocessing.active_children():
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(0)
