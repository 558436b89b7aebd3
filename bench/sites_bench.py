"""Benchmark: ``invoke build --all`` for a province of many wards.

    python bench/sites_bench.py [--sites 126] [--articles 300] [--jobs N]

Writes S synthetic wards of A articles each (bench/corpus.py text, ~600
words, the demo ward's categories; no photos) under a scratch repository's
``sites/``, then measures, each in a fresh process tree:
  - ``build --all`` cold (no output, no caches);
  - ``build --all`` again with nothing changed;
  - ``build --all`` after editing one article of one ward.
Reports wall and CPU seconds, the peak RSS of the largest single process
and the peak of all build processes together (sampled from /proc every
0.2 s), as Markdown rows for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "plugins")]

from corpus import Writer  # noqa: E402


def write_ward(folder: Path, index: int, articles: int) -> None:
    import tomllib

    writer = Writer(seed=1000 + index)
    text = (ROOT / "content" / "ward.toml").read_text(encoding="utf-8")
    ward = tomllib.loads(text)
    name = f"Phường Thử Nghiệm {index + 1:03d}"
    folder.mkdir(parents=True)
    (folder / "ward.toml").write_text(text.replace(ward["ward"]["name"], name).replace("demo = true", "demo = false"), encoding="utf-8")
    categories = [c["name"] for c in ward["categories"]]
    tags = ["An ninh", "Dân vận", "Đô thị", "Môi trường", "Chuyển đổi số", "Hội nghị", "Tổ dân phố", "Y tế", "Giáo dục"]
    start = dt.datetime(2025, 7, 1, 7, 0)
    for i in range(articles):
        when = start + dt.timedelta(minutes=i * (500 * 24 * 60) // articles)
        year = folder / "bai-viet" / f"{when:%Y}"
        year.mkdir(parents=True, exist_ok=True)
        picked = sorted({tags[(i * 5 + k) % len(tags)] for k in range(1 + i % 2)})
        body = "\n\n".join(writer.paragraphs(600))
        (year / f"{when:%Y-%m-%d}-bai-{i:04d}.md").write_text(
            f"Title: {writer.title()}\nDate: {when:%Y-%m-%d %H:%M}\nCategory: {categories[i % len(categories)]}\n"
            f"Tags: {', '.join(picked)}\nAuthor: Biên tập viên {i % 4 + 1}\nSummary: {writer.sentence()}\n\n{body}\n",
            encoding="utf-8",
        )


def tree_rss(root_pid: int) -> int:
    """KB of resident memory of *root_pid* and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


# Runs the command in a fresh process whose own children's usage it reports
# (so each scenario's peak is its own, not the largest so far).
WRAPPER = """
import json, resource, subprocess, sys, time
run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_one": usage.ru_maxrss / 1024, "code": run.returncode, "err": run.stderr[-3000:]}))
"""


def measure(command: list[str], env: dict) -> dict:
    import json

    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, *command], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    done.set()
    sampler.join()
    result = json.loads(out)
    if result["code"] != 0:
        raise SystemExit(f"build failed:\n{result['err']}")
    return {"wall": time.perf_counter() - started, "cpu": result["cpu"], "rss_one": result["rss_one"], "rss_all": peak[0] / 1024}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=126)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sites-"))
    repo, output, cache = work / "repo", work / "output", work / "cache"
    print(f"Tạo {args.sites} phường × {args.articles} bài thử…", file=sys.stderr)
    for index in range(args.sites):
        write_ward(repo / "sites" / f"phuong-thu-{index + 1:03d}", index, args.articles)
        if (index + 1) % 20 == 0:
            print(f"  {index + 1}/{args.sites}", file=sys.stderr)
    command = [sys.executable, str(ROOT / "plugins" / "sites" / "command.py"), "--root", str(repo), "build", "--all",
               "--output", str(output), *([f"--jobs={args.jobs}"] if args.jobs else [])]
    env = dict(os.environ, PORTAL_CACHE=str(cache))
    rows = []
    print("… build --all, cold", file=sys.stderr)
    rows.append(("cold (no output, no caches)", measure(command, env)))
    print("… build --all, nothing changed", file=sys.stderr)
    rows.append(("nothing changed", measure(command, env)))
    target = sorted((repo / "sites" / "phuong-thu-001" / "bai-viet").rglob("*.md"))[args.articles // 2]
    target.write_text(target.read_text(encoding="utf-8") + "\nMột câu được thêm vào khi sửa bài.\n", encoding="utf-8")
    print("… build --all, one article of one ward edited", file=sys.stderr)
    rows.append(("one article of one ward edited", measure(command, env)))
    files = sum(1 for p in output.rglob("*") if p.is_file())
    shutil.rmtree(work)

    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{args.sites} wards × {args.articles} articles, no photos, {args.jobs or os.cpu_count()} builds at once; {files} output files")
    print()
    print("| Scenario | Wall | CPU | Peak RSS, largest process | Peak RSS, all builds together |")
    print("|---|---:|---:|---:|---:|")
    for label, row in rows:
        print(f"| {label} | {row['wall']:.1f} s | {row['cpu']:.1f} s | {row['rss_one']:.0f} MB | {row['rss_all']:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
