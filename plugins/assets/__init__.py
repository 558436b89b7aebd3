"""Theme assets: cache-busting addresses and precompressed copies.

Owns:
- ``asset(path)`` for templates: ``{{ SITEURL }}/{{ asset('css/main.css') }}``
  gives ``theme/css/main.css?v=<first 10 hex of its SHA-256>``, so a browser
  or a CDN never keeps an old stylesheet or script after a change, while the
  file name (and every link check) stays the same;
- with ``PRECOMPRESS = True``, ``.gz`` (gzip, level 9, no timestamp) and
  ``.br`` (Brotli) copies of every text file, for hosts that serve them
  (nginx ``gzip_static``/``brotli_static``, many CDNs). Written as a
  finisher of ``atomic_output``, so they are part of the checked output.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from pathlib import Path

from atomic_output import add_finisher
from pelican import signals

COMPRESSIBLE = {".html", ".css", ".js", ".xml", ".txt", ".svg", ".json"}
MIN_BYTES = 512


@functools.lru_cache(maxsize=None)
def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


class Asset:
    """``asset(path)`` in templates. A class, not a closure: settings (which
    hold it) are pickled with cached content."""

    def __init__(self, settings: dict):
        self.static = str(Path(settings["THEME"]) / "static")
        self.prefix = settings.get("THEME_STATIC_DIR", "theme")

    def __call__(self, path: str) -> str:
        return f"{self.prefix}/{path}?v={_theme_digest(self.static, str(path))}"


@functools.lru_cache(maxsize=None)
def _theme_digest(static: str, path: str) -> str:
    """The digest of one of the theme's own static files (asked on every
    page, so answered once): a ward's template override is content, and must
    not learn anything of other files on the machine."""
    root = Path(static).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise AssetError(path)
    return _digest(str(target))


class AssetError(ValueError):
    """asset() was asked for a file that is not one of the theme's static files."""

    def __init__(self, path):
        super().__init__(f"asset({path!r}): không phải tệp trong theme/static/ (not a file of theme/static/)")


def add_global(pelican) -> None:
    _digest.cache_clear()  # a preview rebuild sees a changed file
    _theme_digest.cache_clear()
    globals_ = dict(pelican.settings.get("JINJA_GLOBALS", {}))
    globals_["asset"] = Asset(pelican.settings)
    pelican.settings["JINJA_GLOBALS"] = globals_


def precompress(output: Path, settings: dict) -> None:
    if not settings.get("PRECOMPRESS"):
        return
    import brotli

    for path in sorted(output.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


def register() -> None:
    signals.initialized.connect(add_global)
    add_finisher(precompress)
