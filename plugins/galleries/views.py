"""What a template needs to show one photo, with URLs relative to a page."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .model import Photo


@dataclass(frozen=True)
class PhotoView:
    src: str  # smallest size: the thumbnail
    srcset: str  # every size, for the browser to choose
    large: str  # biggest size: the lightbox and the no-JavaScript link
    medium: str  # middle size: inline figures
    width: int  # intrinsic size of ``src``, so nothing shifts
    height: int
    alt: str
    caption: str
    share: str  # the 1200-px version for Zalo/Facebook previews

    def rebase(self, prefix: str) -> PhotoView:
        """The same photo seen from another page: *prefix* (e.g. the page's
        ``SITEURL + '/'``) is put in front of every URL."""
        srcset = ", ".join(prefix + part for part in self.srcset.split(", "))
        return replace(
            self,
            src=prefix + self.src,
            srcset=srcset,
            large=prefix + self.large,
            medium=prefix + self.medium,
            share=prefix + self.share,
        )


def view(photo: Photo, prefix: str, folder: str, share_width: int, alt: str) -> PhotoView:
    """*prefix* leads from the page to the site root ('' or '../../');
    *alt* is the text for people who cannot see the photo."""
    sizes = photo.sizes()
    gallery_sizes = [v for v in sizes if v.width != share_width] or sizes
    small, large = gallery_sizes[0], gallery_sizes[-1]
    medium = gallery_sizes[len(gallery_sizes) // 2]
    share = next((v for v in sizes if v.width == share_width), large)
    full = next((v for v in photo.variants if v.file == "full.jpg"), None)

    def url(variant) -> str:
        return prefix + photo.url(variant, folder)

    return PhotoView(
        src=url(small),
        srcset=", ".join(f"{url(v)} {v.width}w" for v in gallery_sizes),
        large=url(full or large),
        medium=url(medium),
        width=small.width,
        height=small.height,
        alt=alt,
        caption=photo.caption,
        share=url(share),
    )
