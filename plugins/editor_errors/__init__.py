"""Editor-facing problems: one type, one format, one place that stops a build.

Owns:
- ``Problem``: a file, a line and a Vietnamese message that says how to fix
  it, at error or warning severity;
- the language of messages: Vietnamese by default, English with the
  ``EDITOR_LANGUAGE = "en"`` setting or ``PORTAL_LANGUAGE=en`` in the
  environment (``invoke check --lang en``). Code writes each message in both
  languages with ``say(vi, en)``;
- the per-build ``collector``: plugins ``report()`` problems instead of
  raising, so one build shows the editor every mistake at once;
- ``add_final_check()``: checks that need every generator's context (such as
  URL collisions) run once reading is done, in registration order;
- stopping the build: after the final checks, if any error was reported,
  every problem is printed as ``path:line: message`` and the build exits with
  status 1 through ``BuildStopped`` (a ``SystemExit``, so Pelican prints no
  traceback). Warnings are printed and the build goes on;
- the machine's own troubles (``system_trouble``): a full disk, an output
  that cannot be written, a file deleted while the build ran, reach the
  editor as one message saying what to free or fix, not as Pelican's
  English traceback.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pelican import signals

ERROR = "error"
WARNING = "warning"

_LABELS = {"vi": {ERROR: "lỗi", WARNING: "cảnh báo"}, "en": {ERROR: "error", WARNING: "warning"}}
_language = [os.environ.get("PORTAL_LANGUAGE", "vi")]


def language() -> str:
    return _language[0] if _language[0] in _LABELS else "vi"


def set_language(code: str) -> None:
    """Choose the language of messages ("vi" or "en"); the environment
    variable PORTAL_LANGUAGE, when set, wins over settings."""
    _language[0] = os.environ.get("PORTAL_LANGUAGE") or code or "vi"


@dataclass(frozen=True)
class Text:
    """One message in both languages, written side by side where it is raised."""

    vi: str
    en: str

    def __str__(self) -> str:
        return self.en if language() == "en" else self.vi

    def __add__(self, other) -> Text:
        if isinstance(other, Text):
            return Text(self.vi + other.vi, self.en + other.en)
        return Text(self.vi + other, self.en + other)


def say(vi: str, en: str) -> Text:
    return Text(vi, en)


def display_path(path: str | os.PathLike) -> str:
    """The path as the editor knows it: relative to the working directory."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: Text | str
    severity: str = field(default=ERROR, compare=False)

    @property
    def text(self) -> str:
        return str(self.message)

    def format(self) -> str:
        where = display_path(self.path)
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {_LABELS[language()][self.severity]}: {self.text}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_warning(self, note: Text | None = None) -> Problem:
        """The same problem, downgraded to a warning (with a note saying why)."""
        if not self.is_error:
            return self
        message = say(f"{_vi(self.message)} ({note.vi})", f"{_en(self.message)} ({note.en})") if note else self.message
        return Problem(self.path, self.line, message, WARNING)

    def in_draft(self) -> Problem:
        """A problem found in a draft is a warning, so that a half-written
        draft never blocks publishing the rest of the site."""
        return self.as_warning(say("bài nháp, chưa đăng", "draft, not published"))


def _vi(message) -> str:
    return message.vi if isinstance(message, Text) else str(message)


def _en(message) -> str:
    return message.en if isinstance(message, Text) else str(message)


def line_of(path: str | os.PathLike, needle: str, default: int = 0) -> int:
    """The first line of the file *path* that contains *needle* (to point an
    editor at a link or a photo name found in the built HTML), else *default*."""
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if needle in line:
                    return number
    except (OSError, UnicodeDecodeError):
        pass
    return default


class BuildStopped(SystemExit):
    """The build stopped because of content errors (already printed)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(1)


class Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.final_checks: list[Callable[[list], Iterable[Problem]]] = []
        self.printed: list[Problem] = []  # what the last finished build printed

    def report(self, *problems: Problem) -> None:
        for problem in problems:
            if problem not in self.problems:
                self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def reset(self) -> None:
        self.problems.clear()


collector = Collector()


def report(*problems: Problem) -> None:
    collector.report(*problems)


def add_final_check(check: Callable[[list], Iterable[Problem]]) -> None:
    """Run *check(generators)* once all content is read; it yields problems."""
    if check not in collector.final_checks:
        collector.final_checks.append(check)


def print_problems(problems: Iterable[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.text)):
        print(problem.format(), file=stream)


def stop_if_errors(problems: list[Problem] | None = None) -> None:
    problems = collector.problems if problems is None else problems
    if not problems:
        return
    print_problems(problems)
    errors = [p for p in problems if p.is_error]
    if errors:
        print(
            say(
                f"Dừng xây dựng: {len(errors)} lỗi trong nội dung. Sửa các lỗi ở trên (tên tệp:dòng) rồi chạy lại. "
                "Chưa có tệp nào bị thay đổi.",
                f"Build stopped: {len(errors)} content error(s). Fix the errors above (file:line) and run again. "
                "No file was changed.",
            ),
            file=sys.stderr,
        )
        raise BuildStopped(errors)


def _finish(generators) -> None:
    try:
        for check in collector.final_checks:
            collector.report(*check(generators))
        stop_if_errors()
    finally:
        # Printed once; the next build in this process starts clean.
        collector.printed = list(collector.problems)
        collector.reset()


def _choose_language(pelican) -> None:
    set_language(pelican.settings.get("EDITOR_LANGUAGE", "vi"))


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EISDIR, errno.EEXIST}


def system_trouble(error: OSError) -> Text:
    """What to tell the editor about *error*, raised while the build wrote
    or read its own files (never the content's: those are problems)."""
    where = display_path(error.filename) if error.filename else say("một tệp", "a file")
    kept = say(" Thư mục đầu ra vẫn nguyên vẹn: cổng chỉ thay nó bằng một bản đã xây dựng xong.",
               " The output folder is whole: it is only ever replaced by a complete build.")
    if error.errno in _FULL:
        return say(
            f"Hết chỗ trống trên ổ đĩa khi ghi {where} ({error.strerror}). Giải phóng chỗ trống (xóa thư mục "
            ".cache, bản xây dựng cũ hay tệp tạm không dùng) rồi chạy lại.",
            f"The disk is full writing {where} ({error.strerror}). Free some space (delete the .cache folder, old "
            "builds or unused temporary files), then run again.",
        ) + kept
    if error.errno in _DENIED:
        return say(
            f"Không ghi được vào {where} ({error.strerror}): thư mục chỉ đọc, không có quyền ghi, hoặc một phần "
            "của đường dẫn là tệp chứ không phải thư mục. Chọn thư mục đầu ra khác (-o) hoặc cấp quyền ghi, rồi "
            "chạy lại.",
            f"Cannot write to {where} ({error.strerror}): the folder is read-only, not writable by this user, or "
            "part of the path is a file, not a folder. Choose another output folder (-o) or grant write access, "
            "then run again.",
        ) + kept
    if error.errno == errno.ENOENT:
        return say(
            f"{where} biến mất trong lúc xây dựng (bị xóa, hoặc ổ đĩa bị tháo ra). Chạy lại lệnh.",
            f"{where} disappeared while the build ran (deleted, or the drive was removed). Run the command again.",
        ) + kept
    return say(f"Lỗi của máy khi xây dựng, ở {where}: {error.strerror}. Kiểm tra ổ đĩa rồi chạy lại.",
               f"The machine failed during the build, at {where}: {error.strerror}. Check the disk, then run "
               "again.") + kept


class _SystemTroubleFilter(logging.Filter):
    """Pelican ends a build that raised by logging the exception as CRITICAL
    on its "pelican" logger, with the traceback (``pelican.main``; held by
    tests/test_pelican_contract.py). An ``OSError`` there is the machine's,
    not a bug: it is printed as one message instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if record.levelno < logging.CRITICAL or not isinstance(error, OSError):
            return True
        print(f"{_LABELS[language()][ERROR]}: {system_trouble(error)}", file=sys.stderr)
        return False


def register() -> None:
    logger = logging.getLogger("pelican")
    if not any(isinstance(f, _SystemTroubleFilter) for f in logger.filters):
        logger.addFilter(_SystemTroubleFilter())
    signals.initialized.connect(_choose_language)
    signals.all_generators_finalized.connect(_finish)
