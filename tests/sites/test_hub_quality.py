"""The hub and the redirect pages pass the same gates as the ward pages:
axe (WCAG 2.1 A/AA, phone and desktop widths) and the Nu HTML Checker."""

from __future__ import annotations

import pytest
from helpers import make_ward, run_sites
from quality.axe import check_pages
from quality.common import load_config
from quality.html_validator import check as vnu
from quality.pages import PageType

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hub_output(tmp_path_factory):
    root = tmp_path_factory.mktemp("hub-repo")
    make_ward(root / "sites" / "xa-cu", "Xã Cũ", articles=False)
    make_ward(root / "sites" / "xa-moi", "Xã Mới", articles=False)
    cache, out = root / "cache", root / "out"
    assert run_sites(root, "merge", "--old", "xa-cu", "--into", "xa-moi", cache=cache).returncode == 0
    run = run_sites(root, "build", "--all", "--output", str(out), cache=cache)
    assert run.returncode == 0, run.stderr
    return out


def test_the_hub_has_no_accessibility_violation(browser, hub_output):
    # (a redirect page is left at once for its target, a ward page the gates already check)
    assert check_pages(browser, hub_output, [PageType("hub", "Trang chung", "index.html")], load_config()) == []


def test_hub_and_redirect_pages_are_valid_html(hub_output):
    errors, _warnings = vnu(hub_output, [hub_output / "index.html", hub_output / "xa-cu" / "lien-he.html"])
    assert errors == []


def test_the_hub_carries_the_policy_and_writes_it_for_the_hosts(browser, hub_output):
    """The hub page has the wards' policy as a meta and runs its boot line
    under it in Chromium; `_headers` (Netlify, Cloudflare Pages) and the
    nginx include give it as a header, with what a meta cannot say."""
    html = (hub_output / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' \'sha256-' in html
    headers = (hub_output / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("/*\n  Content-Security-Policy: default-src 'self'") and "frame-ancestors 'self'" in headers
    nginx = (hub_output / "nginx-security.conf").read_text(encoding="utf-8")
    assert "add_header Content-Security-Policy \"default-src 'self'" in nginx and "object-src 'none'" in nginx
    assert "X-Content-Type-Options \"nosniff\"" in nginx
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((hub_output / "index.html").as_uri())
    assert page.evaluate("document.documentElement.classList.contains('has-js')")
    assert errors == []
    page.close()
