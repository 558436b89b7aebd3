"""Stable fingerprints of the values templates read.

``stable(value)`` turns a value into nested tuples of plain data that are
the same from run to run: Pelican content objects become references by
source path (their own fingerprint is taken separately), categories and
tags their class, name and slug, dates their ISO text, objects their fields.
An object with nothing stable to show (a repr with a memory address) makes
the fingerprint *volatile*: it never matches, so the page that read it is
always rendered again (safe, only slower; the tests assert the demo and
fixture sites have none).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import marshal
import types
from collections.abc import Callable, Mapping

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# Content attributes that are not the content's own data: the settings and
# the shared context count in the site-wide fingerprint.
SKIPPED_ATTRIBUTES = {"settings", "_context"}


class Volatile(Exception):
    pass


def reference(item: Content) -> tuple[str, str]:
    """A content object as ``stable`` shows it by default: by source path."""
    return ("ref", item.source_path)


def stable(value, content: Callable[[Content], object] = reference, depth: int = 0):
    if depth > 12:
        raise Volatile("too deep")
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, Content):
        return content(value)
    if isinstance(value, URLWrapper):
        return ("wrapper", type(value).__name__, value.name, value.slug)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return ("time", value.isoformat(), str(getattr(value, "tzinfo", "")))
    if isinstance(value, types.ModuleType):
        return ("module", value.__name__)
    nested = depth + 1
    if isinstance(value, Mapping):
        return ("map", tuple(sorted(((str(k), stable(v, content, nested)) for k, v in value.items()), key=lambda kv: kv[0])))
    if isinstance(value, (list, tuple)):
        # Lists of articles are the bulk of a site's context and of list
        # pages' arguments: no recursion for them, and by default one tuple
        # of their source paths.
        if content is reference:
            paths = []
            for v in value:
                if not isinstance(v, Content):
                    break
                paths.append(v.source_path)
            else:
                return ("refs", tuple(paths))
        return ("seq", tuple(content(v) if isinstance(v, Content) else stable(v, content, nested) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(stable(v, content, nested)) for v in value)))
    if callable(value) and hasattr(value, "__qualname__"):
        return ("code", getattr(value, "__module__", ""), value.__qualname__)
    if dataclasses.is_dataclass(value):
        return (type(value).__qualname__, tuple((f.name, stable(getattr(value, f.name), content, nested)) for f in dataclasses.fields(value)))
    if hasattr(value, "__dict__"):
        return (type(value).__qualname__, stable(vars(value), content, nested))
    text = repr(value)
    if " at 0x" in text:
        raise Volatile(text)
    return (type(value).__qualname__, text)


def _bytes(value) -> bytes:
    """A ``stable()`` value as bytes. marshal's version 2 (no shared
    references, so equal values give equal bytes) is 2.5× faster than repr
    on article text; repr stays for anything marshal does not take."""
    try:
        return marshal.dumps(value, 2)
    except ValueError:
        return repr(value).encode()


def digest(value) -> str:
    """SHA-256 of a ``stable()`` value."""
    return hashlib.sha256(_bytes(value)).hexdigest()[:32]


def mapping_digest(mapping: Mapping, content: Callable[[Content], object]) -> str:
    """SHA-256 of a big mapping (the site's whole context), made one key at a
    time: ``stable()`` of all of it at once, then its bytes, took 50 MB at
    5,000 articles."""
    hasher = hashlib.sha256()
    for key in sorted(mapping, key=str):
        hasher.update(_bytes((str(key), stable(mapping[key], content))))
    return hasher.hexdigest()[:32]


def content_fingerprint(item: Content) -> str:
    """Everything a page can read from *item* itself: its text, metadata and
    every attribute plugins set on it (other content by reference)."""
    own = {k: v for k, v in vars(item).items() if k not in SKIPPED_ATTRIBUTES}
    return digest(stable(own))
