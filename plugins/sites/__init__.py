"""Many wards in one repository: per-ward sites, a provincial hub, merges.

Owns:
- the layout (``layout``): every folder ``sites/<ward-slug>/`` holding a
  ``ward.toml`` is one ward's content folder, built with the same settings
  and theme as the single-site ``content/`` (which keeps working alone and
  is one more site of ``--all``, named by its ward);
- building many sites (``build``): ``invoke build --site X`` / ``--all``,
  one ``pelican`` process per site, as many at once as there are cores; a
  broken site is reported by name and the others still build;
- the summary each build leaves for the hub (this module, when the
  ``SITE_SUMMARY`` setting names a file): the ward's names and every
  published article and page with its URL, written once the new output is
  in place;
- the hub (``hub``): ``output/index.html`` listing every ward with its
  latest articles, a combined Atom feed, and the redirects of merged wards
  (HTML pages, ``_redirects``, an nginx ``map``);
- merging a ward into another (``merge``): ``invoke merge-ward``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from atomic_output import add_published_hook
from pelican import signals

_context: dict = {}

ORIGIN = "origin"  # "Origin: Phường Cũ" — the ward a merged article came from
ORIGIN_URL = "origin-url"  # its address on the old ward's site, from the hub's root


def summary(context: dict, settings: dict) -> dict:
    """What the hub and the merge command need to know of a built site."""
    ward = settings["WARD"]
    root = Path(settings["PATH"])
    articles = sorted(context.get("articles", []), key=lambda a: (a.date, a.source_path), reverse=True)
    return {
        "name": ward.name,
        "short_name": ward.short_name,
        "portal_title": ward.portal_title,
        "province": ward.province,
        "url": settings.get("PUBLIC_URL", ""),
        "articles": [
            {
                "title": a.title,
                "url": a.url,
                "date": a.date.isoformat(),
                "category": a.category.name if getattr(a, "category", None) else "",
                "author": getattr(a, "author", None) and a.author.name or "",
                "summary": getattr(a, "lead", ""),  # plain text, made by content_model when reading
                "source": Path(a.source_path).relative_to(root).as_posix(),
                ORIGIN_URL: a.metadata.get(ORIGIN_URL, ""),
            }
            for a in articles
        ],
        "pages": [
            {"title": p.title, "url": p.url, "slug": p.slug, "source": Path(p.source_path).relative_to(root).as_posix()}
            for p in context.get("pages", [])
        ],
        "categories": [{"name": c.name, "slug": c.slug, "url": c.url} for c, _ in context.get("categories", [])],
    }


def keep_context(generators) -> None:
    if generators:
        _context["context"] = generators[0].context


def write_summary(output: Path, settings: dict) -> None:
    target = settings.get("SITE_SUMMARY")
    if not target or "context" not in _context:
        return
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(summary(_context["context"], settings), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, target)


def register() -> None:
    signals.all_generators_finalized.connect(keep_context)
    add_published_hook(write_summary)
