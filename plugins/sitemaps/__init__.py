"""The XML sitemap, robots.txt and the 404 page's needs.

Owns ``sitemap.xml`` (sitemaps.org schema: every published article and page,
the home page, category, tag, yearly archive and album listings, each with
``lastmod``) and ``robots.txt`` pointing at it. Both need absolute addresses,
so they are written only when ``PUBLIC_URL`` is known (always in a published
build). The HTML site map "Sơ đồ cổng" is the ``sitemap`` template; the 404
page is the ``404`` template.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from pelican import signals
from pelican.generators import Generator


class SitemapGenerator(Generator):
    def generate_context(self):
        pass

    def entries(self) -> list[tuple[str, str]]:
        context = self.context
        articles = context.get("articles", [])
        newest = max((a.date for a in articles), default=None)

        def stamp(items) -> str:
            dates = [getattr(a, "modified", None) or a.date for a in items]
            return max(dates).isoformat() if dates else (newest.isoformat() if newest else "")

        rows = [("index.html", stamp(articles[:1]))]
        rows += [(a.url, (getattr(a, "modified", None) or a.date).isoformat()) for a in articles]
        rows += [(p.url, "") for p in context.get("pages", [])]
        rows += [(c.url, stamp(items)) for c, items in context.get("categories", [])]
        rows += [(t.url, stamp(items)) for t, items in context.get("tags", [])]
        for period in context.get("period_archives", {}).get("year", []):
            rows.append((period["url"], stamp(period["articles"])))
        documents = context.get("documents") or []  # plugin documents: the register, its filters, each document
        if documents:
            newest_document = max(d.fields.issued for d in documents).isoformat()
            rows.append(("van-ban/index.html", newest_document))
            for _label, entries in context.get("document_filters", {}).values():
                rows += [(save_as, max(d.fields.issued for d in items).isoformat()) for _n, _s, save_as, items in entries]
            rows += [(d.url, d.fields.issued.isoformat()) for d in documents]
        albums = context.get("albums") or []
        if albums and self.settings.get("ALBUMS_URL"):
            rows.append((self.settings["ALBUMS_URL"], stamp(albums)))
        for key in ("SITEMAP_URL", "CATEGORIES_URL", "TAGS_URL", "ARCHIVES_URL"):
            if self.settings.get(key):
                rows.append((self.settings[key], ""))
        seen, unique = set(), []
        for url, lastmod in rows:
            if url and url not in seen:
                seen.add(url)
                unique.append((url, lastmod))
        return unique

    def generate_output(self, writer):
        public = self.settings.get("PUBLIC_URL")
        if not public:
            return
        out = Path(self.output_path)
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for url, lastmod in self.entries():
            loc = f"{public}/" if url == "index.html" else f"{public}/{url}"
            lines.append(f"  <url><loc>{escape(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
        lines.append("</urlset>")
        (out / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (out / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {public}/sitemap.xml\n", encoding="utf-8")


def get_generators(_pelican):
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
