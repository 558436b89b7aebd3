"""``invoke new``: start an article with every field filled in.

    python plugins/content_model/new.py [--title T] [--category C] [--author A] [--publish] [--content DIR]

Asks for what is not given (the category from the ward's list). Writes
``bai-viet/<year>/<date>-<slug>.md`` with the date and time now (GMT+7),
the slug, ``Status: draft`` (unless --publish), creates the photo folder next
to it, and says where to write and where to put the photos. Never overwrites.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from editor_errors import say  # noqa: E402
from vietnamese import SLUG_LIMIT, normalize, slugify  # noqa: E402
from ward_identity import load_ward_or_report  # noqa: E402

from content_model.checks import PLACEHOLDER  # noqa: E402
from content_model.clock import now  # noqa: E402

TEMPLATE = """Title: {title}
Date: {date}
Modified:
Category: {category}
Tags:
Author: {author}
Summary:
Image:
Status: {status}
Slug: {slug}

{placeholder}
"""


def ask(prompt: str, stdin=sys.stdin) -> str:
    print(prompt, end=" ", flush=True)
    return normalize(stdin.readline().strip())


def choose_category(ward, given: str | None, stdin=sys.stdin):
    if given:
        by_number = given.isdigit() and 1 <= int(given) <= len(ward.categories)
        return ward.categories[int(given) - 1] if by_number else ward.category(given)
    print(say("Chuyên mục:", "Category:"))
    for number, category in enumerate(ward.categories, 1):
        print(f"  {number}. {category.name}")
    answer = ask(say("Chọn số:", "Number:"), stdin)
    return choose_category(ward, answer or "0", stdin) if answer else None


def main(argv: list[str] | None = None, stdin=sys.stdin) -> int:
    parser = argparse.ArgumentParser(description="Tạo bài viết mới (new article).")
    parser.add_argument("--title")
    parser.add_argument("--category", help="tên, slug hoặc số thứ tự chuyên mục")
    parser.add_argument("--author")
    parser.add_argument("--publish", action="store_true", help="Status: published thay cho draft")
    parser.add_argument("--content", default=str(ROOT / "content"))
    args = parser.parse_args(argv)

    content = Path(args.content)
    ward = load_ward_or_report(content)
    if ward is None:
        return 1
    title = normalize(args.title) if args.title else ask(say("Tiêu đề bài:", "Title:"), stdin)
    if not title:
        print(say("Cần có tiêu đề. Chạy lại và gõ tiêu đề bài.", "A title is needed. Run again and type the title."), file=sys.stderr)
        return 1
    category = choose_category(ward, args.category, stdin)
    if category is None:
        names = ", ".join(f"{i}. {c.name}" for i, c in enumerate(ward.categories, 1))
        print(say(f"Không có chuyên mục này. Chọn một trong: {names}", f"No such category. Choose one of: {names}"), file=sys.stderr)
        return 1
    author = normalize(args.author) if args.author else ask(say("Người biên tập (BT):", "Editor (byline):"), stdin)

    when = now({"TIMEZONE": "Asia/Ho_Chi_Minh"})
    slug = slugify(title, SLUG_LIMIT)
    folder = content / "bai-viet" / f"{when:%Y}"
    article = folder / f"{when:%Y-%m-%d}-{slug}.md"
    photos = article.with_suffix("")
    if article.exists():
        print(say(
            f"Đã có tệp {article}; không ghi đè. Mở tệp đó để sửa, hoặc đặt tiêu đề khác.",
            f"{article} already exists; it is not overwritten. Open it to edit, or choose another title.",
        ), file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    article.write_text(TEMPLATE.format(
        title=title, date=f"{when:%Y-%m-%d %H:%M}", category=category.name, author=author,
        status="published" if args.publish else "draft", slug=slug, placeholder=PLACEHOLDER,
    ), encoding="utf-8")
    photos.mkdir(exist_ok=True)
    print(say(
        f"Đã tạo bài: {article}\n  Viết nội dung sau dòng trống dưới phần thông tin.\n"
        f"  Ảnh của bài: chép vào {photos}/ (chú thích: tệp chu-thich.txt trong đó).\n"
        + ("  Bài đang là bản nháp (Status: draft): đổi thành published khi muốn đăng." if not args.publish else ""),
        f"Created: {article}\n  Write the body after the blank line below the fields.\n"
        f"  Photos: copy them into {photos}/ (captions: a chu-thich.txt file there).\n"
        + ("  It is a draft (Status: draft): change it to published to publish." if not args.publish else ""),
    ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
