"""Helpers for build tests: parse output pages and follow their links."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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

def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def broken_references(output: Path) -> list[str]:
    """Every broken reference in a built site, by the project's own checker
    (plugins/offline/refcheck.py, the same one `invoke check-output` runs)."""
    from offline.refcheck import check

    return [finding.format() for finding in check(output).broken]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def small_jpeg(seed: int) -> bytes:
    """A tiny plain JPEG, for tests that need a photo file but not its look."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (seed * 40 % 256, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


# -- many wards (tests/sites) ---------------------------------------------------
SITES_COMMAND = ROOT / "plugins" / "sites" / "command.py"


def make_ward(folder: Path, name: str, articles: bool = True) -> Path:
    """A copy of the fixture site under another ward name (all articles, or
    none but one of its own)."""
    shutil.copytree(FIXTURE_SITE, folder)
    ward = folder / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8").replace("Xã Thử Nghiệm", name).replace("xã Thử Nghiệm", name), encoding="utf-8")
    if not articles:
        shutil.rmtree(folder / "bai-viet")
        (folder / "bai-viet").mkdir()
        (folder / "bai-viet" / "2026-02-01-rieng.md").write_text(
            f"Title: Tin riêng của {name}\nDate: 2026-02-01 08:00\nCategory: Tin tức\n\nNội dung riêng.\n", encoding="utf-8")
    return folder


def run_sites(root: Path, *args: str, cache: Path):
    return subprocess.run([sys.executable, str(SITES_COMMAND), "--root", str(root), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, env=dict(os.environ, PORTAL_CACHE=str(cache)))


def wait_until(page, expression: str, timeout: float = 30000) -> None:
    """Playwright's ``wait_for_function``, but through ``page.evaluate``:
    the portal's Content-Security-Policy forbids the ``eval`` that
    ``wait_for_function`` polls with, and the browser tests keep the policy
    on, so that anything of ours it would block fails them. *timeout* in ms."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout / 1000
    last = None
    while True:
        try:
            if page.evaluate(f"() => Boolean({expression})"):
                return
        except Error as exc:  # mid-reload (no body yet, or a new page): ask again
            last = exc
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true after {timeout} ms: {expression} ({last})")
        time.sleep(0.05)
