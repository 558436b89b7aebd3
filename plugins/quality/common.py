"""What the gates share: findings, the configuration file, the npm tools,
a local web server for a built site, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG = ROOT / "quality.toml"
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No sandbox (containers, CI), no GPU, and nothing Chromium would fetch for
# itself (updates, field trials), so every request comes from the page.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@dataclass(frozen=True, order=True)
class Finding:
    gate: str  # axe, html, lighthouse, weight
    where: str  # a page (relative to the site) and, for axe, the viewport
    rule: str  # the tool's rule id, audit or category
    message: str  # for people, in Vietnamese

    def format(self) -> str:
        return f"{self.where}: {self.gate}: {self.rule}: {self.message}"


def load_config(path: Path = CONFIG) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def npm_file(*parts: str) -> Path:
    """A file of an npm package installed by ``npm ci`` (setup.sh --test)."""
    path = NODE_MODULES.joinpath(*parts)
    if not path.exists():
        raise SystemExit(f"Thiếu {path.relative_to(ROOT)}. Chạy: bash setup.sh --test (cài các gói npm bằng npm ci).")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    """Serve ``site`` on http://127.0.0.1:<free port>/ while in the block."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(profile: Path):
    """Debian's Chromium, headless, with a fresh profile (for the commands;
    the tests share one session browser with the same arguments)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit("Chưa cài Chromium của Debian. Chạy: bash setup.sh --test")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield context
        finally:
            context.close()


def base_origin(html_file: Path) -> str | None:
    """The origin of a page's ``<base href>`` when it names another host (the
    404 page carries the portal's public address, since a host serves it at
    any depth), else None."""
    match = re.search(r'<base\s+href="([^"]+)"', html_file.read_text(encoding="utf-8"))
    if not match:
        return None
    parts = urlsplit(match.group(1))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


def mirror(page, origin: str, site: Path) -> None:
    """Answer the page's requests for ``origin`` with the files of ``site``,
    as the real host at that address would: for a page that names its
    public address in ``<base href>``."""

    def answer(route):
        path = site / unquote(urlsplit(route.request.url).path).lstrip("/")
        if path.is_file() and site.resolve() in path.resolve().parents:
            route.fulfill(path=str(path))
        else:
            route.fulfill(status=404, body="")

    page.route(origin + "/**", answer)
