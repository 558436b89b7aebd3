"""The Pelican generator that ties galleries to articles and writes images."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from atomic_output import link_file, previous_output
from content_model import cache_root
from editor_errors import Problem, report, say
from pelican.generators import Generator

from .model import Gallery, Photo, discover
from .pipeline import hash_files, process_many
from .processing import Recipe, cache_folder, prune_cache
from .views import view

MARKER_HTML = "<p>{marker}</p>"


class GalleryGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        s = self.settings
        self.recipe = Recipe(
            widths=tuple(sorted(s.get("GALLERY_WIDTHS", (480, 960, 1600)))),
            share_width=s.get("GALLERY_SHARE_WIDTH", 1200),
            quality=s.get("GALLERY_QUALITY", 80),
            keep_original=s.get("GALLERY_PUBLISH_ORIGINALS", False),
        )
        self.cache_root = Path(s.get("GALLERY_CACHE_PATH") or cache_root(s) / "anh")
        self.folder = s.get("GALLERY_OUTPUT", "anh").strip("/")
        self.strict = s.get("GALLERY_STRICT", False)
        self.marker = s.get("GALLERY_MARKER", "[[album]]")
        self.heading = s.get("GALLERY_HEADING", "Một số hình ảnh")
        self.captions_name = s.get("GALLERY_CAPTIONS_FILE", "chu-thich.txt")
        self.content_root = Path(self.path)
        self.photos: dict[str, Photo] = {}  # by sha, the ones to publish
        self.albums: list = []

    # -- reading -------------------------------------------------------------
    def _report(self, problems: list[Problem], draft: bool = False) -> None:
        for problem in problems:
            if draft:
                problem = problem.in_draft()
            elif not self.strict:
                problem = problem.as_warning(say("xem trước: ảnh lỗi được bỏ qua", "preview: the broken photo is left out"))
            report(problem)

    def _items(self):
        seen = set()
        for key in ("articles", "hidden_articles", "pages", "hidden_pages"):
            for item in self.context.get(key) or []:
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item

    def generate_context(self):
        found = [(item, self._discover(item)) for item in self._items()]
        self._process([photo for _, d in found for photo in self._all_photos(d.gallery, d.inline, d.cover)])
        for item, d in found:
            self._attach(item, d.gallery, d.soup, d.inline, d.cover)
        self.albums = [a for a in self.context.get("articles", []) if getattr(a, "gallery", None)]
        self.context["albums"] = self.albums

    @staticmethod
    def _all_photos(gallery, inline, cover):
        photos = list(gallery.photos) if gallery else []
        photos += [photo for _, photo in inline]
        if cover is not None:
            photos.append(cover)
        return photos

    def _discover(self, item):
        found = discover(
            Path(item.source_path),
            self.content_root,
            item.metadata,
            getattr(item, "source_lines", {}) or {},
            getattr(item, "body_line", 1),
            item._content or "",
            self.captions_name,
        )
        self._report(found.problems, draft=getattr(item, "status", "") == "draft")
        return found

    # -- processing ----------------------------------------------------------
    def _process(self, photos: list[Photo]) -> None:
        if not photos:
            return
        by_path: dict[str, list[Photo]] = {}
        for photo in photos:
            by_path.setdefault(os.path.realpath(photo.source), []).append(photo)
        hashes = hash_files(sorted(by_path))
        sources = {sha: path for path, sha in sorted(hashes.items())}
        results = process_many(sources, self.cache_root, self.recipe, self.settings.get("GALLERY_WORKERS"))
        prune_cache(self.cache_root, self.recipe, sources, self.settings.get("CACHE_IDLE_DAYS", 30))
        for path, sha in hashes.items():
            variants, error = results[sha]
            for photo in by_path[path]:
                photo.sha = sha
                photo.variants = variants or []
            if error:  # a Text from the worker, in both languages
                self._report([Problem(path, 0, error)])

    # -- attaching -----------------------------------------------------------
    def _attach(self, item, gallery: Gallery | None, soup, inline, cover: Photo | None) -> None:
        prefix = "../" * item.save_as.count("/")
        share_width = self.recipe.share_width
        title = item.title if hasattr(item, "title") else ""
        content = item._content or ""
        ready = gallery.ready_photos if gallery else []
        for photo in ready + [p for _, p in inline if p.ready] + ([cover] if cover and cover.ready else []):
            self.photos[photo.sha] = photo

        if soup is not None:
            template = self.get_template("partials/figure")
            for index, (img, photo) in enumerate(inline):
                if not photo.ready:
                    img.decompose()
                    continue
                alt = img.get("alt") or photo.caption or f"Ảnh minh họa: {title}"
                html = template.render(photo=view(photo, prefix, self.folder, share_width, alt), eager=index == 0)
                target = img.parent if img.parent and img.parent.name == "p" and len(img.parent.contents) == 1 else img
                target.replace_with(BeautifulSoup(html, "html.parser"))
            content = str(soup)

        if ready:
            marker = MARKER_HTML.format(marker=self.marker)
            at_marker = marker in content
            html = self.get_template("partials/gallery").render(
                photos=[view(p, prefix, self.folder, share_width, p.caption or f"Ảnh {i} – {title}") for i, p in enumerate(ready, 1)],
                heading=None if at_marker else self.heading,
                title=title,
            )
            content = content.replace(marker, html, 1) if at_marker else content + "\n" + html
        elif self.marker in content:
            content = content.replace(MARKER_HTML.format(marker=self.marker), "")
        item._content = content
        item.gallery = Gallery(gallery.folder, ready, gallery.captions_file) if ready else None
        item.photo_count = len(ready)
        chosen = cover if cover and cover.ready else (ready[0] if ready else next((p for _, p in inline if p.ready), None))
        item.cover = view(chosen, "", self.folder, share_width, chosen.caption or title) if chosen else None

    # -- writing -------------------------------------------------------------
    def generate_output(self, writer):
        out = Path(self.output_path) / self.folder
        out.mkdir(parents=True, exist_ok=True)
        previous = previous_output()
        for sha, photo in sorted(self.photos.items()):
            cached = cache_folder(self.cache_root, self.recipe, sha)
            for variant in photo.variants:
                name = photo.url(variant, self.folder)
                target = Path(self.output_path) / name
                if not target.exists():
                    _publish(cached / variant.file, previous / name if previous else None, target)
        save_as = self.settings.get("ALBUMS_SAVE_AS", "thu-vien-anh.html")
        if save_as:
            writer.write_file(
                save_as,
                self.get_template("albums"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                articles=self.albums,
                template_name="albums",
                url=self.settings.get("ALBUMS_URL", save_as),
                page_name=os.path.splitext(save_as)[0],
            )


def _publish(cached: Path, published: Path | None, target: Path) -> None:
    """The published file: the previous output's (its name is the photo's
    content hash and size, so the same bytes), else a copy of the cache's,
    verified this build. Never a link into the cache: a later change there
    must not change the live output."""
    if published is not None and published.is_file():
        link_file(published, target)
    else:
        shutil.copyfile(cached, target)
