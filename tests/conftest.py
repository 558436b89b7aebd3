"""Shared test set-up: plugins importable, and sites built the way users do."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
if str(PLUGINS) not in sys.path:
    sys.path.insert(0, str(PLUGINS))


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")


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


@pytest.fixture(scope="session")
def fixture_output(tmp_path_factory) -> Path:
    """The fixture site built with 3 articles per listing page."""
    out = tmp_path_factory.mktemp("fixture-output")
    result = run_pelican(FIXTURE_SITE, out, "-e", "DEFAULT_PAGINATION=3")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo-output")
    result = run_pelican(ROOT / "content", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A writable copy of the fixture site, for bad-input tests."""
    dest = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, dest)
    return dest
