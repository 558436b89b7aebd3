"""The HTML/CSS gate: the Nu HTML Checker on every file of the demo output,
in one Java process; and proof that it fails on invalid HTML and CSS."""

from __future__ import annotations

from helpers import ROOT

from quality import html_validator
from quality.common import load_config

BAD_SITE = ROOT / "tests" / "fixtures" / "quality" / "bad-site"


def test_every_html_and_css_file_of_the_demo_is_valid(browser_site):
    files = html_validator.files_to_check(browser_site)
    assert {p.suffix for p in files} == {".html", ".css", ".svg"}
    assert len([p for p in files if p.suffix == ".html"]) == len(list(browser_site.rglob("*.html")))
    errors, warnings = html_validator.check(browser_site, files)
    for warning in warnings:  # listed, not counted
        print(warning.format())
    assert len(errors) <= load_config()["html"]["max_errors"] == 0, "\n".join(e.format() for e in errors)


def test_invalid_html_and_css_fail():
    errors, _ = html_validator.check(BAD_SITE, [BAD_SITE / "index.html", BAD_SITE / "style.css"])
    text = "\n".join(e.format() for e in errors)
    html = [e for e in errors if e.where.startswith("index.html:")]
    css = [e for e in errors if e.where.startswith("style.css:")]
    assert any("Duplicate ID" in e.message for e in html), text
    assert any("End tag “div”" in e.message or "Stray end tag" in e.message for e in html), text
    assert any("foo" in e.message for e in html), text
    assert any("bluish" in e.message for e in css), text
    assert len(css) >= 2, text
