"""Photo galleries: albums in articles, responsive images, the album index.

Owns:
- finding each article's photos: the folder named like the article file
  without ``.md`` (or ``Album: folder``), ordered by file name or by the
  captions file ``chu-thich.txt`` (see ``captions``);
- processing every photo once (``processing``: EXIF orientation applied,
  all metadata stripped, sizes for ``srcset``, cached by content hash, in
  parallel on all cores) and copying the sizes into ``output/anh/``;
- placing the gallery where the body says ``[[album]]``, or at the end
  under ``GALLERY_HEADING``; turning a lone ``![alt](photo.jpg "Caption")``
  into a ``<figure>`` with that caption;
- ``article.cover`` (``Image:`` or the gallery's first photo) and
  ``article.share_image`` (1200 px) for cards and sharing;
- the album index "Thư viện ảnh" (``ALBUMS_SAVE_AS``), paginated, newest
  first;
- gallery problems: errors when ``GALLERY_STRICT`` (publishing), warnings in
  preview, where the rest of the gallery still appears.

Markup lives in the theme (``partials/gallery.html``, ``partials/figure.html``);
the lightbox is ``theme/static/js/lightbox.js``.
"""

from __future__ import annotations

from pelican import signals

from .generator import GalleryGenerator
from .model import discover

__all__ = ["GalleryGenerator", "content_problems", "discover"]


def content_problems(source, content_root, metadata: dict, html: str, settings: dict) -> list:
    """The problems with an article's photos, without processing any photo
    (for ``invoke check``): the same discovery the build runs."""
    return discover(
        source,
        content_root,
        metadata,
        metadata.get("source_lines", {}),
        metadata.get("body_line", 1),
        html,
        settings.get("GALLERY_CAPTIONS_FILE", "chu-thich.txt"),
    ).problems


def get_generators(_pelican):
    return GalleryGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
