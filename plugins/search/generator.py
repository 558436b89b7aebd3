"""Collect the published articles and pages and write the search index."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from pelican.generators import Generator
from vietnamese import short_date

from .index import Document, build, plain_text

KEEP_CACHED_INDEXES = 3


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

    def _cache_key(self, documents: list[Document], snippet_chars: int) -> str:
        """The index is a pure function of the documents, the settings and
        this plugin's code: equal inputs, equal files."""
        digest = hashlib.sha256(json.dumps([snippet_chars, [d.__dict__ for d in documents]], ensure_ascii=False).encode())
        for source in sorted(Path(__file__).parent.glob("*.py")):
            digest.update(source.read_bytes())
        return digest.hexdigest()[:20]

    def generate_output(self, writer):
        folder = Path(self.output_path) / self.settings.get("SEARCH_OUTPUT", "search")
        folder.mkdir(parents=True, exist_ok=True)
        documents = self.documents()
        snippet_chars = self.settings.get("SEARCH_SNIPPET_CHARS", 200)
        cache_root = Path(self.settings.get("SEARCH_CACHE_PATH") or Path(self.settings["CACHE_PATH"]) / "search")
        cached = cache_root / self._cache_key(documents, snippet_chars)
        if cached.is_dir() and (cached / "manifest.js").is_file():
            for path in sorted(cached.iterdir()):
                shutil.copyfile(path, folder / path.name)
            cached.touch()  # recently used
            return
        files = build(documents, snippet_chars=snippet_chars)
        for name, text in sorted(files.items()):
            (folder / name).write_text(text, encoding="utf-8")
        self._store(folder, cached, cache_root)

    @staticmethod
    def _store(folder: Path, cached: Path, cache_root: Path) -> None:
        partial = cached.with_name(cached.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(folder, partial)
        shutil.rmtree(cached, ignore_errors=True)
        partial.rename(cached)
        entries = sorted((p for p in cache_root.iterdir() if p.is_dir() and not p.name.endswith(".partial")), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP_CACHED_INDEXES]:
            shutil.rmtree(old, ignore_errors=True)
