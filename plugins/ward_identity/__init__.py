"""The ward's identity, from one data file editors can read.

Owns ``ward.toml`` (the file named by the ``WARD_FILE`` setting, relative to
the content folder, so ``pelican OTHER_FOLDER`` picks up that folder's ward):
names, portal title, contacts, the person responsible for content, the
categories (name, ASCII slug, description, order) and the sidebar banners.

At ``initialized`` it loads and checks the file, stops the build with
``path:line`` messages if it is wrong, and publishes the result to settings
and templates as ``WARD`` (a ``Ward``), ``SITENAME`` for Pelican's own
uses such as feeds, and ``PUBLIC_URL`` (the ``PORTAL_URL`` environment
variable, else the setting, else ``url`` in the file); with ``PUBLISH = True``
(publishconf.py) the public address is required and becomes ``SITEURL``. Templates read every ward fact from ``WARD``; none is
hard-coded in the theme.

A ward's own look, without copying the theme (``look``): ``[theme]`` in
``ward.toml`` gives its colour (``WARD.theme.css``, custom properties that
head.html writes in an inline ``<style>``) and its logo (published through
Pelican's static files under a content-hashed name, ``WARD.theme.logo``);
a folder ``giao-dien/templates/`` in the content folder is put first in
``THEME_TEMPLATES_OVERRIDES``, so a file there (e.g.
``partials/footer.html``) replaces that one template of the theme.
Generators read that setting when they are made, after ``initialized``
(``tests/test_pelican_contract.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

from editor_errors import Problem, print_problems, report, say, stop_if_errors
from pelican import signals
from safety import override_problems

from .look import TEMPLATES_FOLDER, THEME_FOLDER, Logo, Theme
from .model import Banner, CategoryInfo, Ward, load_ward

__all__ = [
    "Banner", "CategoryInfo", "Logo", "TEMPLATES_FOLDER", "THEME_FOLDER", "Theme", "Ward",
    "load_ward", "load_ward_or_report", "ward_file",
]

DEFAULT_WARD_FILE = "ward.toml"


def ward_file(settings: dict) -> Path:
    return Path(settings["PATH"]) / settings.get("WARD_FILE", DEFAULT_WARD_FILE)


def load_ward_or_report(content: Path, name: str = DEFAULT_WARD_FILE) -> Ward | None:
    """For commands: the ward of a content folder, or None after printing
    its problems (path:line) to stderr."""
    ward, problems = load_ward(Path(content) / name, Path(content))
    if ward is None:
        print_problems(problems)
    return ward


def load(pelican) -> None:
    settings = pelican.settings
    ward, problems = load_ward(ward_file(settings), Path(settings["PATH"]))
    stop_if_errors(problems)
    settings["WARD"] = ward
    settings["SITENAME"] = ward.portal_title
    use_look(settings, ward)
    # The public address, for canonical links, sharing, feeds and the XML
    # sitemap: the environment (CI) wins, then the settings, then ward.toml.
    public = (os.environ.get("PORTAL_URL") or settings.get("PUBLIC_URL") or ward.url or "").rstrip("/")
    settings["PUBLIC_URL"] = public
    if settings.get("PUBLISH"):
        if not public:
            stop_if_errors([Problem(ward.source, 1, say(
                "Bản phát hành cần địa chỉ công khai của cổng: thêm url = \"https://…\" vào mục [ward], hoặc đặt biến môi trường PORTAL_URL.",
                "A published build needs the portal's public address: add url = \"https://…\" to [ward], or set the PORTAL_URL environment variable.",
            ))])
        # Feeds are read elsewhere, so their links are absolute; page-to-page
        # links stay relative (RELATIVE_URLS rewrites SITEURL for each page).
        settings["SITEURL"] = public
        settings["FEED_DOMAIN"] = public


def use_look(settings: dict, ward: Ward) -> None:
    """The ward's template overrides first in the template search path, and
    its logo among the static files, published as ``ward.theme.logo.url``."""
    overrides = Path(settings["PATH"]).resolve() / TEMPLATES_FOLDER
    if overrides.is_dir():
        # They are content: read for syntax and reaches into internals
        # before any is rendered (safety; the sandbox holds while rendering).
        report(*override_problems(overrides, settings["PATH"]))
        others = [p for p in settings.get("THEME_TEMPLATES_OVERRIDES", []) if Path(p).resolve() != overrides]
        settings["THEME_TEMPLATES_OVERRIDES"] = [str(overrides), *others]
    logo = ward.theme.logo
    if logo is not None:
        if logo.source not in settings.get("STATIC_PATHS", []):
            settings["STATIC_PATHS"] = [*settings.get("STATIC_PATHS", []), logo.source]
        extra = dict(settings.get("EXTRA_PATH_METADATA", {}))
        extra[logo.source] = {"save_as": logo.url, "url": logo.url}
        settings["EXTRA_PATH_METADATA"] = extra


def register() -> None:
    signals.initialized.connect(load)
