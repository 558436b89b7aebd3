"""Benchmark: this project's full build against stock Pelican 4.12, same run.

    python bench/build_bench.py [--articles 1000,5000] [--gallery-share 0.1]

For each N it writes a synthetic site (bench/corpus.py: ~600 words of
Vietnamese-like text per article, realistic metadata over the configured
categories and tags; a share of the articles have a photo folder of 4
photo-like 800×600 JPEGs, distinct for every article) and measures, each in a
fresh process:
  (a) stock Pelican 4.12: ``pelican`` with the ``simple`` theme and default
      settings on the same Markdown files;
  (b) this project: ``pelican -s pelicanconf.py`` with every plugin (photos,
      search index, listings, checks).
Scenarios: cold build; rebuild with nothing changed; rebuild after editing one
article's body; rebuild after adding one article; and for (b) a cold build of
a fresh copy (new file times) with the photo cache kept, as CI sees it. And
stock Pelican with its own content cache on, one article edited: how long it
takes before writing its first page (the floor of any rebuild that goes
through Pelican's generators).
Reports wall and CPU seconds, peak RSS (largest process) and peak PSS (summed
over the process tree, sampled), and output file count, with the ratio
of (b) to (a), as a Markdown table (paste it into docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "plugins")]

from corpus import Writer  # noqa: E402
from photos import photo  # noqa: E402

MEASURE = """
import json, os, resource, subprocess, sys, tempfile, time

def tree_pss_mb(root):
    # Proportional set size summed over the build and every process it
    # started: shared pages counted once, split among the processes sharing
    # them. With forked render and photo workers this is the build's real
    # footprint; the largest process's RSS alone misses the children.
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    stack += [int(child) for child in handle.read().split()]
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            pass
    return total / 1024

start = time.perf_counter()
log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # not a pipe: a long log cannot block the build
build = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=log, text=True)
peak_pss = 0.0
while build.poll() is None:
    peak_pss = max(peak_pss, tree_pss_mb(build.pid))
    time.sleep(0.1)  # 10 samples a second: a spike shorter than that can be missed
log.seek(0)
err = log.read()
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                  "pss_mb": peak_pss, "code": build.returncode, "err": err[-2000:]}))
"""


def write_site(folder: Path, n: int, gallery_share: float) -> None:
    import tomllib

    writer = Writer(seed=n)
    ward = tomllib.loads((ROOT / "content" / "ward.toml").read_text(encoding="utf-8"))
    categories = [c["name"] for c in ward["categories"]]
    tags = ["An ninh", "Âm nhạc", "Dân vận", "Đô thị", "Môi trường", "Chuyển đổi số", "Hội nghị", "Tổ dân phố", "Y tế",
            "Giáo dục", "Phòng cháy chữa cháy", "Thanh niên", "Thuế", "Văn hóa", "An sinh xã hội", "Bầu cử"]
    shutil.copy(ROOT / "content" / "ward.toml", folder / "ward.toml")
    shutil.copytree(ROOT / "content" / "trang", folder / "trang")
    start = dt.datetime(2016, 1, 1, 7, 0)
    every = max(1, round(1 / gallery_share)) if gallery_share else 0
    for i in range(n):
        when = start + dt.timedelta(minutes=i * (10 * 365 * 24 * 60) // n)
        title = writer.title()
        year = folder / "bai-viet" / f"{when:%Y}"
        year.mkdir(parents=True, exist_ok=True)
        name = f"{when:%Y-%m-%d}-bai-{i:05d}"
        body = "\n\n".join(writer.paragraphs(600))
        picked = sorted({tags[(i * 7 + k * 3) % len(tags)] for k in range(1 + i % 3)})
        (year / f"{name}.md").write_text(
            f"Title: {title}\nDate: {when:%Y-%m-%d %H:%M}\nCategory: {categories[i % len(categories)]}\n"
            f"Tags: {', '.join(picked)}\nAuthor: Biên tập viên {i % 5 + 1}\nSummary: {writer.sentence()}\n\n{body}\n",
            encoding="utf-8",
        )
        if every and i % every == 0:
            photos = year / name
            photos.mkdir()
            for k in range(4):
                (photos / f"anh-{k + 1}.jpg").write_bytes(photo(800, 600, seed=i * 10 + k, quality=80))
        if i % 500 == 0:
            print(f"  bài thử {i}/{n}", file=sys.stderr)


def measure(command: list[str], env: dict | None = None) -> dict:
    run = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, cwd=ROOT, env=env)
    result = json.loads(run.stdout)
    if result["code"] != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result['err']}")
    return result


def files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def scenarios(label: str, site: Path, out: Path, build: list[str], extra_env: dict | None = None) -> dict:
    env = dict(os.environ, **(extra_env or {}))
    results = {}
    print(f"… {label}: cold", file=sys.stderr)
    results["cold"] = measure(build, env)
    results["cold"]["files"] = files(out)
    print(f"… {label}: nothing changed", file=sys.stderr)
    results["unchanged"] = measure(build, env)
    target = edited_article(site)
    target.write_text(target.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    print(f"… {label}: one article edited", file=sys.stderr)
    results["edit"] = measure(build, env)
    new = site / "bai-viet" / "2026" / "2026-11-20-bai-moi-them.md"
    new.parent.mkdir(parents=True, exist_ok=True)
    new.write_text("Title: Bài mới thêm\nDate: 2026-11-20 08:00\nCategory: Thông báo\nAuthor: Biên tập viên 1\n\nNội dung bài mới.\n", encoding="utf-8")
    print(f"… {label}: one article added", file=sys.stderr)
    results["add"] = measure(build, env)
    target.write_text(target.read_text(encoding="utf-8").replace(EDIT, ""), encoding="utf-8")
    new.unlink()
    return results


EDIT = "\nMột câu được thêm vào khi sửa bài.\n"


def edited_article(site: Path) -> Path:
    """The article every one-edit scenario edits: the middle one."""
    articles = sorted((site / "bai-viet").rglob("*.md"))
    return articles[len(articles) // 2]


def stock_with_cache(site: Path, work: Path) -> tuple[float, float]:
    """Stock Pelican with its own content cache on (the reader layer, not
    gzipped), one article edited after a build that filled the cache: the
    wall time, and the part of it before its first page is written (start-up,
    settings, reading every article back from the cache), from
    ``bench/phases.py``. What no rebuild inside Pelican can go under."""
    settings = work / "stock-cache.py"
    settings.write_text(f'CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\nCONTENT_CACHING_LAYER = "reader"\n'
                        f'GZIP_CACHE = False\nCACHE_PATH = {str(work / "stock-cache")!r}\n', encoding="utf-8")
    phases = work / "stock-cache-phases.jsonl"
    command = [sys.executable, str(ROOT / "bench" / "phases.py"), str(site), "-o", str(work / "stock-cached"),
               "-t", "simple", "-q", "-s", str(settings)]
    env = dict(os.environ, BENCH_PHASES=str(phases))
    measure(command, env)  # fills the cache
    target = edited_article(site)
    text = target.read_text(encoding="utf-8")
    target.write_text(text + EDIT, encoding="utf-8")
    try:
        wall = measure(command, env)["wall"]
    finally:
        target.write_text(text, encoding="utf-8")
    timed = json.loads(phases.read_text(encoding="utf-8").splitlines()[-1])["phases"]
    first_write = next((i for i, (name, _) in enumerate(timed) if name.endswith("generate_output")), len(timed))
    return wall, sum(seconds for _, seconds in timed[:first_write])


def livereload(site: Path, work: Path, cache: Path) -> tuple[float, float]:
    """Seconds from saving an edited article to the preview server's first
    reload event (what makes the open browser tab reload: the article
    re-rendered alone by the warm worker) and to the second (the complete
    build that follows is published)."""
    import re
    import urllib.request

    env = dict(os.environ, PYTHONUNBUFFERED="1", PORTAL_CACHE=str(cache))
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "plugins" / "preview" / "server.py"), "--port", "0", "--content", str(site),
         "--output", str(work / "preview")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env,
    )
    try:
        line = server.stdout.readline()  # printed after the first build
        port = re.search(r"localhost:(\d+)/", line)[1]
        events = urllib.request.urlopen(f"http://127.0.0.1:{port}/__preview__/events", timeout=600)
        first = events.readline()
        assert first.startswith(b"data:"), first
        events.readline()
        time.sleep(1)  # settle: the watcher runs from before the first build
        target = sorted((site / "bai-viet").rglob("*.md"))[len(list((site / "bai-viet").rglob("*.md"))) // 3]
        text = target.read_text(encoding="utf-8")
        saved = time.perf_counter()
        target.write_text(text + "\nMột câu sửa khi xem trước.\n", encoding="utf-8")
        took = []
        while len(took) < 2:
            if events.readline().startswith(b"data:"):
                took.append(time.perf_counter() - saved)
        target.write_text(text, encoding="utf-8")
        return took[0], took[1]
    finally:
        server.terminate()
        server.wait(timeout=30)


def new_site(n: int, gallery_share: float, prefix: str) -> tuple[Path, Path, list[str]]:
    """A scratch folder with a synthetic site of *n* articles: (folder,
    site, stock Pelican's arguments after ``python``, writing to folder/stock)."""
    work = Path(tempfile.mkdtemp(prefix=f"{prefix}-{n}-"))
    site = work / "site"
    (site / "bai-viet").mkdir(parents=True)
    print(f"Tạo {n} bài thử…", file=sys.stderr)
    write_site(site, n, gallery_share)
    (work / "stock.py").write_text("", encoding="utf-8")  # Pelican's defaults, nothing else
    stock = ["-m", "pelican", str(site), "-o", str(work / "stock"), "-t", "simple", "-q", "-s", str(work / "stock.py")]
    return work, site, stock


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", default="1000,5000")
    parser.add_argument("--gallery-share", type=float, default=0.1)
    args = parser.parse_args()
    rows = []
    for n in [int(v) for v in args.articles.split(",")]:
        work, site, stock = new_site(n, args.gallery_share, "bench-build")
        stock_out, ours_out, cache = work / "stock", work / "ours", work / "cache"
        ours = ["-m", "pelican", str(site), "-o", str(ours_out), "-s", str(ROOT / "pelicanconf.py"), "-q"]
        caches = {"PORTAL_CACHE": str(cache)}  # content, photo, search and incremental caches
        a = scenarios(f"stock Pelican, {n}", site, stock_out, [sys.executable, *stock])
        print(f"… stock Pelican with its content cache, {n}: one article edited", file=sys.stderr)
        cached_stock = stock_with_cache(site, work)
        b = scenarios(f"this project, {n}", site, ours_out, [sys.executable, *ours], caches)
        # CI: a fresh clone (new file times, no output) at the same path, the
        # caches restored (actions/cache, GitLab cache).
        site.rename(work / "kept")
        shutil.copytree(work / "kept", site)
        shutil.rmtree(work / "kept")
        shutil.rmtree(ours_out)
        print(f"… this project, {n}: fresh clone, caches kept", file=sys.stderr)
        clone = measure([sys.executable, *ours], dict(os.environ, **caches))
        # Everything cold but the photos (made once per photo, ever): what
        # the cold build costs apart from making photo sizes.
        photos_only = work / "cache-photos-only"
        photos_only.mkdir()
        (cache / "anh").rename(photos_only / "anh")
        shutil.rmtree(ours_out)
        print(f"… this project, {n}: cold build, photo sizes already made", file=sys.stderr)
        no_photos = measure([sys.executable, *ours], dict(os.environ, PORTAL_CACHE=str(photos_only)))
        cache = photos_only
        print(f"… this project, {n}: live preview, save to reload", file=sys.stderr)
        reload_seconds = livereload(site, work, cache)
        rows.append((n, a, b, clone, no_photos, reload_seconds, cached_stock))
        shutil.rmtree(work)

    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; photo folders on {args.gallery_share:.0%} of articles (4 JPEGs of 800×600 each)")
    print()
    print("RSS: the peak of the largest single process. PSS: the peak of the proportional set size summed over the")
    print("build's whole process tree (forked render and photo workers included), sampled 10 times a second.")
    print()
    print("| N | Scenario | Stock wall / CPU / RSS / PSS | This project wall / CPU / RSS / PSS | Wall ratio | Files (stock / ours) |")
    print("|---:|---|---|---|---:|---|")
    names = {"cold": "cold build", "unchanged": "nothing changed", "edit": "one article edited", "add": "one article added"}
    for n, a, b, clone, no_photos, reload_seconds, _cached_stock in rows:
        for key, label in names.items():
            ra, rb = a[key], b[key]
            counts = f"{a['cold']['files']} / {b['cold']['files']}" if key == "cold" else ""
            print(f"| {n} | {label} | {ra['wall']:.1f} s / {ra['cpu']:.1f} s / {ra['rss_mb']:.0f} MB / {ra['pss_mb']:.0f} MB | "
                  f"{rb['wall']:.1f} s / {rb['cpu']:.1f} s / {rb['rss_mb']:.0f} MB / {rb['pss_mb']:.0f} MB | {rb['wall'] / ra['wall']:.2f}× | {counts} |")
        for label, row in (("fresh clone at the same path, caches restored (CI)", clone), ("cold build, photo sizes already made", no_photos)):
            print(f"| {n} | {label} | | {row['wall']:.1f} s / {row['cpu']:.1f} s / {row['rss_mb']:.0f} MB / {row['pss_mb']:.0f} MB | "
                  f"{row['wall'] / a['cold']['wall']:.2f}× of stock cold | |")
        print(f"| {n} | live preview: save → browser shows the article | | {reload_seconds[0]:.2f} s | | |")
        print(f"| {n} | live preview: save → complete build published | | {reload_seconds[1]:.1f} s | | |")
    print()
    for n, a, *_rest, (cached_wall, before_writing) in rows:
        print(f"Stock Pelican with its own content cache (reader layer, not gzipped), {n} articles, one article edited: "
              f"{cached_wall:.1f} s, of which {before_writing:.2f} s before its first page is written; "
              f"0.1× of stock's one-edit rebuild above is {a['edit']['wall'] / 10:.2f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
