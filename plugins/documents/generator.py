"""Reading ``van-ban/`` into documents, and writing the register, its filter
pages, one page per document and the attached files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from atomic_output import cache_root, link_file, previous_output, write_bytes
from content_model import after_read, now
from editor_errors import report
from blinker import signal
from pelican.contents import Content
from pelican.generators import Generator
from vietnamese import sort_key

from .model import FOLDER, Fields, number_key, register_problems, status_of

# Sent by Pelican's reader with each document's metadata, before a file with
# errors becomes a stub without any (as article_generator_context is for articles).
document_read = signal("documents.read")


class Document(Content):
    """A document of the register. Its URL and file come from the settings
    ``DOCUMENT_URL``/``DOCUMENT_SAVE_AS`` (``{issued:%Y}``, ``{slug}``: the
    number as ASCII)."""

    mandatory_properties = ("title",)
    allowed_statuses = ("published", "hidden", "draft")
    default_status = "published"
    default_template = "document"

    fields: Fields
    status_key = ""
    status_text = ""
    replaced_by = None
    replacing = None

    number = ""  # as the header has it, spaces tidied (set from ``fields``)


def pdf_pages(path: str, memo: dict, fresh: dict) -> int | None:
    """The page count of a PDF (pypdf), remembered by the file's stat so
    that a register of thousands is not read again on every build."""
    stat = os.stat(path)
    key = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    known = memo.get(path)
    if known and known[:3] == key:
        fresh[path] = known
        return known[3]
    try:
        from pypdf import PdfReader

        pages = len(PdfReader(path).pages)
    except Exception:  # a damaged or encrypted PDF: published, without a page count
        pages = None
    fresh[path] = [*key, pages]
    return pages


class DocumentGenerator(Generator):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("readers_cache_name", "DocumentsGenerator-Readers")
        super().__init__(*args, **kwargs)
        self.documents: list[Document] = []
        self.drafts: list[Document] = []
        self.hidden: list[Document] = []

    # -- reading -------------------------------------------------------------
    def _read(self) -> list[Document]:
        settings = self.settings
        ward = settings.get("WARD")
        items = []
        for relative in sorted(self.get_files(settings.get("DOCUMENT_PATHS", [FOLDER]), extensions=("md",))):
            if os.path.isfile(os.path.join(self.path, os.path.dirname(relative) + ".md")):
                continue  # a note inside a document's folder of files: one of its files, not a document
            seen: list[dict] = []
            receiver = lambda _sender, metadata: seen.append(metadata)  # noqa: E731
            document_read.connect(receiver)
            try:
                document = self.readers.read_file(base_path=self.path, path=relative, content_class=Document,
                                                  context=self.context, context_signal=document_read,
                                                  context_sender=self)
            finally:
                document_read.disconnect(receiver)
            metadata = seen[0] if seen else {}
            report(*after_read(settings, metadata))
            if isinstance(document, Document) and metadata.get("status") != "skip" and ward is not None:
                items.append((document, metadata.get("source_file") or document.source_path, metadata,
                              document.status == "draft"))
        standing, problems = register_problems(items, ward.documents if ward else None,
                                               settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
        report(*problems)
        for document, fields in standing:
            document.fields = fields
            document.number = fields.number
            document.related = []
            document.slug = number_key(fields.number)
            document.metadata["issued"] = fields.issued  # DOCUMENT_URL: {issued:%Y}
            document.date = fields.issued
        return [document for document, _ in standing]

    def generate_context(self):
        documents = self._read()
        by_number = {number_key(d.number): d for d in documents}
        moment = now(self.settings)
        preview = self.settings.get("PREVIEW")
        for document in documents:
            target = by_number.get(number_key(document.fields.replaces)) if document.fields.replaces else None
            if target is not None and target is not document:
                document.replacing, target.replaced_by = target, document
        for document in documents:
            document.status_key, document.status_text = status_of(document.fields, document.replaced_by, moment)
            if document.status == "draft" and preview:
                document.status = "published"
                document.metadata["preview_state"] = "draft"
        self._attachments(documents)
        documents.sort(key=lambda d: (d.fields.issued, sort_key(d.number)), reverse=True)
        self.documents = [d for d in documents if d.status == "published"]
        self.hidden = [d for d in documents if d.status == "hidden"]
        self.drafts = [d for d in documents if d.status == "draft"]
        for document in self.documents + self.hidden:
            self.context.setdefault("generated_content", {})[document.get_relative_source_path()] = document
        self._relate()
        self.filters = self._filters()
        self.context["documents"] = self.documents
        self.context["latest_documents"] = self.documents[: self.settings.get("SIDEBAR_DOCUMENTS", 3)]
        self.context["document_filters"] = self.filters
        self.readers.save_cache()

    def _attachments(self, documents: list[Document]) -> None:
        memo_file = cache_root(self.settings) / "documents" / "pdf-pages.json"
        try:
            memo = json.loads(memo_file.read_text(encoding="utf-8"))
            memo = memo if isinstance(memo, dict) else {}
        except (OSError, ValueError):
            memo = {}
        fresh: dict = {}
        for document in documents:
            folder = document.save_as[: -len(".html")] if document.save_as.endswith(".html") else document.save_as
            for attachment in document.fields.files:
                attachment.url = f"{folder}/{attachment.name}"
                if attachment.kind == "PDF":
                    attachment.pages = pdf_pages(attachment.source, memo, fresh)
        if fresh != memo:  # a file read anew, or one gone
            memo_file.parent.mkdir(parents=True, exist_ok=True)
            memo_file.write_text(json.dumps(fresh), encoding="utf-8")

    def _relate(self) -> None:
        """Each document's articles: those that link to it with {filename}."""
        by_source = {os.path.realpath(d.source_path): d for d in self.documents}
        for document in self.documents:
            document.related = []
        for article in self.context.get("articles", []):
            here = os.path.dirname(article.source_path)
            for kind, target, _line in article.metadata.get("links", []):
                if kind != "filename":
                    continue
                path = os.path.join(self.path, target.lstrip("/")) if target.startswith("/") else os.path.join(here, target)
                document = by_source.get(os.path.realpath(path))
                if document is not None and article not in document.related:
                    document.related.append(article)

    def _filters(self) -> dict:
        """The register's filter pages: by type, issuer, year and field, each
        (label, [(name, slug, save_as, documents)]) in the ward's order."""
        lists = self.settings["WARD"].documents
        pages = {}
        for key, label, choices, of in (
            ("loai", "Loại văn bản", lists.types, lambda d: d.fields.type),
            ("co-quan", "Cơ quan ban hành", lists.issuers, lambda d: d.fields.issuer),
            ("linh-vuc", "Lĩnh vực", lists.fields, lambda d: d.fields.field),
        ):
            entries = []
            for choice in choices:
                matching = [d for d in self.documents if of(d) == choice]
                if matching:
                    entries.append((choice.name, choice.slug, f"{FOLDER}/{key}/{choice.slug}.html", matching))
            pages[key] = (label, entries)
        years = sorted({d.fields.issued.year for d in self.documents}, reverse=True)
        pages["nam"] = ("Năm ban hành", [(str(y), str(y), f"{FOLDER}/nam/{y}.html",
                                          [d for d in self.documents if d.fields.issued.year == y]) for y in years])
        return pages

    # -- writing -------------------------------------------------------------
    def generate_output(self, writer):
        self._copy_files()
        if not self.documents and not self.hidden:
            return
        self._write_data()
        relative = self.settings["RELATIVE_URLS"]
        listing = self.get_template("documents")
        register = f"{FOLDER}/index.html"
        writer.write_file(register, listing, self.context, relative_urls=relative,
                          paginated={"documents": self.documents}, template_name="documents", url=register,
                          document_filter=None)
        for key, (label, entries) in self.filters.items():
            for name, _slug, save_as, documents in entries:
                writer.write_file(save_as, listing, self.context, relative_urls=relative,
                                  paginated={"documents": documents}, template_name="documents", url=save_as,
                                  document_filter=(label, name))
        feed = self.settings.get("DOCUMENT_FEED_ATOM")
        if feed and self.documents:
            writer.write_feed(self.documents[: self.settings.get("FEED_MAX_ITEMS") or 30], self.context, feed,
                              feed_title="Văn bản")  # Pelican puts the site name before it
        for document in self.documents + self.hidden:
            writer.write_file(document.save_as, self.get_template(document.template), self.context,
                              relative_urls=relative, document=document, page_name=document.url, url=document.url)

    def _write_data(self) -> None:
        """The register as data for the filter script (``documents.js``), which
        needs no fetch: ``du-lieu/index.js`` names the lists and the years,
        ``du-lieu/<year>.js`` holds that year's documents, loaded when a
        filter needs them, so no file grows with the whole register."""
        lists = self.settings["WARD"].documents
        index = {kind: [c.name for c in getattr(lists, kind)] for kind in ("types", "issuers", "fields")}
        years: dict[int, list] = {}
        for d in self.documents:
            f = d.fields
            row = [d.number, d.title, f.issued.strftime("%Y%m%d"), lists.types.index(f.type), lists.issuers.index(f.issuer),
                   lists.fields.index(f.field) if f.field else -1, d.url, d.status_key,
                   d.status_text if d.replaced_by is None else f"Đã được thay thế bởi {d.replaced_by.number}",
                   [[a.kind, a.url, a.name] for a in f.files]]
            years.setdefault(f.issued.year, []).append(row)
        index["years"] = sorted(years, reverse=True)
        folder = Path(self.output_path) / FOLDER / "du-lieu"
        folder.mkdir(parents=True, exist_ok=True)

        def call(name: str, *arguments) -> bytes:
            text = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in arguments)
            return f"WardRegister.{name}({text});\n".encode()

        write_bytes(folder / "index.js", call("setup", index))
        for year, rows in years.items():
            write_bytes(folder / f"{year}.js", call("add", year, rows))

    def _copy_files(self) -> None:
        """Each attached file beside its document's page: linked from the
        previous output when the same file is there, else copied (with its
        time, so that the next build can tell)."""
        out, previous = Path(self.output_path), previous_output()
        for document in self.documents + self.hidden:
            for attachment in document.fields.files:
                target = out / attachment.url
                target.parent.mkdir(parents=True, exist_ok=True)
                source = os.stat(attachment.source)
                if previous is not None:
                    try:
                        old = os.stat(previous / attachment.url)
                        if (old.st_size, old.st_mtime_ns) == (source.st_size, source.st_mtime_ns):
                            link_file(previous / attachment.url, target)
                            continue
                    except OSError:
                        pass
                shutil.copy2(attachment.source, target)
