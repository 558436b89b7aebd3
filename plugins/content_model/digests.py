"""SHA-256 of content files, each read at most once per build.

Three parts of a build need the SHA-256 of the same files: the up-to-date
check (every file under content/), Pelican's content cache (each Markdown
file) and the photo cache (each photo). A file is hashed by its bytes, so a
fresh clone with new file times still matches its caches; a memo keyed by
(size, mtime, inode, ctime), as git's index does, avoids reading a file whose stat
has not changed since the digest was taken. The up-to-date check keeps that
memo between builds and hands it over with ``remember``; ``sha256`` then
answers from it for the rest of the build (2,000 photos were read and
hashed again on every build before, 0.25 s of a one-edit rebuild).
"""

from __future__ import annotations

import hashlib
import os

# path → [size, mtime_ns, inode, ctime_ns, sha256 hex]. The ctime, which
# only the kernel sets, makes a memo useless to whoever wrote it: a file
# changed, or restored from a cache, since the digest was taken is read again.
_known: dict[str, list] = {}


def file_digest(path: str, memo: dict, fresh: dict) -> str:
    """SHA-256 (hex) of *path*, from *memo* when its stat still matches;
    the entry is (re)written into *fresh*."""
    stat = os.stat(path)
    key = [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]
    known = memo.get(path)
    if known and known[:4] == key:
        digest = known[4]
    else:
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    fresh[path] = [*key, digest]
    return digest


def remember(memo: dict[str, list]) -> None:
    """Digests already taken this build (the up-to-date check's memo)."""
    _known.update(memo)


def sha256(path: str | os.PathLike) -> str:
    """SHA-256 (hex) of the file at *path*, read only if its stat changed
    since a digest was last taken in this process."""
    path = os.fspath(path)
    return file_digest(path, _known, _known)
