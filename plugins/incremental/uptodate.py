"""The up-to-date check: a build whose inputs and output are exactly as the
last successful build left them does nothing, in well under a second.

Valid only when all of these hold, else the build runs as usual:
- the inputs digest (``inputs.inputs_digest``) is the one recorded;
- the output folder holds exactly the files the last build left, with the
  same sizes and times (nothing deleted, edited or added by hand);
- it is still the same day in the site's time zone, and no article the last
  build held back as scheduled has reached its time (``content_model.now``),
  so scheduled articles appear on time and the daily CI build always builds;
- the content cache is in use (``pelican --ignore-cache`` always builds).

The warnings the last build printed are printed again, so an editor sees the
same messages whether or not anything was rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import editor_errors
from content_model import cache_root, now
from editor_errors import say

from . import stamps
from .inputs import inputs_digest

STATE_VERSION = 1
_pending: dict = {}


def state_file(settings: dict) -> Path:
    output = str(Path(settings["OUTPUT_PATH"]).resolve())
    return cache_root(settings) / "incremental" / f"{hashlib.sha256(output.encode()).hexdigest()[:16]}.json"


def output_manifest(folder: Path) -> dict[str, list[int]]:
    """Each output file's size and time, by its path inside *folder*."""
    manifest = {}
    base = os.fspath(folder)
    for root, dirs, names in os.walk(base):
        dirs.sort()
        inside = os.path.relpath(root, base)  # once per folder: relpath per file was 0.4 s at 8,000 files
        prefix = "" if inside == os.curdir else inside + os.sep
        for name in names:
            stat = os.stat(os.path.join(root, name))
            manifest[prefix + name] = [stat.st_size, stat.st_mtime_ns]
    return manifest


def _load(path: Path) -> dict:
    """The last build's record, or {} (a full build) when there is none, or
    when it is not one this code wrote (the reason is said, once)."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(state, dict) and state.get("version") != STATE_VERSION:
            return {}  # written by another version of the portal: not damaged, just not ours
        _check_state(state)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError) as error:
        print(say(f"Bộ nhớ đệm của lần xây dựng trước hỏng ({editor_errors.display_path(path)}: {error}), "
                  "đã bỏ qua: xây dựng lại đầy đủ.",
                  f"The last build's record is damaged ({editor_errors.display_path(path)}: {error}), "
                  "ignored: a full build follows."), file=sys.stderr)
        return {}
    return state


def _check_state(state) -> None:
    """Raise ValueError unless *state* has the shape ``record`` writes."""
    if not isinstance(state, dict):
        raise ValueError("not an object")
    for key, kind in (("inputs", str), ("day", str), ("outputs", dict), ("printed", list), ("memo", dict)):
        if not isinstance(state.get(key), kind):
            raise ValueError(f"\"{key}\"")
    until = state.get("valid_until")
    if until is not None and (not isinstance(until, str) or dt.datetime.fromisoformat(until).tzinfo is None):
        raise ValueError("\"valid_until\"")
    if not all(isinstance(line, str) for line in state["printed"]):
        raise ValueError("\"printed\"")
    if not all(isinstance(entry, list) and len(entry) == 5 for entry in state["memo"].values()):
        raise ValueError("\"memo\"")


def still_valid(state: dict, digest: str, output: Path, moment: dt.datetime) -> bool:
    if not state or state.get("inputs") != digest or state.get("day") != moment.date().isoformat():
        return False
    until = state.get("valid_until")
    if until and moment >= dt.datetime.fromisoformat(until):
        return False
    return output.is_dir() and output_manifest(output) == state.get("outputs")


def check(pelican) -> None:
    """At ``initialized``: stop here, successfully, if the output is up to date."""
    _pending.clear()
    settings = pelican.settings
    if not settings.get("INCREMENTAL", True) or not settings.get("LOAD_CONTENT_CACHE", True):
        return
    started = time.perf_counter()
    editor_errors.set_language(settings.get("EDITOR_LANGUAGE", "vi"))
    path = state_file(settings)
    state = _load(path)
    digest, memo = inputs_digest(settings, state.get("memo", {}))
    stamps.seed(memo)  # Pelican's content cache gets these digests instead of reading every file again
    moment = now(settings)
    output = Path(settings["OUTPUT_PATH"]).resolve()
    _pending.update(path=path, digest=digest, memo=memo, day=moment.date().isoformat(), scheduled=[])
    if not still_valid(state, digest, output, moment):
        return
    for line in state.get("printed", []):
        print(line, file=sys.stderr)
    print(say(
        f"Không có gì thay đổi từ lần xây dựng trước: giữ nguyên {editor_errors.display_path(output)} "
        f"({time.perf_counter() - started:.1f} giây). Muốn xây dựng lại từ đầu: thêm --ignore-cache.",
        f"Nothing changed since the last build: {editor_errors.display_path(output)} is kept as it is "
        f"({time.perf_counter() - started:.1f} s). To rebuild anyway, add --ignore-cache.",
    ))
    raise SystemExit(0)


def note_scheduled(generators) -> None:
    """At ``all_generators_finalized``: the times at which held-back
    (scheduled) articles become due; the record expires at the first."""
    if not _pending:
        return
    for generator in generators:
        for draft in getattr(generator, "drafts", []):
            if draft.metadata.get("scheduled"):
                _pending["scheduled"].append(draft.date)


def record(output: Path, settings: dict) -> None:
    """After a successful build is in place: remember its inputs and output."""
    if not _pending:
        return
    moment = now(settings)
    due = [when for when in _pending["scheduled"] if when > moment]
    state = {
        "version": STATE_VERSION,
        "inputs": _pending["digest"],
        "day": _pending["day"],
        "valid_until": min(due).isoformat() if due else None,
        "outputs": output_manifest(output),
        "printed": [problem.format() for problem in editor_errors.collector.printed],
        "memo": _pending["memo"],
    }
    path = _pending["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(state, handle)  # written as it is encoded: no copy of it all in memory
    temporary.replace(path)
    _pending.clear()
