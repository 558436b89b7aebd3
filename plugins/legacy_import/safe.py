"""What the importer writes is safe on its own, before the build's own
sanitiser (``safety.html``) ever sees it.

- Body text is Markdown that shows exactly the text (``markdown_text``):
  no HTML, no link, reference, footnote or attribute list (``{: …}``) by
  accident, and entities stay the characters they were decoded into.
- Link targets are checked (``checked_url``: http, https, mailto, tel or
  relative, anything else is dropped and reported; a relative one leads to
  the old portal, so the body keeps only its text, and that is reported) and written so that no
  character ends the Markdown link (``markdown_url``); link text has its
  brackets escaped (``link_text``).
- Header fields and photo captions are plain text (``plain_text``): tags
  removed (the item is told), one line, no control characters.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from html import unescape

import nh3

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# -- Text as Markdown -------------------------------------------------------
# What Python-Markdown keeps as an entity (numeric ones even without ";").
_ENTITY = re.compile(r"&(?=#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z0-9]+;)")
_OPEN = re.compile(r"\[(\[)?")
_CLOSE = re.compile(r"\](?![\]]|$)")


def markdown_text(line: str, *, brackets: bool = False) -> str:
    """Text as Markdown that shows exactly that text: no HTML, no heading,
    quote or emphasis by accident, no link, reference definition, footnote
    or attribute list; numbered and dashed lists stay lists.

    ``[[`` keeps its old form ``[\\[``, and a ``]`` before another or at
    the end stays bare: a link needs an unescaped ``]`` right before ``(``,
    a reference one before ``[``, a blank or ``:``, and every such ``]`` is
    escaped. Markdown written right after the text never starts with ``(``.
    With *brackets* (link text) no bracket is left bare. A leading "=" is
    written "&#61;": it cannot underline a heading, and shows as itself
    ("\\=" showed its backslash: "=" is not a Markdown escape)."""
    line = line.replace("\\", "\\\\")
    line = _ENTITY.sub("&amp;", line).replace("<", "&lt;")
    if brackets:  # "]:" as an entity: the block parser finds "[…]:" definitions before any escape is read
        line = re.sub(r"\](?=:)", "&#93;", line.replace("[", "\\[")).replace("]", "\\]")
    else:
        line = _OPEN.sub(lambda m: "[\\[" if m[1] else "\\[", line)
        line = _CLOSE.sub(r"\\]", line)
    line = line.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`").replace("{", "\\{")
    if line.startswith(("#", ">")) and not brackets:  # link text follows its "["
        line = "\\" + line
    elif line.startswith("=") and not brackets:
        line = "&#61;" + line[1:]
    return line


def link_text(text: str) -> str:
    """The text of a Markdown link: no bracket left that could end it, or
    make the link a reference definition ("[x]: …")."""
    return markdown_text(text, brackets=True)


# -- URLs -------------------------------------------------------------------
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_EDGE = "".join(chr(c) for c in range(0x21))  # C0 controls and space, stripped by browsers


def url_scheme(url: str) -> str:
    """The scheme of *url* as a browser reads it ("" when relative)."""
    match = _SCHEME.match(re.sub(r"[\t\n\r]", "", url.strip(_EDGE)))
    return match.group(1).lower() if match else ""


def checked_url(url: str) -> str | None:
    """*url* as a browser reads it (no surrounding blanks, no tab or line
    break inside) when it is http, https, mailto, tel or relative; else None."""
    url = re.sub(r"[\t\n\r]", "", url.strip(_EDGE))
    if not url:
        return None
    scheme = url_scheme(url)
    return url if not scheme or scheme in ALLOWED_SCHEMES else None


def _percent(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def _needs_percent(char: str) -> bool:
    return char in "()<>`{}|\"'" or char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def markdown_url(url: str) -> str:
    """*url* as the target of a Markdown link that nothing can end early:
    parentheses, angle brackets, blanks, both quotes, backticks, braces (Pelican's
    ``{filename}`` links), bars and control characters percent-encoded (the
    same address for a browser), backslashes escaped, text that looks like
    an entity kept as that text."""
    out = "".join(_percent(c) if _needs_percent(c) else c for c in url)
    return _ENTITY.sub("&amp;", out.replace("\\", "\\\\"))


def link(label: str, url: str) -> str:
    return f"[{link_text(label)}]({markdown_url(url)})"


# Unsafe addresses are found before nh3 sanitises the page (nh3 drops them
# silently) and replaced by a marker, so that the item can say which link or
# photo was dropped; a link or photo nh3 drops unseen is still dropped.
_TAG = re.compile(r"""<(a|img)(?=[\s/>])((?:"[^"]*"|'[^']*'|[^"'>])*)>""", re.I)
_ATTRIBUTE = re.compile(r"""(?<=[\s"'/])(href|src)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


class DroppedURLs:
    """Unsafe ``href``/``src`` values of a page, each replaced by a marker."""

    def __init__(self) -> None:
        self.prefix = f"#legacy-import-dropped-{secrets.token_hex(6)}-"
        self.urls: list[str] = []

    def mark(self, markup: str) -> str:
        def attribute(match: re.Match) -> str:
            value = next(v for v in match.group(3, 4, 5) if v is not None)
            url = unescape(value)
            if checked_url(url) is not None or not url.strip(_EDGE):
                return match[0]
            self.urls.append(url)
            return f'{match[1]}="{self.prefix}{len(self.urls) - 1}"'

        return _TAG.sub(lambda m: f"<{m[1]}{_ATTRIBUTE.sub(attribute, m[2])}>", markup)

    def original(self, value: str) -> str | None:
        """The unsafe address a marker stands for, or None."""
        if not value.startswith(self.prefix):
            return None
        index = value[len(self.prefix):]
        return self.urls[int(index)] if index.isdigit() and int(index) < len(self.urls) else ""


def shown_url(url: str, size: int = 80) -> str:
    """An address as the report shows it: one line, shortened."""
    url = re.sub(r"\s+", " ", "".join(c if unicodedata.category(c) != "Cc" else " " for c in url)).strip()
    return url if len(url) <= size else url[: size - 1] + "…"


def dropped_link_note(url: str, label: str) -> str:
    scheme = url_scheme(url) or "?"
    kept = f"chỉ giữ chữ \"{shown_url(label)}\"" if label else "liên kết không có chữ"
    return (f"bỏ liên kết {shown_url(url)} (địa chỉ {scheme}: không được nhận; chỉ nhận http, https, mailto, tel hoặc "
            f"đường dẫn tương đối): {kept}")


def relative_link_note(url: str, label: str) -> str:
    kept = f"chỉ giữ chữ \"{shown_url(label)}\"" if label else "liên kết không có chữ"
    return (f"bỏ liên kết {shown_url(url)} (đường dẫn tương đối tới trang hay tệp của cổng cũ, không được chép sang; "
            f"tệp cần tải về: chép vào tep/ rồi viết {{static}}/tep/…): {kept}")


def dropped_image_note(url: str) -> str:
    scheme = url_scheme(url) or "?"
    return f"bỏ ảnh có địa chỉ {shown_url(url)} (địa chỉ {scheme}: không được nhận, chỉ nhận ảnh đã lưu cạnh trang)"


# -- Plain text -------------------------------------------------------------
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_CONTENT_DROPPED = {"script", "style", "iframe", "noscript", "object", "embed", "template", "noembed", "noframes", "xmp",
                    "textarea", "title", "plaintext", "select", "svg", "math"}


def one_line(text: str) -> str:
    """*text* on one line: control characters gone, blanks (line breaks
    of every kind too) one space."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c.isspace())
    return re.sub(r"\s+", " ", text).strip()


def _strip_tags(text: str) -> str:
    # nh3 reads the text as a browser would (a tag left open at the end is
    # still a tag); "&" is escaped first so that entities stay text.
    return unescape(nh3.clean(text.replace("&", "&amp;"), tags=set(), clean_content_tags=_CONTENT_DROPPED))


def plain_text(text: str) -> tuple[str, bool]:
    """*text* as plain text on one line, and whether markup was removed
    from it. Entities are not decoded again: "&lt;" stays those characters."""
    text = one_line(text)
    if not _TAG_START.search(text):
        return text, False
    stripped = text
    for _ in range(8):  # "<</b>img …>" is a tag once "</b>" is gone
        again = one_line(_strip_tags(stripped))
        if again == stripped:
            break
        stripped = again
    stripped = one_line(_TAG_START.sub("", stripped))
    return stripped, stripped != text


def markup_note(field: str, before: str, after: str) -> str:
    return f"{field} có mã HTML, đã bỏ mã và chỉ giữ chữ: \"{after}\" (gốc: \"{shown_url(before)}\"): cần kiểm tra lại"


def plain_fields(item) -> None:
    """Title, author, lead and photo captions of *item* as plain text; an
    attention line for each one that held markup."""
    for name, field in (("title", "tiêu đề"), ("author", "tên tác giả"), ("lead", "đoạn đầu (dùng làm tóm tắt)")):
        value = getattr(item, name)
        text, removed = plain_text(value)
        if removed:
            item.attention.append(markup_note(field, value, text))
        setattr(item, name, text)
    for photo in item.photos:
        text, removed = plain_text(photo.caption)
        if removed:
            item.attention.append(markup_note(f"chú thích ảnh {photo.source.name}", photo.caption, text))
        photo.caption = text
