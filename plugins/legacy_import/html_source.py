"""Saved HTML pages of old articles ("Save page as…, complete"): the page
is sanitised with nh3, the article part found, and turned into Markdown.
Images saved next to the page become the article's photos, with captions
from the markup around them (figcaption, caption cells or classes, an
italic line under the photo, the alt text)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

from . import cleaning
from .model import Imported, Photo
from .text_source import escape

ALLOWED_TAGS = {
    "html", "head", "title", "meta", "body", "article", "main", "section", "div", "span", "p", "br", "a", "strong", "b",
    "em", "i", "u", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "img",
    "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "center", "font", "sup", "sub", "time",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href"},
    "img": {"src", "alt", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "meta": {"property", "name", "content"},
    "time": {"datetime"},
}
TABLE_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li"}
_CONTAINER = re.compile(r"(article|content|detail|news|post|entry|noi-?dung|chi-?tiet|body-text|main)", re.I)
_CAPTION_CLASS = re.compile(r"(caption|chu-?thich|desc|image_?note|img-?note)", re.I)
_SKIP_CLASS = re.compile(r"(breadcrumb|share|social|comment|related|menu|banner|sidebar|footer|header|counter|tags?\b|rating)", re.I)
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "figure", "blockquote", "center", "section", "article", "main"}


# Elements dropped with everything inside them: scripts and styles, and
# embeds (a video or map player, its fallback). A browser never shows an
# iframe's or noscript's inner markup as text, so neither does the article.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "noscript", "object", "embed", "template", "noembed", "noframes", "xmp"}
_EMBED = re.compile(r"<(?:iframe|embed|object)\b[^>]*?\b(?:src|data)\s*=\s*[\"']?([^\"'\s>]+)[^>]*>", re.I)
EMBED_MARK = "portal-embed"


def mark_embeds(markup: str) -> str:
    """A marker before each embed: sanitising drops the embed, and the
    marker tells, once the article part is known, what was dropped there."""
    return _EMBED.sub(lambda m: f'<p class="{EMBED_MARK}"><a href="{m[1]}">{m[1]}</a></p>{m[0]}', markup)


def sanitise(markup: str) -> str:
    return nh3.clean(
        markup, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        link_rel=None, strip_comments=True, clean_content_tags=DROPPED_WITH_CONTENT,
    )


def read_html_source(path: Path) -> Imported:
    raw = path.read_bytes()
    try:
        markup = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = re.search(rb"charset=[\"']?([\w-]+)", raw[:2000])
        try:
            markup = raw.decode(declared.group(1).decode() if declared else "cp1258")
        except (LookupError, UnicodeDecodeError):
            item = Imported(source=path)
            item.attention.append("không đọc được bảng mã của trang: lưu lại trang dạng UTF-8 rồi nhập lại")
            return item
    return parse_html(markup, path)


def parse_html(markup: str, source: Path) -> Imported:
    item = Imported(source=source)
    markup, notes = cleaning.repair_encoding(cleaning.nfc(markup))
    item.attention += notes
    page = BeautifulSoup(sanitise(mark_embeds(markup)), "html.parser")
    container = _article_part(page)
    for marker in page.find_all("p", class_=EMBED_MARK):
        link = marker.find("a")
        if container in marker.parents and link is not None:
            item.attention.append(f"bỏ nội dung nhúng (video, bản đồ…) từ {unquote(link.get('href', ''))}: "
                                  "nếu cần, thêm vào bài một liên kết tới đó")
        marker.decompose()
    heading = container.find("h1") or page.find("h1")
    title = heading.get_text(" ", strip=True) if heading else ""
    if not title:
        meta = page.find("meta", attrs={"property": "og:title"})
        title = (meta.get("content") if meta else "") or (page.title.get_text(strip=True) if page.title else "")
    item.title = cleaning.clean_line(title)
    crumbs = page.find(class_=re.compile("breadcrumb", re.I))
    if crumbs:
        parts = [cleaning.clean_line(a.get_text(" ")) for a in crumbs.find_all(["a", "li", "span"]) if a.get_text(strip=True)]
        parts = [p for p in parts if p and p.lower() not in ("trang chủ", "home") and p != item.title]
        item.category = parts[-1] if parts else ""
    if heading:
        heading.decompose()
    for element in container.find_all(class_=_SKIP_CLASS):
        if element is not container and not element.find(["img", "p"], recursive=True) or _is_furniture(element):
            element.decompose()
    captions_done: set[str] = set()
    lines: list[tuple[str, str]] = []  # (kind, markdown)
    for block in _blocks(container):
        if block.name == "table" and not block.find("img"):
            lines.append(("table", nh3.clean(str(block), tags=TABLE_TAGS, attributes={"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "a": {"href"}})))
            continue
        images = block.find_all("img") if block.name != "img" else [block]
        for image in images:
            caption = _caption_for(image, block)
            if caption:
                captions_done.add(caption)
            photo = _local_image(image.get("src", ""), source)
            if photo is None:
                src = image.get("src", "")
                if urlsplit(src).netloc:
                    item.attention.append(f"bỏ ảnh ở trang khác (không tải về): {src}")
                elif src:
                    item.attention.append(f"không thấy tệp ảnh {unquote(src)} cạnh trang đã lưu")
                if caption:
                    lines.append(("caption", f"*{escape(caption)}*"))
            else:
                item.photos.append(Photo(photo, caption))
        if block.name in ("ul", "ol"):
            marker = "1." if block.name == "ol" else "-"
            items = [_inline(li) for li in block.find_all("li")]
            lines.append(("list", "\n".join(f"{marker} {text}" for text in items if text)))
            continue
        if block.name == "table":
            for cell in block.find_all(["td", "th"]):
                text = cleaning.clean_line(cell.get_text(" "))
                if text and text not in captions_done and not cell.find("img"):
                    lines.append(("text", _inline(cell)))
            continue
        text = _inline(block)
        plain = cleaning.clean_line(block.get_text(" "))
        if not plain or plain in captions_done:
            continue
        lines.append(("text", text if not block.name.startswith("h") else f"### {text}"))
    # Date line, noise, tail, byline: the same rules as the text exports.
    kept: list[tuple[str, str]] = []
    for kind, text in lines:
        plain = cleaning.clean_line(re.sub(r"[*\\]", "", text))
        if kind == "text" and item.date is None and cleaning.parse_date(plain):
            item.date = cleaning.parse_date(plain)
            continue
        if kind == "text" and cleaning.is_noise(plain):
            item.dropped.append(plain)
            continue
        if kind == "text" and cleaning.is_tail(plain):
            item.dropped.append(plain)
            break
        if kind == "text" and plain == item.category:
            continue
        kept.append((kind, text))
    if item.date is None:
        stamp = page.find("meta", attrs={"property": "article:published_time"}) or page.find("time")
        value = (stamp.get("content") or stamp.get("datetime") or "") if stamp else ""
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?", value)
        if match:
            y, m, d, hh, mm = match.groups()
            item.date = cleaning.parse_date(f"Ngày {d}/{m}/{y} {hh or '00'}:{mm or '00'}")
    texts = [t for _, t in kept]
    texts, had_copy = cleaning.drop_second_copy(texts, escape(item.title))
    if had_copy:
        item.dropped.append("(bản sao thứ hai của bài)")
        kept = kept[: len(texts)]
    for index in range(len(kept) - 1, max(-1, len(kept) - 4), -1):
        name = cleaning.byline(cleaning.clean_line(re.sub(r"[*\\]", "", kept[index][1])))
        if name:
            item.author = name
            del kept[index]
            break
    item.blocks = [text for _, text in kept]
    item.lead = next((cleaning.clean_line(re.sub(r"[*\\#]", "", t)) for k, t in kept if k == "text"), "")
    return item


def _is_furniture(element: Tag) -> bool:
    return bool(_SKIP_CLASS.search(" ".join(element.get("class", [])) + " " + (element.get("id") or ""))) and len(element.get_text(strip=True)) < 400


def _article_part(page: BeautifulSoup) -> Tag:
    best, best_score = page.body or page, 0
    for element in page.find_all(["article", "main", "div", "section", "td"]):
        label = " ".join(element.get("class", [])) + " " + (element.get("id") or "")
        score = sum(len(p.get_text(strip=True)) for p in element.find_all("p"))
        if element.name in ("article", "main") or _CONTAINER.search(label):
            score *= 2
        if element.find("h1"):
            score *= 1.2
        if score > best_score:
            best, best_score = element, score
    return best


def _blocks(container: Tag):
    """Leaf-most block elements in document order."""
    for child in container.children:
        if isinstance(child, NavigableString):
            text = cleaning.clean_line(str(child))
            if text:
                wrapper = BeautifulSoup(f"<p>{escape_html(text)}</p>", "html.parser").p
                yield wrapper
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "img":
            yield child
        elif child.name in ("ul", "ol", "table", "figure") or (child.name in BLOCKS and not child.find(list(BLOCKS - {"center"}))):
            yield child
        elif child.name in BLOCKS:
            yield from _blocks(child)
        elif child.get_text(strip=True) or child.find("img"):
            yield child


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(element: Tag) -> str:
    out = []
    for node in element.descendants:
        if isinstance(node, NavigableString):
            parent = node.parent
            if parent.name in ("a",) or any(p.name == "a" for p in node.parents if p is not element):
                continue
            text = escape(str(node).replace("\n", " "))
            if parent.name in ("strong", "b") and text.strip():
                text = f"**{text.strip()}** "
            elif parent.name in ("em", "i") and text.strip():
                text = f"*{text.strip()}* "
            out.append(text)
        elif node.name == "a":
            label = escape(node.get_text(" ", strip=True))
            href = node.get("href", "")
            out.append(f"[{label}]({href})" if href and label else label)
        elif node.name == "br":
            out.append("  \n")
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()


def _caption_for(image: Tag, block: Tag) -> str:
    figure = image.find_parent("figure")
    if figure and figure.find("figcaption"):
        return cleaning.clean_line(figure.figcaption.get_text(" "))
    holder = image.find_parent(["table", "div", "p"])
    if holder is not None:
        marked = holder.find(class_=_CAPTION_CLASS)
        if marked:
            return cleaning.clean_line(marked.get_text(" "))
        if holder.name == "table":
            text = cleaning.clean_line(holder.get_text(" "))
            if text and len(text.split()) <= 40:
                return text
    following = block.find_next_sibling()
    if following is not None and following.name == "p" and following.find(["em", "i"]) and len(following.get_text(strip=True)) < 200:
        italic = following.find(["em", "i"])
        if cleaning.clean_line(italic.get_text(" ")) == cleaning.clean_line(following.get_text(" ")):
            return cleaning.clean_line(following.get_text(" "))
    return cleaning.clean_line(image.get("title") or image.get("alt") or "")


def _local_image(src: str, page: Path) -> Path | None:
    parts = urlsplit(src)
    if not src or parts.scheme or parts.netloc:
        return None
    candidate = (page.parent / unquote(parts.path)).resolve()
    try:
        candidate.relative_to(page.parent.resolve())
    except ValueError:
        return None  # outside the saved page's folder
    return candidate if candidate.is_file() else None
