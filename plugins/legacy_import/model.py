"""One imported article, whatever the source looked like."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Photo:
    source: Path  # an image file saved next to the page
    caption: str = ""


@dataclass
class Imported:
    source: Path
    category: str = ""  # as the old portal named it
    title: str = ""
    date: dt.datetime | None = None
    author: str = ""
    blocks: list[str] = field(default_factory=list)  # Markdown blocks, in order
    lead: str = ""  # plain text of the first body paragraph
    photos: list[Photo] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)  # what an editor should look at
    dropped: list[str] = field(default_factory=list)  # noise removed (for the report)
