"""Headless Chromium (Debian's package) driven by Playwright for Python.

The ``browser`` and ``browser_site`` fixtures are in tests/conftest.py (the
quality gates share them). Every page opened through ``watch()`` fails the
test on a console error, a failed request, a request to another host or a
directory listing.
"""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest

SUB_PATH = "/tinh-vi-du/phuong-minh-hoa/"

pytestmark = pytest.mark.browser


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def subpath_server(browser_site, tmp_path_factory):
    """Serve the site under a sub-path, as a province portal would."""
    root = tmp_path_factory.mktemp("www")
    target = root / SUB_PATH.strip("/")
    target.parent.mkdir(parents=True)
    target.symlink_to(browser_site, target_is_directory=True)
    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    server.shutdown()


class Watched:
    """A page plus everything that went wrong on it."""

    def __init__(self, page, allowed_origin: str):
        self.page = page
        self.allowed_origin = allowed_origin
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", self._response)

    def _failed(self, req):
        # ERR_ABORTED is a load the page itself cancelled (an image whose src
        # changed again before it finished, as when paging fast through the
        # lightbox); a missing file is ERR_FILE_NOT_FOUND or an HTTP 404.
        if req.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed: {req.url} {req.failure}")

    def _console(self, msg):
        if msg.type in ("error", "warning") and "[Violation]" not in msg.text:
            self.problems.append(f"console {msg.type}: {msg.text}")

    def _request(self, req):
        parts = urlsplit(req.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.scheme == "file":
            if self.allowed_origin != "file://":
                self.problems.append(f"file request from http page: {req.url}")
        elif f"{parts.scheme}://{parts.netloc}" != self.allowed_origin:
            self.problems.append(f"request to another host: {req.url}")

    def _response(self, resp):
        if resp.status >= 400:
            self.problems.append(f"HTTP {resp.status}: {resp.url}")

    def goto(self, url: str):
        self.page.goto(url)
        self.check_page()

    def check_page(self):
        url = self.page.url
        assert not url.endswith("/"), f"directory URL: {url}"
        assert "Index of" not in self.page.title() and "Directory listing" not in self.page.content(), url

    def assert_clean(self):
        assert self.problems == []


@pytest.fixture
def watch(browser):
    pages = []

    def open_watched(origin: str) -> Watched:
        watched = Watched(browser.new_page(), origin)
        pages.append(watched)
        return watched

    yield open_watched
    for watched in pages:
        watched.page.close()
