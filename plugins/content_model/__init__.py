"""How a content file becomes an Article or Page, and where it is written.

Owns:
- the Markdown reader (``reader.WardMarkdownReader``) for every Markdown
  extension: strict UTF-8, NFC, a metadata header read with line numbers,
  day-first dates in the site time zone, ASCII slugs, one reused converter;
- article rules: a date is required and the category must be one of the
  ward's (matched by name or slug, in any case), carrying the ward's slug;
- drafts: problems in a draft are warnings, and drafts are never written
  (``DRAFT_SAVE_AS`` is empty in pelicanconf);
- URL collisions: two sources that would be written to the same file stop
  the build with a message naming both.

Every problem goes through ``editor_errors``; the file is left out with
``Status: skip`` so Pelican adds no message of its own.
"""

from __future__ import annotations

from editor_errors import Problem, add_final_check, display_path, report
from pelican import signals
from pelican.urlwrappers import Category

from .reader import WardMarkdownReader

__all__ = ["WardMarkdownReader", "find_collisions"]


def use_reader(readers) -> None:
    for ext in WardMarkdownReader.file_extensions:
        readers.reader_classes[ext] = WardMarkdownReader
        readers.readers[ext] = WardMarkdownReader(readers.settings)


def check_article(generator, metadata) -> None:
    """Apply the article rules to the metadata of one article file."""
    if metadata.get("status") == "skip":
        return
    settings = generator.settings
    path = metadata.get("source_file", "")
    lines = metadata.get("source_lines", {})
    draft = metadata.get("status") == "draft"
    problems: list[Problem] = []
    if not metadata.get("date"):
        problems.append(Problem(path, 1, "Thiếu ngày đăng. Thêm dòng \"Date: 2025-02-20 08:30\" (năm-tháng-ngày giờ:phút) vào phần thông tin đầu bài."))
    ward = settings.get("WARD")
    name = metadata.get("category")
    allowed = ", ".join(f"\"{c.name}\"" for c in ward.categories) if ward else ""
    if isinstance(name, Category):
        name = name.name
    if not name:
        problems.append(Problem(path, 1, f"Thiếu chuyên mục. Thêm dòng \"Category: …\" với một trong: {allowed}."))
    elif ward is not None:
        info = ward.category(name)
        if info is None:
            problems.append(
                Problem(
                    path,
                    lines.get("category", 1),
                    f"Chuyên mục \"{name}\" không có trong danh sách của phường. Dùng một trong: {allowed}. "
                    f"(Danh sách chuyên mục nằm trong {ward.source}.)",
                )
            )
        else:
            category = Category(info.name, settings)
            category.slug = info.slug
            metadata["category"] = category
    report(*(p.in_draft() if draft else p for p in problems))
    if problems:
        metadata["status"] = "skip"


def find_collisions(generators) -> list[Problem]:
    """Every output file claimed by two sources, reported on both files."""
    owners: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for generator in generators:
        for attr in ("articles", "hidden_articles", "translations", "pages", "hidden_pages"):
            for item in getattr(generator, attr, None) or []:
                lines = getattr(item, "source_lines", None) or {}
                claim = (item.source_path, lines.get("slug") or lines.get("title") or 1)
                other = owners.setdefault(item.save_as, claim)
                if other != claim:
                    problems.append(_collision(claim, other, item.save_as))
                    problems.append(_collision(other, claim, item.save_as))
    return problems


def _collision(here: tuple[str, int], there: tuple[str, int], save_as: str) -> Problem:
    return Problem(
        here[0],
        here[1],
        f"Trùng địa chỉ với {display_path(there[0])}: cả hai sẽ được ghi ra {save_as}. "
        "Đặt dòng \"Slug: …\" khác nhau cho hai bài (hoặc sửa tiêu đề, ngày đăng).",
    )


def register() -> None:
    signals.readers_init.connect(use_reader)
    signals.article_generator_context.connect(check_article)
    add_final_check(find_collisions)
