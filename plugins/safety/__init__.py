"""Content is untrusted: what an editor commits can neither reach the build
machine nor run script in a reader's browser.

Owns:
- links and special files in a content folder (``paths``): checked at
  ``initialized``, before anything reads a content file (this plugin is
  first in ``PLUGINS``, before the up-to-date check hashes the files), and by
  ``invoke check``; a link out of the folder stops the build naming it;
- the one HTML policy (``html``): ``clean_html`` for what editors write,
  with ``html_problems`` telling them what was dropped (errors for what can
  run script or take over the page, warnings for the rest);
- templates (``templates``): every generator renders autoescaped, in
  Jinja's immutable sandbox, ward template overrides included;
- downloads (``check_static``): every static file resolves inside the
  content folder, is written inside the output, and is of a kind that
  cannot run on the portal's origin (no HTML, SVG, XML or script);
- the Content-Security-Policy (``csp``) and the inline texts it allows.
"""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path

from atomic_output import add_finisher
from editor_errors import ERROR, WARNING, Problem, report, say, stop_if_errors
from pelican import signals

from .csp import context_values, policy, write_host_files
from .html import Refusal, clean, plain_text, url_scheme
from .paths import inside, link_problems, output_inside
from .pickles import Refused as RefusedPickle
from .pickles import Unusable as UnusablePickle
from .pickles import load as load_pickle
from .pickles import pickles_in, remember as remember_pickles, verified as verified_pickles
from .svg import svg_problems
from .templates import override_problems, refused_access, sandbox_generator

__all__ = ["DOWNLOAD_TYPES", "clean_html", "download_problem", "download_problems", "html_problems", "inside",
           "link_problems", "load_pickle", "markup_in_text", "pickles_in", "RefusedPickle", "UnusablePickle", "remember_pickles",
           "verified_pickles", "override_problems", "plain_text", "policy", "static_problems",
           "svg_problems", "url_scheme"]

# What may be downloaded from ``tep/`` (or linked with {static}): documents,
# spreadsheets, archives, photos, sound and video. Not HTML, SVG, XML or
# script: those would run on the portal's own address.
DOWNLOAD_TYPES = frozenset({
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".txt", ".csv",
    ".zip", ".rar", ".7z", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".mp3", ".m4a", ".wav", ".ogg", ".mp4",
    ".webm", ".dwg", ".dgn", ".kmz", ".shp", ".dbf", ".shx", ".prj",
})


# Settings that say something about the build machine or where the site is
# deployed, kept out of the templates' context.
PRIVATE_SETTINGS = ("PUBLISH_TARGET",)


def embed_hosts(settings: dict) -> tuple[str, ...]:
    """``EMBED_HOSTS`` (default: none): the hosts whose pages an article may
    frame (``<iframe src="https://host/…">``), e.g. the province's video host."""
    return tuple(sorted(str(h).strip().lower() for h in settings.get("EMBED_HOSTS", ()) if str(h).strip()))


def clean_html(markup: str, settings: dict) -> tuple[str, list[Refusal]]:
    """*markup* (rendered Markdown) as it may be published, and what was
    taken out of it."""
    return clean(markup, embed_hosts(settings))


def html_problems(path: str, source: str, first_line: int, refusals: list[Refusal], field: str = "") -> list[Problem]:
    """One message per kind of thing taken out, on the line of the source
    (*source* starts at line *first_line*) where it first appears."""
    problems = []
    lowered = source.lower()
    for refusal in refusals:
        at = lowered.find(refusal.needle.lower())
        line = first_line + (source.count("\n", 0, at) if at >= 0 else 0)
        times_vi = f" ({refusal.count} chỗ)" if refusal.count > 1 else ""
        times_en = f" ({refusal.count} places)" if refusal.count > 1 else ""
        where_vi = f" trong {field}" if field else ""
        where_en = f" in {field}" if field else ""
        if refusal.local:
            problems.append(Problem(path, line, say(
                f"\"{refusal.what}\"{where_vi} là đường dẫn tới một tệp trên máy tính của bạn: người đọc không mở được, "
                "và tệp không được đăng. Ảnh: chép vào thư mục cùng tên với bài (cạnh tệp .md) rồi viết "
                "![mô tả](ten-anh.jpg). Tệp tải về: chép vào thư mục tep/ rồi viết [tên]({static}/tep/ten-tep.pdf).",
                f"\"{refusal.what}\"{where_en} is the path of a file on your own computer: readers cannot open it, and "
                "the file is not published. A photo: copy it into the folder named like the article (next to the .md "
                "file) and write ![description](photo-name.jpg). A download: copy it into tep/ and write "
                "[name]({static}/tep/file-name.pdf).",
            ), ERROR))
        elif refusal.script:
            problems.append(Problem(path, line, say(
                f"Mã HTML {refusal.what}{where_vi}{times_vi} bị từ chối: nó có thể chạy mã hoặc thay đổi trang trên máy "
                "người đọc. Xóa phần mã đó; nếu bài được dán từ trang khác, dán lại dạng chữ thường (Ctrl+Shift+V). "
                "Video: chỉ nhúng từ các địa chỉ ghi trong EMBED_HOSTS.",
                f"The HTML {refusal.what}{where_en}{times_en} is refused: it could run code or change the page on a "
                "reader's device. Delete that markup; if the text was pasted from another site, paste it again as plain "
                "text (Ctrl+Shift+V). Videos: embed only from the hosts listed in EMBED_HOSTS.",
            ), ERROR))
        else:
            problems.append(Problem(path, line, say(
                f"Mã HTML {refusal.what}{where_vi}{times_vi} đã được bỏ (chỉ giữ chữ). Định dạng bài bằng Markdown "
                "(**đậm**, *nghiêng*, tiêu đề ##, bảng); ảnh đặt trong thư mục của bài.",
                f"The HTML {refusal.what}{where_en}{times_en} was removed (the text is kept). Format the article with "
                "Markdown (**bold**, *italic*, ## headings, tables); photos go in the article's folder.",
            ), WARNING))
    return problems


def markup_in_text(path: str, line: int, value: str, field) -> Problem | None:
    """A warning when a text field (a title, a name) holds what looks like
    HTML: it is shown as the characters typed, never as markup."""
    if "<" not in value or plain_text(value) == unescape(value):  # nothing that reads as a tag
        return None
    vi, en = (field.vi, field.en) if hasattr(field, "vi") else (field, field)
    return Problem(path, line, say(
        f"{vi} có mã HTML ({value[:60]}): mã này được hiện nguyên như chữ, không thành định dạng. Xóa các thẻ <…>.",
        f"{en} holds HTML ({value[:60]}): it is shown as the characters typed, never as markup. Delete the <…> tags.",
    ), WARNING)


def download_problem(path: str) -> Problem | None:
    """An error when the file *path* is of a kind that is not published as a download."""
    suffix = Path(path).suffix.lower()
    if suffix in DOWNLOAD_TYPES:
        return None
    kinds = "pdf, docx, xlsx, pptx, odt, zip, jpg, png"
    return Problem(path, 0, say(
        f"Tệp \"{Path(path).name}\" ({suffix or 'không có đuôi'}) không được đăng để tải về: tệp HTML, SVG, "
        f"XML hay mã chạy được sẽ chạy ngay trên địa chỉ của cổng. Chuyển sang PDF, hoặc nén thành .zip "
        f"(nhận: {kinds}…).",
        f"\"{Path(path).name}\" ({suffix or 'no extension'}) is not published as a download: HTML, SVG, XML "
        f"or script files would run on the portal's own address. Convert it to PDF, or zip it (accepted: {kinds}…).",
    ))


def download_problems(root: str | os.PathLike, settings: dict) -> list[Problem]:
    """``invoke check``'s side of :func:`static_problems`: every file under
    the ``STATIC_PATHS`` folders of the content folder *root*."""
    problems = []
    for base in settings.get("STATIC_PATHS", []):
        folder = os.path.join(root, base)
        for where, _dirs, names in os.walk(folder):
            problems += [p for p in (download_problem(os.path.join(where, n)) for n in sorted(names)
                                     if not n.startswith(".")) if p is not None]
    return problems


def static_problems(content: str, items, exempt: set[str] = frozenset()) -> tuple[list[Problem], set]:
    """Problems of the static files *items* (Pelican's ``Static`` objects)
    of the content folder *content*, and the ones that must not be copied."""
    problems, refused = [], set()
    for item in items:
        source = item.source_path
        relative = os.path.relpath(source, content) if os.path.isabs(source) else source
        where = os.path.join(content, relative)
        link = f"{{static}}/{Path(relative).as_posix()}"
        if not inside(content, relative):
            problems.append(Problem(where, 0, say(
                f"Tệp \"{Path(relative).as_posix()}\" nằm ngoài thư mục nội dung: liên kết {link} (hay liên kết tượng "
                "trưng tới nó) bị từ chối, không tệp nào ngoài thư mục nội dung được đăng. Chép tệp vào thư mục tep/ rồi "
                "liên kết {static}/tep/<tên tệp>.",
                f"\"{Path(relative).as_posix()}\" is outside the content folder: the link {link} (or a symlink to it) is "
                "refused, and nothing outside the content folder is published. Copy the file into tep/ and link "
                "{static}/tep/<file name>.",
            )))
            refused.add(item)
            continue
        if not output_inside(item.save_as):
            problems.append(Problem(where, 0, say(
                f"Tệp \"{relative}\" sẽ được ghi ra ngoài thư mục kết quả ({item.save_as}). Sửa liên kết tới nó.",
                f"\"{relative}\" would be written outside the output folder ({item.save_as}). Correct the link to it.",
            )))
            refused.add(item)
            continue
        if Path(relative).as_posix() in exempt:
            continue
        problem = download_problem(where)
        if problem is not None:
            problems.append(problem)
            refused.add(item)
    return problems, refused


# -- signals ---------------------------------------------------------------
def check_links(pelican) -> None:
    """``initialized``, first of all plugins: stop before anything reads a
    file through a link out of the content folder."""
    problems = link_problems(pelican.settings["PATH"])
    if any(p.is_error for p in problems):
        stop_if_errors(problems)
    report(*problems)


def prepare_generator(generator) -> None:
    """``generator_init``: the sandbox, and the policy with the texts it allows."""
    sandbox_generator(generator)
    for name in PRIVATE_SETTINGS:  # what templates (a ward's own included) need not see
        generator.context.pop(name, None)
    ward = generator.context.get("WARD")
    css = getattr(getattr(ward, "theme", None), "css", "") or ""
    generator.context.update(context_values(generator.theme, css, embed_hosts(generator.settings)))


def check_static(generator) -> None:
    """``static_generator_finalized``: refused files are not copied, and stop the build."""
    ward = generator.settings.get("WARD")
    logo = getattr(getattr(ward, "theme", None), "logo", None)
    exempt = {logo.source} if logo is not None else set()  # checked by ward_identity as an image
    problems, refused = static_problems(generator.path, generator.staticfiles, exempt)
    if refused:
        generator.staticfiles = [s for s in generator.staticfiles if s not in refused]
        generator.context["staticfiles"] = generator.staticfiles
    report(*problems)


def host_files(output, settings) -> None:
    """A finisher: a publishing build gives the hosts the policy as a header
    (``_headers`` for Netlify and Cloudflare Pages, an nginx include)."""
    if settings.get("PUBLISH"):
        write_host_files(Path(output), settings["THEME"])


def register() -> None:
    signals.initialized.connect(check_links)
    signals.generator_init.connect(prepare_generator)
    signals.static_generator_finalized.connect(check_static)
    add_finisher(refused_access)
    add_finisher(host_files)

