"""The Markdown reader: one file in, NFC text and checked metadata out."""

from __future__ import annotations

import difflib
import os
import re

from editor_errors import WARNING, Problem, say
from markdown import Markdown
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime
from pelican.urlwrappers import Author, Tag
from safety import clean_html, html_problems, markup_in_text, plain_text
from vietnamese import SLUG_LIMIT, is_nfc, normalize, slugify

from .checks import lookalike_problems, mojibake_problems, nfc_problem, placeholder_problem, summary_problem
from .dates import DateFormatError, parse_date
from .header import split_header
from .links import intrasite_links
from .references import reference_problems

# Header keys with a meaning here. Anything else is kept (templates may use
# it) but flagged, as it is most often a typo ("Tittle:", "Catergory:").
KNOWN_KEYS = {
    "title", "date", "modified", "category", "tags", "author", "authors",
    "summary", "image", "status", "slug", "featured", "template", "order",
    "lang", "translation", "save_as", "url", "keywords", "album",
    "origin", "origin-url",  # a merged ward's article: where it came from (plugins/sites/merge.py)
}
STATUSES = {"published", "draft", "hidden"}
# Save_as:/URL: an address inside the output, never out of it (safety).
SAFE_ADDRESS = re.compile(r"(?!/)(?:[a-z0-9][a-z0-9._-]*/)*[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9]+)?(?<!\.\.)")
FILE_NAME_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
TRUE_WORDS = {"true", "yes", "1", "có", "co", "x"}
FALSE_WORDS = {"false", "no", "0", "không", "khong", ""}


# Keys as editors write them in Vietnamese (folded to ASCII slugs), for the hint.
VIETNAMESE_KEYS = {
    "tieu-de": "title", "ten-bai": "title", "ngay": "date", "ngay-dang": "date", "ngay-sua": "modified",
    "cap-nhat": "modified", "chuyen-muc": "category", "danh-muc": "category", "the": "tags", "tu-khoa": "tags",
    "chu-de": "tags", "tac-gia": "author", "nguoi-viet": "author", "bien-tap": "author", "tom-tat": "summary",
    "sapo": "summary", "trang-thai": "status", "anh": "image", "anh-dai-dien": "image", "noi-bat": "featured",
    "album": "album", "duong-dan": "slug",
}


# Other kinds of content in their own folder (``documents``: van-ban/) add
# the keys of their header: folder → (keys, Vietnamese aliases).
_KINDS: dict[str, tuple[frozenset[str], dict[str, str], bool]] = {}


def add_header_keys(folder: str, keys, aliases: dict[str, str] | None = None, body_optional: bool = False) -> None:
    """Files under *folder* (of the content folder) may also use *keys*;
    *aliases* are Vietnamese ways of writing them (folded to slugs), for
    hints; *body_optional*: an empty body is not worth a warning."""
    _KINDS[folder] = (frozenset(keys), dict(aliases or {}), body_optional)


def kind_of(path: str, content_root: str) -> tuple[frozenset[str], dict[str, str], dict[str, str], bool]:
    """For the file at *path*: its header keys, the Vietnamese aliases used
    for hints, the aliases its kind reads as keys, and whether its body is
    optional."""
    relative = os.path.relpath(path, content_root).replace(os.sep, "/")
    extra, own, optional = _KINDS.get(relative.split("/", 1)[0], (frozenset(), {}, False))
    return frozenset(KNOWN_KEYS) | extra, {**VIETNAMESE_KEYS, **own}, own, optional


def _take_aliases(header, aliases: dict[str, str]) -> None:
    """Header lines written with a Vietnamese key of this kind ("Ngày ban
    hành: 15/03/2025") are read as the key they stand for."""
    for line, written in list(header.bad_lines):
        key_part, colon, value = written.strip().partition(":")
        target = aliases.get(slugify(key_part)) if colon else None
        if target and target not in header.values:
            header.values[target] = [value.strip()]
            header.lines[target] = line
            header.written_keys[target] = target
            header.bad_lines.remove((line, written))


def bad_header_line(written: str, known=None, aliases=None):
    """The message for a line inside the header that is not ``Key: value``,
    with the key the editor most likely meant."""
    known, aliases = known or KNOWN_KEYS, aliases or VIETNAMESE_KEYS
    stripped = written.strip()
    key_part = stripped.split(":", 1)[0] if ":" in stripped else stripped.split(" ", 1)[0]
    folded = slugify(key_part)
    guess = aliases.get(folded) or next(iter(difflib.get_close_matches(folded.replace("-", ""), known, n=1)), None)
    rest = stripped.split(":", 1)[1].strip() if ":" in stripped else stripped[len(key_part):].strip()
    shown = stripped[:60]
    if written[:1] in (" ", "\t") and guess and stripped.lower().startswith(guess):
        how_vi, how_en = "Xóa khoảng trắng (hoặc dấu tab) ở đầu dòng.", "Delete the spaces (or tab) at the start of the line."
    elif guess and ":" not in stripped:
        how_vi, how_en = (f"Thiếu dấu hai chấm: viết \"{guess.capitalize()}: {rest}\".",
                          f"The colon is missing: write \"{guess.capitalize()}: {rest}\".")
    elif guess:
        how_vi, how_en = (f"Tên mục viết bằng tiếng Anh, không dấu: có phải là \"{guess.capitalize()}: {rest}\"?",
                          f"Field names are English words: did you mean \"{guess.capitalize()}: {rest}\"?")
    else:
        how_vi, how_en = ("Nếu đây là nội dung bài, thêm một dòng trống phía trên nó; nếu không, viết dạng \"Tên: giá trị\".",
                          "If this is the article's text, add a blank line above it; otherwise write it as \"Name: value\".")
    return say(
        f"Dòng \"{shown}\" nằm trong phần thông tin đầu bài (phần này kết thúc ở dòng trống đầu tiên) nhưng không "
        f"phải dạng \"Tên: giá trị\". {how_vi}",
        f"The line \"{shown}\" is in the article's fields at the top (they end at the first blank line) but is not "
        f"\"Name: value\". {how_en}",
    )


class SkipContent(Exception):
    """The file had errors; it is left out."""


class WardMarkdownReader(BaseReader):
    """Pelican's Markdown format, read strictly and explained in Vietnamese."""

    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def __init__(self, settings):
        super().__init__(settings)
        config = dict(settings.get("MARKDOWN", {}))
        extensions = [e for e in config.get("extensions", []) if e != "markdown.extensions.meta"]
        configs = config.get("extension_configs", {})
        extensions += [e for e in configs if e not in extensions and e != "markdown.extensions.meta"]
        config["extensions"] = extensions
        config["extension_configs"] = {k: v for k, v in configs.items() if k != "markdown.extensions.meta"}
        # One converter, reset between files: building it is the costly part.
        self._md = Markdown(**config)

    def process_metadata(self, name, value):
        """Pelican's, except for a bare year-month-day: the date Pelican takes
        from a file name (``2025-02-20-hop-to-dan-pho.md``) for every file on
        every build, cached or not, is made directly rather than by
        dateutil's general parser. Same value (midnight, no time zone yet);
        0.3 s of a 5,000-article rebuild. Anything else, an impossible day
        included, goes to Pelican, which explains it."""
        if name == "date" and isinstance(value, str) and FILE_NAME_DAY.match(value):
            try:
                return SafeDatetime(int(value[:4]), int(value[5:7]), int(value[8:10]))
            except ValueError:
                pass
        return super().process_metadata(name, value)

    # -- helpers -----------------------------------------------------------
    def _markdown(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)

    def read(self, source_path):
        """Return (html, metadata). The file's problems travel in
        ``metadata["reader_problems"]`` (so Pelican's content cache keeps them
        with the content, and they are reported again on every build); a file
        with errors comes back as ``Status: skip`` so Pelican leaves it out
        without a message of its own. Checks that depend on the clock or on
        other files run after reading (``content_model.after_read``)."""
        problems: list[Problem] = []
        draft = [False]
        try:
            content, metadata = self._read(source_path, problems, draft)
        except SkipContent:
            content, metadata = "", {"status": "skip", "source_file": os.fspath(source_path)}
        except Exception as error:  # a fault of the portal, not of the file: still this file's message, not Pelican's
            if os.environ.get("PORTAL_DEBUG"):
                raise
            problems.append(Problem(os.fspath(source_path), 1, say(
                f"Cổng gặp lỗi khi đọc tệp này ({type(error).__name__}: {error}). Đây là lỗi của chương trình, không "
                "phải của bạn: các bài khác vẫn được xây dựng; báo cho người quản trị cổng, gửi kèm tệp này.",
                f"The portal failed reading this file ({type(error).__name__}: {error}). This is a fault of the "
                "program, not yours: the other articles are still built; tell the portal's administrator, with this file.",
            )))
            content, metadata = "", {"status": "skip", "source_file": os.fspath(source_path)}
        metadata["reader_problems"] = [p.in_draft() if draft[0] else p for p in problems if p is not None]
        return content, metadata

    def read_header(self, source_path):
        """(\"\", metadata) without converting the body or reporting anything:
        enough to know a file's address (used by ``invoke check`` for the
        files it was not asked about)."""
        try:
            return self._read(source_path, [], [False], convert=False)
        except SkipContent:
            return "", {"status": "skip"}

    def _read(self, path: str, problems: list[Problem], draft: list[bool], convert: bool = True):
        raw = _read_bytes(path)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            binary = b"\0" in raw[:1024]
            kind_vi = "tệp nhị phân (ảnh, Word, PDF…)" if binary else "văn bản không phải UTF-8 (có thể là Windows-1258 hoặc TCVN3)"
            kind_en = "a binary file (a photo, Word, PDF…)" if binary else "text that is not UTF-8 (probably Windows-1258 or TCVN3)"
            problems.append(
                Problem(
                    path,
                    line,
                    say(
                        f"Không đọc được tệp: đây là {kind_vi}. Mở tệp bằng trình soạn thảo và lưu lại "
                        "với bảng mã UTF-8; nếu là ảnh hay tài liệu, đặt nó vào thư mục ảnh của bài chứ không phải tệp .md.",
                        f"Cannot read the file: it is {kind_en}. Open it in an editor and save it as UTF-8; "
                        "a photo or a document belongs in the article's photo folder, not in a .md file.",
                    ),
                )
            )
            raise SkipContent
        was_nfc = is_nfc(text)
        text = normalize(text.replace("\r\n", "\n").replace("\r", "\n"))  # Windows, and old Mac (CR only)
        hidden = _CONTROL.search(text)
        if hidden:  # invisible, and never meant: NUL and the like, from a PDF or a damaged copy
            problems.append(Problem(path, text.count("\n", 0, hidden.start()) + 1, say(
                f"Tệp có {len(_CONTROL.findall(text))} ký tự điều khiển ẩn (mã U+{ord(hidden.group()):04X}, thường "
                "do dán từ PDF hay tệp bị hỏng); cổng đã bỏ chúng. Lưu lại tệp để hết cảnh báo.",
                f"The file holds {len(_CONTROL.findall(text))} hidden control character(s) (code "
                f"U+{ord(hidden.group()):04X}, usually pasted from a PDF or a damaged file); they were removed. Save "
                "the file again to silence this warning.",
            ), WARNING))
            text = _CONTROL.sub("", text)
        known, aliases, own_aliases, body_optional = kind_of(
            os.fspath(path), self.settings.get("PATH") or os.path.dirname(os.fspath(path)))
        header = split_header(text, known)
        _take_aliases(header, own_aliases)  # kinds of their own (documents) read "Số ký hiệu: …" as their key
        meta: dict = {}
        lines = header.lines
        if not was_nfc:
            problems.append(nfc_problem(path))
        problems += mojibake_problems(path, text)
        problems += lookalike_problems(path, text)
        meta["links"] = intrasite_links(header.body, header.body_line)
        meta["source_lines"] = dict(lines)
        meta["source_file"] = os.fspath(path)
        draft[0] = (header.get("status") or "").lower() == "draft"

        for line, written in header.bad_lines:
            problems.append(Problem(path, line, bad_header_line(written, known, aliases)))

        for key, line in header.duplicates:
            problems.append(
                Problem(path, line, say(f"Khai báo \"{key}\" hai lần; dòng {lines[key]} được dùng, dòng này bị bỏ qua. Xóa một dòng.", f"\"{key}\" is given twice; line {lines[key]} is used and this line ignored. Delete one of them."), WARNING)
            )
        for key, written in header.written_keys.items():
            if key not in known:
                guess = [aliases[slugify(written)]] if slugify(written) in aliases else difflib.get_close_matches(key, known, n=1)
                hint_vi = f" Có phải là \"{guess[0].capitalize()}:\"?" if guess else ""
                hint_en = f" Did you mean \"{guess[0].capitalize()}:\"?" if guess else ""
                problems.append(
                    Problem(path, lines[key], say(
                        f"Không biết thông tin \"{written}:\".{hint_vi} Nếu gõ nhầm, hãy sửa lại; nếu không, có thể bỏ qua cảnh báo này.",
                        f"Unknown field \"{written}:\".{hint_en} If it is a typo, correct it; otherwise this warning can be ignored.",
                    ), WARNING)
                )

        title = header.get("title")
        if not title:
            where = lines.get("title", 1)
            problems.append(
                Problem(path, where, say(
                    "Thiếu tiêu đề. Dòng đầu tiên của tệp phải là \"Title: <tiêu đề bài>\", tiếp theo là các thông tin khác, rồi một dòng trống trước nội dung.",
                    "Missing title. The first line of the file must be \"Title: <the article's title>\", then the other fields, then a blank line before the body.",
                ))
            )
        else:
            meta["title"] = title
            problems.append(markup_in_text(path, lines.get("title", 1), title, "Title:"))

        for key in ("date", "modified"):
            value = header.get(key)
            if value is None:
                continue
            if not value:
                if key == "date":
                    problems.append(Problem(path, lines[key], say("Dòng \"Date:\" để trống. Ghi ngày đăng, ví dụ Date: 2025-02-20 08:30", "The \"Date:\" line is empty. Write the publication date, e.g. Date: 2025-02-20 08:30")))
                continue
            try:
                meta[key] = parse_date(value, self.settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
            except DateFormatError as exc:
                label = say("Ngày đăng (Date): ", "Date: ") if key == "date" else say("Ngày sửa (Modified): ", "Modified: ")
                problems.append(Problem(path, lines[key], label + exc.text))

        status = header.get("status")
        if status is not None:
            status = status.lower()
            if status not in STATUSES:
                problems.append(
                    Problem(path, lines["status"], say(
                        f"Status \"{header.get('status')}\" không hợp lệ. Dùng \"published\" (đăng), \"draft\" (nháp) hoặc \"hidden\" (ẩn khỏi danh sách).",
                        f"Status \"{header.get('status')}\" is not valid. Use \"published\", \"draft\" or \"hidden\" (published but not listed).",
                    ))
                )
            else:
                meta["status"] = status

        slug = header.get("slug")
        if slug:
            clean = slugify(slug)
            if clean != slug:
                problems.append(
                    Problem(path, lines["slug"], say(
                        f"Slug \"{slug}\" chỉ được có chữ thường không dấu, số và dấu gạch nối; đã dùng \"{clean}\". Sửa dòng Slug: {clean} để hết cảnh báo.",
                        f"Slug \"{slug}\" may only hold lowercase ASCII letters, digits and hyphens; \"{clean}\" was used. Write Slug: {clean} to silence this warning.",
                    ), WARNING)
                )
            if not clean:
                problems.append(Problem(path, lines["slug"], say("Slug không có chữ hay số nào. Xóa dòng Slug để tạo tự động từ tiêu đề.", "The slug has no letter or digit. Delete the Slug line to make one from the title.")))
            meta["slug"] = clean
        elif title:
            meta["slug"] = slugify(title)
            if not meta["slug"]:
                problems.append(Problem(path, lines.get("title", 1), say("Không tạo được địa chỉ từ tiêu đề. Thêm dòng \"Slug: ten-bai-viet\".", "Cannot make an address from the title. Add a line \"Slug: article-name\".")))
        if len(meta.get("slug") or "") > SLUG_LIMIT:
            short = slugify(meta["slug"], SLUG_LIMIT)
            problems.append(Problem(path, lines["slug"] if slug else lines.get("title", 1), say(
                f"Địa chỉ bài dài {len(meta['slug'])} ký tự, quá giới hạn tên tệp ({SLUG_LIMIT}); đã rút gọn thành "
                f"\"{short}\". Thêm dòng \"Slug: …\" ngắn hơn để tự chọn địa chỉ.",
                f"The article's address is {len(meta['slug'])} characters long, over the file-name limit "
                f"({SLUG_LIMIT}); it was shortened to \"{short}\". Add a shorter \"Slug: …\" line to choose it.",
            ), WARNING))
            meta["slug"] = short

        if header.get("category") is not None:
            # Checked against the ward's categories by the article hook:
            # pages may carry no category at all.
            meta["category"] = header.get("category")

        tags = [t.strip() for t in (header.get("tags") or "").replace(";", ",").split(",") if t.strip()]
        if tags:
            unique: dict[str, Tag] = {}
            for name in tags:
                problems.append(markup_in_text(path, lines["tags"], name, "Tags:"))
                tag = Tag(name, self.settings)
                tag.slug = slugify(name, SLUG_LIMIT)
                if tag.slug and tag.slug not in unique:
                    unique[tag.slug] = tag
            meta["tags"] = list(unique.values())

        for key in ("author", "authors"):
            value = header.get(key)
            if value:
                names = [n.strip() for n in value.replace(";", ",").split(",") if n.strip()] if key == "authors" else [value]
                authors = []
                for name in names:
                    problems.append(markup_in_text(path, lines[key], name, f"{key.capitalize()}:"))
                    author = Author(name, self.settings)
                    author.slug = slugify(name, SLUG_LIMIT)
                    authors.append(author)
                meta[key] = authors if key == "authors" else authors[0]

        featured = header.get("featured")
        if featured is not None:
            word = featured.lower()
            if word not in TRUE_WORDS | FALSE_WORDS:
                problems.append(Problem(path, lines["featured"], say("Featured chỉ nhận \"true\" (nổi bật) hoặc \"false\".", "Featured takes \"true\" or \"false\"."), WARNING))
            meta["featured"] = word in TRUE_WORDS

        order = header.get("order")
        if order is not None and not re.fullmatch(r"-?\d{1,6}", order.strip()):
            problems.append(Problem(path, lines["order"], say(
                f"Order \"{order}\" phải là một số nguyên (vị trí của trang trong trình đơn, số nhỏ đứng trước), "
                "ví dụ Order: 2. Trang được xếp cuối cho tới khi sửa.",
                f"Order \"{order}\" must be a whole number (the page's place in the menu, smaller first), for "
                "example Order: 2. The page is placed last until then.",
            ), WARNING))

        lang = header.get("lang")
        if lang is not None and lang.strip().lower() != (self.settings.get("DEFAULT_LANG") or "vi"):
            # Pelican would treat it as a translation with no page of its own,
            # while every listing still links to it.
            default = self.settings.get("DEFAULT_LANG") or "vi"
            problems.append(Problem(path, lines["lang"], say(
                f"\"Lang: {lang}\": cổng chỉ có một ngôn ngữ ({default}); bài ngôn ngữ khác không có trang riêng. "
                f"Xóa dòng Lang (hoặc ghi Lang: {default}).",
                f"\"Lang: {lang}\": the portal has one language ({default}); an article in another has no page of its "
                f"own. Delete the Lang line (or write Lang: {default}).",
            )))

        for key in ("save_as", "url"):
            value = header.get(key)
            if value is not None and not SAFE_ADDRESS.fullmatch(value.strip()):
                written = header.written_keys.get(key, key)
                problems.append(Problem(path, lines[key], say(
                    f"\"{written}: {value}\" không phải địa chỉ trong cổng: chỉ dùng chữ thường không dấu, số, dấu gạch "
                    "và dấu /, tính từ gốc cổng, không có \"..\", ví dụ bai-viet/ten-bai.html. Thường không cần dòng này: "
                    "xóa nó để cổng tự đặt địa chỉ.",
                    f"\"{written}: {value}\" is not an address inside the portal: use lowercase ASCII letters, digits, "
                    "hyphens and /, from the portal's root, with no \"..\", e.g. bai-viet/article-name.html. The line "
                    "is rarely needed: delete it and the portal chooses the address.",
                )))

        for key, values in header.values.items():
            if key in meta or key in {"tags", "author", "authors", "featured", "slug", "date", "modified", "status", "title"}:
                continue
            value = "\n".join(values).strip()
            if key in self.settings.get("FORMATTED_FIELDS", ["summary"]):
                meta[key], refused = clean_html(self._markdown(value), self.settings)
                problems += html_problems(path, value, lines[key], refused, f"{key.capitalize()}:")
            else:
                meta[key] = value

        problems.append(placeholder_problem(path, header.body, header.body_line, self.settings.get("PREVIEW", False)))
        if not header.body.strip() and not body_optional:
            problems.append(Problem(path, header.body_line, say("Bài chưa có nội dung. Viết nội dung sau một dòng trống dưới phần thông tin.", "The article has no body. Write it after a blank line below the fields."), WARNING))
        if any(p is not None and p.is_error for p in problems):
            raise SkipContent
        meta["body_line"] = header.body_line
        meta["was_nfc"] = was_nfc
        if not convert:
            return "", meta
        body, refused = clean_html(self._markdown(header.body), self.settings)
        problems += html_problems(path, header.body, header.body_line, refused)
        problems += reference_problems(path, body, header.body, header.body_line, self.settings["PATH"])
        if any(p is not None and p.is_error for p in problems) and not draft[0]:
            raise SkipContent
        meta["lead"] = lead_text(meta.get("summary") or body, self.settings.get("LEAD_WORDS", 55))
        if "summary" in meta:
            problems.append(summary_problem(path, lines["summary"], lead_text(meta["summary"], 10**6)))
        return body, meta


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls but tab and line breaks, and DEL
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def lead_text(html: str, words: int) -> str:
    """Plain text for listings: the sapo, else the first paragraph, cut at
    *words* words. Computed from the Markdown alone, so nothing added to the
    body later (galleries, figures) can leak into a listing."""
    match = _PARAGRAPH.search(html)
    text = plain_text(match.group(1) if match else html)
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _read_bytes(path: str) -> bytes:
    with open(os.fspath(path), "rb") as handle:
        return handle.read()
