"""The reference checker: does every reference in a built site resolve to a
file inside it?

    python plugins/offline/refcheck.py OUTPUT_DIR     (or: invoke check-output)

Looks at every ``href``, ``src``, ``srcset``, ``data-srcset``, ``poster`` and
form ``action`` in the HTML, and every ``url()`` in the CSS, and reports:
- a reference to a file that is missing, or outside the site;
- a reference to a directory (``…/`` or a folder), which breaks from disk;
- an absolute path (``/…``), which breaks under a sub-path and from disk;
- a reference to another host, except plain outbound ``<a>`` links, which are
  listed but allowed;
- a ``#anchor`` that no element of the target page carries.
Exit status 1 if anything is broken.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL_ATTRIBUTES = {"href", "src", "poster", "action"}
# <link> kinds the browser loads; other <link>s (canonical, alternate,
# schema.DC, author, license…) and <base> only name an address.
LOADED_LINKS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "mask-icon"}
SRCSET_ATTRIBUTES = {"srcset", "data-srcset"}
SKIP_SCHEMES = {"mailto", "tel", "data", "javascript", "sms", "geo"}
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)")


@dataclass(frozen=True, order=True)
class Finding:
    page: str
    kind: str  # missing, outside, directory, absolute, host, anchor
    reference: str
    detail: str = ""

    def format(self) -> str:
        return f"{self.page}: {self.kind}: {self.reference}" + (f" ({self.detail})" if self.detail else "")


@dataclass
class Report:
    broken: list[Finding] = field(default_factory=list)
    outbound: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # url → pages
    pages: int = 0
    references: int = 0

    @property
    def ok(self) -> bool:
        return not self.broken


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            rels = set((dict(attrs).get("rel") or "").lower().split())
            tag = "link" if rels & LOADED_LINKS else "link-name"
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in URL_ATTRIBUTES:
                self.references.append((tag, name, value.strip()))
            elif name in SRCSET_ATTRIBUTES:
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.references.append((tag, name, url))
            elif name == "style":
                for match in CSS_URL.finditer(value):
                    self.references.append((tag, "style", match.group(2).strip()))

    handle_startendtag = handle_starttag


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def check(site: str | Path) -> Report:
    site = Path(site).resolve()
    report = Report()
    parsed: dict[Path, _Page] = {}

    def page_of(path: Path) -> _Page:
        if path not in parsed:
            parser = _Page()
            parser.feed(_read(path))
            parsed[path] = parser
        return parsed[path]

    sources: list[tuple[Path, list[tuple[str, str, str]]]] = []
    for html in sorted(site.rglob("*.html")):
        sources.append((html, page_of(html).references))
        report.pages += 1
    for css in sorted(site.rglob("*.css")):
        sources.append((css, [("css", "url", m.group(2).strip()) for m in CSS_URL.finditer(_read(css))]))

    anchors_wanted: list[tuple[Path, Path, str, str]] = []
    for source, references in sources:
        rel = source.relative_to(site).as_posix()
        for tag, attribute, value in references:
            report.references += 1
            parts = urlsplit(value)
            if parts.scheme in SKIP_SCHEMES:
                continue
            if parts.scheme or value.startswith("//"):
                if attribute == "href" and tag in ("a", "link-name", "base"):
                    report.outbound[value].add(rel)
                else:
                    report.broken.append(Finding(rel, "host", value, f"<{tag} {attribute}> loads from another host"))
                continue
            if value.startswith("/"):
                report.broken.append(Finding(rel, "absolute", value, "starts with /: breaks under a sub-path and from disk"))
                continue
            if not parts.path:
                if parts.fragment and source.suffix == ".html":
                    anchors_wanted.append((source, source, parts.fragment, value))
                continue
            target = (source.parent / unquote(parts.path)).resolve()
            if site != target and site not in target.parents:
                report.broken.append(Finding(rel, "outside", value, "points outside the site"))
            elif parts.path.endswith("/") or target.is_dir():
                report.broken.append(Finding(rel, "directory", value, "names a folder: from disk this shows a file listing or nothing"))
            elif not target.is_file():
                report.broken.append(Finding(rel, "missing", value))
            elif parts.fragment and target.suffix == ".html":
                anchors_wanted.append((source, target, parts.fragment, value))

    for source, target, fragment, value in anchors_wanted:
        if unquote(fragment) not in page_of(target).ids:
            report.broken.append(Finding(source.relative_to(site).as_posix(), "anchor", value, "no element has this id"))
    report.broken.sort()
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("Dùng: refcheck.py THƯ_MỤC_KẾT_QUẢ", file=sys.stderr)
        return 2
    report = check(argv[0])
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the plugins, for the editor's messages
    from editor_errors import print_problems, say
    from offline import source_problems

    # Where the build recorded each page's source: the cache, as pelicanconf.py has it (CACHE_PATH), or PORTAL_CACHE.
    settings = {"CACHE_PATH": str(Path(__file__).resolve().parents[2] / ".cache")}
    print_problems(source_problems(settings, Path(argv[0]), report.broken), sys.stderr)
    hosts = sorted({urlsplit(u).netloc for u in report.outbound})
    print(say(
        f"Đã kiểm tra {report.references} liên kết trong {report.pages} trang: "
        f"{len(report.broken)} liên kết hỏng; {len(report.outbound)} liên kết ra ngoài ({', '.join(hosts) or 'không có'}).",
        f"Checked {report.references} links in {report.pages} pages: "
        f"{len(report.broken)} broken; {len(report.outbound)} outbound ({', '.join(hosts) or 'none'}).",
    ))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
