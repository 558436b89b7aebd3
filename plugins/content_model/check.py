"""``invoke check [PATH...]``: the build's content checks, without building.

    python plugins/content_model/check.py [PATH ...] [--lang en]

Checks every Markdown file under the given files or folders (default: the
content folder of pelicanconf.py and every ``sites/<slug>/`` ward; each file
against the ward whose folder holds it) with the same code the build runs: the
reader (encoding, NFC, header, dates, slugs, mojibake, {filename} links), the
article rules (category, date), the photo folders and photos an article names
(existence, kinds, captions file; photos are not decoded), and address
collisions against every other file of the site. Prints ``path:line: …`` and
exits 1 if there is an error, 0 if there are only warnings. Fast enough for a
pre-commit hook: files not named are only read for their addresses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

import editor_errors  # noqa: E402
from editor_errors import Problem, print_problems, say  # noqa: E402
from pelican.contents import Article, Page  # noqa: E402
from pelican.readers import parse_path_metadata  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from ward_identity import THEME_FOLDER, load_ward  # noqa: E402

from safety import download_problems, link_problems, override_problems  # noqa: E402

from content_model import after_read, article_problems, claim_of, collision_problems, file_name_date  # noqa: E402
from content_model.reader import WardMarkdownReader  # noqa: E402
from content_model.stray import stray_problems  # noqa: E402

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")


def content_root_of(path: Path, default: Path) -> Path:
    """The content folder a file belongs to: the nearest folder upwards with
    a ward.toml, else the configured one."""
    for folder in [path, *path.parents]:
        if (folder / "ward.toml").is_file():
            return folder
    return default


def files_under(paths: list[Path], root: Path | None = None) -> list[Path]:
    """The Markdown files to check for *paths*: files as given, folders
    recursively; the ward file means every file (it defines the categories);
    a photo or captions file means the article that owns its folder."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in MARKDOWN and not any(part.startswith(".") for part in p.parts))
        elif path.suffix.lower() in MARKDOWN:
            found.append(path)
        elif root is not None and path.name == "ward.toml":
            found += files_under([root])
        else:
            owner = next((path.parent.parent / (path.parent.name + ext) for ext in MARKDOWN if (path.parent.parent / (path.parent.name + ext)).is_file()), None)
            if owner is not None:
                found.append(owner)
    return found


def default_roots(settings: dict) -> list[Path]:
    """With no path given: the configured content folder and every ward of
    a many-ward repository (``sites/<slug>/ward.toml``)."""
    roots = [Path(settings["PATH"]).resolve()]
    roots += sorted(ward.parent.resolve() for ward in (ROOT / "sites").glob("*/ward.toml"))
    return [root for root in roots if root.exists()]


def run(paths: list[str], settings_file: str) -> list[Problem]:
    """Check *paths* (default: every content folder), each against its own
    ward: files of several wards may be named at once (a commit's files)."""
    settings = read_settings(settings_file)
    default = Path(settings["PATH"]).resolve()
    requested = [Path(p).resolve() for p in paths] or default_roots(settings)
    missing = [p for p in requested if not p.exists()]
    if missing:
        return [Problem(str(p), 0, say("Không có tệp hay thư mục này.", "No such file or folder.")) for p in missing]
    by_root: dict[Path, list[Path]] = {}
    problems = []
    for path in requested:
        root = content_root_of(path, default)
        if not path.is_relative_to(root) and (path.is_dir() or path.suffix.lower() in MARKDOWN):
            # an article in no content folder: nothing would build it (other files there, such as
            # sites/hub.toml, are not content)
            problems.append(Problem(str(path), 0, say(
                "Tệp hay thư mục này không nằm trong thư mục nội dung nào (thư mục có ward.toml), nên không được "
                "kiểm tra và không được đăng. Chuyển nó vào content/bai-viet/ (hoặc sites/<phường>/bai-viet/).",
                "This file or folder is in no content folder (a folder with ward.toml), so it is neither checked nor "
                "published. Move it into content/bai-viet/ (or sites/<ward>/bai-viet/).")))
            continue
        by_root.setdefault(root, []).append(path)
    for root, group in by_root.items():
        problems += check_folder(root, group, read_settings(settings_file))
    return problems


def check_folder(root: Path, requested: list[Path], settings: dict) -> list[Problem]:
    """Check the files *requested* of the content folder *root*."""
    settings["PATH"] = str(root)
    links = link_problems(root)  # first, as in the build: nothing is read through a link out of the folder
    if any(p.is_error for p in links):
        return links
    ward, problems = load_ward(root / settings.get("WARD_FILE", "ward.toml"), root)
    problems = links + problems
    if ward is None:
        return problems
    settings["WARD"] = ward
    editor_errors.collector.reset()

    reader = WardMarkdownReader(settings)
    page_roots = [root / p for p in settings.get("PAGE_PATHS", [])]
    look = root / THEME_FOLDER  # the ward's logo and templates: not content (ward_identity)
    checked = {p for p in files_under(requested, root) if not p.is_relative_to(look)}
    claims: list[tuple[str, str, int]] = []
    from galleries import content_problems as gallery_problems  # the galleries plugin's own checks

    homes = [root / p for p in (*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", []))]
    for path in files_under([root]):
        if path.is_relative_to(look) or not any(path.is_relative_to(home) for home in homes):
            continue  # the ward's look; or never built (stray.misplaced_markdown says so)
        is_page = any(folder in path.parents for folder in page_roots)
        if path in checked:
            content, metadata = reader.read(str(path))
            editor_errors.report(*after_read(settings, metadata))
        else:
            content, metadata = reader.read_header(str(path))
        # What Pelican takes from the path (the date in the file name), where
        # the header does not say it: as the build reads the file.
        for key, value in parse_path_metadata(str(path.relative_to(root)), settings, reader.process_metadata).items():
            metadata.setdefault(key, value)
        if metadata.get("status") == "skip":
            continue
        draft = metadata.get("status") == "draft"
        if not is_page:
            dated = file_name_date(settings, metadata)
            if path in checked:
                editor_errors.report(*dated)
            rules = article_problems(settings, metadata)
            if path in checked:
                editor_errors.report(*(p.in_draft() if draft else p for p in rules))
            if rules:
                continue
        if path in checked:
            editor_errors.report(*(p.in_draft() if draft else p for p in gallery_problems(path, root, metadata, content, settings)))
        if draft:
            continue  # drafts are never written: they claim no address
        claims.append(claim_of((Page if is_page else Article)(content, metadata, settings=settings, source_path=str(path))))

    names = {str(p) for p in checked}
    editor_errors.report(*[p for p in document_problems(root, settings, reader, checked) if p.path in names])
    editor_errors.report(*[p for p in collision_problems(claims) if p.path in names])
    editor_errors.report(*[p for p in stray_problems(root, settings) if any(Path(p.path).resolve().is_relative_to(r) for r in requested)])
    # What the build refuses before publishing: downloads that could run
    # on the portal's address, and the ward's template overrides.
    editor_errors.report(*[p for p in download_problems(root, settings) + override_problems(look / "templates", root)
                           if any(Path(p.path).resolve().is_relative_to(r) for r in requested)])
    found = list(editor_errors.collector.problems)
    editor_errors.collector.reset()
    return problems + found


def document_problems(root: Path, settings: dict, reader, checked: set[Path]) -> list[Problem]:
    """The register (``van-ban/``) as the build reads it: every document is
    read, since a number is checked against all of them (plugin documents)."""
    from documents import FOLDER, register_problems

    items = []
    for base in settings.get("DOCUMENT_PATHS", [FOLDER]):
        for path in files_under([root / base]) if (root / base).is_dir() else []:
            if path.parent.with_suffix(".md").is_file():
                continue  # a note inside a document's folder of files
            if path in checked:
                _content, metadata = reader.read(str(path))
                editor_errors.report(*after_read(settings, metadata))
            else:
                _content, metadata = reader.read_header(str(path))
            if metadata.get("status") != "skip":
                items.append((path, str(path), metadata, (metadata.get("status") or "") == "draft"))
    _standing, problems = register_problems(items, settings["WARD"].documents, settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra nội dung (check content without building).")
    parser.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: cả thư mục nội dung)")
    parser.add_argument("--lang", choices=["vi", "en"], help="ngôn ngữ thông báo / message language")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    args = parser.parse_args(argv)
    if args.lang:
        editor_errors.set_language(args.lang)
    problems = run(args.paths, args.settings)
    print_problems(problems, sys.stdout)
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if errors:
        print(say(f"Có {errors} lỗi và {warnings} cảnh báo. Sửa các lỗi trước khi đăng.", f"{errors} error(s) and {warnings} warning(s). Fix the errors before publishing."))
        return 1
    print(say(f"Nội dung hợp lệ ({warnings} cảnh báo).", f"Content is valid ({warnings} warning(s))."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
