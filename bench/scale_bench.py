"""Benchmark: does the build grow linearly? Cold builds at two sizes, with
the time of each phase.

    python bench/scale_bench.py [--articles 5000,20000] [--gallery-share 0]

For each N: the synthetic site of ``build_bench.py`` (no photos by default:
their cost is linear and measured there), cold builds of stock Pelican and
of this project (empty output and caches), ``--repeat`` times (default 3)
in rounds over the sizes, the fastest of each counting; then this project
again with one article edited. This project runs under
``bench/phases.py``, so each row also says where the time went. Prints Markdown for docs/benchmarks.md with
the ratio of the largest N's cold build to the smallest's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "plugins")]

from build_bench import EDIT, edited_article, files, measure, new_site  # noqa: E402


def ours_command(work: Path, site: Path) -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "phases.py"), str(site), "-o", str(work / "ours"), "-s", str(ROOT / "pelicanconf.py"), "-q"]


def ours_env(work: Path) -> dict:
    return dict(os.environ, PORTAL_CACHE=str(work / "cache"), BENCH_PHASES=str(work / "phases.jsonl"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", default="5000,20000")
    parser.add_argument("--gallery-share", type=float, default=0.0)
    parser.add_argument("--repeat", type=int, default=3, help="cold builds per size and tool; the fastest counts")
    args = parser.parse_args()
    sizes = [int(v) for v in args.articles.split(",")]
    sites = {n: new_site(n, args.gallery_share, "bench-scale") for n in sizes}
    best: dict[tuple[int, str], dict] = {}  # (N, "stock" or "cold") → the fastest run's measures
    runs: dict[tuple[int, str], list[float]] = {}  # … → every run's wall time
    try:
        # Rounds over every size in turn, so that a machine that slows down
        # or speeds up during the run weighs on every size alike.
        for round_number in range(1, max(1, args.repeat) + 1):
            for n in sizes:
                work, site, stock_args = sites[n]
                for folder in ("stock", "ours", "cache"):
                    shutil.rmtree(work / folder, ignore_errors=True)
                (work / "phases.jsonl").unlink(missing_ok=True)
                print(f"… {round_number}/{args.repeat}, stock Pelican, {n}: cold", file=sys.stderr)
                stock = measure([sys.executable, *stock_args])
                print(f"… {round_number}/{args.repeat}, this project, {n}: cold", file=sys.stderr)
                cold = measure(ours_command(work, site), ours_env(work))
                cold["phases"] = json.loads((work / "phases.jsonl").read_text(encoding="utf-8"))["phases"]
                for key, result in (((n, "stock"), stock), ((n, "cold"), cold)):
                    runs.setdefault(key, []).append(result["wall"])
                    if key not in best or result["wall"] < best[key]["wall"]:
                        best[key] = result
        rows = []
        for n in sizes:
            work, site, _stock_args = sites[n]
            best[(n, "cold")]["files"] = files(work / "ours")
            target = edited_article(site)
            target.write_text(target.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
            (work / "phases.jsonl").unlink(missing_ok=True)
            print(f"… this project, {n}: one article edited", file=sys.stderr)
            edit = measure(ours_command(work, site), ours_env(work))
            edit_phases = json.loads((work / "phases.jsonl").read_text(encoding="utf-8"))["phases"]
            rows.append((n, best[(n, "stock")], best[(n, "cold")], edit, best[(n, "cold")]["phases"], edit_phases, files(work / "stock")))
    finally:
        for work, _site, _stock in sites.values():
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"photo folders on {args.gallery_share:.0%} of articles")
    print()
    print(f"Cold builds: the fastest of {max(1, args.repeat)} for each size and tool, run in rounds over the sizes "
          "(every run in brackets); one edit: one run after them.")
    print()
    print("| N | Stock cold wall / RSS | This project cold wall / CPU / RSS | Ratio | One edit wall / RSS | Files (stock / ours) |")
    print("|---:|---|---|---:|---|---|")
    for n, stock, cold, edit, _cp, _ep, stock_files in rows:
        every = {kind: ", ".join(f"{wall:.1f}" for wall in runs[(n, kind)]) for kind in ("stock", "cold")}
        print(f"| {n} | {stock['wall']:.1f} s ({every['stock']}) / {stock['rss_mb']:.0f} MB | "
              f"{cold['wall']:.1f} s ({every['cold']}) / {cold['cpu']:.1f} s / {cold['rss_mb']:.0f} MB | "
              f"{cold['wall'] / stock['wall']:.2f}× | {edit['wall']:.1f} s / {edit['rss_mb']:.0f} MB | {stock_files} / {cold['files']} |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print()
        print(f"Cold build, {last[0]} against {first[0]} articles ({last[0] / first[0]:.0f}× the articles): "
              f"{last[2]['wall'] / first[2]['wall']:.2f}× the time (stock Pelican: {last[1]['wall'] / first[1]['wall']:.2f}×).")
    print()
    print("Where the time goes (seconds, from bench/phases.py; phases under 0.05 s left out):")
    print()
    for n, _s, _c, _e, cold_phases, edit_phases in ((r[0], *r[1:6]) for r in rows):
        for label, phases in (("cold", cold_phases), ("one edit", edit_phases)):
            print(f"- {n}, {label}: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in phases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
