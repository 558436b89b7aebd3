"""Văn bản: the ward's documents register.

Owns ``van-ban/`` of a content folder: one Markdown file per document
(decisions, plans, notices, reports…) with its number, type, issuer, dates
and attached files (``model``: the header's fields, checked at their line;
the lists to choose from are ``[documents]`` of ``ward.toml``), and what
residents see (``generator``): the register ``van-ban/index.html``, newest
first, its filter pages by type, issuer, year and field (plain pages: no
script needed), one page per document with its state computed at build
time (not yet in force, in force, expired, replaced, linked both ways), its
files with type, size and PDF page count, and the articles that link to it.
"""

from __future__ import annotations

from content_model import add_header_keys
from pelican import signals

from .generator import Document, DocumentGenerator
from .model import ALIASES, FOLDER, KEYS, read_fields, register_problems

__all__ = ["Document", "DocumentGenerator", "FOLDER", "read_fields", "register_problems"]

add_header_keys(FOLDER, KEYS, ALIASES, body_optional=True)


def get_generators(_pelican):
    return DocumentGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
