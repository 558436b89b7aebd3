"""Pelican's content cache: each file hashed once per build, the cache
saved only when it changed, and saved without growing the build.

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

Pelican also saves the whole reader cache at the end of reading, every
build, even when every file came from it. ``install()`` wraps the cacher's
``cache_data`` and ``save_cache`` so that it is saved only when a file was
read anew or a file is gone (its entry is dropped: deleted and renamed
articles would otherwise stay in the cache for ever), and then by a forked
child (``parallel.run_apart``): pickling a str makes CPython keep a UTF-8
copy inside it for the rest of its life, which for the HTML of 5,000
articles is 20 MB the build would carry to the end. The build waits for the
child: letting it pickle beside the page writing saved no measurable time
and added 12–15 MB to the build's memory (both sides copy the pages they
touch). The file is the same pickle Pelican writes and reads. Once saved,
the cache is dropped from memory.

Files read ahead by other processes (``reading``) reach the cache through
a hook on its look-up (``before_lookup``), called before Pelican looks a
file up and once more before the cache is saved.

This is the one place we set Pelican attributes that are not settings or
signals; ``tests/test_pelican_contract.py`` checks what it relies on.
"""

from __future__ import annotations

import os

from content_model import digests

from . import parallel


def seed(memo: dict[str, list]) -> None:
    """Digests the up-to-date check computed, in its memo's form."""
    digests.remember(memo)


def stamp(filename: str) -> bytes:
    """SHA-256 of the file's bytes, as Pelican computes it, read at most once
    while the file keeps its size, time and inode (``content_model.digests``,
    the up-to-date check's own memo)."""
    return bytes.fromhex(digests.sha256(filename))


def install(generator) -> None:
    """``article_generator_init``, ``page_generator_init``: the generator's
    cache and its readers' cache (where Pelican caches by default) hash
    through ``stamp`` where Pelican would hash with SHA-256, and save only
    changes. (``readers_init`` is too early: Pelican sends it before the
    readers' cache exists.)"""
    for cacher in (generator, getattr(generator, "readers", None)):
        if cacher is not None:
            _install(cacher)


def _install(cacher) -> None:
    if str(cacher.settings.get("CHECK_MODIFIED_METHOD", "")).lower() == "sha256" and hasattr(cacher, "_filestamp_func"):
        cacher._filestamp_func = stamp
    if getattr(cacher, "_cache_data_policy", False) and "save_cache" not in vars(cacher):
        _save_only_changes(cacher)


def _save_only_changes(cacher) -> None:
    changed = []
    cache_data, save_cache = cacher.cache_data, cacher.save_cache

    def noting_cache_data(filename, data):
        changed.append(filename)
        cache_data(filename, data)

    def saving_changes():
        arrive = lookup_hook(cacher)  # files read ahead by other processes (``reading``)
        if arrive is not None:
            arrive(None)
            before_lookup(cacher, None)
        # Entries of files that are gone (an article deleted or renamed)
        # would otherwise stay in the cache for ever.
        gone = [name for name in cacher._cache if not os.path.exists(name)]
        for name in gone:
            del cacher._cache[name]
        if changed or gone:
            parallel.run_apart(save_cache, "Lỗi khi lưu bộ nhớ đệm nội dung")
            changed.clear()
        # Pelican saves at the end of reading and never looks again; what the
        # articles use they hold themselves. Dropping the cache frees the
        # entries the build replaced (7 MB at 5,000 articles). A later read
        # in this process (the preview's warm worker) reads the file.
        cacher._cache = {}

    cacher.cache_data = noting_cache_data
    cacher.save_cache = saving_changes


def before_lookup(cacher, hook) -> None:
    """Call ``hook(filename)`` before each look-up in *cacher*'s cache, so
    that it can store what another process read (``reading``); and with
    ``None`` as the file name before the cache is saved. ``None`` removes
    the hook."""
    vars(cacher).pop("get_cached_data", None)
    if hook is None:
        return
    lookup = cacher.get_cached_data

    def looking_up(filename, default=None):
        hook(filename)
        return lookup(filename, default)

    looking_up.hook = hook
    cacher.get_cached_data = looking_up


def lookup_hook(cacher):
    """The hook ``before_lookup`` gave *cacher*, or None."""
    return getattr(vars(cacher).get("get_cached_data"), "hook", None)
