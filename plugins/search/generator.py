"""Collect the published articles and pages and write the search index."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from vietnamese import short_date

from .index import Document, build, plain_text

class SearchGenerator(Generator):
    def generate_context(self):
        pass  # everything is read in generate_output, after all plugins ran

    def documents(self) -> list[Document]:
        articles = sorted(self.context.get("articles", []), key=lambda a: (a.date, a.source_path), reverse=True)
        docs = [
            Document(a.url, a.title, short_date(a.date), a.category.name if getattr(a, "category", None) else "", plain_text(a._content or ""))
            for a in articles
        ]
        for page in self.context.get("pages", []):
            docs.append(Document(page.url, page.title, "", "Trang", plain_text(page._content or "")))
        return docs

    def generate_output(self, writer):
        folder = Path(self.output_path) / self.settings.get("SEARCH_OUTPUT", "search")
        folder.mkdir(parents=True, exist_ok=True)
        files = build(
            self.documents(),
            snippet_chars=self.settings.get("SEARCH_SNIPPET_CHARS", 200),
        )
        for name, text in sorted(files.items()):
            (folder / name).write_text(text, encoding="utf-8")

