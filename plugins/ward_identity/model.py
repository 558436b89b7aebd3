"""Reading and checking the ward data file (``ward.toml``)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from editor_errors import Problem, say
from safety import url_scheme
from vietnamese import normalize, slugify

from .documents import DocumentLists, nearest, read_documents
from .look import Theme, read_theme

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_WARD_KEYS = {
    "name": say("tên phường/xã, ví dụ \"Phường Minh Họa\"", "name of the ward or commune, for example \"Phường Minh Họa\""),
    "portal_title": say(
        "tên cổng, ví dụ \"Cổng thông tin điện tử phường Minh Họa\"",
        "name of the portal, for example \"Cổng thông tin điện tử phường Minh Họa\"",
    ),
    "address": say("địa chỉ trụ sở", "address of the ward office"),
    "phone": say("số điện thoại", "phone number"),
    "email": say("thư điện tử", "email address"),
    "content_responsible": say("người chịu trách nhiệm nội dung", "person responsible for the content"),
}


@dataclass(frozen=True)
class CategoryInfo:
    name: str
    slug: str
    description: str
    order: int


@dataclass(frozen=True)
class Banner:
    title: str
    url: str
    description: str = ""

    @property
    def external(self) -> bool:
        return self.url.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Ward:
    name: str
    portal_title: str
    address: str
    phone: str
    email: str
    content_responsible: str
    province: str = ""
    short_name: str = ""
    hotline: str = ""
    working_hours: str = ""
    description: str = ""
    license: str = ""
    url: str = ""  # the public address, e.g. https://example.gov.vn/phuong-minh-hoa
    demo: bool = False
    categories: tuple[CategoryInfo, ...] = ()
    banners: tuple[Banner, ...] = ()
    theme: Theme = Theme()  # colour and logo ([theme]); the default look when absent
    documents: DocumentLists = DocumentLists()  # [documents]: types, issuers, fields of the register
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def category(self, name_or_slug: str) -> CategoryInfo | None:
        """The configured category an editor meant, or None.

        Accepts the display name in any case or Unicode form, or the slug.
        """
        wanted = normalize(name_or_slug).strip().casefold()
        for cat in self.categories:
            if wanted in (cat.name.casefold(), cat.slug):
                return cat
        return None

    def likely_category(self, written: str) -> CategoryInfo | None:
        """The configured category *written* (not one of them) most likely
        means: the same letters but for tones, case, dashes or spaces
        ("Thong bao", "Tin tức – Sự kiện"), else the closest by spelling."""
        return nearest(written, {slugify(c.name): c for c in self.categories} | {c.slug: c for c in self.categories})


class _Lines:
    """Find which line of the TOML text holds a key, for error messages."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def table(self, header: str, index: int = 0) -> int:
        seen = -1
        for number, line in enumerate(self.lines, 1):
            if line.strip().replace(" ", "") == header:
                seen += 1
                if seen == index:
                    return number
        return 0

    def key(self, key: str, start: int = 0) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number, line in enumerate(self.lines[start:], start + 1):
            if start and number > start and line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number
        return start


def _text(value) -> str:
    return normalize(str(value)).strip() if value is not None else ""


def load_ward(path: Path, content: Path | None = None) -> tuple[Ward | None, list[Problem]]:
    """Read *path*; return the ward (None if unusable) and the problems.

    *content* is the content folder the file's paths (the logo) start from;
    by default the folder holding *path*."""
    src = str(path)
    if not path.is_file():
        return None, [
            Problem(
                src,
                0,
                say(
                    "Không tìm thấy tệp thông tin phường. Tạo tệp này (xem mẫu "
                    "content/ward.toml của cổng minh họa) hoặc chỉ đúng đường dẫn "
                    "bằng thiết lập WARD_FILE.",
                    "The ward information file was not found. Create it (see the sample "
                    "content/ward.toml of the demo portal) or give the right path "
                    "with the WARD_FILE setting.",
                ),
            )
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                src,
                line,
                say(
                    "Tệp không phải UTF-8. Mở tệp và lưu lại với bảng mã UTF-8.",
                    "The file is not UTF-8. Open it and save it again with the UTF-8 encoding.",
                ),
            )
        ]
    text = normalize(text.removeprefix("\ufeff"))  # Notepad's byte order mark: invisible, and nothing lost
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else 0
        return None, [
            Problem(
                src,
                line,
                say(
                    f"Sai cú pháp TOML ({exc}). Kiểm tra dấu ngoặc kép quanh mỗi giá "
                    "trị chữ và dấu \"=\" giữa tên và giá trị.",
                    f"TOML syntax error ({exc}). Check the double quotes around each text "
                    "value and the \"=\" between the name and the value.",
                ),
            )
        ]
    return _build(src, data, _Lines(text), Path(content) if content is not None else path.parent)


# Values that are not text: everything else in ward.toml is written in quotes.
NOT_TEXT = {("ward", "demo"): bool, ("categories", "order"): int}
TABLE_LINES = {"ward": "[ward]", "categories": "[[categories]]", "banners": "[[banners]]"}


def _type_problems(src: str, data: dict, lines: _Lines) -> list[Problem]:
    """A value of the wrong kind (``name = 5``, ``phone = 0243…`` without
    quotes, which TOML reads as a number and loses the leading 0) at its line."""
    problems = []
    for table, header in TABLE_LINES.items():
        value = data.get(table)
        entries = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            start = lines.table(header, index)
            for key, item in entry.items():
                wanted = NOT_TEXT.get((table, key), str)
                if isinstance(item, wanted) and not (wanted is int and isinstance(item, bool)):
                    continue
                line = lines.key(key, start)
                if wanted is str:
                    shown = item if isinstance(item, (int, float)) and not isinstance(item, bool) else "…"
                    problems.append(Problem(src, line, say(
                        f"{key} phải là chữ trong dấu ngoặc kép, ví dụ {key} = \"{shown}\" (không có ngoặc kép, "
                        "TOML đọc nó thành số hay giá trị khác, và số 0 ở đầu bị mất).",
                        f"{key} must be text in double quotes, for example {key} = \"{shown}\" (without quotes TOML "
                        "reads a number or another kind of value, and a leading 0 is lost).",
                    )))
                elif wanted is int and key != "order":  # order has its own message
                    problems.append(Problem(src, line, say(f"{key} phải là một số nguyên.", f"{key} must be a whole number.")))
                elif wanted is bool:
                    problems.append(Problem(src, line, say(
                        f"{key} phải là true hoặc false (không có ngoặc kép).",
                        f"{key} must be true or false (without quotes).",
                    )))
    return problems


def _build(src: str, data: dict, lines: _Lines, content: Path) -> tuple[Ward | None, list[Problem]]:
    problems: list[Problem] = _type_problems(src, data, lines)
    info = data.get("ward")
    if not isinstance(info, dict):
        return None, [
            Problem(
                src,
                1,
                say(
                    "Thiếu mục [ward] chứa tên và thông tin liên hệ của phường.",
                    "The [ward] section, with the name and contact details of the ward, is missing.",
                ),
            )
        ]
    ward_line = lines.table("[ward]")
    for key, meaning in REQUIRED_WARD_KEYS.items():
        if not _text(info.get(key)):
            problems.append(
                Problem(
                    src,
                    ward_line,
                    say(
                        f"Mục [ward] thiếu \"{key}\" ({meaning.vi}). Thêm dòng: {key} = \"…\"",
                        f"The [ward] section lacks \"{key}\" ({meaning.en}). Add the line: {key} = \"…\"",
                    ),
                )
            )

    categories: list[CategoryInfo] = []
    raw_categories = data.get("categories", [])
    if not raw_categories:
        problems.append(
            Problem(
                src,
                1,
                say(
                    "Chưa khai báo chuyên mục nào. Thêm ít nhất một mục [[categories]] có name và slug.",
                    "No category is declared. Add at least one [[categories]] entry with a name and a slug.",
                ),
            )
        )
    seen_names: dict[str, int] = {}
    seen_slugs: dict[str, int] = {}
    seen_orders: dict[int, int] = {}
    for index, entry in enumerate(raw_categories):
        start = lines.table("[[categories]]", index)
        name = _text(entry.get("name"))
        slug = _text(entry.get("slug")) or slugify(name)
        order = entry.get("order", index + 1)
        if not name:
            problems.append(
                Problem(
                    src,
                    start,
                    say("Chuyên mục thiếu \"name\" (tên hiển thị).", "A category lacks \"name\" (the name shown)."),
                )
            )
            continue
        if not SLUG_RE.match(slug):
            problems.append(
                Problem(
                    src,
                    lines.key("slug", start),
                    say(
                        f"slug \"{slug}\" của chuyên mục \"{name}\" chỉ được gồm chữ thường không dấu, "
                        f"số và dấu gạch nối, ví dụ \"{slugify(slug) or slugify(name)}\".",
                        f"The slug \"{slug}\" of the category \"{name}\" may only contain lowercase letters "
                        f"without accents, digits and hyphens, for example \"{slugify(slug) or slugify(name)}\".",
                    ),
                )
            )
        if not isinstance(order, int) or isinstance(order, bool):
            problems.append(
                Problem(
                    src,
                    lines.key("order", start),
                    say(
                        f"order của chuyên mục \"{name}\" phải là một số nguyên, ví dụ order = 1.",
                        f"The order of the category \"{name}\" must be a whole number, for example order = 1.",
                    ),
                )
            )
            order = None  # not compared with the others: one mistake, one message
        for value, seen, what in (
            (name.casefold(), seen_names, say("tên", "name")),
            (slug, seen_slugs, say("slug", "slug")),
            (order, seen_orders, say("order", "order")),
        ):
            if value is None:
                continue
            if value in seen:
                problems.append(
                    Problem(
                        src,
                        start,
                        say(
                            f"Chuyên mục \"{name}\" trùng {what.vi} với chuyên mục ở dòng {seen[value]}. "
                            f"Mỗi chuyên mục cần {what.vi} riêng.",
                            f"The category \"{name}\" has the same {what.en} as the category on line {seen[value]}. "
                            f"Each category needs its own {what.en}.",
                        ),
                    )
                )
            seen[value] = start
        categories.append(CategoryInfo(name, slug, _text(entry.get("description")), index + 1 if order is None else order))
    categories.sort(key=lambda c: c.order)

    banners: list[Banner] = []
    for index, entry in enumerate(data.get("banners", [])):
        start = lines.table("[[banners]]", index)
        title, url = _text(entry.get("title")), _text(entry.get("url"))
        if not title or not url:
            problems.append(
                Problem(
                    src,
                    start,
                    say(
                        "Mỗi [[banners]] cần cả \"title\" và \"url\".",
                        "Each [[banners]] entry needs both a \"title\" and a \"url\".",
                    ),
                )
            )
            continue
        if url.startswith("/") or url.startswith("//"):
            problems.append(
                Problem(
                    src,
                    lines.key("url", start),
                    say(
                        f"Liên kết \"{url}\" bắt đầu bằng \"/\" sẽ hỏng khi cổng đặt dưới thư mục con hoặc mở từ ổ đĩa. "
                        "Dùng địa chỉ đầy đủ (https://…) hoặc đường dẫn tương đối (lien-he.html).",
                        f"The link \"{url}\" starts with \"/\", so it breaks when the portal sits in a subfolder or is "
                        "opened from disk. Use a full address (https://…) or a relative path (lien-he.html).",
                    ),
                )
            )
        elif url_scheme(url) not in (None, "http", "https", "mailto", "tel"):
            problems.append(Problem(src, lines.key("url", start), say(
                f"Liên kết \"{url}\" không phải địa chỉ trang web (chỉ nhận https://…, http://…, mailto:, tel: hoặc "
                "đường dẫn tương đối như lien-he.html).",
                f"The link \"{url}\" is not a web address (only https://…, http://…, mailto:, tel: or a relative "
                "path such as lien-he.html are accepted).",
            )))
            continue
        banners.append(Banner(title, url, _text(entry.get("description"))))

    theme, found = read_theme(src, data.get("theme"), content, lines)
    problems += found
    documents, found = read_documents(src, data.get("documents"), lines)
    problems += found

    if problems:
        return None, problems
    url = _text(info.get("url")).rstrip("/")
    if url and not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        return None, [Problem(src, lines.key("url", ward_line), say(
            f"url \"{url}\" phải là địa chỉ đầy đủ, ví dụ url = \"https://example.gov.vn/phuong-minh-hoa\".",
            f"url \"{url}\" must be a full address, e.g. url = \"https://example.gov.vn/phuong-minh-hoa\".",
        ))]
    known = set(REQUIRED_WARD_KEYS) | {
        "province", "short_name", "hotline", "working_hours", "description", "license", "demo", "url",
    }
    ward = Ward(
        **{key: _text(info.get(key)) for key in known - {"demo", "url"}},
        url=url,
        demo=bool(info.get("demo", False)),
        categories=tuple(categories),
        banners=tuple(banners),
        theme=theme,
        documents=documents,
        source=src,
        extra={k: v for k, v in info.items() if k not in known},
    )
    return ward, []
