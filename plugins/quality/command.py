"""``invoke quality``: run the quality gates on a built site.

    python plugins/quality/command.py [SITE] [--gate axe|html|lighthouse|weight]… [--config quality.toml]

SITE defaults to output/. Without --gate every gate runs. Each finding is one
line, ``page: gate: rule: message``; exit status 1 if any gate found
something, 0 when all pass.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quality.common import CONFIG, ROOT, Finding, chromium, load_config  # noqa: E402

GATES = ("axe", "html", "lighthouse", "weight")
BROWSER_GATES = {"axe", "weight"}


def run_gate(gate: str, site: Path, config: dict, context=None) -> list[Finding]:
    """Run one gate, print what it measured, return its findings."""
    if gate == "axe":
        from quality import axe

        findings = axe.check(context, site, config)
        views = ", ".join(f"{v['name']} {v['width']}px" for v in config["viewports"])
        print(f"axe: {len(findings)} vi phạm WCAG A/AA ({views}).")
    elif gate == "html":
        from quality import html_validator

        findings, warnings = html_validator.check(site)
        for warning in warnings:
            print("  (lưu ý) " + warning.format())
        print(f"html: {len(html_validator.files_to_check(site))} tệp, {len(findings)} lỗi, {len(warnings)} cảnh báo/lưu ý.")
        if len(findings) <= int(config["html"]["max_errors"]):
            for finding in findings:
                print("  (trong ngưỡng) " + finding.format())
            findings = []
    elif gate == "lighthouse":
        from quality import lighthouse

        findings, measured = lighthouse.check(site, config)
        for page, scores in measured.items():
            runs = scores.pop("performance-runs", None)
            line = ", ".join(f"{k} {v}" for k, v in scores.items())
            if runs:
                line += f" (trung vị của {len(runs)} lần đo hiệu năng: {', '.join(map(str, runs))})"
            print(f"lighthouse: {page}: {line}")
    elif gate == "weight":
        from quality import weight

        findings, weights = weight.check(context, site, config)
        if weights:
            heaviest = max(weights, key=lambda w: w.counted)
            kinds = ", ".join(f"{k.upper()} {v / 1000:.1f}" for k, v in heaviest.bytes_by_kind.items() if k != "other")
            print(f"weight: {len(weights)} trang bài viết; nặng nhất {heaviest.page}: {heaviest.counted / 1000:.1f} KB ({kinds}), "
                  f"ngân sách {config['weight']['budget_kb']} KB.")
    else:
        raise ValueError(gate)
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chạy các cổng kiểm tra chất lượng trên bản đã xây dựng.")
    parser.add_argument("site", nargs="?", default=str(ROOT / "output"), help="thư mục bản dựng (mặc định output/)")
    parser.add_argument("--gate", action="append", choices=GATES, help="chỉ chạy cổng này (lặp lại được)")
    parser.add_argument("--config", default=str(CONFIG), help="tệp ngưỡng (mặc định quality.toml)")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"Không có {site / 'index.html'}. Chạy trước: invoke build", file=sys.stderr)
        return 2
    config = load_config(Path(args.config))
    gates = args.gate or list(GATES)
    findings: list[Finding] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="quality-chromium-") as profile:
        if BROWSER_GATES & set(gates):
            with chromium(Path(profile)) as context:
                for gate in gates:
                    findings += run_gate(gate, site, config, context if gate in BROWSER_GATES else None)
        else:
            for gate in gates:
                findings += run_gate(gate, site, config)
    for finding in sorted(findings):
        print(finding.format())
    seconds = time.monotonic() - started
    if findings:
        print(f"Không đạt: {len(findings)} vấn đề ({', '.join(gates)}; {seconds:.0f} giây).", file=sys.stderr)
        return 1
    print(f"Đạt: {', '.join(gates)} ({seconds:.0f} giây).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
