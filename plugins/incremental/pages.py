"""Page reuse: a page whose inputs are unchanged is not rendered again.

The writer (``ReusingWriter``, given to Pelican through ``get_writer``)
records, for every page it renders, what the page read:
- the site-wide fingerprint: every setting, the theme's templates, the
  plugins' code, and the shared context (every list of articles, pages,
  categories and tags, with each item's listing fields: URL, title, date,
  category, tags, status, authors), so adding, removing, renaming or
  re-dating anything renders every page again (sidebars and menus show
  such things on every page);
- the arguments of this one page (its article, category, list of articles);
- every content object the template touched while rendering: Jinja's
  ``getattr``/``getitem`` and the project's filters record each article or
  page read, with a fingerprint of all its data (text, metadata, photos).

On the next build a page whose record still matches is not rendered: the
file the previous build wrote is hard-linked into the new output (same
bytes, no write). Anything the record does not cover makes it not match,
and the page is rendered as usual. Byte-identity with a cold build is tested
for each kind of change (tests/incremental/test_identical.py).

A page that has to be rendered is not rendered at once: it is handed, with
its template and context, to the session's ``parallel.RenderPool``, which
renders waiting pages over every core.

Needs ``atomic_output`` (the previous output stays in place while the new
one is staged); without it every page is rendered.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import types
from pathlib import Path

from atomic_output import link_file
from editor_errors import say
from pelican import signals
from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer
from pelican.writers import logger as pelican_writer_log
from safety import UnusablePickle, load_pickle

from .fingerprint import Volatile, content_fingerprint, digest, mapping_digest, stable
from .parallel import Job


RECORD_VERSION = 2
# Keys of the shared context that change while pages are written, or that
# are covered otherwise (the settings, by their own digest).
UNSTABLE_CONTEXT_KEYS = {"localsiteurl", "output_file"}
# Metadata shown only on the item's own page or its card, never derived
# into other items' data: a page that shows them reads the item (recorded).
PER_ITEM_METADATA = {"summary", "lead", "source_lines", "reader_problems"}


class Session:
    """One build's page-reuse state."""

    def __init__(self, previous_output: Path | None, record_path: Path, static_digest: str):
        self.previous_output = previous_output
        self.record_path = record_path
        self.static_digest = static_digest  # settings, templates, code
        # Records, page name → (call digest, deps, file): deps is a flat
        # tuple (source path, fingerprint, source path, fingerprint, …), file
        # the page's (size, mtime_ns, inode) when the build ended. Tuples,
        # and the site digest once per file rather than per page: as dicts
        # the previous build's records were 10 MB at 5,000 articles.
        self.previous: dict = {}
        self.previous_site: str | None = None
        if previous_output is not None:
            try:
                with open(record_path, "rb") as handle:
                    loaded = load_pickle(handle)  # data only: a restored cache cannot run code
                if loaded.get("version") == RECORD_VERSION:
                    if not isinstance(loaded["pages"], dict) or not isinstance(loaded["site"], (str, type(None))):
                        raise UnusablePickle("pages/site")
                    self.previous, self.previous_site = loaded["pages"], loaded["site"]
            except FileNotFoundError:
                pass
            except (UnusablePickle, OSError, KeyError, AttributeError, TypeError) as error:  # every page is rendered
                print(say(f"Bộ nhớ đệm trang không dùng được ({error}), dựng lại mọi trang.",
                          f"Page cache not usable ({error}), every page is rendered again."), file=sys.stderr)
                self.previous, self.previous_site = {}, None
        self.pages: dict = {}
        self.shared_context: dict | None = None
        self.site_digest: str | None = None
        self.items: dict[str, Content] = {}
        self.listed: dict[int, tuple] = {}
        self.fingerprints: dict[int, str] = {}
        self.recording: dict[int, Content] | None = None
        self.pool = None  # parallel.RenderPool: pages to render are kept for it
        self.rendered = 0
        self.reused = 0
        self.volatile: list[str] = []

    # -- site-wide -----------------------------------------------------------
    def site(self) -> str:
        if self.site_digest is None:
            context = self.shared_context or {}
            settings_keys = {k for k in context if k.isupper()}
            data = {k: v for k, v in context.items() if k not in settings_keys and k not in UNSTABLE_CONTEXT_KEYS}
            try:
                self.site_digest = digest((self.static_digest, mapping_digest(data, self.listing_fields)))
            except Volatile as why:
                self.volatile.append(f"context: {why}")
                self.site_digest = os.urandom(16).hex()
        return self.site_digest

    def listing_fields(self, item: Content):
        """What lists show of *item* wherever it appears: its metadata (the
        URL, title, date, category and tags all come from it and the
        settings), but not its summary, which pages read through the item
        itself (and so record it)."""
        known = self.listed.get(id(item))  # an article is in many lists: describe it once
        if known is None:
            self.items.setdefault(item.source_path, item)
            metadata = {k: v for k, v in item.metadata.items() if k not in PER_ITEM_METADATA}
            # Kept as a digest: the description itself (nested tuples of the
            # metadata) is 7 MB at 5,000 articles, held to the end of the build.
            known = ("item", item.source_path, digest((type(item).__name__, getattr(item, "status", None),
                     getattr(item, "template", None), getattr(item, "in_default_lang", None), stable(metadata))))
            self.listed[id(item)] = known
        return known

    def fingerprint(self, item: Content) -> str:
        key = id(item)
        known = self.fingerprints.get(key)
        if known is None:
            try:
                known = content_fingerprint(item)
            except Volatile as why:
                self.volatile.append(f"{item.source_path}: {why}")
                known = os.urandom(16).hex()
            self.fingerprints[key] = known
        return known

    # -- per page ------------------------------------------------------------
    def can_reuse(self, name: str, call: str) -> bool:
        old = self.previous.get(name)
        if not old or self.previous_site != self.site() or old[0] != call:
            return False
        deps = old[1]
        for i in range(0, len(deps), 2):
            item = self.items.get(deps[i])
            if item is None or self.fingerprint(item) != deps[i + 1]:
                return False
        try:
            stat = os.stat(self.previous_output / name)
        except OSError:
            return False
        # The file must be the very one that build wrote (or linked).
        return (stat.st_size, stat.st_mtime_ns, stat.st_ino) == old[2]

    def render(self, template, localcontext: dict, name: str, call: str) -> str:
        """Render one page, recording what it read (in this process, or in a
        render child: ``parallel.render``)."""
        self.recording = {}
        try:
            output = template.render(localcontext)
            self.note(name, call, self.recording)
        finally:
            self.recording = None
        self.rendered += 1
        return output

    def keep(self, name: str) -> None:
        """*name* is reused: its record carries over (its file is re-read at save)."""
        self.pages[name] = self.previous.pop(name)

    def decided(self, name: str) -> None:
        """*name* is rendered anew: its old record is never asked for again
        (a second write of the file is refused) and is let go now, not at
        the end (the previous records are 8 MB at 5,000 articles)."""
        self.previous.pop(name, None)

    def note(self, name: str, call: str, touched: dict[int, Content]) -> None:
        deps = []
        for item in touched.values():
            deps += (item.source_path, self.fingerprint(item))
        self.pages[name] = (call, tuple(deps), None)

    def save(self, output: Path) -> None:
        records = {}
        for name, (call, deps, _) in self.pages.items():
            try:
                stat = os.stat(output / name)
            except OSError:
                continue  # not written after all: no record, rendered next time
            records[name] = (call, deps, (stat.st_size, stat.st_mtime_ns, stat.st_ino))
        self.record_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.record_path.with_suffix(f".{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump({"version": RECORD_VERSION, "site": self.site(), "pages": records}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(self.record_path)


_session: list[Session | None] = [None]


def current() -> Session | None:
    return _session[0]


def start(session: Session | None) -> None:
    _session[0] = session


# -- recording what templates read ------------------------------------------
def _record(value) -> None:
    session = _session[0]
    if session is not None and session.recording is not None and isinstance(value, Content):
        recording = session.recording
        if id(value) not in recording:
            recording[id(value)] = value
            session.items.setdefault(value.source_path, value)


def install(environment) -> None:
    """Make *environment* report every content object its templates read."""
    if getattr(environment, "_incremental_recording", False):
        return
    getattr_, getitem = environment.getattr, environment.getitem

    # The hottest path of rendering (every attribute a template reads):
    # content objects only, checked before anything else.
    def recording_getattr(obj, attribute):
        if isinstance(obj, Content):
            _record(obj)
        return getattr_(obj, attribute)

    def recording_getitem(obj, argument):
        if isinstance(obj, Content):
            _record(obj)
        return getitem(obj, argument)

    environment.getattr = recording_getattr
    environment.getitem = recording_getitem
    for name, function in list(environment.filters.items()):
        environment.filters[name] = _recording_filter(function)
    for name, function in list(environment.globals.items()):
        if isinstance(function, types.FunctionType):
            environment.globals[name] = _recording_filter(function)
    environment._incremental_recording = True


def _recording_filter(function):
    @functools.wraps(function)
    def recording(*args, **kwargs):
        for value in args:
            _record(value)
        return function(*args, **kwargs)

    return recording


class _Sink:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, text):
        return len(text)


class _Recorder:
    """Stands in for a template: decides, per output file, whether to render."""

    def __init__(self, template, writer: ReusingWriter, call: str):
        self.template, self.writer, self.call = template, writer, call

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, localcontext):
        session = _session[0]
        name = localcontext["output_file"]
        if session.can_reuse(name, self.call):
            session.reused += 1
            session.keep(name)
            self.writer.reuse_next = (sanitised_join(self.writer.output_path, name), session.previous_output / name)
            return ""
        session.decided(name)
        if session.pool is not None:  # rendered later, over the cores (parallel.py)
            job = Job(self.template, localcontext, sanitised_join(self.writer.output_path, name), name, self.call,
                      (session.shared_context or {}).get("localsiteurl"))
            self.writer.defer_next = job  # confirmed when Pelican opens the file
            return ""
        return session.render(self.template, localcontext, name, self.call)


class ReusingWriter(Writer):
    """Pelican's writer, but a page whose inputs are unchanged is linked
    from the previous output instead of rendered and written again."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.reuse_next: tuple[str, Path] | None = None
        self.defer_next: Job | None = None
        self.folders: set[str] = set()  # made already: one makedirs per folder, not per page

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        session = _session[0]
        if session is None or not name:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        install(template.environment)
        call = self._call_digest(session, name, template, context, relative_urls, template_name, kwargs)
        names = self.page_names(name, url, paginated, template_name, kwargs)
        paths = [sanitised_join(self.output_path, page) for page in names]
        # Every file of the call reused (a list's pages too): linked before
        # Pelican's per-page work (a context copy, a file created only to be
        # replaced), which is most of a one-edit rebuild. A file written
        # already goes through Pelican, which decides (its own warning).
        if (not override_output and not any(path in self._written_files for path in paths)
                and all(session.can_reuse(page, call) for page in names)):
            for page, path in zip(names, paths):
                self._reuse(session, page, path, context, kwargs)
            return None
        written = super().write_file(name, _Recorder(template, self, call), context, relative_urls, paginated,
                                     template_name, override_output, url, **kwargs)
        if session.pool is not None and session.pool.full():
            session.pool.flush()
        return written

    def _reuse(self, session: Session, name: str, path: str, context: dict, kwargs: dict) -> None:
        folder = os.path.dirname(path)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        self._written_files.add(path)  # Pelican's record: a second write is refused as usual
        if session.pool is not None:
            session.pool.forget(path)
        link_file(session.previous_output / name, path)
        session.reused += 1
        session.keep(name)
        if signals.content_written.receivers:
            signals.content_written.send(path, context=dict(context, output_file=name, **kwargs))

    def page_names(self, name, url, paginated, template_name, kwargs) -> list[str]:
        """The files Pelican writes for one ``write_file`` call: *name*, or
        one per page of its pagination, by Pelican's own rule and
        ``Paginator`` (tests/test_pelican_contract.py compares them with the
        files Pelican writes)."""
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            return [name]
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        # Pelican names each page after its last paginator; all share the length.
        paginator = Paginator(name, url, list(paginated.values())[-1], self.settings, per_page)
        return [paginator.page(number).save_as for number in range(1, paginator.num_pages + 1)]

    @staticmethod
    def _call_digest(session, name, template, context, relative_urls, template_name, kwargs) -> str:
        shared = session.shared_context or {}
        if context is shared:  # most calls: nothing of their own in the context
            extra = {}
        else:
            extra = {k: v for k, v in context.items()
                     if k not in UNSTABLE_CONTEXT_KEYS and (k not in shared or shared[k] is not v)}
        try:
            return digest(stable((name, template.name, template_name, relative_urls, extra, kwargs)))
        except Volatile:
            return os.urandom(16).hex()

    def _open_w(self, filename, encoding, override=False):
        reuse, self.reuse_next = self.reuse_next, None
        job, self.defer_next = self.defer_next, None
        session = _session[0]
        if job is not None:
            if job.path != filename:  # never a page left unwritten by mistake: fail loudly
                raise RuntimeError(f"incremental: trang chờ dựng {job.path} khác tệp Pelican mở {filename}")
            if self._claim(filename, override):
                session.pool.confirm(job)  # the pool creates and writes the file
            return _Sink()
        handle = super()._open_w(filename, encoding, override)
        if handle.name == os.devnull:  # Pelican keeps an earlier write of this file
            return handle
        if session is not None and session.pool is not None:
            session.pool.forget(filename)  # written here now, not by a kept page
        if reuse is None or reuse[0] != filename:
            return handle
        handle.close()
        link_file(reuse[1], filename)
        return _Sink()

    def _claim(self, filename: str, override: bool) -> bool:
        """Pelican's ``Writer._open_w`` without opening the file: the same
        record of files written and overridden, the same refusal of a second
        write, the same message when an earlier one is kept (then False).
        A page the pool renders is created by the process that writes it:
        creating 30,000 empty files here first took 6 s of the build's
        share at 20,000 articles (tests/test_pelican_contract.py holds the
        two to the same outcomes)."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            pelican_writer_log.info('Skipping "%s", not overwriting', filename)
            self._written_files.add(os.devnull)  # where Pelican writes it instead
            return False
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has already written to it '
                                               "previously (set `override=True` if intended)")
            pelican_writer_log.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True


def static_digest(settings: dict, roots: list[Path]) -> str:
    """Settings (all of them, the ward's data included), the installed
    packages and the files under *roots* (templates, plugin code): what
    every page depends on."""
    from .inputs import CACHE_SETTINGS, packages, tree_files

    kept = {k: v for k, v in settings.items() if k not in CACHE_SETTINGS and k != "OUTPUT_PATH"}
    try:
        hasher = hashlib.sha256(repr(stable(kept)).encode())
    except Volatile:
        return os.urandom(16).hex()
    hasher.update(packages().encode())
    for root in roots:
        if root.is_dir():
            for path in tree_files(root):
                hasher.update(f"{os.path.relpath(path, root)}\0".encode())
                hasher.update(Path(path).read_bytes())
    return hasher.hexdigest()
