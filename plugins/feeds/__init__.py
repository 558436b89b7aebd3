"""Atom and RSS feeds that read well outside the site.

Pelican writes the feeds (settings in publishconf.py: the whole site and one
per category, Atom and RSS). This plugin owns what goes into each entry, at
Pelican's ``feed_generated`` signal:
- the summary is the article's plain-text lead plus its cover photo;
- the cover (1200 px) is also attached as an enclosure, for readers that
  show a picture;
- the full content (Atom) has every address made absolute: album and figure
  URLs are relative to the article's page, which means nothing in a reader.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from feedgenerator import Enclosure
from pelican import signals

_URL_ATTR = re.compile(r'(\s(?:src|href|poster)=")([^"]*)(")')
_SRCSET_ATTR = re.compile(r'(\s(?:srcset|data-srcset)=")([^"]*)(")')


def absolutize(markup: str, base: str) -> str:
    """Every relative URL in *markup* resolved against *base* (the page's
    absolute address)."""

    def one(match):
        value = match.group(2)
        if value.startswith(("#", "mailto:", "tel:", "data:")):
            return match.group(0)
        return match.group(1) + urljoin(base, value) + match.group(3)

    def many(match):
        parts = []
        for candidate in match.group(2).split(","):
            bits = candidate.strip().split(" ", 1)
            bits[0] = urljoin(base, bits[0])
            parts.append(" ".join(bits))
        return match.group(1) + ", ".join(parts) + match.group(3)

    return _SRCSET_ATTR.sub(many, _URL_ATTR.sub(one, markup))


def enrich(context, feed) -> None:
    site = (context.get("SITEURL") or "").rstrip("/") + "/"
    by_link = {urljoin(site, a.url): a for a in context.get("articles", [])}
    documents = {urljoin(site, d.url): d for d in context.get("documents", [])}  # plugin documents
    for item in feed.items:
        article = by_link.get(item["link"].split("?")[0])
        document = documents.get(item["link"].split("?")[0])
        if document is not None:
            f = document.fields
            item["description"] = html.escape(f"{f.type.name} số {f.number} của {f.issuer.name}, ban hành ngày "
                                              f"{f.issued:%d/%m/%Y}: {document.title}")
            item["categories"] = [f.type.name]
            item["author_name"] = f.issuer.name
        if article is None:
            continue
        cover = getattr(article, "cover", None)
        summary = f"<p>{html.escape(article.lead)}</p>"
        if cover is not None:
            image = urljoin(site, cover.share)
            summary = f'<p><img src="{html.escape(image)}" alt="{html.escape(cover.alt)}" width="1200"></p>' + summary
            item["enclosures"] = [Enclosure(image, "0", "image/jpeg")]
        item["description"] = summary
        if item.get("content"):
            item["content"] = absolutize(item["content"], item["link"])


def register() -> None:
    signals.feed_generated.connect(enrich)
