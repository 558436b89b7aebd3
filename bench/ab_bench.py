"""A/B: this working tree against an earlier commit, on the same synthetic site.

    python bench/ab_bench.py --base REV [--head REV] [--articles 2000] [--settings pelicanconf.py] [--rounds 2]

Checks REV (and ``--head``, else this working tree) out into temporary git worktrees, writes one site of N
articles (``build_bench.write_site``, text only), and for each round builds
it cold with each tree in turn (fresh output and caches), then once more
after one article is edited. Alternating the trees in rounds spreads the
machine's own drift over both. Prints every run and the fastest of each.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build_bench import write_site  # noqa: E402


def build(tree: Path, site: Path, out: Path, cache: Path, settings: str) -> float:
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "pelican", str(site), "-s", str(tree / settings), "-o", str(out),
                          "-e", f'CACHE_PATH="{cache}"', 'PUBLIC_URL="https://x.example"'],
                         cwd=tree, capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(f"build failed in {tree}:\n{run.stderr[-3000:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare with")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--head", help="the commit to measure (default: this working tree, as it is)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ab-bench-"))
    base, head = work / "base", (work / "head" if args.head else ROOT)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.base], check=True)
    if args.head:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(head), args.head], check=True)
    try:
        site = work / "site"
        site.mkdir()
        write_site(site, args.articles, 0)
        edited = sorted(site.glob("bai-viet/*/*.md"))[len(list(site.glob("bai-viet/*/*.md"))) // 2]
        text = edited.read_text(encoding="utf-8")
        times: dict[tuple[str, str], list[float]] = {}
        for number in range(args.rounds):
            for label, tree in (("base", base), ("this", head)):
                out, cache = work / f"out-{label}", work / f"cache-{label}"
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(cache, ignore_errors=True)
                cold = build(tree, site, out, cache, args.settings)
                edited.write_text(text + "\nMột câu sửa.\n", encoding="utf-8")
                edit = build(tree, site, out, cache, args.settings)
                edited.write_text(text, encoding="utf-8")
                times.setdefault((label, "cold"), []).append(cold)
                times.setdefault((label, "edit"), []).append(edit)
                print(f"round {number + 1}: {label:4s} cold {cold:5.1f} s, one article edited {edit:5.1f} s", flush=True)
        print(f"{args.articles} articles, {args.settings}, fastest of {args.rounds}:")
        for kind in ("cold", "edit"):
            a, b = min(times[("base", kind)]), min(times[("this", kind)])
            print(f"  {kind}: {args.base[:10]} {a:.1f} s, {(args.head or 'this tree')[:10]} {b:.1f} s ({b / a:.2f}×)")
    finally:
        for tree in {base, head} - {ROOT}:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
