"""Links between content files ({filename}, {static}, {attach}) that must
resolve, checked by the build and by `invoke check` alike."""

from __future__ import annotations

import os
import re

from editor_errors import Problem, say
from safety import download_problem, inside

# Pelican's intra-site links, in Markdown link targets or HTML attributes.
_LINK = re.compile(r"[{|](filename|static|attach)[}|]([^)\s\"'#?]+)")


def intrasite_links(body: str, body_line: int) -> list[tuple[str, str, int]]:
    """(kind, target, line) of every {filename}/{static}/{attach} link, found
    when the file is read (cacheable with it)."""
    return [
        (kind, target.strip(), number)
        for number, line in enumerate(body.split("\n"), body_line)
        for kind, target in _LINK.findall(line)
    ]


def link_problems(path: str, links: list[tuple[str, str, int]], content_root: str) -> list[Problem]:
    """Links whose target does not exist now (checked on every build: the
    target may appear or vanish while the article itself stays the same)."""
    problems = []
    here = os.path.dirname(path)
    for kind, target, number in links:
        resolved = os.path.join(content_root, target.lstrip("/")) if target.startswith("/") else os.path.join(here, target)
        if not inside(content_root, resolved):
            problems.append(Problem(path, number, say(
                f"Liên kết {{{kind}}}{target} dẫn ra ngoài thư mục nội dung: không tệp nào ngoài thư mục nội dung được "
                "đăng. Chép tệp cần tải về vào thư mục tep/ rồi liên kết {static}/tep/<tên tệp>.",
                f"The link {{{kind}}}{target} leads outside the content folder: nothing outside the content folder is "
                "published. Copy the file to download into tep/ and link {static}/tep/<file name>.",
            )))
        elif kind != "filename" and os.path.isfile(resolved) and download_problem(resolved) is not None:
            problems.append(Problem(path, number, download_problem(resolved).message))
        elif not os.path.isfile(resolved):
            problems.append(Problem(path, number, say(
                f"Liên kết {{{kind}}}{target} không dẫn tới tệp nào (tìm ở {os.path.relpath(resolved, content_root)}). "
                "Sửa đường dẫn: bắt đầu bằng / là tính từ thư mục content/, không có / là tính từ thư mục của bài này.",
                f"The link {{{kind}}}{target} leads to no file (looked for {os.path.relpath(resolved, content_root)}). "
                "Fix the path: a leading / starts from the content/ folder, otherwise from this article's folder.",
            )))
    return problems
