"""Caches that are pickles are read only if they hold nothing but data.

Unpickling runs whatever callable a pickle names, so a cache restored from
elsewhere (CI's ``restore-keys``, a shared runner) could run code on the
build machine. ``load`` reads a pickle with an unpickler that finds only
the classes and functions of ``ALLOWED`` (what the portal's caches hold:
Pelican's content objects and the plugins' data classes and filters); any
other name makes it ``Refused``. Pelican reads its own content cache with
plain ``pickle.load``, so ``verified`` checks such a file first the same
way, remembering (by its stat, ctime included: only the kernel sets it) the
files it has checked or the build itself wrote, so that a file is read
twice only after it changed or was restored.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

ALLOWED = frozenset({
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "complex"), ("builtins", "slice"),
    ("builtins", "bytearray"), ("builtins", "object"),
    ("copyreg", "_reconstructor"), ("collections", "OrderedDict"), ("collections", "defaultdict"),
    ("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"), ("datetime", "timedelta"),
    ("datetime", "timezone"), ("zoneinfo", "ZoneInfo"), ("pathlib", "PosixPath"), ("pathlib", "PurePosixPath"),
    ("pathlib", "WindowsPath"), ("pathlib", "PureWindowsPath"), ("markupsafe", "Markup"),
    ("pelican.urlwrappers", "Author"), ("pelican.urlwrappers", "Tag"), ("pelican.urlwrappers", "Category"),
    ("pelican.urlwrappers", "URLWrapper"), ("pelican.utils", "SafeDatetime"), ("pelican.paginator", "PaginationRule"),
    ("pelican.contents", "Article"), ("pelican.contents", "Page"), ("pelican.contents", "Static"),
    ("editor_errors", "Problem"), ("editor_errors", "Text"),
    ("assets", "Asset"),
    ("vietnamese", "sorted_vi"), ("vietnamese.dates", "date_line"), ("vietnamese.dates", "short_date"),
    ("vietnamese.dates", "long_date"), ("vietnamese.dates", "weekday"),
    ("ward_identity.model", "Ward"), ("ward_identity.model", "Banner"), ("ward_identity.model", "CategoryInfo"),
    ("ward_identity.look", "Theme"), ("ward_identity.look", "Logo"),
    ("ward_identity.documents", "DocumentLists"), ("ward_identity.documents", "Choice"),
    ("search.index", "IndexState"), ("search.index", "Document"),
})
# ``getattr`` is how pickle names a class's method; only these.
METHODS = frozenset({("zoneinfo", "ZoneInfo", "_unpickle")})
MEMO = "verified-pickles.json"


class Unusable(pickle.UnpicklingError):
    """A cache file that cannot be used: the caller says so and starts afresh."""


class Refused(Unusable):
    """The pickle names something that is not data."""


class Damaged(Unusable):
    """The file is not a whole pickle (empty, cut short, overwritten)."""


def _getattr(obj, name):
    owner = (getattr(obj, "__module__", ""), getattr(obj, "__qualname__", ""), name)
    if owner not in METHODS:
        raise Refused(f"getattr({owner[1] or type(obj).__name__}, {name!r})")
    return getattr(obj, name)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) == ("builtins", "getattr"):
            return _getattr
        if (module, name) not in ALLOWED:
            raise Refused(f"{module}.{name}")
        return super().find_class(module, name)


def load(handle):
    """``pickle.load``, refusing anything but the portal's data; a file that
    is not a whole pickle raises ``Damaged`` whatever the parser tripped on."""
    try:
        return _Unpickler(handle).load()
    except Refused:
        raise
    except Exception as error:  # the parser's errors on garbage are of many kinds
        raise Damaged(f"{type(error).__name__}: {error}") from None


def _stat_key(path: str) -> list[int]:
    stat = os.stat(path)
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]


def _memo(folder: Path) -> dict:
    try:
        data = json.loads((folder / MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def pickles_in(folder: str | os.PathLike) -> list[str]:
    """The cache files of *folder* (Pelican names them after its generators)."""
    try:
        return sorted(e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False)
                      and not e.name.startswith(".") and e.name != MEMO)
    except OSError:
        return []


def verified(folder: str | os.PathLike, names, check=None) -> list[str]:
    """Check the pickles *names* of *folder* before another reader loads
    them: one that holds anything but data, or cannot be read, or whose data
    *check(data)* refuses (with a reason, a str), is deleted. The names
    deleted, each with the reason."""
    folder = Path(folder)
    memo, removed = _memo(folder), []
    before = dict(memo)
    for name in names:
        path = folder / name
        if not path.is_file():
            continue
        key = _stat_key(str(path))
        if memo.get(name) == key:
            continue
        try:
            with open(path, "rb") as handle:
                data = load(handle)
            reason = check(data) if check is not None else None
            if reason:
                raise Refused(reason)
        except Exception as exc:  # noqa: BLE001 - any failure: the cache is made again
            path.unlink(missing_ok=True)
            removed.append(f"{name} ({exc})")
            memo.pop(name, None)
            continue
        memo[name] = key
    if memo != before:
        _write_memo(folder, memo)
    return removed


def remember(folder: str | os.PathLike, names) -> None:
    """The build itself wrote these pickles: no need to read them again."""
    folder = Path(folder)
    memo = _memo(folder)
    fresh = {name: _stat_key(str(folder / name)) for name in names if (folder / name).is_file()}
    if any(memo.get(name) != key for name, key in fresh.items()):
        _write_memo(folder, {**memo, **fresh})


def _write_memo(folder: Path, memo: dict) -> None:
    if not folder.is_dir():
        return
    temporary = folder / f".{MEMO}.{os.getpid()}"
    temporary.write_text(json.dumps(memo), encoding="utf-8")
    os.replace(temporary, folder / MEMO)
