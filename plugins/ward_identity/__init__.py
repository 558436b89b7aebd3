"""The ward's identity, from one data file editors can read.

Owns ``ward.toml`` (the file named by the ``WARD_FILE`` setting, relative to
the content folder, so ``pelican OTHER_FOLDER`` picks up that folder's ward):
names, portal title, contacts, the person responsible for content, the
categories (name, ASCII slug, description, order) and the sidebar banners.

At ``initialized`` it loads and checks the file, stops the build with
``path:line`` messages if it is wrong, and publishes the result to settings
and templates as ``WARD`` (a ``Ward``), and ``SITENAME`` for Pelican's own
uses such as feeds. Templates read every ward fact from ``WARD``; none is
hard-coded in the theme.
"""

from __future__ import annotations

from pathlib import Path

from editor_errors import print_problems, stop_if_errors
from pelican import signals

from .model import Banner, CategoryInfo, Ward, load_ward

__all__ = ["Banner", "CategoryInfo", "Ward", "load_ward", "load_ward_or_report", "ward_file"]

DEFAULT_WARD_FILE = "ward.toml"


def ward_file(settings: dict) -> Path:
    return Path(settings["PATH"]) / settings.get("WARD_FILE", DEFAULT_WARD_FILE)


def load_ward_or_report(content: Path, name: str = DEFAULT_WARD_FILE) -> Ward | None:
    """For commands: the ward of a content folder, or None after printing
    its problems (path:line) to stderr."""
    ward, problems = load_ward(Path(content) / name)
    if ward is None:
        print_problems(problems)
    return ward


def load(pelican) -> None:
    ward, problems = load_ward(ward_file(pelican.settings))
    stop_if_errors(problems)
    pelican.settings["WARD"] = ward
    pelican.settings["SITENAME"] = ward.portal_title


def register() -> None:
    signals.initialized.connect(load)
