"""``invoke import-legacy SOURCE... [--out DIR] [--category-map FILE] [--force] [--dry-run]``

Turns old portal articles (plain-text exports, saved HTML pages, or folders
of them, searched recursively) into Markdown articles under
``<out>/bai-viet/<year>/``, with their photos in the article's photo folder.
Sources are never changed. An existing article is never overwritten
without ``--force``; importing the same source again gives the same file
name, so nothing is duplicated. Ends with a report: imported, skipped, and
what needs attention, each with its source path and the reason.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from legacy_import.html_source import read_html_source  # noqa: E402
from legacy_import.model import Imported  # noqa: E402
from legacy_import.output import MapError, captions_file, category_map, file_name, markdown  # noqa: E402
from legacy_import.text_source import read_text_source  # noqa: E402
from vietnamese import slugify  # noqa: E402

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}


@dataclass
class Report:
    imported: list[tuple[Path, Path]] = field(default_factory=list)
    unchanged: list[tuple[Path, Path]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    attention: list[tuple[Path, str]] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)  # old heading → this ward's category

    def print(self, stream, dry_run: bool) -> None:
        verb = "Sẽ nhập" if dry_run else "Đã nhập"
        for old, new in sorted(self.categories.items()):
            print(f"Chuyên mục: \"{old}\" → \"{new}\"", file=stream)
        for source, target in self.imported:
            print(f"{verb}: {source} → {target}", file=stream)
        for source, target in self.unchanged:
            print(f"Đã có sẵn, giống hệt (bỏ qua): {source} → {target}", file=stream)
        for source, reason in self.skipped:
            print(f"Bỏ qua: {source}: {reason}", file=stream)
        for source, reason in self.attention:
            print(f"Cần xem lại: {source}: {reason}", file=stream)
        print(f"Tổng kết: {len(self.imported)} bài {'sẽ được nhập' if dry_run else 'đã nhập'}, {len(self.unchanged)} bài đã có, "
              f"{len(self.skipped)} bỏ qua, {len(self.attention)} điểm cần xem lại.", file=stream)


def find_sources(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    found, missing = [], []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES)
        elif path.is_file():
            found.append(path)
        else:
            missing.append((path, "không có tệp hay thư mục này"))
    return found, missing


def read_source(path: Path) -> Imported | None:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return read_html_source(path)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return read_text_source(path)
    return None


def import_all(sources: list[Path], out: Path, map_file: Path | None = None, force: bool = False,
               dry_run: bool = False, progress=None) -> Report:
    report = Report()
    ward_file = out / "ward.toml"
    mapping, names = category_map(ward_file, map_file)
    files, missing = find_sources(sources)
    report.skipped += missing
    claimed: dict[str, Path] = {}
    for number, source in enumerate(files, 1):
        if progress and number % 50 == 0:
            print(f"  {number}/{len(files)} tệp…", file=progress)
        try:
            item = read_source(source)
        except OSError as error:
            report.skipped.append((source, f"không đọc được tệp ({error.strerror}); bài không được nhập"))
            continue
        if item is None:
            report.skipped.append((source, f"không nhận dạng được loại tệp {source.suffix} (chỉ .txt, .html, .htm)"))
            continue
        report.attention += [(source, note) for note in item.attention]
        if not item.title or item.date is None or not item.blocks:
            missing_part = "tiêu đề" if not item.title else "ngày đăng" if item.date is None else "nội dung"
            report.skipped.append((source, f"không tìm thấy {missing_part}; bài không được nhập"))
            continue
        category = mapping.get(slugify(item.category)) if item.category else None
        if category is None:
            shown = item.category or "(không có dòng chuyên mục)"
            report.skipped.append((source, f"chuyên mục cũ \"{shown}\" chưa được ánh xạ. Thêm dòng \"{shown}\" = \"…\" "
                                           f"vào tệp ánh xạ (--category-map), với một trong: {', '.join(names)}"))
            continue
        report.categories[item.category] = category
        stem = file_name(item)
        if stem in claimed and claimed[stem] != source:
            report.skipped.append((source, f"trùng tiêu đề và ngày với {claimed[stem]}: có lẽ là cùng một bài"))
            continue
        claimed[stem] = source
        target = out / "bai-viet" / f"{stem}.md"
        photo_names = [f"anh-{i:02d}{p.source.suffix.lower()}" for i, p in enumerate(item.photos, 1)]
        text = markdown(item, category, album=bool(item.photos))
        if target.exists():
            if target.read_text(encoding="utf-8") == text:
                report.unchanged.append((source, target))
                continue
            if not force:
                report.skipped.append((source, f"{target} đã có (nội dung khác): giữ nguyên. Thêm --force để ghi đè"))
                continue
        report.imported.append((source, target))
        if dry_run:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if item.photos:
            folder = target.with_suffix("")
            folder.mkdir(exist_ok=True)
            for name, photo in zip(photo_names, item.photos):
                shutil.copyfile(photo.source, folder / name)
            (folder / "chu-thich.txt").write_text(captions_file(item, photo_names), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    root = HERE.parent.parent
    parser = argparse.ArgumentParser(description="Nhập bài từ cổng cũ (tệp .txt, trang .html đã lưu, hoặc thư mục).")
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=root / "content")
    parser.add_argument("--category-map", type=Path)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    if not (args.out / "ward.toml").is_file():
        print(f"Không thấy {args.out / 'ward.toml'}: --out phải là thư mục nội dung của một phường (có ward.toml).", file=sys.stderr)
        return 2
    try:
        report = import_all(args.sources, args.out, args.category_map, args.force, args.dry_run, progress=sys.stderr)
    except MapError as error:
        print(error, file=sys.stderr)
        return 2
    report.print(sys.stdout, args.dry_run)
    return 1 if report.skipped and not report.imported and not report.unchanged else 0


if __name__ == "__main__":
    sys.exit(main())
