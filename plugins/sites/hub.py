"""The provincial hub: one page listing every ward, a combined feed, and the
redirects that keep merged wards' addresses working.

Written into the output root from the summaries the site builds left
(``SITE_SUMMARY``), so ``--site X`` refreshes it too. Every link is relative:
the hub works from disk and under a sub-path like the sites.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import posixpath
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .layout import HUB_FILE, MERGED_FOLDER, Site

ROOT = Path(__file__).resolve().parent.parent.parent
LATEST = 5  # articles shown per ward
FEED_ITEMS = 50
FEED = "feeds/all.atom.xml"
REDIRECTS = "_redirects"  # Netlify, Cloudflare Pages, GitLab Pages
NGINX_MAP = "nginx-redirects.map"
HUB_FILES = {"index.html", "theme", "feeds", REDIRECTS, NGINX_MAP}


class HubError(Exception):
    """A hub or merge file is wrong: the message names the file and line."""


@dataclass
class Hub:
    name: str = ""
    description: str = ""
    url: str = ""  # where output/ is published, e.g. https://tinh.gov.vn/phuong-xa
    address: str = ""
    phone: str = ""
    email: str = ""

    @property
    def base_path(self) -> str:
        """The URL path of the output root: "" or "/phuong-xa"."""
        return urlsplit(self.url).path.rstrip("/") if self.url else ""


@dataclass
class Merged:
    """A ward merged into another: its old addresses now lead there."""

    slug: str
    name: str
    into: str
    source: Path
    redirects: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path) besides articles


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"at line (\d+)", str(error))  # Python 3.11's error carries the line in its text only
        line = where[1] if where else 1
        raise HubError(f"{path}:{line}: lỗi: {error}. Sửa dòng này theo cú pháp TOML: tên = \"giá trị\".") from None


def load_hub(root: Path) -> Hub:
    path = root / "sites" / HUB_FILE
    if not path.is_file():
        return Hub()
    data = _toml(path).get("hub", {})
    known = set(Hub.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise HubError(f"{path}: lỗi: không biết khóa {', '.join(unknown)} trong [hub]; dùng: {', '.join(sorted(known))}.")
    return Hub(**{k: str(v) for k, v in data.items()})


def load_merged(root: Path) -> list[Merged]:
    merged = []
    folder = root / "sites" / MERGED_FOLDER
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        data = _toml(path)
        info = data.get("merged", {})
        missing = [key for key in ("slug", "name", "into") if not info.get(key)]
        if missing:
            raise HubError(f"{path}: lỗi: mục [merged] thiếu {', '.join(missing)}.")
        pairs = [(r["from"], r["to"]) for r in data.get("redirect", []) if r.get("from") and r.get("to")]
        merged.append(Merged(info["slug"], info["name"], info["into"], path, pairs))
    return merged


def _relative(target: str, from_file: str) -> str:
    """A link from the output file *from_file* to *target* (both relative to
    the output root, '/' separated)."""
    return posixpath.relpath(target, posixpath.dirname(from_file) or ".")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _template():
    from jinja2 import Environment, FileSystemLoader
    from safety.templates import sandboxed

    # The same rule as every ward's pages: autoescaped, in the sandbox.
    env = sandboxed(Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates"))),
                    {"trim_blocks": True, "lstrip_blocks": True})
    return env.get_template("hub.html")


def wards_for_hub(sites: list[Site], summaries: dict[str, dict]) -> list[dict]:
    from vietnamese import short_date, sort_key

    wards = []
    for site in sites:
        data = summaries.get(site.slug)
        if data is None:
            continue
        latest = [dict(a, url=f"{site.slug}/{a['url']}", shown_date=short_date(dt.datetime.fromisoformat(a["date"])))
                  for a in data["articles"][:LATEST]]
        wards.append({"slug": site.slug, "name": data["name"], "title": data["portal_title"], "province": data["province"],
                      "home": f"{site.slug}/index.html", "latest": latest, "count": len(data["articles"])})
    return sorted(wards, key=lambda w: sort_key(w["name"]))


def write_feed(output: Path, hub: Hub, title: str, sites: list[Site], summaries: dict[str, dict]) -> None:
    from feedgenerator import Atom1Feed

    base = hub.url.rstrip("/") + "/" if hub.url else ""
    feed = Atom1Feed(title=title, link=base + "index.html", description=hub.description or title, language="vi",
                     feed_url=base + FEED if base else None)
    entries = []
    for site in sites:
        data = summaries.get(site.slug)
        for article in (data or {}).get("articles", [])[:FEED_ITEMS]:
            entries.append((dt.datetime.fromisoformat(article["date"]), site, data, article))
    entries.sort(key=lambda e: (e[0], e[1].slug, e[3]["url"]), reverse=True)
    for date, site, data, article in entries[:FEED_ITEMS]:
        link = f"{base}{site.slug}/{article['url']}" if base else f"../{site.slug}/{article['url']}"
        feed.add_item(title=f"{article['title']} — {data['name']}", link=link, description=html.escape(article["summary"]), pubdate=date,
                      unique_id=link, author_name=data["name"], categories=[article["category"]] if article["category"] else [])
    _write(output / FEED, feed.writeString("utf-8"))


def redirect_page(target: str, source_file: str, title: str, ward: str, hub: Hub) -> str:
    href = html.escape(_relative(target, source_file), quote=True)
    canonical = html.escape(f"{hub.url.rstrip('/')}/{target}" if hub.url else href, quote=True)
    title = html.escape(title)
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Đã chuyển: {title}</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n<link rel=\"canonical\" href=\"{canonical}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n"
        f"<p>Trang này đã chuyển về cổng của {html.escape(ward)}: <a href=\"{href}\">{title}</a>.</p>\n</body>\n</html>\n"
    )


def redirects(merged: list[Merged], summaries: dict[str, dict]) -> list[tuple[str, str, str]]:
    """(old path, new path, title) from the output root, for every address
    of every merged ward: its articles (from the ``Origin-URL`` they carry
    into their new ward) and its other pages (from the merge file)."""
    out = []
    for ward in merged:
        into = summaries.get(ward.into)
        if into is None:
            raise HubError(f"{ward.source}: lỗi: phường nhận sáp nhập \"{ward.into}\" không có trong sites/ hoặc chưa xây dựng được.")
        seen = set()
        for article in into["articles"]:
            origin = article.get("origin-url", "")
            if origin.startswith(ward.slug + "/"):
                out.append((origin, f"{ward.into}/{article['url']}", article["title"]))
                seen.add(origin)
        for old, new in ward.redirects:
            path = f"{ward.slug}/{old}"
            if path not in seen:
                out.append((path, f"{ward.into}/{new}", into["portal_title"]))
    return sorted(out)


def write_redirects(output: Path, hub: Hub, merged: list[Merged], summaries: dict[str, dict]) -> int:
    pairs = redirects(merged, summaries)
    for ward in merged:
        shutil.rmtree(output / ward.slug, ignore_errors=True)  # only redirect pages live there now
    names = {w.into: summaries[w.into]["name"] for w in merged}
    for old, new, title in pairs:
        _write(output / old, redirect_page(new, old, title, names[new.split("/", 1)[0]], hub))
    base = hub.base_path
    lines, nginx = [], []
    for old, new, _title in pairs:
        for source in ([old, old[: -len("index.html")]] if old.endswith("index.html") else [old]):
            lines.append(f"{base}/{source} {base}/{new} 301")
            nginx.append(f"    {base}/{source} {base}/{new};")
    _write(output / REDIRECTS, "".join(f"{line}\n" for line in lines))
    _write(output / NGINX_MAP, (
        "# Chuyển hướng địa chỉ của các phường, xã đã sáp nhập. Dùng trong cấu hình nginx:\n"
        "#   map $uri $dia_chi_moi { include /duong-dan/nginx-redirects.map; }\n"
        "#   if ($dia_chi_moi) { return 301 $dia_chi_moi; }\n"
    ) + "".join(f"{line}\n" for line in nginx))
    return len(pairs)


def write_hub(output: Path, sites: list[Site], summaries: dict[str, dict], hub: Hub, merged: list[Merged]) -> dict:
    """Write the hub into *output*; returns what was written, for the summary line."""
    active = {site.slug for site in sites}
    for ward in merged:
        if ward.slug in active:  # its redirect pages would replace the live ward's pages
            raise HubError(f"{ward.source}: lỗi: \"{ward.slug}\" đã sáp nhập vào \"{ward.into}\" nhưng vẫn còn thư mục "
                           f"sites/{ward.slug}/. Xóa một trong hai: thư mục đó, hoặc tệp sáp nhập này.")
    provinces = sorted({s["province"] for s in summaries.values() if s.get("province")})
    title = hub.name or "Cổng thông tin các phường, xã"
    if not hub.name and len(provinces) == 1:  # "… xã tỉnh Ví Dụ"
        title += " " + provinces[0][:1].lower() + provinces[0][1:]
    wards = wards_for_hub(sites, summaries)
    static = ROOT / "theme" / "static"
    for name in ("css/main.css", "css/print.css", "img/favicon.svg", "img/emblem.svg", "js/text-size.js"):
        target = output / "theme" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(static / name, target)
    from safety.csp import context_values

    page = _template().render(hub=hub, title=title, wards=wards, merged=merged, feed=FEED,
                              merged_names={w.slug: w.name for w in merged}, summaries=summaries,
                              **context_values(str(ROOT / "theme"), "", ()))
    _write(output / "index.html", page)
    write_feed(output, hub, title, sites, summaries)
    from safety.csp import write_host_files

    write_host_files(output, ROOT / "theme", hub.base_path or "")  # for the whole tree, every ward included
    count = write_redirects(output, hub, merged, summaries) if merged else 0
    return {"wards": len(wards), "redirects": count}


def read_summaries(cache: Path, sites: list[Site]) -> dict[str, dict]:
    from .build import summary_path

    found = {}
    for site in sites:
        path = summary_path(cache, site)
        if path.is_file():
            found[site.slug] = json.loads(path.read_text(encoding="utf-8"))
    return found


def tidy(output: Path, sites: list[Site], merged: list[Merged]) -> list[str]:
    """Remove what an earlier build of another layout left in the output
    root (a single-site build writes its pages there)."""
    keep = {s.slug for s in sites} | {w.slug for w in merged} | HUB_FILES
    removed = []
    for entry in sorted(output.iterdir()) if output.is_dir() else []:
        if entry.name in keep or entry.name.endswith(".partial") or ".old-" in entry.name:
            continue
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        removed.append(entry.name)
    return removed
