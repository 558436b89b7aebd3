"""Where the links of an article or page lead, checked from its source.

The reference check (``offline.refcheck``) refuses, in the built pages, a
link to a file that is not there, a link starting with "/" (it breaks under
a sub-path and from disk) and a "#…" link to no element. Those rules are
applied here to the body an editor wrote, so that ``invoke check``, the
preview and the publishing build agree, and each mistake is named at its
source line with the link the editor should write instead. Links between
content files ({filename}, {static}) are checked by ``links``; images by
the galleries (a photo is looked for in the article's folder); files on the
editor's computer (C:\\…) by ``safety``, which removes them.
"""

from __future__ import annotations

import os
import re
from html import unescape
from urllib.parse import unquote, urlsplit

from editor_errors import Problem, say
from safety import url_scheme

_LINK = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def _line(source: str, first_line: int, *needles: str) -> int:
    for needle in needles:
        at = source.find(needle) if needle else -1
        if at >= 0:
            return first_line + source.count("\n", 0, at)
    return first_line


def _advice(target: str, path: str, content_root: str) -> tuple[str, str]:
    """What to write instead of a plain link to *target* (a file path, from
    the article's folder or, with a leading /, from the content folder)."""
    here = os.path.dirname(path)
    found = os.path.normpath(os.path.join(content_root, target.lstrip("/")) if target.startswith("/")
                             else os.path.join(here, target))
    name = os.path.basename(target.rstrip("/")) or target
    inside = found.startswith(os.path.normpath(content_root) + os.sep)
    relative = os.path.relpath(found, content_root).replace(os.sep, "/") if inside else ""
    if inside and os.path.isdir(found) or target.endswith("/"):
        return ("Liên kết tới một thư mục: từ ổ đĩa nó không mở ra trang nào. Liên kết tới bài hay trang bằng đường "
                "dẫn tệp .md của nó: {filename}/trang/ten-trang.md.",
                "A link to a folder: from disk it opens no page. Link to an article or page by its .md file: "
                "{filename}/trang/page-name.md.")
    if inside and os.path.isfile(found) and found.endswith(".md"):
        return (f"Liên kết tới bài hay trang khác viết bằng đường dẫn tệp .md: {{filename}}/{relative}.",
                f"Link to another article or page by its .md file: {{filename}}/{relative}.")
    if inside and os.path.isfile(found) and relative.startswith("tep/"):
        return (f"Viết {{static}}/{relative} để cổng đăng tệp và đặt đúng địa chỉ.",
                f"Write {{static}}/{relative} so that the portal publishes the file at the right address.")
    if inside and os.path.isfile(found):
        return (f"Tệp {relative} không được đăng ở chỗ này: chép nó vào thư mục tep/ rồi viết {{static}}/tep/{name}.",
                f"The file {relative} is not published where it is: copy it into tep/ and write {{static}}/tep/{name}.")
    return (f"Không có tệp \"{name}\" ở đó. Tệp tải về: chép vào thư mục tep/ rồi viết {{static}}/tep/{name}; "
            "bài hay trang khác: viết {filename}/bai-viet/… (đường dẫn tệp .md).",
            f"There is no file \"{name}\" there. A download: copy it into tep/ and write {{static}}/tep/{name}; "
            "another article or page: write {filename}/bai-viet/… (the .md file's path).")


def reference_problems(path: str, html: str, source: str, first_line: int, content_root: str) -> list[Problem]:
    """Links in *html* (the cleaned body made from *source*, which starts at
    *first_line* of *path*) that the built page could not follow."""
    problems = []
    ids = {unescape(value) for value in _ID.findall(html)}
    seen: set[str] = set()
    for raw in _LINK.findall(html):
        value = unescape(raw).strip()
        if value in seen or not value or value.startswith("{") or url_scheme(value) or value.startswith("//"):
            continue  # {filename}/{static}: ``links``; web addresses, mailto:, tel: go out
        seen.add(value)
        parts = urlsplit(value)
        line = _line(source, first_line, f"]({value}", f'"{value}"', value)
        if not parts.path:
            fragment = unquote(parts.fragment)
            if fragment and fragment not in ids:
                problems.append(Problem(path, line, say(
                    f"Liên kết \"{value}\" chỉ tới một mục không có trong bài (không phần nào mang tên "
                    f"\"{fragment}\"). Xóa liên kết, hoặc sửa cho đúng tên mục.",
                    f"The link \"{value}\" points at a part that is not in the article (nothing is named "
                    f"\"{fragment}\"). Delete the link, or correct the name.",
                )))
            continue
        advice_vi, advice_en = _advice(unquote(parts.path), path, content_root)
        if value.startswith("/"):
            problems.append(Problem(path, line, say(
                f"Liên kết \"{value}\" bắt đầu bằng \"/\": hỏng khi cổng đặt ở thư mục con hay mở từ ổ đĩa. {advice_vi}",
                f"The link \"{value}\" starts with \"/\": it breaks under a sub-path and from disk. {advice_en}",
            )))
        else:
            problems.append(Problem(path, line, say(
                f"Liên kết \"{value}\" không dẫn tới trang hay tệp nào của cổng. {advice_vi}",
                f"The link \"{value}\" leads to no page or file of the portal. {advice_en}",
            )))
    return problems
