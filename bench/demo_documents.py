"""Make the files of the demo ward's documents (none can be downloaded here).

    python bench/demo_documents.py [--force] [--content DIR]

For each document of ``<content>/van-ban/`` (the Markdown files are
committed, like any ward's), writes ``<its folder>/<its slug>.pdf``: an A4
page or two in the layout of a Vietnamese administrative document (the
national motto, the issuing body, number, place and date, the title, the
text, the signer), with real Vietnamese text made by fpdf2 in a system font.
The same input gives the same bytes. Existing files are kept unless --force.
The files are not committed: setup.sh runs this.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from content_model.header import split_header  # noqa: E402
from vietnamese import slugify  # noqa: E402

FONTS = [  # a font with every Vietnamese letter: Debian's fonts-dejavu-core or fonts-noto-core
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
]
PARAGRAPHS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022 và các văn bản "
    "hướng dẫn thi hành;",
    "Căn cứ tình hình thực tế và đề nghị của các bộ phận chuyên môn thuộc Ủy ban nhân dân phường;",
    "Các tổ dân phố, cơ quan, đơn vị trên địa bàn phường và các cá nhân có liên quan chịu trách nhiệm thực hiện "
    "nội dung văn bản này. Trong quá trình thực hiện, nếu có vướng mắc, phản ánh về Văn phòng Ủy ban nhân dân "
    "phường để được hướng dẫn, giải quyết.",
    "Văn bản này được niêm yết công khai tại trụ sở Ủy ban nhân dân phường, nhà văn hóa các tổ dân phố và đăng "
    "trên Cổng thông tin điện tử của phường.",
]


def fonts() -> tuple[str, str]:
    for regular, bold in FONTS:
        if Path(regular).is_file() and Path(bold).is_file():
            return regular, bold
    raise SystemExit("Thiếu phông chữ tiếng Việt: cài gói fonts-dejavu-core (apt-get install fonts-dejavu-core).")


def make_pdf(fields: dict[str, str], target: Path, regular: str, bold: str) -> None:
    from fpdf import FPDF

    day, month, year = (fields["issued"].split("/") + ["", "", ""])[:3] if "/" in fields["issued"] else (
        fields["issued"][8:10], fields["issued"][5:7], fields["issued"][:4])
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(int(year), int(month), int(day), tzinfo=dt.timezone.utc))
    pdf.set_title(fields["title"])
    pdf.set_author(fields["issuer"])
    pdf.add_font("body", "", regular)
    pdf.add_font("body", "B", bold)
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    half = (pdf.w - 45) / 2
    pdf.set_font("body", "B", 11)
    top = pdf.get_y()
    pdf.multi_cell(half, 6, f"{fields['issuer'].upper()}\nSố: {fields['number']}", align="C")
    pdf.set_xy(25 + half, top)
    pdf.multi_cell(half, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", align="C")
    pdf.set_font("body", "", 11)
    pdf.set_x(25 + half)
    pdf.cell(half, 8, f"Minh Họa, ngày {day} tháng {month} năm {year}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("body", "B", 14)
    pdf.cell(0, 8, fields["type"].upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "B", 12)
    pdf.multi_cell(0, 7, fields["title"], align="C")
    pdf.ln(6)
    pdf.set_font("body", "", 12)
    for paragraph in PARAGRAPHS + ([fields["body"]] if fields.get("body") else []):
        pdf.multi_cell(0, 7, paragraph, align="J")
        pdf.ln(2)
    pdf.ln(10)
    pdf.set_x(25 + half)
    pdf.set_font("body", "B", 12)
    pdf.multi_cell(half, 7, f"TM. {fields['issuer'].upper()}\n\n\n\n{fields.get('signer', '')}", align="C")
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--content", default=str(ROOT / "content"))
    args = parser.parse_args(argv)
    documents = sorted((Path(args.content) / "van-ban").rglob("*.md"))
    regular, bold = fonts() if documents else ("", "")
    made = kept = 0
    for source in documents:
        header = split_header(source.read_text(encoding="utf-8"))
        fields = {key: header.get(key) or "" for key in ("title", "number", "type", "issuer", "issued", "signer")}
        fields["body"] = header.body.strip()
        target = source.with_suffix("") / f"{slugify(fields['number'])}.pdf"
        if target.exists() and not args.force:
            kept += 1
            continue
        make_pdf(fields, target, regular, bold)
        made += 1
    print(f"Văn bản minh họa: {made} tệp PDF mới, {kept} tệp đã có.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
