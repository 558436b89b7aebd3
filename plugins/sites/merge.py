"""Merging a ward into another: its archive moves, its addresses keep working.

``invoke merge-ward --old sites/A --into sites/B`` (``--dry-run`` to see the
plan, ``--category-map FILE`` for categories the two wards name differently):

1. both wards are built first (into a scratch folder): a ward with an error
   is not merged, and the old ward's real addresses are known;
2. every article file of A (drafts too) is copied into B's ``bai-viet/`` at the same place,
   its date and author untouched, with its category mapped to one of B's,
   and two header lines added: ``Origin: <A's name>`` (shown on the article
   as a note of origin) and ``Origin-URL: A/<its old address>`` (from which
   every build makes the redirect). Its photo folder comes along; files of
   ``tep/`` go to ``tep/A/`` and the links to them follow;
3. every other address of A's site (home, categories, tags, pages, archive
   years, …) is mapped to the same page of B when B has it, the matching
   category page, or B's home, in ``sites/_sap-nhap/A.toml``;
4. A's folder moves, whole, to ``sites/_sap-nhap/A/``, where no build
   looks (only ``sites/<slug>/ward.toml`` makes a site): nothing is lost.

Nothing is written unless every step before succeeded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .build import build_many
from .layout import MERGED_FOLDER, Site

_HEADER_END = re.compile(r"\n[ \t]*\n")
_CATEGORY = re.compile(r"^(?P<key>[ \t]{0,3}category[ \t]*:[ \t]*)(?P<value>.*)$", re.IGNORECASE | re.MULTILINE)
_ORIGIN_URL = re.compile(r"^[ \t]{0,3}origin-url[ \t]*:[ \t]*(?P<value>.*)$", re.IGNORECASE | re.MULTILINE)
_ORIGIN = re.compile(r"^[ \t]{0,3}origin[ \t]*:", re.IGNORECASE | re.MULTILINE)


class MergeError(Exception):
    """The merge cannot go ahead; the message says why and how to fix it."""


@dataclass
class Plan:
    old: Site
    into: Site
    old_name: str
    into_name: str
    files: dict[Path, str] = field(default_factory=dict)  # new article files and their text
    copies: list[tuple[Path, Path]] = field(default_factory=list)  # photo folders and files of tep/
    redirects: list[tuple[str, str]] = field(default_factory=list)  # other addresses: old → new
    renamed: list[tuple[str, str]] = field(default_factory=list)
    same: list[str] = field(default_factory=list)  # already there, identical
    categories: dict[str, str] = field(default_factory=dict)


def _category_map(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise MergeError(f"{path}: lỗi: không đọc được bảng chuyên mục ({error}). Mỗi dòng: \"Tên cũ\" = \"Tên mới\".") from None
    return {str(k): str(v) for k, v in data.items()}


def map_categories(old: dict, into_ward, mapping: dict[str, str], mapping_file: Path | None) -> dict[str, str]:
    """Old category name → the new ward's category name."""
    result, missing = {}, []
    for category in old["categories"]:
        wanted = mapping.get(category["name"]) or mapping.get(category["slug"])
        found = into_ward.category(wanted) if wanted else (into_ward.category(category["slug"]) or into_ward.category(category["name"]))
        if found is None:
            missing.append(category["name"])
        else:
            result[category["name"]] = found.name
    if missing:
        where = mapping_file or "một tệp TOML (dùng với --category-map TỆP)"
        names = ", ".join(f"\"{c.name}\"" for c in into_ward.categories)
        lines = "\n".join(f"    \"{name}\" = \"<tên chuyên mục của {into_ward.name}>\"" for name in missing)
        raise MergeError(
            f"Chuyên mục của phường cũ không có ở {into_ward.name}: {', '.join(missing)}.\n"
            f"Thêm vào {where} các dòng:\n{lines}\nChuyên mục của {into_ward.name}: {names}."
        )
    return result


def _with_origin(text: str, category: str | None, origin: str, origin_url: str | None) -> str:
    """*text* with its category replaced and the origin lines added to its
    header; an article merged before keeps its first origin and gains the
    address it had on the ward merged now."""
    match = _HEADER_END.search(text)
    header, rest = (text[: match.start()], text[match.start():]) if match else (text.rstrip("\n"), "\n")
    if category:
        header = _CATEGORY.sub(lambda m: m.group("key") + category, header, count=1)
    previous = _ORIGIN_URL.search(header)
    if origin_url and previous:
        header = header[: previous.start("value")] + f"{previous.group('value').strip()} {origin_url}" + header[previous.end("value"):]
    elif origin_url:
        header += f"\nOrigin-URL: {origin_url}"
    if not _ORIGIN.search(header):
        header += f"\nOrigin: {origin}"
    return header + rest


def _free_name(target: Path, slug: str, taken: set[Path]) -> Path:
    candidate = target.with_name(f"{target.stem}-{slug}{target.suffix}")
    n = 2
    while candidate.exists() or candidate in taken:
        candidate = target.with_name(f"{target.stem}-{slug}-{n}{target.suffix}")
        n += 1
    return candidate


def plan_merge(old: Site, into: Site, cache: Path, settings: Path, category_map: Path | None = None) -> Plan:
    from ward_identity import load_ward

    if old.slug == into.slug:
        raise MergeError("Phường cũ và phường nhận sáp nhập là một.")
    into_ward, problems = load_ward(into.path / "ward.toml")
    if into_ward is None:
        raise MergeError("\n".join(p.format() for p in problems))
    scratch = Path(tempfile.mkdtemp(prefix="sap-nhap-"))
    try:
        # Built into a scratch folder with the usual caches (photos already
        # made are not made again); the summaries land in the cache as usual.
        results = build_many([old, into], scratch / "out", settings, cache, echo=lambda _line: None)
        failed = [r for r in results if not r.ok]
        if failed:
            raise MergeError("\n".join(
                [f"Chưa sáp nhập được: {r.site.slug} chưa xây dựng được. Sửa các lỗi dưới đây rồi chạy lại:" for r in failed[:1]]
                + [line for r in failed for line in r.lines[-20:]]
            ))
        from .build import summary_path

        old_data = json.loads(summary_path(cache, old).read_text(encoding="utf-8"))
        into_data = json.loads(summary_path(cache, into).read_text(encoding="utf-8"))
        plan = Plan(old, into, old_data["name"], into_data["name"])
        plan.categories = map_categories(old_data, into_ward, _category_map(category_map), category_map)

        taken: set[Path] = set()
        published = {a["source"]: a for a in old_data["articles"]}
        article_urls = {a["url"] for a in old_data["articles"]}
        # Every article file moves, drafts and hidden ones too (they have no
        # public address to keep, only their origin).
        for source in sorted((old.path / "bai-viet").rglob("*.md")):
            relative = source.relative_to(old.path).as_posix()
            article = published.get(relative)
            text = source.read_text(encoding="utf-8").replace("{filename}/tep/", f"{{filename}}/tep/{old.slug}/")
            if article is not None:
                text = _with_origin(text, plan.categories[article["category"]], old_data["name"], f"{old.slug}/{article['url']}")
            else:
                text = _with_origin(text, None, old_data["name"], None)
            target = into.path / relative
            if target.exists() and target.read_text(encoding="utf-8") == text:
                plan.same.append(relative)
                continue
            if target.exists() or target in taken:
                renamed = _free_name(target, old.slug, taken)
                plan.renamed.append((relative, renamed.relative_to(into.path).as_posix()))
                target = renamed
            taken.add(target)
            plan.files[target] = text
            photos = source.with_suffix("")
            if photos.is_dir():
                plan.copies.append((photos, target.with_suffix("")))
        if (old.path / "tep").is_dir():
            plan.copies.append((old.path / "tep", into.path / "tep" / old.slug))

        old_out, into_out = scratch / "out" / old.slug, scratch / "out" / into.slug
        category_pages = {c["url"]: c["name"] for c in old_data["categories"]}
        new_category_url = {c["name"]: c["url"] for c in into_data["categories"]}
        for page in sorted(old_out.rglob("*.html")):
            path = page.relative_to(old_out).as_posix()
            if path in article_urls:
                continue  # from the article's Origin-URL
            base = re.sub(r"-\d+(\.html)$", r"\1", path)  # page 2, 3… of a listing: its first page
            if (into_out / path).is_file():
                plan.redirects.append((path, path))
            elif base in category_pages and plan.categories.get(category_pages[base]) in new_category_url:
                plan.redirects.append((path, new_category_url[plan.categories[category_pages[base]]]))
            else:
                plan.redirects.append((path, "index.html"))
        return plan
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def merge_file_text(plan: Plan) -> str:
    def q(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = [
        f"# {plan.old_name} sáp nhập vào {plan.into_name} ngày {dt.date.today():%d/%m/%Y}.",
        "# Các địa chỉ cũ dưới đây (ngoài bài viết, vốn mang dòng Origin-URL) dẫn sang trang tương ứng.",
        "[merged]", f"slug = {q(plan.old.slug)}", f"name = {q(plan.old_name)}", f"into = {q(plan.into.slug)}", "",
    ]
    for old, new in plan.redirects:
        lines += ["[[redirect]]", f"from = {q(old)}", f"to = {q(new)}", ""]
    return "\n".join(lines)


def apply(plan: Plan, root: Path) -> Path:
    """Write the plan: articles, photos and files, the merge file; then
    delete the old ward's folder. Returns the merge file."""
    for target, text in plan.files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for source, target in plan.copies:
        shutil.copytree(source, target, dirs_exist_ok=True)
    folder = root / "sites" / MERGED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    # Wards merged earlier into the old ward now lead to the new one.
    for earlier in sorted(folder.glob("*.toml")):
        text = earlier.read_text(encoding="utf-8")
        updated = re.sub(rf'^into = "{re.escape(plan.old.slug)}"$', f'into = "{plan.into.slug}"', text, flags=re.MULTILINE)
        if updated != text:
            earlier.write_text(updated, encoding="utf-8")
    merge_file = folder / f"{plan.old.slug}.toml"
    merge_file.write_text(merge_file_text(plan), encoding="utf-8")
    # The old folder is kept whole (pages, files, everything) where no
    # build looks: only sites/<slug>/ward.toml makes a site.
    archive = folder / plan.old.slug
    if archive.exists():
        shutil.rmtree(archive)
    plan.old.path.rename(archive)
    return merge_file
