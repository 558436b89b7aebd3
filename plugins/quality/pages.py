"""The page types every browser gate visits, found in a built site.

The names are those of ``pelicanconf.py`` (``so-do-cong.html``,
``thu-vien-anh.html``, ``search.html``, ``van-ban/`` (register, filter, document), ``chuyen-muc/``, ``the/``,
``bai-viet/``). A page type the site lacks is itself a finding, so a gate
never passes by visiting fewer pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from quality.common import Finding

# Files at the root that are not static pages (trang/*.md).
SPECIAL = {"index.html", "search.html", "404.html", "so-do-cong.html", "thu-vien-anh.html"}


@dataclass(frozen=True)
class PageType:
    key: str  # English identifier
    label: str  # Vietnamese, for messages
    path: str  # relative to the site's root, may carry ?query
    action: str = ""  # "lightbox": open the first photo; "search": wait for results

    @property
    def where(self) -> str:
        return f"{self.label} ({self.path})"


def _rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def gallery_article(site: Path) -> Path | None:
    for path in sorted((site / "bai-viet").rglob("*.html")):
        if 'data-lightbox="album"' in path.read_text(encoding="utf-8"):
            return path
    return None


def page_types(site: Path, search_query: str) -> tuple[list[PageType], list[Finding]]:
    """Every page type of issue 9, and a finding for each the site lacks."""
    found: list[PageType] = []
    missing: list[Finding] = []

    def want(key: str, label: str, path: Path | None, query: str = "", action: str = ""):
        if path is None or not path.is_file():
            missing.append(Finding("pages", label, "missing-page-type", f"Bản dựng không có trang loại «{label}»."))
        else:
            found.append(PageType(key, label, _rel(site, path) + query, action))

    want("home", "trang chủ", site / "index.html")
    categories = sorted(p for p in (site / "chuyen-muc").glob("*-2.html"))
    first = categories[0] if categories else None
    want("category", "chuyên mục", first.with_name(first.name[: -len("-2.html")] + ".html") if first else None)
    want("category_page_2", "chuyên mục, trang 2", first)
    article = gallery_article(site)
    want("article_gallery", "bài viết có album ảnh", article)
    want("lightbox", "album ảnh đang mở", article, action="lightbox")
    want("albums", "thư viện ảnh", site / "thu-vien-anh.html")
    want("search", "tìm kiếm có kết quả", site / "search.html", query="?q=" + quote(search_query), action="search")
    tags = sorted(p for p in (site / "the").glob("*.html") if p.name != "index.html")
    want("tag", "trang chủ đề", tags[0] if tags else None)
    statics = sorted(p for p in site.glob("*.html") if p.name not in SPECIAL)
    if not statics:
        want("static", "trang tĩnh", None)
    for path in statics:
        want("static", "trang tĩnh", path)
    want("sitemap", "sơ đồ cổng", site / "so-do-cong.html")
    want("not_found", "trang 404", site / "404.html")
    if (site / "van-ban").is_dir():  # a ward with a documents register (plugin documents)
        want("documents", "sổ văn bản", site / "van-ban" / "index.html")
        filters = sorted((site / "van-ban" / "loai").glob("*.html"))
        want("documents_filter", "sổ văn bản, lọc theo loại", filters[0] if filters else None)
        with_files = sorted(p.with_suffix(".html") for p in (site / "van-ban").glob("[0-9]*/*") if p.is_dir())
        want("document", "văn bản có tệp đính kèm", with_files[0] if with_files else None)
    return found, missing


def prepare(page, page_type: PageType) -> None:
    """Bring an opened page to the state its type names."""
    if page_type.action == "lightbox":
        page.locator("a[data-lightbox]").first.click()
        page.wait_for_function("document.querySelector('dialog.lightbox') && document.querySelector('dialog.lightbox').open")
        page.wait_for_function("document.querySelector('.lightbox__image').complete")
    elif page_type.action == "search":
        page.wait_for_selector("[data-search-results] li", timeout=10_000)
