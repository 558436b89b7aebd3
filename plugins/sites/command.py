"""Commands for many wards (``invoke build --site/--all``, ``invoke merge-ward``).

    python plugins/sites/command.py build --all [--publish] [--jobs N] [--output DIR]
    python plugins/sites/command.py build --site SLUG [--site SLUG…]
    python plugins/sites/command.py merge --old SLUG --into SLUG [--category-map FILE] [--dry-run]
    python plugins/sites/command.py hub [--output DIR]

Summaries (what the hub shows of each ward) are kept in
``$PORTAL_CACHE/sites/<slug>.json`` (``.cache/sites/`` by default).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from sites.build import build_many  # noqa: E402
from sites.hub import HubError, load_hub, load_merged, read_summaries, tidy, write_hub  # noqa: E402
from sites.layout import discover, find  # noqa: E402
from sites.merge import MergeError, apply, plan_merge  # noqa: E402


def cache_root() -> Path:
    return Path(os.environ.get("PORTAL_CACHE") or ROOT / ".cache")


def build(args) -> int:
    started = time.monotonic()
    root = Path(args.root).resolve()
    output = Path(args.output).resolve()
    settings = ROOT / ("publishconf.py" if args.publish else "pelicanconf.py")
    everything = discover(root)
    if args.all:
        chosen = everything
    else:
        chosen = []
        for wanted in args.site:
            site = find(root, wanted)
            if site is None:
                names = ", ".join(s.slug for s in everything) or "(chưa có: tạo sites/<tên-phường>/ward.toml)"
                print(f"Không có phường, xã \"{wanted}\". Có: {names}.", file=sys.stderr)
                return 2
            chosen.append(site)
    if not chosen:
        print("Chưa có phường, xã nào: mỗi phường là một thư mục sites/<tên-phường>/ có tệp ward.toml.", file=sys.stderr)
        return 2
    try:
        hub = load_hub(root)
        merged = load_merged(root)
    except HubError as error:
        print(error, file=sys.stderr)
        return 1
    cache = cache_root()
    print(f"Xây dựng {len(chosen)} phường, xã vào {output}/ ({args.jobs or os.cpu_count()} cùng lúc)…", file=sys.stderr)
    output.mkdir(parents=True, exist_ok=True)
    # Published under the hub's address: each site's is the hub's plus its folder.
    extra = (lambda site: {"PUBLIC_URL": f"{hub.url.rstrip('/')}/{site.slug}"}) if args.publish and hub.url else None
    results = build_many(chosen, output, settings, cache, args.jobs, extra, echo=lambda line: print(line, file=sys.stderr))
    failed = [r for r in results if not r.ok]
    try:
        if args.all:
            tidy(output, everything, merged)
        written = write_hub(output, everything, read_summaries(cache, everything), hub, merged)
    except HubError as error:
        print(error, file=sys.stderr)
        return 1
    took = time.monotonic() - started
    done = len(results) - len(failed)
    line = f"Đã xây dựng {done}/{len(results)} phường, xã và trang chung ({written['wards']} phường, xã"
    line += f", {written['redirects']} địa chỉ cũ chuyển hướng" if written["redirects"] else ""
    print(f"{line}) trong {took:.1f} giây: {output / 'index.html'}", file=sys.stderr)
    if failed:
        print(f"KHÔNG xây dựng được: {', '.join(r.site.slug for r in failed)} — xem lỗi ở trên; các phường khác đã xong.", file=sys.stderr)
        return 1
    return 0


def hub_only(args) -> int:
    """The hub from the summaries already there (CI: each ward built on its
    own runner, outputs and summaries gathered, then this)."""
    root = Path(args.root).resolve()
    output = Path(args.output).resolve()
    everything = discover(root)
    try:
        summaries = read_summaries(cache_root(), everything)
        missing = [s.slug for s in everything if s.slug not in summaries]
        written = write_hub(output, everything, summaries, load_hub(root), load_merged(root))
    except HubError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Đã viết trang chung: {written['wards']} phường, xã, {written['redirects']} địa chỉ cũ chuyển hướng: {output / 'index.html'}",
          file=sys.stderr)
    if missing:
        print(f"Chưa có bản tóm tắt (chưa xây dựng?): {', '.join(missing)}.", file=sys.stderr)
        return 1
    return 0


def merge(args) -> int:
    root = Path(args.root).resolve()
    old, into = find(root, args.old), find(root, args.into)
    for wanted, site in ((args.old, old), (args.into, into)):
        if site is None:
            print(f"Không có phường, xã \"{wanted}\" trong sites/.", file=sys.stderr)
            return 2
    if old.path.parent != root / "sites":
        print(f"Chỉ sáp nhập được một phường trong sites/ (không phải {old.path}).", file=sys.stderr)
        return 2
    print(f"Xây dựng thử {old.slug} và {into.slug} để kiểm tra…", file=sys.stderr)
    try:
        plan = plan_merge(old, into, cache_root(), ROOT / "pelicanconf.py", Path(args.category_map) if args.category_map else None)
    except MergeError as error:
        print(error, file=sys.stderr)
        return 1
    for old_name, new_name in sorted(plan.categories.items()):
        print(f"  chuyên mục \"{old_name}\" → \"{new_name}\"", file=sys.stderr)
    for before, after in plan.renamed:
        print(f"  đổi tên (trùng tệp ở {into.slug}): {before} → {after}", file=sys.stderr)
    summary = (f"{len(plan.files)} bài viết của {plan.old_name} chuyển sang {plan.into_name}"
               f"{f' ({len(plan.same)} bài đã có sẵn)' if plan.same else ''}, {len(plan.redirects)} địa chỉ khác chuyển hướng")
    if args.dry_run:
        print(f"Chạy thử, chưa ghi gì: {summary}.", file=sys.stderr)
        return 0
    merge_file = apply(plan, root)
    print(f"Đã sáp nhập: {summary}. Thư mục cũ được giữ nguyên ở {merge_file.with_suffix('').relative_to(root)}/; "
          f"bảng chuyển hướng: {merge_file.relative_to(root)}. Tiếp theo: invoke build --all, kiểm tra, rồi commit.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nhiều phường, xã trong một kho.")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="xây dựng một, vài hoặc tất cả phường, xã và trang chung")
    which = b.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true")
    which.add_argument("--site", action="append")
    b.add_argument("--publish", action="store_true")
    b.add_argument("--jobs", type=int, default=None)
    b.add_argument("--output", default=str(ROOT / "output"))
    m = commands.add_parser("merge", help="sáp nhập một phường vào phường khác")
    m.add_argument("--old", required=True)
    m.add_argument("--into", required=True)
    m.add_argument("--category-map", default="")
    m.add_argument("--dry-run", action="store_true")
    h = commands.add_parser("hub", help="chỉ viết trang chung, từ các bản tóm tắt đã có")
    h.add_argument("--output", default=str(ROOT / "output"))
    args = parser.parse_args(argv)
    return {"build": build, "merge": merge, "hub": hub_only}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
