"""Building many wards at once, each in its own ``pelican`` process.

One process per site keeps sites apart: a broken ward.toml, article or
photo stops that site's build with its own ``path:line`` messages, and the
other sites still build. As many processes run at once as there are cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .layout import SLUG, Site

ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass
class Result:
    site: Site
    ok: bool
    seconds: float
    lines: list[str] = field(default_factory=list)  # what went wrong, when it did


def summary_path(cache: Path, site: Site) -> Path:
    return cache / "sites" / f"{site.slug}.json"


def build_one(site: Site, output: Path, settings: Path, cache: Path, extra: dict | None = None) -> Result:
    """Build *site* into ``output/<slug>/`` with ``pelican``; *extra* are
    settings for this build (``-e``)."""
    started = time.monotonic()
    if not SLUG.fullmatch(site.slug):
        return Result(site, False, 0.0, [
            f"{site.path}: tên thư mục \"{site.path.name}\" phải viết thường, không dấu, nối bằng gạch ngang "
            "(ví dụ phuong-hoa-binh): đó là phần địa chỉ của phường trên cổng tỉnh."
        ])
    overrides = {"SITE_SUMMARY": str(summary_path(cache, site)), **(extra or {})}
    command = [sys.executable, "-m", "pelican", str(site.path), "-s", str(settings), "-o", str(output / site.slug), "-q",
               "-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    env = dict(os.environ, PORTAL_CACHE=str(cache))
    if "PUBLIC_URL" in overrides:
        env.pop("PORTAL_URL", None)  # one address per site, not the environment's for all
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    lines = [line for line in (run.stderr + run.stdout).splitlines() if line.strip()]
    return Result(site, run.returncode == 0, time.monotonic() - started, [] if run.returncode == 0 else lines)


def build_many(sites: list[Site], output: Path, settings: Path, cache: Path, jobs: int | None = None,
               extra: Callable[[Site], dict] | None = None, echo=print) -> list[Result]:
    """Build *sites* into ``output/<slug>/``, *jobs* at a time (default:
    the number of cores), printing one line per finished site; *extra*
    gives each site's own settings."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    # The cores are shared between the wards built at once, not multiplied:
    # each build renders its pages over its part of them.
    share = {"RENDER_PROCESSES": max(1, (os.cpu_count() or 1) // min(jobs, len(sites) or 1))}
    results = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build_one, site, output, settings, cache, {**share, **(extra(site) if extra else {})})
                   for site in sites]
        for done, future in enumerate(as_completed(futures), 1):
            result = future.result()
            results.append(result)
            if result.ok:
                echo(f"[{done}/{len(sites)}] {result.site.slug}: đã xây dựng ({result.seconds:.1f} giây)")
            else:
                echo(f"[{done}/{len(sites)}] {result.site.slug}: KHÔNG xây dựng được ({result.site.path})")
                for line in result.lines[-15:]:
                    echo(f"    {line}")
    return sorted(results, key=lambda r: r.site.slug)
