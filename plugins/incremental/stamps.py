"""Each content file read once per build to know whether it changed.

With ``CHECK_MODIFIED_METHOD = "sha256"`` (so that a fresh clone, whose file
times are all new, still hits the content cache), Pelican 4.12 reads every
content file whole and hashes it three times per build: once when its
reader cache is consulted, once when the result is stored again, once in the
generator's own cache check. That is 3 s of a one-edit rebuild at 8,000
articles. The up-to-date check has already hashed every content file (by
content, behind a size/time/inode memo), so the same SHA-256 is given to
Pelican: ``install()`` replaces the hashing function Pelican's
``FileStampDataCacher`` keeps in ``_filestamp_func`` with ``stamp()``, which
returns the same bytes Pelican would (``hashlib.sha256(data).digest()``).

This is the one place we set a Pelican attribute that is not a setting or a
signal; ``tests/test_pelican_contract.py`` checks what it relies on.
"""

from __future__ import annotations

import hashlib
import os

_known: dict[str, tuple[tuple[int, int, int], bytes]] = {}


def seed(memo: dict[str, list]) -> None:
    """Digests the up-to-date check computed: path → [size, mtime_ns, inode, sha256 hex]."""
    for path, (size, mtime, inode, hexdigest) in memo.items():
        _known[path] = ((size, mtime, inode), bytes.fromhex(hexdigest))


def stamp(filename: str) -> bytes:
    """SHA-256 of the file's bytes, as Pelican computes it, read at most once
    while the file keeps its size, time and inode."""
    info = os.stat(filename)
    key = (info.st_size, info.st_mtime_ns, info.st_ino)
    known = _known.get(filename)
    if known is not None and known[0] == key:
        return known[1]
    with open(filename, "rb") as handle:
        value = hashlib.sha256(handle.read()).digest()
    _known[filename] = (key, value)
    return value


def install(cacher) -> None:
    """``readers_init``, ``article_generator_init``, ``page_generator_init``:
    hash through ``stamp`` where Pelican would hash with SHA-256."""
    if str(cacher.settings.get("CHECK_MODIFIED_METHOD", "")).lower() == "sha256" and hasattr(cacher, "_filestamp_func"):
        cacher._filestamp_func = stamp
