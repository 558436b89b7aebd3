"""Shared test set-up: plugins importable, and sites built the way users do."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest
from hypothesis import settings as hypothesis_settings

from helpers import FIXTURE_SITE, ROOT, run_pelican  # noqa: E402

# Property tests draw new random cases on a developer's machine (that is how
# they find bugs); in CI they draw the same cases every run, so that a push
# fails only for what it changed. A case found locally is kept with @example.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

# Pelican's content cache for the builds the tests run: out of the
# developer's .cache, shared by the workers (each site folder gets its own).
os.environ.setdefault("PORTAL_CACHE", tempfile.mkdtemp(prefix="portal-test-cache-"))

PREVIEW_SERVER = ROOT / "plugins" / "preview" / "server.py"



@pytest.fixture(scope="session")
def fixture_output(tmp_path_factory) -> Path:
    """The fixture site built with 3 articles per listing page."""
    out = tmp_path_factory.mktemp("fixture-output")
    result = run_pelican(FIXTURE_SITE, out, "-e", "DEFAULT_PAGINATION=3")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def demo_content(tmp_path_factory) -> Path:
    """A copy of content/ with the demo photos (made if setup.sh has not),
    so that tests never write under content/."""
    copy = tmp_path_factory.mktemp("demo-content") / "content"
    shutil.copytree(ROOT / "content", copy)
    for script in ("demo_photos.py", "demo_documents.py"):
        made = subprocess.run([sys.executable, str(ROOT / "bench" / script), "--content", str(copy)], capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
    return copy


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory, demo_content) -> Path:
    out = tmp_path_factory.mktemp("demo-output")
    result = run_pelican(demo_content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory, demo_content) -> Path:
    """The demo portal, 4 articles per listing page so page 2 exists
    (browser tests and quality gates)."""
    out = tmp_path_factory.mktemp("browser-site")
    result = run_pelican(demo_content, out, "-e", "DEFAULT_PAGINATION=4")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's Chromium, headless, a fresh profile: one per test session
    (and xdist worker)."""
    from playwright.sync_api import sync_playwright

    from quality.common import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `bash setup.sh --test`")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield context
        context.close()


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A writable copy of the fixture site, for bad-input tests."""
    dest = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, dest)
    return dest


@pytest.fixture
def preview(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    process = subprocess.Popen(
        [sys.executable, str(PREVIEW_SERVER), "--port", "0", "--content", str(content), "--output", str(tmp_path / "out")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
    )
    lines = []
    port = None
    deadline = time.monotonic() + 60
    while port is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        match = re.search(r"http://localhost:(\d+)/", line)
        if match:
            port = int(match.group(1))
    assert port, "".join(lines)
    log = []

    def drain():
        for line in process.stdout:
            log.append(line)

    threading.Thread(target=drain, daemon=True).start()
    yield content, f"http://127.0.0.1:{port}", log
    process.terminate()
    process.wait(timeout=10)
