"""What a build reads, reduced to one digest.

A build's output is a function of: the files under the content folder, the
theme and the plugins; every setting (after ``-e`` overrides); the
``PORTAL_*``/``EDITOR_LANGUAGE`` environment; and the installed packages.
Files are hashed by content (SHA-256), so a fresh clone with new file times
gives the same digest; a memo keyed by (size, mtime, inode) avoids reading a
file whose stat has not changed since the last build, as git's index does
(``content_model.digests``, shared with the content and photo caches).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from content_model import HOW_SETTINGS, settings_digest
from content_model.digests import file_digest

# Read by the build but not part of the output's inputs: "now" is handled
# by the day and the scheduled times (see uptodate), the cache location
# changes nothing in the result.
IGNORED_ENVIRONMENT = {"PORTAL_NOW", "PORTAL_CACHE"}
# How the build runs, not what it writes: where its caches are, how many
# processes render pages.
CACHE_SETTINGS = ("PORTAL_NOW", "CACHE_PATH", "GALLERY_CACHE_PATH", "SEARCH_CACHE_PATH", "CONTENT_CACHE_ROOT",
                  *HOW_SETTINGS)
# The ward's data is read from ward.toml, a content file (hashed as such).
IGNORED_SETTINGS = (*CACHE_SETTINGS, "WARD")


def tree_files(folder: Path) -> Iterable[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            yield os.path.join(root, name)


@functools.cache
def packages() -> str:
    """Python and every installed distribution with its version (read once
    per process: the up-to-date check and the page fingerprint both use it)."""
    found = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return sys.version + "\n" + "\n".join(found)


def inputs_digest(settings: dict, memo: dict) -> tuple[str, dict]:
    """The digest of everything the build reads, and the new stat memo."""
    digest = hashlib.sha256()
    digest.update(settings_digest(settings, exclude=IGNORED_SETTINGS).encode())
    environment = sorted((k, v) for k, v in os.environ.items()
                         if (k.startswith("PORTAL_") or k == "EDITOR_LANGUAGE") and k not in IGNORED_ENVIRONMENT)
    digest.update(repr(environment).encode())
    digest.update(packages().encode())
    fresh: dict = {}
    roots = [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", [])]
    for root in roots:
        root = Path(root).resolve()
        digest.update(f"\0root {root}\0".encode())
        for path in tree_files(root):
            digest.update(f"{os.path.relpath(path, root)}\0{file_digest(path, memo, fresh)}\0".encode())
    return digest.hexdigest(), fresh
