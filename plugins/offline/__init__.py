"""The offline mirror and the reference checker.

Owns:
- ``refcheck``: proof that every href/src/srcset/url() of a built site
  resolves to a file inside it (no folder links, no absolute paths, no other
  host except plain outbound links, no missing #anchors). It is a command
  (``invoke check-output``), the tests' link check, and, with
  ``OFFLINE_CHECK = True`` (publishconf.py), a gate at the end of a build;
- ``archive``: ``invoke offline`` zips the checked portal into
  ``dist/<site>-offline.zip``, reproducibly.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from atomic_output import add_finisher, add_published_hook, output_record
from editor_errors import Problem, line_of, say, stop_if_errors
from pelican import signals

from .refcheck import Finding, Report, check

__all__ = ["Finding", "Report", "check", "source_problems"]


_sources: dict[str, str] = {}  # output file → the content file it came from

KINDS = {
    "missing": say("không dẫn tới tệp nào", "leads to no file"),
    "directory": say("dẫn tới một thư mục, không phải một trang", "leads to a folder, not a page"),
    "absolute": say(
        "bắt đầu bằng \"/\", sẽ hỏng khi cổng nằm dưới thư mục con hoặc mở từ ổ đĩa",
        "starts with \"/\", so it breaks when the portal sits in a subfolder or is opened from disk",
    ),
    "host": say("tải nội dung từ máy chủ khác", "loads content from another server"),
    "anchor": say("trỏ tới một mục (#…) không có trên trang", "points to a section (#…) that is not on the page"),
    "outside": say("trỏ ra ngoài cổng", "points outside the portal"),
}


def remember_sources(generators) -> None:
    _sources.clear()
    for generator in generators:
        for attr in ("articles", "hidden_articles", "pages", "hidden_pages"):
            for item in getattr(generator, attr, None) or []:
                _sources[item.save_as] = item.source_path


def sources_file(settings: dict, output: Path) -> Path:
    """Which content file made each page of *output*, for ``invoke
    check-output`` to name the file to fix; in the cache, never published."""
    return output_record(settings, output, ".sources.json")


def _write_sources(output: Path, settings: dict) -> None:
    path = sources_file(settings, output)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(_sources, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    temporary.replace(path)


def source_problems(settings: dict, output: Path, findings: list[Finding]) -> list[Problem]:
    """*findings* in built *output* as the editor's problems: each at the
    content file and line it came from, as the last build recorded them
    (pages the theme makes are named as themselves)."""
    try:
        known = json.loads(sources_file(settings, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    sources = {page: source for page, source in known.items() if isinstance(source, str) and os.path.isfile(source)}
    return [_problem(str(output), finding, sources) for finding in findings]


def _problem(output_path: str, finding: Finding, sources: dict | None = None) -> Problem:
    what = KINDS.get(finding.kind) or say(finding.kind, finding.kind)
    link = finding.reference
    source = (_sources if sources is None else sources).get(finding.page)
    if source is None:  # made by the theme, not by an editor's file
        return Problem(
            f"{output_path}/{finding.page}",
            0,
            say(
                f"Liên kết \"{link}\" {what.vi}. Sửa mẫu giao diện tạo ra trang này.",
                f"The link \"{link}\" {what.en}. Fix the theme template that makes this page.",
            ),
        )
    return Problem(
        source,
        line_of(source, link),
        say(
            f"Liên kết \"{link}\" {what.vi}. Sửa lại liên kết (hoặc thêm tệp nó trỏ tới).",
            f"The link \"{link}\" {what.en}. Fix the link (or add the file it points to).",
        ),
    )


def check_output(output: Path, settings: dict) -> None:
    """A finisher (atomic_output): a broken site is never swapped in."""
    if not settings.get("OFFLINE_CHECK"):
        return
    report = check(output)
    stop_if_errors([_problem(str(output), f) for f in report.broken])


def register() -> None:
    signals.all_generators_finalized.connect(remember_sources)
    add_finisher(check_output)
    add_published_hook(_write_sources)
