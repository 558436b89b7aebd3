"""A repository of several wards, made from the fixture site."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    (root / "sites").mkdir(parents=True)
    return root
