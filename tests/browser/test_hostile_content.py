"""Hostile text an editor's account could publish (markup in titles, names,
tags, the ward's title, code showing markup, pasted Word), opened from disk
in Chromium as a reader would: no script of it runs, on the article, the home
page, the category page or the search page, and the pages' own scripts still
run under the Content-Security-Policy (a blocked one is a console error,
which fails the test)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from helpers import FIXTURE_SITE, run_pelican, wait_until

pytestmark = pytest.mark.browser

MARK = "window.__hostile = (window.__hostile || 0) + 1"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    import shutil

    site = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(FIXTURE_SITE, site)
    article = site / "bai-viet" / "2025-06-01-thu-sau.md"
    text = article.read_text(encoding="utf-8")
    text = text.replace("Title: Tin thứ sáu", f"Title: Tin sáu <img src=x onerror=\"{MARK}\">\nSlug: tin-sau")
    text = text.replace("Author: Trần Thị Biên Tập", f"Author: <svg onload=\"{MARK}\">BT\nTags: <img src=y onerror=\"{MARK}\">, Hội nghị")
    text += (f"\nMã mẫu: `<img src=z onerror=\"{MARK}\">` và `</textarea><script>{MARK}</script>`.\n\n"
             "<p class=\"MsoNormal\" style=\"color:red\">Đoạn dán từ Word, đoanhostile.</p>\n")
    article.write_text(text, encoding="utf-8")
    ward = site / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8").replace('portal_title = "', f'portal_title = "<img src=w onerror=\'{MARK}\'>')
                    + '\n[theme]\ncolour = "#1d4e89"\n', encoding="utf-8")  # the inline <style>, allowed by its hash
    out = site.parent / "out"
    result = run_pelican(site, out, "-e", f'CACHE_PATH="{site.parent / "cache"}"')
    assert result.returncode == 0, result.stderr
    assert "cảnh báo" in result.stderr  # the editor is told about the markup
    return out


def _opened(watch, url):
    watched = watch("file://")
    dialogs = []
    watched.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    watched.goto(url)
    wait_until(watched.page, "document.readyState === 'complete'")
    return watched, dialogs


@pytest.mark.parametrize("page", ["bai-viet/2025/06/01-tin-sau.html", "index.html", "chuyen-muc/tin-tuc.html",
                                  "the/hoi-nghi.html"])
def test_no_editor_markup_runs_on_any_page(watch, hostile_site, page):
    assert (hostile_site / page).is_file(), sorted(p.name for p in (hostile_site / page).parent.iterdir())
    watched, dialogs = _opened(watch, (hostile_site / page).as_uri())
    assert watched.page.evaluate("window.__hostile === undefined")
    assert dialogs == []
    assert watched.page.evaluate("document.documentElement.classList.contains('has-js')")  # the boot script ran
    colour = "getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim()"
    assert watched.page.evaluate(colour) == "#1d4e89"  # the ward's colour style ran under the policy
    watched.assert_clean()


@pytest.mark.parametrize("query", ["onerror", "img", "textarea script", "hostile"])
def test_search_results_show_indexed_markup_as_text(watch, hostile_site, query):
    url = (hostile_site / "search.html").as_uri() + "?q=" + quote(query)
    watched, dialogs = _opened(watch, url)
    page = watched.page
    wait_until(page, "(document.querySelector('[data-search-status]').textContent || '').startsWith('Tìm thấy')")
    assert page.evaluate("window.__hostile === undefined") and dialogs == []
    results = page.locator(".search-result").all_text_contents()
    assert results, query
    assert page.evaluate("document.querySelectorAll('.search-result img, .search-result script, .search-result svg').length") == 0
    if query == "onerror":
        assert any("onerror=" in r for r in results)  # shown as the characters typed
    watched.assert_clean()


def test_the_policy_blocks_an_injected_inline_script(watch, hostile_site):
    """The meta policy is in force from file://: were markup to slip
    through, an inline script would not run."""
    watched = watch("file://")
    messages = []
    watched.page.on("console", lambda m: messages.append(m.text))
    watched.goto((hostile_site / "index.html").as_uri())
    watched.page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__hostile = 1'; document.body.appendChild(s); }""")
    assert watched.page.evaluate("window.__hostile === undefined")
    assert any("Content Security Policy" in m for m in messages), messages
    watched.problems.clear()  # the refusal itself is the console error expected here


