"""Collect the published articles and pages and write the search index."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path

from atomic_output import write_bytes
from content_model import cache_root
from editor_errors import say
from incremental.parallel import run_shares
from pelican.generators import Generator
from safety import UnusablePickle, load_pickle
from vietnamese import short_date

from .encoding import POSITIONS
from .index import Document, IndexState, render, update


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


class SearchGenerator(Generator):
    """Writes the index once every generator has read its content
    (``write_index``, at ``all_generators_finalized``: the articles' HTML is
    final, galleries included) and before any page is written, so that the
    index's memory is let go before the page writing takes its own. What
    Pelican changes after that signal (``refresh_metadata_intersite_links``:
    links in ``FORMATTED_FIELDS``, the summary here) is nothing the index
    reads: URL, title, date, category and the body's HTML."""

    def generate_context(self):
        pass  # everything is read in write_index, after all plugins ran

    def generate_output(self, writer):
        pass  # written already, by write_index

    def documents(self) -> tuple[list[Document], int]:
        """The pages, then the articles and the register's documents (plugin
        documents) from the oldest to the newest (the order of the index's
        ids: the newest first among equals), and how many pages lead."""
        docs = [Document(page.url, page.title, "", "Trang", page._content or "") for page in self.context.get("pages", [])]
        pages = len(docs)
        dated = [(a.date, a.source_path, a) for a in self.context.get("articles", [])]
        dated += [(d.fields.issued, d.source_path, d) for d in self.context.get("documents", [])]
        for when, _source, item in sorted(dated, key=lambda entry: entry[:2]):
            fields = getattr(item, "fields", None)
            if fields is None:
                section = item.category.name if getattr(item, "category", None) else ""
                docs.append(Document(item.url, item.title, short_date(when), section, item._content or ""))
            else:  # a document: found by its number, issuer and signer too
                text = " ".join(filter(None, (fields.number, fields.issuer.name, fields.signer,
                                              fields.field.name if fields.field else "", item._content or "")))
                docs.append(Document(item.url, f"{fields.type.name} {fields.number}: {item.title}", short_date(when),
                                     "Văn bản", text))
        return docs, pages

    def _state_path(self) -> Path:
        """The last build's posting lists for this content folder (sites
        built side by side each keep their own). Any state is a correct
        starting point (``update`` compares every document): a wrong one
        only costs time."""
        folder = hashlib.sha256(str(Path(self.settings["PATH"]).resolve()).encode()).hexdigest()[:16]
        return cache_root(self.settings) / "search" / f"{folder}.pickle"

    def _load(self, path: Path) -> IndexState | None:
        try:
            with path.open("rb") as handle:
                code, state = load_pickle(handle)  # data only: a restored cache cannot run code
        except FileNotFoundError:
            return None
        except (UnusablePickle, OSError) as error:  # damaged, or not ours: only costs time
            print(say(f"Bộ nhớ đệm tìm kiếm không dùng được ({error}), làm lại chỉ mục.",
                      f"Search cache not usable ({error}), the index is made again."), file=sys.stderr)
            return None
        return state if code == _code_digest() and isinstance(state, IndexState) else None  # made by other code: unusable

    @staticmethod
    def _save(path: Path, state: IndexState) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        with partial.open("wb") as handle:
            pickle.dump((_code_digest(), state), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)

    def write_index(self) -> None:
        folder = Path(self.output_path) / self.settings.get("SEARCH_OUTPUT", "search")
        folder.mkdir(parents=True, exist_ok=True)
        documents, pages = self.documents()
        path = self._state_path()
        previous = self._load(path)
        # Built from nothing, the index is made on every core, in runs of whole blocks.
        processes = int(self.settings.get("RENDER_PROCESSES") or os.cpu_count() or 1)
        state = update(previous, documents, POSITIONS, snippet_chars=self.settings.get("SEARCH_SNIPPET_CHARS", 200),
                       parts=processes, run_parts=functools.partial(run_shares, what="Lỗi khi lập chỉ mục tìm kiếm"))
        changed, previous = state is not previous, None  # what update replaced is let go before rendering
        for name, text in render(state, documents, pages=pages):
            write_bytes(folder / name, text.encode("utf-8"))  # an unchanged shard is linked, not written
        if changed:
            self._save(path, state)
