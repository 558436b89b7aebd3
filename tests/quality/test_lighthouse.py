"""The Lighthouse gate: home and an article of the demo, mobile, against the
minimums in quality.toml; and proof that a poor page fails in every category."""

from __future__ import annotations

import os

import pytest
from helpers import ROOT

from quality import lighthouse
from quality.common import load_config

pytestmark = pytest.mark.browser

BAD_SITE = ROOT / "tests" / "fixtures" / "quality" / "bad-site"


def test_thresholds_are_those_of_issue_9():
    settings = load_config()["lighthouse"]
    assert settings["min_scores"] == {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert settings["form_factor"] == "mobile"
    assert settings["pages"][0] == "index.html" and settings["pages"][1].startswith("bai-viet/")


@pytest.mark.serial
def test_home_and_an_article_reach_the_minimums(browser_site):
    # Performance is timed on this machine's CPU: another test running at
    # the same time (xdist) slows the page's main thread and lowers the score.
    if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
        pytest.skip("Lighthouse đo tốc độ: chạy riêng (invoke test chạy nó sau các kiểm thử song song)")
    findings, measured = lighthouse.check(browser_site, load_config())
    print(measured)
    assert set(measured) == set(load_config()["lighthouse"]["pages"])
    assert findings == [], "\n".join(f.format() for f in findings)


def test_a_poor_page_fails_every_category():
    findings, measured = lighthouse.check(BAD_SITE, load_config(), pages=["lighthouse.html"])
    assert {f.rule for f in findings} == {"performance", "accessibility", "best-practices", "seo"}, measured
    accessibility = next(f for f in findings if f.rule == "accessibility")
    assert "image-alt" in accessibility.message
