"""Lighthouse gate: category scores of chosen pages against minimums.

Lighthouse (``node_modules/.bin/lighthouse``, pinned in package.json) drives
Debian's Chromium (``CHROME_PATH``) headless, with its default mobile
emulation and simulated slow-4G throttling, on the site served over
localhost. The pages and the lowest score per category (0–100) are in
``quality.toml`` ([lighthouse]). A score under its minimum is a finding that
also names the audits that cost points.

The performance score is timed on this machine's CPU, and one run can lose
20 points to a hiccup of the machine (seen in CI: total blocking time 870 ms
in one run, 10–60 ms in the runs around it). As Lighthouse's own guidance on
variability advises, each page is judged on several runs (``runs``, default
3): on the median run by performance score. Runs stop as soon as a majority
has the same outcome, so a clean page costs two runs, not three.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from quality.common import CHROMIUM, CHROMIUM_ARGS, Finding, npm_file, serve


def run_lighthouse(url: str, categories: list[str], form_factor: str = "mobile") -> dict:
    """Lighthouse's JSON report (the "lhr") for one URL."""
    cli = npm_file(".bin", "lighthouse")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(categories)}",
            "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
        ]
        command += ["--preset=desktop"] if form_factor == "desktop" else ["--form-factor=mobile"]
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, cwd=folder)
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(f"Lighthouse lỗi (mã {done.returncode}) với {url}:\n{done.stderr[-2000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int | None]:
    """Category → score 0–100 (None when Lighthouse could not score it)."""
    return {key: (None if c["score"] is None else round(c["score"] * 100)) for key, c in report["categories"].items()}


def costly_audits(report: dict, category: str) -> list[str]:
    """The audits of a category that lost points, heaviest first."""
    out = []
    for ref in sorted(report["categories"][category]["auditRefs"], key=lambda r: -r["weight"]):
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            value = f" {audit['displayValue']}" if audit.get("displayValue") else ""
            out.append(f"{ref['id']} ({round(audit['score'] * 100)}{value})")
    return out


def judge(page: str, report: dict, minimums: dict[str, int]) -> list[Finding]:
    found = scores(report)
    findings = []
    for category, minimum in minimums.items():
        score = found.get(category)
        if score is None or score < minimum:
            lost = ", ".join(costly_audits(report, category)[:6]) if category in report["categories"] else ""
            findings.append(Finding(
                "lighthouse", page, category,
                f"điểm {score if score is not None else 'không có'} < tối thiểu {minimum}" + (f"; mất điểm ở: {lost}" if lost else ""),
            ))
    return findings


def median_run(reports: list[dict], runs: int) -> dict:
    """The report judged among ``reports`` (some of ``runs`` planned runs).

    Ranked by performance score, best first, the judged report is the one at
    the majority's place (2nd of 3): the median once all runs are done. When
    runs stopped early because a majority already agreed, it is the worst of
    the passing majority or the best of the failing one, so the outcome is
    the same as that of the full median.
    """
    ranked = sorted(reports, key=lambda r: -(r["categories"].get("performance", {}).get("score") or 0))
    return ranked[min(runs // 2, len(ranked) - 1)]


def settled(reports: list[dict], minimums: dict[str, int], runs: int) -> bool:
    """True when more runs cannot change the majority's outcome."""
    passing = sum(1 for report in reports if not judge("", report, minimums))
    majority = runs // 2 + 1
    return passing >= majority or len(reports) - passing >= majority or len(reports) >= runs


def check(site: Path, config: dict, pages: list[str] | None = None) -> tuple[list[Finding], dict[str, dict]]:
    """(findings, scores per page) for the configured pages of ``site``."""
    settings = config["lighthouse"]
    minimums = {key: int(value) for key, value in settings["min_scores"].items()}
    runs = max(1, int(settings.get("runs", 3)))
    findings: list[Finding] = []
    measured: dict[str, dict] = {}
    with serve(site) as base:
        for page in pages or settings["pages"]:
            if not (site / page.split("?")[0]).is_file():
                findings.append(Finding("lighthouse", page, "missing-page", "Không có trang này trong bản dựng."))
                continue
            reports: list[dict] = []
            while not reports or not settled(reports, minimums, runs):
                reports.append(run_lighthouse(base + page, list(minimums), settings.get("form_factor", "mobile")))
            report = median_run(reports, runs)
            measured[page] = scores(report)
            if len(reports) > 1:
                measured[page]["performance-runs"] = [scores(r).get("performance") for r in reports]
            findings += judge(page, report, minimums)
    return findings, measured
