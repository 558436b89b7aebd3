"""The Lighthouse gate judges a page on the median of several runs, and stops
once a majority agrees. Lighthouse itself is replaced by canned reports here
(tests/quality/test_lighthouse.py runs the real one)."""

from __future__ import annotations

import pytest

from quality import lighthouse
from quality.common import load_config

MINIMUMS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def report(performance: int) -> dict:
    categories = {"performance": {"score": performance / 100, "auditRefs": [{"id": "total-blocking-time", "weight": 30}]}}
    for key in ("accessibility", "best-practices", "seo"):
        categories[key] = {"score": 1.0, "auditRefs": []}
    audits = {"total-blocking-time": {"score": performance / 100, "displayValue": f"{(100 - performance) * 40} ms"}}
    return {"categories": categories, "audits": audits}


@pytest.fixture
def canned(monkeypatch, tmp_path):
    """Run the gate on a one-page site, Lighthouse answering ``scores`` in turn."""
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    calls: list[str] = []

    def run(scores: list[int], runs: int = 3):
        answers = iter(scores)

        def fake(url, categories, form_factor="mobile"):
            calls.append(url)
            return report(next(answers))

        monkeypatch.setattr(lighthouse, "run_lighthouse", fake)
        config = {"lighthouse": {"pages": ["index.html"], "min_scores": MINIMUMS, "runs": runs}}
        return lighthouse.check(tmp_path, config)

    run.calls = calls
    return run


def test_the_shipped_config_asks_for_three_runs():
    assert load_config()["lighthouse"]["runs"] == 3


def test_one_slow_run_among_three_does_not_fail_the_page(canned):
    findings, measured = canned([79, 98, 99])
    assert findings == []
    assert measured["index.html"]["performance"] == 98
    assert measured["index.html"]["performance-runs"] == [79, 98, 99]


def test_two_clean_runs_settle_it_without_a_third(canned):
    findings, measured = canned([99, 97, 10])
    assert findings == [] and len(canned.calls) == 2
    assert measured["index.html"]["performance"] == 97


def test_a_page_slow_in_most_runs_fails_with_the_median_run(canned):
    findings, measured = canned([80, 99, 85])
    assert len(canned.calls) == 3 and measured["index.html"]["performance"] == 85
    assert [f.rule for f in findings] == ["performance"]
    assert "điểm 85 < tối thiểu 95" in findings[0].message and "total-blocking-time" in findings[0].message


def test_two_slow_runs_fail_without_a_third(canned):
    findings, measured = canned([80, 70, 100])
    assert len(canned.calls) == 2 and "điểm 70" in findings[0].message


def test_a_single_run_when_asked(canned):
    findings, measured = canned([80], runs=1)
    assert len(canned.calls) == 1 and "performance-runs" not in measured["index.html"]
    assert [f.rule for f in findings] == ["performance"]
