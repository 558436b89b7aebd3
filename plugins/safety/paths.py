"""Nothing read from a content folder resolves outside it.

``link_problems(root)`` walks the content folder without following links
and names every entry that would make a build read something else: a
symbolic link whose target is outside the folder, a link to a folder (it
could point at its own parent and be walked for ever), a dangling link, and
special files (a pipe or a device would never end). Git stores symbolic
links, so one commit is enough to make them; the build stops on them
before anything reads a content file (``safety`` is first in ``PLUGINS``).
``inside(root, path)`` is the same rule for one path an editor wrote.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from editor_errors import Problem, display_path, say


def inside(root: str | os.PathLike, path: str | os.PathLike) -> bool:
    """Whether *path* (relative to *root*, or absolute), links followed,
    is *root* or lies under it."""
    real_root = os.path.realpath(root)
    return _within(os.path.realpath(os.path.join(real_root, path)), real_root)


def _within(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def link_problems(root: str | os.PathLike) -> list[Problem]:
    """Every link or special file under *root* that a build must not follow."""
    root = os.fspath(root)
    if not os.path.isdir(root):
        return []
    real_root = os.path.realpath(root)
    problems: list[Problem] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                problems.append(_link_problem(entry.path, real_root))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif not entry.is_file(follow_symlinks=False):
                problems.append(_special_problem(entry.path))
    return sorted(problems, key=lambda p: p.path)


def _link_problem(path: str, real_root: str) -> Problem:
    target = os.readlink(path)
    real = os.path.realpath(path)
    shown = f"\"{display_path(path)}\" → \"{target}\""
    how_vi = "Xóa liên kết và chép chính tệp vào đây (git add tệp thật, không phải liên kết)."
    how_en = "Delete the link and copy the file itself here (git add the real file, not a link)."
    if not _within(real, real_root):
        return Problem(path, 0, say(
            f"Liên kết {shown} trỏ ra ngoài thư mục nội dung: không tệp nào ngoài thư mục nội dung được đọc hay đăng. {how_vi}",
            f"The link {shown} points outside the content folder: nothing outside the content folder is read or "
            f"published. {how_en}",
        ))
    if not os.path.exists(path):
        return Problem(path, 0, say(
            f"Liên kết {shown} trỏ tới tệp không có. Xóa liên kết, hoặc chép tệp thật vào đây.",
            f"The link {shown} points to a file that does not exist. Delete the link, or copy the real file here.",
        ))
    if os.path.isdir(path):
        return Problem(path, 0, say(
            f"Liên kết {shown} trỏ tới một thư mục: liên kết tới thư mục không được dùng trong nội dung (có thể "
            "vòng lại chính nó). Xóa liên kết và chép thư mục thật vào đây.",
            f"The link {shown} points to a folder: links to folders are not allowed in content (one can loop back "
            "on itself). Delete the link and copy the real folder here.",
        ))
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        return _special_problem(path)
    # A link to a file of the same folder is harmless, but still the kind
    # of thing a reviewer should see: a warning.
    from editor_errors import WARNING

    return Problem(path, 0, say(
        f"{shown} là một liên kết (symlink) tới tệp khác trong thư mục nội dung; nó được đăng như tệp đó. "
        "Nên chép tệp thật thay cho liên kết.",
        f"{shown} is a link (symlink) to another file of the content folder; it is published as that file. "
        "Copying the real file instead is better.",
    ), WARNING)


def _special_problem(path: str) -> Problem:
    return Problem(path, 0, say(
        f"\"{display_path(path)}\" không phải tệp thường (là ống dẫn, thiết bị hay socket): không đọc được. Xóa nó khỏi thư mục nội dung.",
        f"\"{display_path(path)}\" is not a regular file (a pipe, a device or a socket) and cannot be read. Remove it from "
        "the content folder.",
    ))


def output_inside(save_as: str) -> bool:
    """Whether writing *save_as* under the output folder stays under it (no
    ``..``, no absolute path; links already in the output are not followed
    here: the build made them)."""
    parts = Path(save_as.replace("\\", "/")).parts
    return bool(parts) and not Path(save_as).is_absolute() and ".." not in parts and not save_as.startswith("/")
