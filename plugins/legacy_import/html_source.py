"""Saved HTML pages of old articles ("Save page as…, complete"): the page
is sanitised with nh3, the article part found, and turned into Markdown.
Images saved next to the page become the article's photos, with captions
from the markup around them (figcaption, caption cells or classes, an
italic line under the photo, the alt text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

from . import cleaning, safe
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
        markup, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=set(safe.ALLOWED_SCHEMES),
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
    dropped = safe.DroppedURLs()  # links and photos of a scheme not accepted, named in the report
    page = BeautifulSoup(sanitise(dropped.mark(mark_embeds(markup))), "html.parser")
    container = _article_part(page)
    for marker in page.find_all("p", class_=EMBED_MARK):
        link = marker.find("a")
        if container in marker.parents and link is not None:
            href = link.get("href", "")
            shown = dropped.original(href) if dropped.original(href) is not None else unquote(href)
            item.attention.append(f"bỏ nội dung nhúng (video, bản đồ…) từ {safe.shown_url(shown, 200)}: "
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
    lines: list[Line] = []
    for block in _blocks(container):
        if block.name == "table" and not block.find("img"):
            lines.append(_table(block, dropped))
            continue
        images = block.find_all("img") if block.name != "img" else [block]
        for image in images:
            caption = _caption_for(image, block)
            if caption:
                captions_done.add(caption)
            src = image.get("src", "")
            unsafe = dropped.original(src)
            photo = _local_image(src, source) if unsafe is None else None
            if photo is None:
                if unsafe is not None:
                    item.attention.append(safe.dropped_image_note(unsafe))
                elif urlsplit(src).netloc:
                    item.attention.append(f"bỏ ảnh ở trang khác (không tải về): {src}")
                elif src:
                    item.attention.append(f"không thấy tệp ảnh {unquote(src)} cạnh trang đã lưu")
                if caption:  # the photo is gone: its caption stays as an italic line, as plain text
                    text, removed = safe.plain_text(caption)
                    if removed:
                        item.attention.append(safe.markup_note("chú thích ảnh", caption, text))
                    if text:
                        lines.append(Line("caption", f"*{escape(text)}*", text))
            else:
                item.photos.append(Photo(photo, caption))
        if block.name in ("ul", "ol"):
            marker = "1." if block.name == "ol" else "-"
            items = [_inline(li, dropped) for li in block.find_all("li")]
            lines.append(Line("list", "\n".join(f"{marker} {text.markdown}" for text in items if text.markdown),
                              " ".join(text.plain for text in items), [n for text in items for n in text.notes]))
            continue
        if block.name == "table":
            for cell in block.find_all(["td", "th"]):
                text = cleaning.clean_line(cell.get_text(" "))
                if text and text not in captions_done and not cell.find("img"):
                    lines.append(_inline(cell, dropped))
            continue
        plain = cleaning.clean_line(block.get_text(" "))
        if not plain or plain in captions_done:
            continue
        line = _inline(block, dropped)
        if block.name.startswith("h"):
            line.markdown = f"### {line.markdown}"
        lines.append(line)
    # Date line, noise, tail, byline: the same rules as the text exports.
    kept: list[Line] = []
    for line in lines:
        kind, plain = line.kind, cleaning.clean_line(re.sub(r"[*\\]", "", line.markdown))
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
        kept.append(line)
    if item.date is None:
        stamp = page.find("meta", attrs={"property": "article:published_time"}) or page.find("time")
        value = (stamp.get("content") or stamp.get("datetime") or "") if stamp else ""
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?", value)
        if match:
            y, m, d, hh, mm = match.groups()
            item.date = cleaning.parse_date(f"Ngày {d}/{m}/{y} {hh or '00'}:{mm or '00'}")
    texts = [line.markdown for line in kept]
    texts, had_copy = cleaning.drop_second_copy(texts, escape(item.title))
    if had_copy:
        item.dropped.append("(bản sao thứ hai của bài)")
        kept = kept[: len(texts)]
    for index in range(len(kept) - 1, max(-1, len(kept) - 4), -1):
        name = cleaning.byline(cleaning.clean_line(re.sub(r"[*\\]", "", kept[index].markdown)))
        if name:
            item.author = cleaning.byline(cleaning.clean_line(kept[index].plain)) or name
            del kept[index]
            break
    item.blocks = [line.markdown for line in kept]
    item.lead = next((cleaning.clean_line(line.plain) for line in kept if line.kind == "text"), "")
    item.attention += [note for line in kept for note in line.notes]
    safe.plain_fields(item)  # title, byline, lead and captions as plain text: a tag in them is removed, and said
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


@dataclass
class Line:
    """One block of the article: its Markdown, its plain text, and what the
    editor is told about it if it is kept."""

    kind: str  # text, caption, list, table
    markdown: str
    plain: str = ""
    notes: list[str] = field(default_factory=list)


def _inline(element: Tag, dropped: safe.DroppedURLs) -> Line:
    """The Markdown of a block's inline content. Runs of text are escaped
    whole, so that no Markdown forms where two pieces meet; link targets are
    checked (an unsafe one drops the link and keeps its text, with a note)."""
    out, plain, notes, run = [], [], [], []

    def flush(before_link: bool = False) -> None:
        if run:
            text = escape("".join(run))
            if before_link and text.endswith("!"):
                text = text[:-1] + "\\!"  # "!" right before "[…](…)" would make the link an image
            out.append(text)
            run.clear()

    for node in element.descendants:
        if isinstance(node, NavigableString):
            parent = node.parent
            if parent.name in ("a",) or any(p.name == "a" for p in node.parents if p is not element):
                continue
            text = str(node).replace("\n", " ")
            if parent.name in ("strong", "b", "em", "i") and text.strip():
                flush()
                mark = "**" if parent.name in ("strong", "b") else "*"
                out.append(f"{mark}{escape(text.strip())}{mark} ")
                plain.append(f"{text.strip()} ")
            else:
                run.append(text)
                plain.append(text)
        elif node.name == "a":
            label = node.get_text(" ", strip=True)
            href = node.get("href", "")
            unsafe = dropped.original(href)
            url = safe.checked_url(href) if href and unsafe is None else None
            if unsafe is not None or (url is None and safe.url_scheme(href)):
                notes.append(safe.dropped_link_note(unsafe if unsafe is not None else href, label))
            if url and not safe.url_scheme(url):  # the old portal's own page or file: not here
                notes.append(safe.relative_link_note(url, label))
                url = None
            if url and label:
                flush(before_link=True)
                out.append(safe.link(label, url))
            else:
                run.append(label)
            plain.append(label)
        elif node.name == "br":
            flush()
            out.append("  \n")
            plain.append("  \n")
    flush()
    return Line("text", re.sub(r"[ \t]+", " ", "".join(out)).strip(), re.sub(r"[ \t]+", " ", "".join(plain)).strip(), notes)


def _table(block: Tag, dropped: safe.DroppedURLs) -> Line:
    """A table without photos, as HTML: its links checked like the others."""
    notes = []
    for anchor in block.find_all("a", href=True):
        unsafe = dropped.original(anchor["href"])
        url = safe.checked_url(anchor["href"]) if unsafe is None else None
        if unsafe is not None or url is None:
            if unsafe is not None or safe.url_scheme(anchor["href"]):
                notes.append(safe.dropped_link_note(unsafe if unsafe is not None else anchor["href"], anchor.get_text(" ", strip=True)))
            del anchor["href"]
        elif not safe.url_scheme(url):  # the old portal's own page or file: not here
            notes.append(safe.relative_link_note(url, anchor.get_text(" ", strip=True)))
            del anchor["href"]
    html = nh3.clean(str(block), tags=TABLE_TAGS, attributes={"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}, "a": {"href"}},
                     url_schemes=set(safe.ALLOWED_SCHEMES))
    return Line("table", html, cleaning.clean_line(block.get_text(" ")), notes)


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
