"""How a content file becomes an Article or Page, and where it is written.

Owns:
- the Markdown reader (``reader.WardMarkdownReader``) for every Markdown
  extension: strict UTF-8, NFC, a metadata header read with line numbers,
  day-first dates in the site time zone, ASCII slugs, one reused converter;
- article rules: a date is required and the category must be one of the
  ward's (matched by name or slug, in any case), carrying the ward's slug;
- drafts: problems in a draft are warnings, and drafts are never written
  (``DRAFT_SAVE_AS`` is empty in pelicanconf);
- scheduling: an article dated after "now" (``clock.now``: the real time, or
  ``PORTAL_NOW``) is held back like a draft until a build on or after its
  date; with ``PREVIEW = True`` (``invoke livereload``) drafts and scheduled
  articles are shown, marked by ``preview_state``;
- checks on the text shared with ``invoke check`` (``checks``: NFC, mojibake,
  look-alike letters, summary length, plausible dates; ``links``: {filename}
  links resolve);
- URL collisions: two sources that would be written to the same file stop
  the build with a message naming both;
- the content cache (``configure_cache``): Pelican's reader cache, keyed by
  each file's SHA-256, in a folder named by every setting and this code;
  such folders no build has used for ``CACHE_IDLE_DAYS`` (30) are
  removed (``prune_content_caches``).
- file digests (``digests``): each content file's SHA-256, read at most once
  while its stat is unchanged; the up-to-date check, the content cache and
  the photo cache all ask it.

Every problem goes through ``editor_errors``; the file is left out with
``Status: skip`` so Pelican adds no message of its own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from atomic_output import cache_root
from editor_errors import WARNING, Problem, add_final_check, display_path, report, say
from pelican import signals
from pelican.urlwrappers import Category
from safety import clean_html, pickles_in, remember_pickles, verified_pickles

from .checks import date_problem, template_problem
from .clock import now
from .links import link_problems
from .reader import WardMarkdownReader, add_header_keys
from .stray import stray_problems

__all__ = ["WardMarkdownReader", "add_header_keys", "after_read", "article_problems", "file_name_date", "cache_root", "settings_digest", "claim_of", "collision_problems", "find_collisions", "now"]


# Settings that change how a build runs, never what it makes: left out of
# every digest (the content cache's folder here, the up-to-date check and
# page reuse in ``incremental``), so changing them rebuilds nothing.
HOW_SETTINGS = ("CACHE_IDLE_DAYS", "RENDER_PROCESSES", "RENDER_BATCH", "RENDER_PARALLEL_FROM", "READ_PARALLEL_FROM",
                "QUICK_EXIT")


def use_reader(readers) -> None:
    for ext in WardMarkdownReader.file_extensions:
        readers.reader_classes[ext] = WardMarkdownReader
        readers.readers[ext] = WardMarkdownReader(readers.settings)


def article_problems(settings: dict, metadata: dict) -> list[Problem]:
    """The article rules; on success the category is replaced by the ward's
    own (with its configured slug)."""
    path = metadata.get("source_file", "")
    lines = metadata.get("source_lines", {})
    problems: list[Problem] = []
    if not metadata.get("date"):
        problems.append(Problem(path, 1, say(
            "Thiếu ngày đăng. Thêm dòng \"Date: 2025-02-20 08:30\" (năm-tháng-ngày giờ:phút) vào phần thông tin đầu bài.",
            "Missing date. Add a line \"Date: 2025-02-20 08:30\" (year-month-day hour:minute) to the fields at the top.",
        )))
    ward = settings.get("WARD")
    name = metadata.get("category")
    allowed = ", ".join(f"\"{c.name}\"" for c in ward.categories) if ward else ""
    if isinstance(name, Category):
        name = name.name
    if not name:
        problems.append(Problem(path, 1, say(
            f"Thiếu chuyên mục. Thêm dòng \"Category: …\" với một trong: {allowed}.",
            f"Missing category. Add a line \"Category: …\" with one of: {allowed}.",
        )))
    elif ward is not None:
        info = ward.category(name)
        if info is None:
            likely = ward.likely_category(name)
            if likely is not None:
                problems.append(Problem(path, lines.get("category", 1), say(
                    f"Chuyên mục \"{name}\" không có trong danh sách của phường; có phải là \"{likely.name}\"? "
                    f"Sửa dòng thành: Category: {likely.name}",
                    f"Category \"{name}\" is not one of the ward's; did you mean \"{likely.name}\"? "
                    f"Correct the line to: Category: {likely.name}",
                )))
            else:
                problems.append(Problem(path, lines.get("category", 1), say(
                    f"Chuyên mục \"{name}\" không có trong danh sách của phường. Dùng một trong: {allowed}. "
                    f"(Danh sách chuyên mục nằm trong {ward.source}.)",
                    f"Category \"{name}\" is not one of the ward's. Use one of: {allowed}. "
                    f"(The list is in {ward.source}.)",
                )))
        else:
            category = Category(info.name, settings)
            category.slug = info.slug
            metadata["category"] = category
    return problems


def file_name_date(settings: dict, metadata: dict) -> list[Problem]:
    """A date taken from the file name (no ``Date:`` line) is midnight of
    that day in the ward's time zone, like every date written in a header
    (Pelican leaves it without a zone, and comparing it with "now" failed),
    with a warning. Shared by the build and ``invoke check``."""
    date = metadata.get("date")
    if date is None or date.tzinfo is not None:
        return []
    from zoneinfo import ZoneInfo

    metadata["date"] = date.replace(tzinfo=ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh"))
    if "date" in metadata.get("source_lines", {}):
        return []
    shown = f"{date:%Y-%m-%d}"
    problem = Problem(metadata.get("source_file", ""), 1, say(
        f"Không có dòng \"Date:\": bài dùng ngày trong tên tệp ({shown}, 00:00). Thêm dòng "
        f"\"Date: {shown} 08:00\" để ghi đúng giờ đăng.",
        f"No \"Date:\" line: the article takes the date in its file name ({shown}, 00:00). Add a line "
        f"\"Date: {shown} 08:00\" to give the time it is published.",
    ), WARNING)
    return [problem.in_draft() if metadata.get("status") == "draft" else problem]


def after_read(settings: dict, metadata: dict) -> list[Problem]:
    """The problems of one file: those found when it was read (possibly
    from Pelican's content cache) plus those that depend on the clock or on
    other files, checked now. Shared by the build and ``invoke check``."""
    problems = list(metadata.get("reader_problems", []))
    path = metadata.get("source_file", "")
    draft = metadata.get("status") == "draft"
    late = link_problems(path, metadata.get("links", []), settings.get("PATH", ""))
    if metadata.get("date") and "date" in metadata.get("source_lines", {}):
        late.append(date_problem(path, metadata["source_lines"]["date"], metadata["date"], now(settings)))
    if metadata.get("template") and metadata.get("status") != "skip":
        late.append(template_problem(path, metadata.get("source_lines", {}).get("template", 1), metadata["template"], settings))
    return problems + [p.in_draft() if draft else p for p in late if p is not None]


def check_page(generator, metadata) -> None:
    report(*after_read(generator.settings, metadata))


def check_article(generator, metadata) -> None:
    """Article rules, scheduling and preview, on one article's metadata."""
    report(*after_read(generator.settings, metadata))
    if metadata.get("status") == "skip":
        return
    settings = generator.settings
    draft = metadata.get("status") == "draft"
    report(*file_name_date(settings, metadata))
    problems = article_problems(settings, metadata)
    report(*(p.in_draft() if draft else p for p in problems))
    if problems:
        metadata["status"] = "skip"
        return
    # Scheduling: an article dated in the future waits for a build on or
    # after its date (CI builds daily), as a draft does.
    if metadata.get("status", "published") == "published" and metadata["date"] > now(settings):
        metadata["status"] = "draft"
        metadata["scheduled"] = True
    # Preview (invoke livereload) shows drafts and scheduled articles,
    # marked as such; a published build never does.
    if settings.get("PREVIEW") and metadata.get("status") == "draft":
        metadata["status"] = "published"
        metadata["preview_state"] = "scheduled" if metadata.get("scheduled") else "draft"


def collision_problems(claims: list[tuple[str, str, int]]) -> list[Problem]:
    """(output file, source file, line) claims → a problem on each file that
    shares its output file with another, naming the other."""
    owners: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for save_as, path, line in claims:
        claim = (path, line)
        other = owners.setdefault(save_as, claim)
        if other != claim:
            problems.append(_collision(claim, other, save_as))
            problems.append(_collision(other, claim, save_as))
    return problems


def claim_of(item) -> tuple[str, str, int]:
    lines = getattr(item, "source_lines", None) or {}
    return (item.save_as, item.source_path, lines.get("slug") or lines.get("title") or 1)


def find_collisions(generators) -> list[Problem]:
    """Every output file claimed by two sources, reported on both files."""
    return collision_problems([
        claim_of(item)
        for generator in generators
        for attr in ("articles", "hidden_articles", "translations", "pages", "hidden_pages")
        for item in getattr(generator, attr, None) or []
    ])


def _collision(here: tuple[str, int], there: tuple[str, int], save_as: str) -> Problem:
    return Problem(here[0], here[1], say(
        f"Trùng địa chỉ với {display_path(there[0])}: cả hai sẽ được ghi ra {save_as}. "
        "Đặt dòng \"Slug: …\" khác nhau cho hai bài (hoặc sửa tiêu đề, ngày đăng).",
        f"Same address as {display_path(there[0])}: both would be written to {save_as}. "
        "Give the two articles different \"Slug: …\" lines (or change a title or date).",
    ))


def not_published(generators) -> None:
    """Name every article and page a publishing build leaves out on purpose
    (drafts, scheduled ones), so none leaves silently; mistakes are problems
    and are named by them."""
    settings = generators[0].settings
    if settings.get("PREVIEW"):
        return
    held = []
    for generator in generators:
        for item in [*getattr(generator, "drafts", []), *getattr(generator, "draft_pages", [])]:
            path = display_path(item.source_path)
            if item.metadata.get("scheduled"):
                held.append(say(f"  {path}: hẹn giờ, đăng từ {item.date:%H:%M %d/%m/%Y}",
                                f"  {path}: scheduled, published from {item.date:%H:%M %d/%m/%Y}"))
            else:
                held.append(say(f"  {path}: bản nháp (Status: draft); xóa dòng đó để đăng",
                                f"  {path}: a draft (Status: draft); delete that line to publish it"))
    held.sort(key=str)
    if held:
        print(say(f"Chưa đăng {len(held)} bài/trang:", f"Not published yet: {len(held)} article(s)/page(s):"),
              file=sys.stderr)
        for line in held[:20]:
            print(line, file=sys.stderr)
        if len(held) > 20:
            print(say(f"  … và {len(held) - 20} bài/trang nữa", f"  … and {len(held) - 20} more"), file=sys.stderr)


def stray_files(generators) -> list[Problem]:
    generator = generators[0]
    return stray_problems(Path(generator.path), generator.settings)


def configure_cache(pelican) -> None:
    """Pelican's content cache, keyed by content, never by file times.

    With ``CACHE_CONTENT`` the reader's result (HTML, metadata and the
    problems found) is kept per file and reused while the file's SHA-256
    (``CHECK_MODIFIED_METHOD``) is unchanged, so a fresh clone with the cache
    restored converts nothing. The cache folder is named by everything else
    the result depends on: the content folder, every setting, the Pelican
    version and this code; change any of them and a new cache starts.
    """
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    import hashlib

    import pelican as pelican_package

    # Every setting counts: cached tags and authors carry the settings they
    # were made with (their URLs come from them).
    digest = hashlib.sha256(settings_digest(settings, exclude=("CACHE_PATH", "WARD", *HOW_SETTINGS)).encode())
    digest.update(pelican_package.__version__.encode())
    here = Path(__file__).resolve().parent
    # safety: the HTML policy the reader applies (a policy change must clean every cached file again).
    for folder in (here, here.parent / "vietnamese", here.parent / "editor_errors", here.parent / "safety"):
        for source in sorted(folder.glob("*.py")):
            digest.update(source.read_bytes())
    root = cache_root(settings)
    settings["CONTENT_CACHE_ROOT"] = str(root)  # cache_root() keeps answering the same
    settings["CACHE_PATH"] = str(root / "pelican" / digest.hexdigest()[:16])
    prune_content_caches(Path(settings["CACHE_PATH"]), settings.get("CACHE_IDLE_DAYS", 30))
    # Pelican unpickles its cache itself: a file that holds anything but data
    # (a cache restored from elsewhere) is deleted first, and read anew.
    removed = verified_pickles(settings["CACHE_PATH"], pickles_in(settings["CACHE_PATH"]), cached_html_problem)
    if removed:
        print(say(f"Bộ nhớ đệm nội dung không dùng được, làm lại: {', '.join(removed)}",
                  f"Content cache not usable, made again: {', '.join(removed)}"), file=sys.stderr)


def cached_html_problem(cache) -> str | None:
    """Why Pelican's reader cache (file → (stamp, (html, metadata))) cannot
    be used, or None: data that is well formed can still be forged, so the
    HTML of every entry must be what the reader's policy would let through.
    Run only on a cache file this machine did not write (restored, changed)."""
    if not isinstance(cache, dict):
        return "not a reader cache"
    for name, entry in cache.items():
        try:
            _stamp, (html, metadata) = entry
        except (TypeError, ValueError):
            return f"{name}: not a reader entry"
        for markup in (html, (metadata or {}).get("summary")):
            if isinstance(markup, str) and any(r.script for r in clean_html(markup, {})[1]):
                return f"{name}: HTML the policy refuses"
    return None


def remember_cache(pelican) -> None:
    """``finalized``: the content cache this build saved needs no check next time."""
    if pelican.settings.get("CACHE_CONTENT"):
        remember_pickles(pelican.settings["CACHE_PATH"], pickles_in(pelican.settings["CACHE_PATH"]))


def prune_content_caches(current: Path, idle_days: float) -> list[Path]:
    """Mark *current* (this build's content cache) as used now, and remove
    the content caches beside it that no build has used for *idle_days*:
    each change of settings starts a new one (23 MB at 5,000 articles), and
    a CI cache that is restored and saved again would otherwise keep them
    all, for ever. Sites built side by side each touch their own. The
    removed folders."""
    import shutil
    import time

    current.mkdir(parents=True, exist_ok=True)
    os.utime(current)
    removed = []
    limit = time.time() - idle_days * 86400
    for sibling in current.parent.iterdir():
        if sibling == current or len(sibling.name) != 16 or sibling.name.strip("0123456789abcdef"):
            continue  # only the folders configure_cache names
        try:
            if sibling.is_dir() and sibling.stat().st_mtime < limit:
                shutil.rmtree(sibling)
                removed.append(sibling)
        except OSError:
            pass  # another build's, in use: left for later
    return removed


def settings_digest(settings: dict, exclude: tuple[str, ...] = ()) -> str:
    """SHA-256 of every setting but *exclude*, the same from run to run:
    functions and objects count by their qualified name, ``PATH`` as an
    absolute path."""
    import hashlib
    import json

    stable = {key: value for key, value in settings.items() if key not in exclude}
    stable["PATH"] = str(Path(settings["PATH"]).resolve())
    return hashlib.sha256(json.dumps(stable, sort_keys=True, default=_stable_repr).encode()).hexdigest()


def _stable_repr(value) -> str:
    name = getattr(value, "__qualname__", None) or getattr(type(value), "__qualname__", "")
    module = getattr(value, "__module__", None) or getattr(type(value), "__module__", "")
    return f"{module}.{name}"


def register() -> None:
    signals.initialized.connect(configure_cache)
    signals.finalized.connect(remember_cache)
    signals.readers_init.connect(use_reader)
    signals.article_generator_context.connect(check_article)
    signals.page_generator_context.connect(check_page)
    add_final_check(find_collisions)
    add_final_check(stray_files)
    signals.all_generators_finalized.connect(not_published)
