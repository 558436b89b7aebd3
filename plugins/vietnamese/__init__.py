"""Vietnamese text: the language rules every other plugin relies on.

Owns:
- NFC normalisation (``normalize``), applied by the content reader to every
  file before parsing, so metadata and body are NFC whatever the input;
- ASCII slugs (``slugify``): "Đ" -> "d", "tháng 5/2025" -> "thang-5-2025";
- Vietnamese alphabetical order (``sort_key``): A Ă Â B … Đ … Ơ … Ư …;
- Vietnamese date text through Babel (``date_line`` and friends), exposed to
  templates as Jinja filters;
- ordering the tag index alphabetically after the articles are read.

Pure functions live in ``text``, ``collation`` and ``dates`` and import no
Pelican code, so other plugins and commands (check, import) can reuse them.
"""

from __future__ import annotations

from pelican import signals

from .collation import sort_key
from .dates import date_line, long_date, short_date, weekday
from .text import LOOKALIKE_D, SLUG_LIMIT, is_nfc, normalize, slugify

__all__ = [
    "LOOKALIKE_D",
    "date_line",
    "is_nfc",
    "long_date",
    "normalize",
    "short_date",
    "slugify",
    "SLUG_LIMIT",
    "sort_key",
    "sorted_vi",
    "weekday",
]


def sorted_vi(items, attribute: str | None = None):
    """Sort names, or objects by one attribute, in Vietnamese order."""

    def key(item):
        value = item
        if attribute:
            for part in attribute.split("."):
                if part.startswith("_"):  # templates may not reach internals (the sandbox's rule)
                    raise ValueError(f"sort_vi: \"{part}\" is not an attribute a template may read")
                value = value[int(part)] if part.isdigit() else getattr(value, part)
        return sort_key(str(value))

    return sorted(items, key=key)


JINJA_FILTERS = {
    "date_line": date_line,
    "short_date": short_date,
    "long_date": long_date,
    "weekday": weekday,
    "sort_vi": sorted_vi,
}


def add_filters(pelican) -> None:
    filters = dict(pelican.settings.get("JINJA_FILTERS", {}))
    filters.update(JINJA_FILTERS)
    pelican.settings["JINJA_FILTERS"] = filters


def order_tags(generator) -> None:
    """Make the tag index iterate in Vietnamese alphabetical order."""
    ordered = dict(sorted(generator.tags.items(), key=lambda kv: sort_key(kv[0].name)))
    generator.tags.clear()
    generator.tags.update(ordered)
    generator.context["tags"] = list(ordered.items())


def register() -> None:
    signals.initialized.connect(add_filters)
    signals.article_generator_finalized.connect(order_tags)
