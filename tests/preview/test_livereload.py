"""`invoke livereload` without a browser: what the server serves."""

from __future__ import annotations

from helpers import get


def test_preview_serves_drafts_marked(preview):
    _content, base, _log = preview
    draft = get(base + "/bai-viet/2025/08/01-ban-nhap-khong-duoc-dang.html")
    assert "Bản nháp:" in draft
