"""Files in the article and page folders that the build would ignore.

A Word document, a PDF or a photo dropped next to the articles (not in an
article's photo folder) is never published; the editor should know, and
know where such a file belongs.
"""

from __future__ import annotations

import os
from pathlib import Path

from editor_errors import ERROR, WARNING, Problem, say
from ward_identity.look import THEME_FOLDER

MARKDOWN = {".md", ".markdown", ".mkd", ".mdown"}
IGNORED = {"thumbs.db", "desktop.ini", "readme.md", "readme.txt"}


def misplaced_markdown(root: Path, settings: dict) -> list[Problem]:
    """Markdown files of the content folder outside the article and page
    folders (at its root, or in a misspelt folder): never published, so an
    error, but a warning in the live preview, where the editor is still
    moving files about."""
    root = Path(root)
    kinds = (*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", []), *settings.get("DOCUMENT_PATHS", []))
    homes = [root / p for p in kinds]
    folders = ", ".join(f"{Path(p).as_posix()}/" for p in kinds)
    problems = []
    for where, dirs, names in os.walk(root):
        here = Path(where)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and here / d not in homes
                         and (here / d).relative_to(root).parts[0] != THEME_FOLDER)
        for name in sorted(names):
            if os.path.splitext(name)[1].lower() in MARKDOWN and not name.startswith(".") \
                    and not name.upper().startswith("README"):  # Pelican's IGNORE_FILES
                path = here / name
                problems.append(Problem(str(path), 0, say(
                    f"Tệp \"{path.relative_to(root).as_posix()}\" nằm ngoài các thư mục bài ({folders}) nên không được đăng. "
                    "Chuyển nó vào bai-viet/<năm>/ (bài viết), trang/ (trang giới thiệu, liên hệ…) hoặc van-ban/<năm>/ "
                    "(văn bản).",
                    f"\"{path.relative_to(root).as_posix()}\" is outside the article folders ({folders}), so it is not "
                    "published. Move it into bai-viet/<year>/ (an article), trang/ (an about or contact page) or "
                    "van-ban/<year>/ (a document).",
                ), WARNING if settings.get("PREVIEW") else ERROR))
    return problems


def stray_problems(root: Path, settings: dict) -> list[Problem]:
    problems = misplaced_markdown(root, settings)
    for base in [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]:
        folder = Path(root) / base
        if not folder.is_dir():
            continue
        stray = []
        # os.walk: one listing per folder, where pathlib's rglob and a stat
        # and a listing per file took 0.2 s of every build at 5,000 articles.
        for where, _dirs, names in os.walk(folder):
            # Photo folders (named like their article, or given by ``Album:``)
            # hold no Markdown; a file lying among the articles themselves is stray.
            if any(os.path.splitext(name)[1].lower() in MARKDOWN for name in names):
                stray += (Path(where, name) for name in names if not name.startswith(".")
                          and name.lower() not in IGNORED and os.path.splitext(name)[1].lower() not in MARKDOWN)
        for path in sorted(stray):
            if not path.is_file() or path.relative_to(root).parts[0] == THEME_FOLDER:  # the ward's logo and templates (ward_identity)
                continue
            problems.append(Problem(str(path), 0, say(
                f"Tệp \"{path.name}\" không phải bài viết (.md) và không nằm trong thư mục ảnh của bài nào, nên không được đăng. "
                "Ảnh: chuyển vào thư mục cùng tên với bài; tài liệu để tải về: chuyển vào thư mục tep/ và liên kết tới nó.",
                f"\"{path.name}\" is not an article (.md) and is in no article's photo folder, so it is not published. "
                "A photo: move it into the folder named like its article; a document to download: move it into tep/ and link to it.",
            ), WARNING))
    return problems
