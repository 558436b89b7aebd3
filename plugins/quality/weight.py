"""Page-weight gate: what an article page costs without its photos.

Every article page (``bai-viet/**.html``) is opened in Debian's Chromium,
the site served over localhost with the HTTP cache off (Playwright routing).
Every request the page makes is recorded; photos and other images are not
fetched (aborted), and for every other response the body size, uncompressed
as it is on disk, is added up by kind: the document, stylesheets (``print.css``
too, which Chromium fetches for every page) and scripts. The sum must be
within [weight] budget_kb of ``quality.toml`` (1 KB = 1000 bytes), and any
request to a host other than the site's own is a finding.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from quality.common import Finding, serve

COUNTED = {"document": "html", "stylesheet": "css", "script": "js"}
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class Weight:
    page: str
    bytes_by_kind: dict[str, int] = field(default_factory=lambda: {"html": 0, "css": 0, "js": 0, "other": 0})
    other_hosts: list[str] = field(default_factory=list)
    skipped_images: int = 0

    @property
    def counted(self) -> int:
        return self.bytes_by_kind["html"] + self.bytes_by_kind["css"] + self.bytes_by_kind["js"]


def article_pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted((site / "bai-viet").rglob("*.html"))]


def measure(page, base: str, path: str, allowed_hosts: list[str], settle: float = 0.05) -> Weight:
    """Open ``base + path`` and account for every request until the network
    has been quiet for ``settle`` seconds after the load event."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    allowed = {origin, *allowed_hosts}
    weight = Weight(path)
    pending: set = set()
    last = [time.monotonic()]

    def route(route):
        request = route.request
        parts = urlsplit(request.url)
        if parts.scheme not in LOCAL_SCHEMES and f"{parts.scheme}://{parts.netloc}" not in allowed:
            weight.other_hosts.append(request.url)
            route.abort()
        elif request.resource_type == "image":
            weight.skipped_images += 1
            route.abort()
        else:
            route.continue_()

    def started(request):
        pending.add(request)
        last[0] = time.monotonic()

    def finished(request):
        pending.discard(request)
        last[0] = time.monotonic()
        response = request.response()
        if response is None:
            return
        size = len(response.body())
        weight.bytes_by_kind[COUNTED.get(request.resource_type, "other")] += size

    def failed(request):
        pending.discard(request)
        last[0] = time.monotonic()

    page.route("**/*", route)
    page.on("request", started)
    page.on("requestfinished", finished)
    page.on("requestfailed", failed)
    try:
        page.goto(base + path, wait_until="load")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (pending or time.monotonic() - last[0] < settle):
            page.wait_for_timeout(25)
    finally:
        page.unroute("**/*", route)
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", finished)
        page.remove_listener("requestfailed", failed)
    return weight


def judge(weight: Weight, budget_kb: float) -> list[Finding]:
    findings = []
    limit = budget_kb * 1000
    if weight.counted > limit:
        kinds = ", ".join(f"{k.upper()} {v / 1000:.1f} KB" for k, v in weight.bytes_by_kind.items() if k != "other")
        findings.append(Finding("weight", weight.page, "budget", f"{weight.counted / 1000:.1f} KB HTML+CSS+JS > ngân sách {budget_kb:g} KB ({kinds})"))
    for url in weight.other_hosts:
        findings.append(Finding("weight", weight.page, "other-host", f"trang gọi tới máy chủ khác: {url}"))
    return findings


def check(context, site: Path, config: dict, pages: list[str] | None = None) -> tuple[list[Finding], list[Weight]]:
    """(findings, weights) for every article page of ``site`` (or ``pages``)."""
    settings = config["weight"]
    pages = article_pages(site) if pages is None else pages
    if not pages:
        return [Finding("weight", str(site), "no-pages", "Không có trang bài viết nào để đo.")], []
    findings: list[Finding] = []
    weights: list[Weight] = []
    with serve(site) as base:
        page = context.new_page()
        try:
            for path in pages:
                weight = measure(page, base, path, settings.get("allowed_hosts", []))
                weights.append(weight)
                findings += judge(weight, float(settings["budget_kb"]))
        finally:
            page.close()
    return findings, weights
