"""The one policy for HTML that editors write, applied where HTML is made.

``clean(html)`` keeps what ward articles need (headings, paragraphs, lists,
tables with their alignment, links with safe schemes, photos from the site,
emphasis, figures, footnotes, embeds from ``EMBED_HOSTS`` only) and drops
the rest with nh3; it also says what it dropped (``Refusal``), found by
reading the same HTML against the same tables, so that the editor is told.
``script`` refusals (anything that can run script, load another page into
this one, restyle or overlay the page, or post a form) are errors; the rest
(Word's ``style``/``class`` attributes, ``<font>``…) are warnings.
"""

from __future__ import annotations

import functools
import html as html_module
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp", "var",
    "strong", "b", "em", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "small", "abbr", "cite", "q", "dfn",
    "time", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "colgroup", "col", "a", "img", "figure", "figcaption", "div", "span", "details", "summary", "wbr",
})
ATTRIBUTES = {
    "*": {"title", "lang", "id", "class"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "iframe": {"src", "title", "width", "height", "allowfullscreen", "loading"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Python-Markdown's own output: footnotes and table alignment (made classes
# below, as the Content-Security-Policy allows no inline style).
CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"},
           "td": {"align-left", "align-center", "align-right"}, "th": {"align-left", "align-center", "align-right"}}
FOOTNOTE_ID = re.compile(r"fn(?:ref)?(?::[\w-]+)+\Z")
# Dropped with everything inside them.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "xmp", "noembed", "noframes", "svg",
                                  "math", "textarea", "select", "title"})
# Refused as errors: they run script, load other pages into this one, take
# over the page's look or its address, or send what a reader types elsewhere.
SCRIPT_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style", "form",
    "input", "button", "textarea", "select", "svg", "math", "template", "portal", "audio", "video", "source",
    "track", "noscript", "xmp", "noembed", "noframes", "title", "html", "head", "body", "dialog", "slot",
})
SCRIPT_ATTRIBUTES = frozenset({"srcdoc", "formaction", "action", "style", "xlink:href", "xmlns", "is", "popover",
                               "autofocus", "contenteditable"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob", "filesystem"})
_SCRIPT_LIKE = re.compile(r"<\s*/?\s*(?:script|iframe|object|embed|svg|math|style|form|base|meta|link)\b|"
                          r"\bon[a-z]+\s*=|\b(?:java|vb)script\s*:", re.I)
_ALIGN = re.compile(r'<(t[hd])(\b[^>]*?) style="text-align: (left|center|right);"')
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# A file on the editor's own computer: C:\…, \\server\…, file:…, ~/…, /Users/…
_LOCAL = re.compile(r"^(?:[a-z]:[\\/]|\\\\|file:|~[\\/]|/(?:users|home|mnt|media|volumes|private|tmp|var)/)", re.I)
_SOURCELESS_IMG = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


@dataclass(frozen=True)
class Refusal:
    """Something :func:`clean` removed: *what* as the editor would write
    it, *needle* to find its line in the source, *script* when it is an error."""

    what: str
    needle: str
    script: bool
    count: int = 1
    local: bool = False  # a file on the editor's computer: an error, with its own advice


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in *value* (it ignores spaces and
    control characters), lower case, or None for a relative address."""
    match = _SCHEME.match(_INVISIBLE.sub("", value))
    return match.group(1).lower() if match else None


def local_path(value: str) -> bool:
    """*value* names a file on the editor's own computer, which no reader can open."""
    return bool(_LOCAL.match(value.strip()))


def _allowed_url(tag: str, attribute: str, value: str, embed_hosts: frozenset[str]) -> bool:
    if local_path(value):
        return False
    scheme = url_scheme(value)
    if tag == "iframe":
        parts = urlsplit(value.strip())
        return parts.scheme == "https" and (parts.hostname or "") in embed_hosts
    if tag == "img" and attribute == "src":
        # Photos come from the site (the galleries plugin resolves them);
        # another host's image tracks readers and breaks offline copies.
        return scheme is None and not value.strip().replace("\\", "/").startswith("//")
    return scheme is None or scheme in URL_SCHEMES


def _allowed(tag: str, attribute: str, value: str, embed_hosts: frozenset[str]) -> bool:
    if attribute == "id":
        return bool(FOOTNOTE_ID.match(value))
    if attribute == "class":
        return all(name in CLASSES.get(tag, ()) for name in value.split())
    if attribute in URL_ATTRIBUTES:
        return _allowed_url(tag, attribute, value, embed_hosts)
    return True


@functools.cache
def _cleaner(embed_hosts: frozenset[str]) -> nh3.Cleaner:
    tags = set(TAGS) | ({"iframe"} if embed_hosts else set())
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items() if tag in tags or tag == "*"}

    def keep(tag: str, attribute: str, value: str) -> str | None:
        return value if _allowed(tag, attribute, value, embed_hosts) else None

    return nh3.Cleaner(
        tags=tags, attributes=attributes, attribute_filter=keep, url_schemes=set(URL_SCHEMES), link_rel=None,
        strip_comments=True, clean_content_tags=set(DROPPED_WITH_CONTENT - tags) | ({"iframe"} if not embed_hosts else set()),
    )


def clean(markup: str, embed_hosts: frozenset[str] | tuple = ()) -> tuple[str, list[Refusal]]:
    """*markup* as it may be published, and what was taken out of it."""
    hosts = frozenset(embed_hosts)
    markup = _ALIGN.sub(lambda m: f'<{m[1]}{m[2]} class="align-{m[3]}"', markup)
    cleaned = _cleaner(hosts).clean(markup)
    if cleaned == markup:
        return cleaned, []
    # An image whose address was refused is no image: left in, it would be
    # an empty box (and the galleries would look for a photo named "").
    cleaned = _SOURCELESS_IMG.sub("", cleaned)
    found = refusals(markup, hosts)
    if not any(r.script for r in found):
        # A second opinion: Python's parser and the browser's (nh3's) can
        # read odd markup differently (``<!--><img onerror=…>``). Whatever
        # looks like script and was taken out is an error, named as written.
        kept = cleaned.lower()
        for match in _SCRIPT_LIKE.finditer(markup):
            if match.group(0).lower() not in kept:
                found.append(Refusal(match.group(0), match.group(0), True))
                break
    return cleaned, found


def refusals(markup: str, embed_hosts: frozenset[str] = frozenset()) -> list[Refusal]:
    """What :func:`clean` takes out of *markup*, each kind once with a count."""
    finder = _Finder(embed_hosts)
    finder.feed(markup)
    finder.close()
    return [Refusal(what, needle, script, count, local) for (what, needle, script, local), count in finder.found.items()]


class _Finder(HTMLParser):
    def __init__(self, embed_hosts: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.embed_hosts = embed_hosts
        self.tags = TAGS | ({"iframe"} if embed_hosts else set())
        self.found: dict[tuple[str, str, bool, bool], int] = {}

    def _add(self, what: str, needle: str, script: bool, local: bool = False) -> None:
        key = (what, needle, script, local)
        self.found[key] = self.found.get(key, 0) + 1

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.tags:
            self._add(f"<{tag}>", f"<{tag}", tag in SCRIPT_TAGS or ":" in tag)
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in SCRIPT_ATTRIBUTES:
                shown = f'{name}="…"' if name != "style" else "style"
                self._add(f"<{tag} {shown}>", name, name != "style" or _styles_page(value))
            elif name not in allowed:
                self._add(f"<{tag} {name}>", name, False)
            elif not _allowed(tag, name, value, self.embed_hosts):
                scheme = url_scheme(value) if name in URL_ATTRIBUTES else None
                if name in URL_ATTRIBUTES and local_path(value):
                    self._add(value.strip()[:80], value.strip()[:40], False, True)
                elif tag == "iframe":
                    self._add(f"<iframe src=\"{value.strip()[:60]}\">", value.strip()[:40] or "<iframe", True)
                elif scheme in SCRIPT_SCHEMES:
                    self._add(f"{scheme}:", f"{scheme}:", True)
                elif name in URL_ATTRIBUTES:
                    self._add(f"<{tag} {name}=\"{value.strip()[:60]}\">", value.strip()[:40] or name, False)
                else:
                    self._add(f"<{tag} {name}=\"{value[:40]}\">", f"{name}=", False)

    handle_startendtag = handle_starttag


def _styles_page(value: str) -> bool:
    """A style attribute that can cover or move the page (not just colour a word)."""
    return bool(re.search(r"position|z-index|url\(|expression|behaviou?r|-moz-binding|@import", value, re.I))


def plain_text(markup: str) -> str:
    """The text of *markup*, as a reader sees it: tags gone, entities read.
    The result is text: whoever shows it escapes it again."""
    return html_module.unescape(_TAG.sub("", markup))


_TAG = re.compile(r"<[^>]*>")
