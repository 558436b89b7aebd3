"""Where the wards are: ``sites/<ward-slug>/`` folders, and ``content/``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WARD_FILE = "ward.toml"
HUB_FILE = "hub.toml"  # sites/hub.toml: the province's hub (name, address, contacts, public URL)
MERGED_FOLDER = "_sap-nhap"  # sites/_sap-nhap/<old-slug>.toml: wards merged into others
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Site:
    slug: str
    path: Path  # the content folder: ward.toml, bai-viet/, trang/, …


def ward_name(folder: Path) -> str:
    """The ward's name from its ward.toml, or "" when the file is unusable
    (the build then says what is wrong, with the line)."""
    from ward_identity import load_ward

    ward, _problems = load_ward(folder / WARD_FILE)
    return ward.name if ward else ""


def discover(root: Path) -> list[Site]:
    """Every ward of the repository at *root*: each ``sites/<slug>/`` with a
    ward.toml, then ``content/`` if it has one (named after its ward)."""
    from vietnamese import slugify

    found = []
    sites = root / "sites"
    if sites.is_dir():
        for folder in sorted(sites.iterdir()):
            if folder.is_dir() and (folder / WARD_FILE).is_file():
                found.append(Site(folder.name, folder))
    content = root / "content"
    if (content / WARD_FILE).is_file():
        slug = slugify(ward_name(content)) or "content"
        if slug not in {s.slug for s in found}:
            found.append(Site(slug, content))
    return sorted(found, key=lambda s: s.slug)


def find(root: Path, wanted: str) -> Site | None:
    """A site by its slug or its folder."""
    for site in discover(root):
        if wanted in (site.slug, str(site.path), site.path.name) or Path(wanted).resolve() == site.path.resolve():
            return site
    return None
