"""Helpers for build tests: parse output pages and follow their links."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
if str(PLUGINS) not in sys.path:
    sys.path.insert(0, str(PLUGINS))


def run_pelican(content: Path, output: Path, *extra: str, settings: str = "pelicanconf.py"):
    """Build like an editor or CI does: the ``pelican`` command."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / settings), "-o", str(output), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

EXTERNAL_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def internal_references(page: Path):
    """(attribute value, tag name) of every internal href/src on a page."""
    doc = soup(page)
    for tag in doc.find_all(True):
        for attr in ("href", "src"):
            value = tag.get(attr)
            if value is None or value.startswith(EXTERNAL_SCHEMES) or value.startswith("#"):
                continue
            yield value, tag.name


def broken_references(output: Path) -> list[str]:
    """Every internal link that is absolute, names a folder, or is missing."""
    problems = []
    for page in sorted(output.rglob("*.html")):
        for value, tag in internal_references(page):
            rel = page.relative_to(output)
            if value.startswith("/"):
                problems.append(f"{rel}: <{tag}> {value} starts with /")
                continue
            path = unquote(urlsplit(value).path)
            if not path or path.endswith("/"):
                problems.append(f"{rel}: <{tag}> {value} names a folder")
                continue
            target = (page.parent / path).resolve()
            if not target.is_file():
                problems.append(f"{rel}: <{tag}> {value} -> missing {target}")
            elif output.resolve() not in target.parents:
                problems.append(f"{rel}: <{tag}> {value} leaves the output")
    return problems
