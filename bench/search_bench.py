"""Benchmark: search index size and query cost on a synthetic archive.

    python bench/search_bench.py [--articles 5000] [--words 600]

Builds the index with the plugin's own code (plugins/search/index.py) for N
synthetic articles (bench/corpus.py), then opens a page that loads the real
theme/static/js/search.js from file:// in headless Chromium (Debian's), and
for typical queries measures the bytes of every index file the page loaded
and the time to the first answer (results ranked and the first 10 documents
loaded), each on a fresh page. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "bench")]

from corpus import Writer  # noqa: E402
from search.index import Document, build  # noqa: E402

QUERIES = ["hoi nghi", "dan pho", "phuong minh", "to chuc", "an ninh", "chuyen doi"]
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>bench</title>
<script src="search.js"></script></head><body></body></html>"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-search-"))
    writer = Writer(seed=7)
    start = dt.date(2016, 1, 1)
    docs = []
    for n in range(args.articles):
        if n % 1000 == 0:
            print(f"  bài {n}/{args.articles}", file=sys.stderr)
        date = start + dt.timedelta(days=n * 3650 // args.articles)
        docs.append(Document(f"bai-viet/{n}.html", writer.title(), f"{date:%d/%m/%Y}", "Tin tức", " ".join(writer.paragraphs(args.words))))
    # oldest first: the order of the plugin's ids (no pages here)
    began = time.perf_counter()
    files = build(docs)
    took = time.perf_counter() - began
    index = work / "search"
    index.mkdir()
    for name, text in files.items():
        (index / name).write_text(text, encoding="utf-8")
    total = sum(p.stat().st_size for p in index.iterdir())
    shutil.copy(ROOT / "theme" / "static" / "js" / "search.js", work / "search.js")
    (work / "index.html").write_text(PAGE, encoding="utf-8")

    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        for query in QUERIES:
            times, loaded = [], 0
            for _ in range(args.runs):
                page = browser.new_page()
                requested = []
                page.on("request", lambda r, requested=requested: requested.append(r.url))
                page.goto((work / "index.html").as_uri())
                requested.clear()
                result = page.evaluate(
                    """async (q) => {
                        WardSearch.setRoot('search/');
                        const t0 = performance.now();
                        const found = await WardSearch.search(q);
                        const ids = found.results.slice(0, 10).map(r => r.doc);
                        await WardSearch.documents(ids, found.manifest);
                        return {ms: performance.now() - t0, hits: found.results.length};
                    }""",
                    query,
                )
                times.append(result["ms"])
                loaded = sum((index / u.rsplit("/", 1)[1]).stat().st_size for u in requested if "/search/" in u)
                hits = result["hits"]
                page.close()
            rows.append((query, hits, loaded, statistics.median(times)))
        browser.close()

    print()
    print(f"{args.articles} synthetic articles × ~{args.words} words; index built in {took:.1f} s; {len(files)} files; total {total / 1e6:.2f} MB")
    print()
    print("| Query | Results | Bytes loaded | First answer (median of %d, file://) |" % args.runs)
    print("|---|---:|---:|---:|")
    for query, hits, loaded, ms in rows:
        print(f"| {query} | {hits} | {loaded / 1000:.0f} KB | {ms:.0f} ms |")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
