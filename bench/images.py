"""Benchmark: photo processing of a build against naive Pillow, same run.

    python bench/images.py [--count 24] [--size 4000x3000] [--workdir DIR]

1. makes N synthetic, photo-like 12-MP JPEGs (bench/photos.py: gradients,
   shapes and noise, which compress and decode like phone photos);
2. naive Pillow, one process: full decode, EXIF transpose, LANCZOS from the
   full image to every size, save — what a simple script does;
3. this project's pipeline (plugins/galleries/pipeline.py, exactly what a
   build runs), cold cache: on 1 core, then on all cores;
4. the same again with the cache warm (a rebuild with no photo changes).

Prints a Markdown table; copy it into docs/benchmarks.md with the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "bench")]

from galleries.pipeline import hash_files, process_many  # noqa: E402
from galleries.processing import Recipe  # noqa: E402
from photos import photo  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

RECIPE = Recipe()


def naive(path: Path, out: Path) -> None:
    image = ImageOps.exif_transpose(Image.open(path))
    image.load()
    for width in sorted(set(RECIPE.widths) | {RECIPE.share_width}):
        height = round(image.height * width / image.width)
        image.resize((width, height), Image.Resampling.LANCZOS).save(out / f"{path.stem}-{width}.jpg", "JPEG", quality=RECIPE.quality)


def timed(label: str, func) -> float:
    print(f"… {label}", file=sys.stderr)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    children0 = os.times().children_user + os.times().children_system
    func()
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0 + os.times().children_user + os.times().children_system - children0
    print(f"  {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
    return wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--size", default="4000x3000")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-images-"))
    sources = work / "photos"
    sources.mkdir(parents=True, exist_ok=True)
    for n in range(args.count):
        path = sources / f"IMG_{n:04}.jpg"
        if not path.exists():
            path.write_bytes(photo(width, height, seed=n, orientation=6 if n % 4 == 0 else 1, quality=90))
            print(f"  ảnh thử {n + 1}/{args.count}", file=sys.stderr)
    paths = sorted(str(p) for p in sources.glob("*.jpg"))
    mb = sum(os.path.getsize(p) for p in paths) / len(paths) / 1e6
    cores = os.cpu_count() or 1

    naive_out = work / "naive"
    shutil.rmtree(naive_out, ignore_errors=True)
    naive_out.mkdir()
    t_naive = timed("naive Pillow, 1 process", lambda: [naive(Path(p), naive_out) for p in paths])

    def ours(cache: Path, workers: int):
        shutil.rmtree(cache, ignore_errors=True) if workers else None
        hashes = hash_files(paths)
        results = process_many({sha: p for p, sha in hashes.items()}, cache, RECIPE, workers or cores, stream=sys.stderr)
        assert all(v for v, _ in results.values())

    t_one = timed("pipeline, cold cache, 1 core", lambda: ours(work / "cache1", 1))
    t_all = timed(f"pipeline, cold cache, {cores} cores", lambda: ours(work / "cache", cores))
    t_warm = timed("pipeline, warm cache (rebuild)", lambda: ours(work / "cache", 0))

    n = len(paths)
    print()
    print(f"{n} photos of {width}×{height} ({mb:.1f} MB each on average); {platform.processor() or platform.machine()}, {cores} cores, Python {platform.python_version()}, Pillow {Image.__version__}")
    print()
    print("| Run | Wall time | Photos/s | vs naive |")
    print("|---|---:|---:|---:|")
    for label, secs in [
        ("naive Pillow (full decode + LANCZOS, 1 process)", t_naive),
        ("pipeline, cold cache, 1 core", t_one),
        (f"pipeline, cold cache, {cores} cores (a first build)", t_all),
        ("pipeline, warm cache (a rebuild, nothing decoded)", t_warm),
    ]:
        print(f"| {label} | {secs:.2f} s | {n / secs:.1f} | {t_naive / secs:.1f}× |")
    if not args.workdir:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
