"""Run ``pelican`` with its arguments and time each phase of the build.

    BENCH_PHASES=phases.jsonl python bench/phases.py CONTENT -s SETTINGS -o OUTPUT …

The same build as ``python -m pelican …``; timing comes from Pelican's
signals and from wrapping each generator's two methods, so it costs next to
nothing. One JSON line is appended to ``$BENCH_PHASES`` per build:
``{"phases": [[name, seconds], …], "rss_mb": [[name, MB at its end], …]}`` — start-up (imports, settings, plugins,
up-to-date check), each generator's reading (``generate_context``), each
generator's writing (``generate_output``), the handlers of
``all_generators_finalized`` (the search index), and the end (publishing the
output folder and the finishers).
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.perf_counter()
phases: list[list] = []
memory: list[list] = []  # [phase, RSS in MB at its end]
marks = {"last": STARTED}


def rss_mb() -> int:
    """This process's resident memory now, in MB (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def mark(name: str) -> None:
    now = time.perf_counter()
    phases.append([name, round(now - marks["last"], 3)])
    memory.append([name, rss_mb()])
    marks["last"] = now


def timed(generator, method: str) -> None:
    original = getattr(generator, method)
    label = f"{type(generator).__name__}.{method}"

    def run(*args, **kwargs):
        mark("other")
        try:
            return original(*args, **kwargs)
        finally:
            mark(label)

    setattr(generator, method, run)


def main() -> int:
    from pelican import signals

    signals.initialized.connect(lambda _pelican: mark("start-up"), weak=False)
    signals.generator_init.connect(lambda generator: (timed(generator, "generate_context"), timed(generator, "generate_output")), weak=False)
    signals.all_generators_finalized.connect(lambda _generators: mark("other"), weak=False)
    # the handlers of all_generators_finalized (the search index, the final checks) end when the writer is asked for
    signals.get_writer.connect(lambda _pelican: mark("all_generators_finalized (search index, checks)"), weak=False)
    signals.finalized.connect(lambda _pelican: mark("other"), weak=False)
    import pelican

    code = 0
    try:
        pelican.main(sys.argv[1:])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        mark("end (publish, finishers)")
        merged: dict[str, float] = {}
        for name, seconds in phases:
            merged[name] = round(merged.get(name, 0) + seconds, 3)
        if os.environ.get("BENCH_PHASES"):
            with open(os.environ["BENCH_PHASES"], "a", encoding="utf-8") as out:
                peaks: dict[str, int] = {}
                for name, mb in memory:
                    peaks[name] = max(peaks.get(name, 0), mb)
                out.write(json.dumps({"phases": [[k, v] for k, v in merged.items() if v >= 0.05],
                                      "rss_mb": [[k, v] for k, v in peaks.items()]}, ensure_ascii=False) + "\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
