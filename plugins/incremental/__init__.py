"""Incremental builds: work whose inputs did not change is not done again.

Owns these:
- the up-to-date check (``uptodate``): when nothing the build reads has
  changed since the last successful build (content, theme, plugins,
  settings, environment, installed packages, hashed by content in
  ``inputs``), the output is intact and no scheduled article has come due,
  the build stops at once, successfully, and leaves the output untouched;
- page reuse (``pages``): otherwise Pelican gets a writer that records what
  each page read, and a page whose inputs are unchanged is hard-linked from
  the previous output instead of rendered and written again;
- URLs computed once (``urls``): each article's and page's URL is fixed
  once every generator has read its content (``all_generators_finalized``),
  instead of formatted again on every access;
- tag, category and author lists that answer ``in`` at once
  (``membership``), where Pelican's page writing is otherwise quadratic;
- each content file hashed once per build for Pelican's content cache
  (``stamps``), with the digests the up-to-date check already computed;
- pages rendered on every core (``parallel``): the reusing writer keeps the
  pages it has to render and renders them over ``RENDER_PROCESSES``
  processes (default: every core; 1 renders in order, in this process);
- a quick end (``quick_exit``): after a successful build, ``pelican``
  leaves without freeing its objects one by one;
- files read on every core (``reading``): when many content files are not
  in the content cache, forked children read part of them ahead of Pelican
  (also ``RENDER_PROCESSES``).

Must come first in ``PLUGINS``: its ``initialized`` handler runs before the
others stage a new output. ``INCREMENTAL = False`` turns both off, and
``pelican --ignore-cache`` always builds everything.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from atomic_output import add_finisher, add_published_hook, previous_output
from content_model import cache_root
from pelican import signals

from . import membership, pages, parallel, quick_exit, reading, stamps, uptodate, urls

log = logging.getLogger(__name__)
_state: dict = {}


def enabled(settings: dict) -> bool:
    return bool(settings.get("INCREMENTAL", True) and settings.get("LOAD_CONTENT_CACHE", True))


def prepare(pelican) -> None:
    _state.clear()
    pages.start(None)
    settings = pelican.settings
    if enabled(settings):
        output = str(Path(settings["OUTPUT_PATH"]).resolve())
        name = hashlib.sha256(output.encode()).hexdigest()[:16]
        _state["record"] = cache_root(settings) / "incremental" / f"{name}-pages.pickle"


def keep_context(generators) -> None:
    """``all_generators_finalized``: every generator has read its content and
    every plugin has finished with it; URLs are fixed from here on (the
    search index, made next, and the pages print them)."""
    if generators:
        _state["context"] = generators[0].context  # shared by every generator
        urls.freeze(_state["context"])


def writer(pelican):
    """``get_writer``: the reusing writer when there is a previous output.
    Sent once reading and every plugin's finishing touches are done."""
    previous = previous_output()
    if "record" not in _state or previous is None:
        return None
    settings = pelican.settings
    roots = [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    roots += [Path(settings["THEME"]) / "templates", *(Path(p) for p in settings.get("PLUGIN_PATHS", []))]
    session = pages.Session(previous, _state["record"], pages.static_digest(settings, roots))
    session.shared_context = _state.get("context")
    processes = settings.get("RENDER_PROCESSES") or os.cpu_count() or 1
    session.pool = parallel.RenderPool(session, int(processes), int(settings.get("RENDER_BATCH", 1000)),
                                       int(settings.get("RENDER_PARALLEL_FROM", parallel.MIN_PARALLEL_JOBS)))
    pages.start(session)
    return pages.ReusingWriter


def render_waiting(output: Path, settings: dict) -> None:
    """The first finisher: pages still waiting to be rendered are written
    before anything checks or publishes the output."""
    session = pages.current()
    if session is not None and session.pool is not None:
        session.pool.flush()


def render_articles_waiting(generator, writer=None) -> None:
    """``article_writer_finalized``: the article pages still waiting are
    rendered before the list pages are written, so that their contexts (5 MB
    at 5,000 articles) are not held beside those of the lists."""
    render_waiting(None, generator.settings)



def save_pages(output: Path, settings: dict) -> None:
    session = pages.current()
    if session is None:
        return
    session.save(output)
    pool = session.pool
    log.info("Trang: %d dựng lại, %d giữ nguyên từ lần trước%s", session.rendered, session.reused,
             f" ({pool.processes} tiến trình cùng dựng)" if pool is not None and pool.forked else "")
    for what in session.volatile:  # a bug to fix: such pages are always rendered
        log.warning("incremental: không so được dữ liệu của %s", what)
    pages.start(None)


def register() -> None:
    signals.initialized.connect(uptodate.check)
    signals.initialized.connect(prepare)
    signals.all_generators_finalized.connect(uptodate.note_scheduled)
    signals.all_generators_finalized.connect(keep_context)
    signals.article_generator_finalized.connect(membership.speed_up)
    for sent_once_its_caches_exist in (signals.article_generator_init, signals.page_generator_init):
        sent_once_its_caches_exist.connect(stamps.install)
    for sent_before_each_file in (signals.article_generator_preread, signals.page_generator_preread):
        sent_before_each_file.connect(reading.start)
    signals.get_writer.connect(writer)
    signals.article_writer_finalized.connect(render_articles_waiting)
    add_finisher(render_waiting, first=True)
    add_published_hook(uptodate.record)
    add_published_hook(save_pages)
    add_published_hook(quick_exit.arm)
