"""One document of the register: its header read into fields, checked, and
its attached files found. Pure (no Pelican state): used by the generator and
by ``invoke check``."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path

from content_model.dates import DateFormatError, parse_date
from editor_errors import WARNING, Problem, say
from vietnamese import normalize, slugify

FOLDER = "van-ban"  # of the content folder
# Header keys of a document, with the Vietnamese ways editors write them (folded).
KEYS = {"number", "type", "issuer", "issued", "effective", "expires", "signer", "field", "replaces", "files",
        "disclosure"}
ALIASES = {
    "so": "number", "so-ky-hieu": "number", "so-hieu": "number", "ky-hieu": "number", "loai": "type",
    "loai-van-ban": "type", "co-quan": "issuer", "co-quan-ban-hanh": "issuer", "noi-ban-hanh": "issuer",
    "ngay-ban-hanh": "issued", "ban-hanh": "issued", "ngay-ky": "issued", "hieu-luc": "effective",
    "ngay-hieu-luc": "effective", "het-hieu-luc": "expires", "ngay-het-hieu-luc": "expires", "nguoi-ky": "signer",
    "linh-vuc": "field", "thay-the": "replaces", "tep": "files", "tep-dinh-kem": "files", "dinh-kem": "files",
    "cong-khai": "disclosure", "trich-yeu": "title",
}
# What a resident can download: documents and scans, never anything a browser runs.
FILE_KINDS = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".xls": "Excel", ".xlsx": "Excel", ".odt": "OpenDocument",
    ".ods": "OpenDocument", ".jpg": "Ảnh JPEG", ".jpeg": "Ảnh JPEG", ".png": "Ảnh PNG",
}


@dataclass
class Attachment:
    name: str
    source: str  # path in the content folder
    kind: str  # "PDF", "Word"…
    size: int  # bytes
    pages: int | None = None  # PDF only, when it can be read
    url: str = ""  # relative to the site root, set by the generator

    @property
    def size_text(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass
class Fields:
    number: str = ""
    type: object = None  # ward_identity Choice
    issuer: object = None
    field: object = None
    issued: dt.datetime | None = None
    effective: dt.datetime | None = None
    expires: dt.datetime | None = None
    signer: str = ""
    replaces: str = ""
    disclosure: str = ""
    files: list[Attachment] = _field(default_factory=list)


def number_key(number: str) -> str:
    """How numbers are compared: "123/QĐ-UBND", "123/qđ-ubnd" and
    "123 / QĐ - UBND" are one number."""
    return slugify(number)


def _choice(path, lines, lists, kind: str, key: str, written: str, required: bool) -> tuple[object, list[Problem]]:
    names = getattr(lists, kind)
    label = {"types": say("Loại văn bản (Type)", "Document type (Type)"),
             "issuers": say("Cơ quan ban hành (Issuer)", "Issuing body (Issuer)"),
             "fields": say("Lĩnh vực (Field)", "Subject field (Field)")}[kind]
    allowed = ", ".join(f"\"{c.name}\"" for c in names)
    if not written:
        if not required:
            return None, []
        return None, [Problem(path, lines.get(key, 1), say(
            f"Thiếu {label.vi}. Thêm dòng \"{key.capitalize()}: …\" với một trong: {allowed or '(chưa khai báo)'}.",
            f"Missing {label.en}. Add a line \"{key.capitalize()}: …\" with one of: {allowed or '(none configured)'}.",
        ))]
    found = lists.find(kind, written)
    if found is not None:
        return found, []
    if not names:
        return None, [Problem(path, lines.get(key, 1), say(
            f"ward.toml chưa khai báo danh sách {kind} trong mục [documents], nên không dùng được {label.vi} "
            f"\"{written}\". Thêm dòng {kind} = [\"{written}\", …] vào mục [documents] của ward.toml.",
            f"ward.toml lists no {kind} in its [documents] section, so {label.en} \"{written}\" cannot be used. "
            f"Add a line {kind} = [\"{written}\", …] to the [documents] section of ward.toml.",
        ))]
    likely = lists.likely(kind, written)
    hint = say(f" Có phải là \"{likely.name}\"?", f" Did you mean \"{likely.name}\"?") if likely else say("", "")
    return None, [Problem(path, lines.get(key, 1), say(
        f"{label.vi} \"{written}\" không có trong danh sách của phường.{hint.vi} Dùng một trong: {allowed}.",
        f"{label.en} \"{written}\" is not one of the ward's.{hint.en} Use one of: {allowed}.",
    ))]


def _date(path, lines, key: str, written: str, zone: str, label) -> tuple[dt.datetime | None, list[Problem]]:
    if not written:
        return None, []
    try:
        return parse_date(written, zone), []
    except DateFormatError as error:
        return None, [Problem(path, lines.get(key, 1), label + error.text)]


def read_fields(path: str, metadata: dict, lists, zone: str) -> tuple[Fields, list[Problem]]:
    """The document's own fields from its header (*metadata* as the reader
    made it: raw strings, ``source_lines``), each mistake at its line."""
    lines = metadata.get("source_lines", {})
    text = {key: normalize(str(metadata.get(key) or "")).strip() for key in KEYS}
    problems: list[Problem] = []
    fields = Fields(number=re.sub(r"\s+", " ", text["number"]), signer=text["signer"], replaces=text["replaces"],
                    disclosure=text["disclosure"])
    if not fields.number:
        problems.append(Problem(path, lines.get("number", 1), say(
            "Thiếu số ký hiệu. Thêm dòng \"Number: 123/QĐ-UBND\" (số ký hiệu in trên văn bản).",
            "Missing number. Add a line \"Number: 123/QĐ-UBND\" (the number printed on the document).",
        )))
    elif not number_key(fields.number):
        problems.append(Problem(path, lines.get("number", 1), say(
            f"Số ký hiệu \"{fields.number}\" không có chữ hay số nào.", f"The number \"{fields.number}\" has no letter or digit.")))
    for kind, key, required in (("types", "type", True), ("issuers", "issuer", True), ("fields", "field", False)):
        value, found = _choice(path, lines, lists, kind, key, text[key], required)
        setattr(fields, key, value)
        problems += found
    if not text["issued"]:
        problems.append(Problem(path, lines.get("issued", 1), say(
            "Thiếu ngày ban hành. Thêm dòng \"Issued: 15/03/2025\" (ngày/tháng/năm ghi trên văn bản).",
            "Missing date of issue. Add a line \"Issued: 15/03/2025\" (day/month/year as on the document).",
        )))
    labels = {"issued": say("Ngày ban hành (Issued): ", "Issued: "), "effective": say("Ngày có hiệu lực (Effective): ", "Effective: "),
              "expires": say("Ngày hết hiệu lực (Expires): ", "Expires: ")}
    for key, label in labels.items():
        value, found = _date(path, lines, key, text[key], zone, label)
        setattr(fields, key, value)
        problems += found
    if fields.issued and fields.expires and fields.expires < fields.issued:
        problems.append(Problem(path, lines.get("expires", 1), say(
            f"Ngày hết hiệu lực ({fields.expires:%d/%m/%Y}) trước ngày ban hành ({fields.issued:%d/%m/%Y}). Kiểm tra lại hai ngày.",
            f"The expiry date ({fields.expires:%d/%m/%Y}) is before the date of issue ({fields.issued:%d/%m/%Y}). Check both dates.",
        )))
    if fields.effective and fields.expires and fields.expires < fields.effective:
        problems.append(Problem(path, lines.get("expires", 1), say(
            f"Ngày hết hiệu lực ({fields.expires:%d/%m/%Y}) trước ngày có hiệu lực ({fields.effective:%d/%m/%Y}).",
            f"The expiry date ({fields.expires:%d/%m/%Y}) is before the date it takes effect ({fields.effective:%d/%m/%Y}).",
        )))
    found, more = attachments(path, text["files"], lines.get("files", 1))
    fields.files, problems = found, problems + more
    return fields, problems


def attachments(path: str, written: str, line: int) -> tuple[list[Attachment], list[Problem]]:
    """The files of the document at *path*: those *written* in ``Files:``
    (comma-separated), else every file of its folder (named like the file
    without ``.md``), in name order."""
    folder = Path(path).with_suffix("")
    problems: list[Problem] = []
    if written:
        names = [n.strip() for n in written.replace(";", ",").split(",") if n.strip()]
    else:
        names = sorted(e.name for e in folder.iterdir() if e.is_file() and not e.name.startswith(".")) if folder.is_dir() else []
        line = 0
    files = []
    for name in names:
        source = folder / name
        if "/" in name or "\\" in name or name in (".", ".."):
            problems.append(Problem(path, line, say(
                f"Tệp \"{name}\" phải là tên một tệp trong thư mục {folder.name}/ cạnh văn bản, không có đường dẫn.",
                f"The file \"{name}\" must be the name of a file in the folder {folder.name}/ next to the document, without a path.",
            )))
            continue
        if not source.is_file():
            problems.append(Problem(path, line, say(
                f"Không có tệp đính kèm \"{name}\" (tìm ở {folder.name}/{name}). Chép tệp vào thư mục {folder.name}/ "
                "cạnh văn bản, hoặc sửa tên ở dòng Files.",
                f"There is no attached file \"{name}\" (looked for {folder.name}/{name}). Copy the file into the folder "
                f"{folder.name}/ next to the document, or correct the name on the Files line.",
            )))
            continue
        kind = FILE_KINDS.get(source.suffix.lower())
        if kind is None:
            problems.append(Problem(str(source) if not written else path, line, say(
                f"Tệp \"{name}\" không được đăng: chỉ nhận PDF, Word (.doc, .docx), Excel (.xls, .xlsx), OpenDocument "
                "(.odt, .ods) và ảnh JPG, PNG. Lưu văn bản thành PDF rồi đính kèm.",
                f"The file \"{name}\" is not published: only PDF, Word (.doc, .docx), Excel (.xls, .xlsx), OpenDocument "
                "(.odt, .ods) and JPG, PNG images are accepted. Save the document as PDF and attach that.",
            )))
            continue
        files.append(Attachment(name, os.fspath(source), kind, source.stat().st_size))
    return files, problems


def status_of(fields: Fields, replaced_by, moment: dt.datetime) -> tuple[str, str]:
    """(key, text) of the document's state at *moment*: replaced, not yet in
    force, expired, in force, or ("", "") when it states no dates of effect."""
    if replaced_by is not None:
        return "replaced", f"Đã được thay thế bởi {replaced_by.number}"
    if fields.effective and moment < fields.effective:
        return "pending", "Chưa có hiệu lực"
    if fields.expires and moment >= fields.expires:
        return "expired", "Hết hiệu lực"
    if fields.effective or fields.expires:
        return "in-force", "Còn hiệu lực"
    return "", ""


def unknown_replaces(path: str, line: int, number: str) -> Problem:
    return Problem(path, line, say(
        f"Replaces: không có văn bản số \"{number}\" trong sổ văn bản của cổng. Kiểm tra số ký hiệu, hoặc đăng văn "
        "bản đó trước.",
        f"Replaces: there is no document numbered \"{number}\" in the portal's register. Check the number, or "
        "publish that document first.",
    ), WARNING)


def register_problems(items: list, lists, zone: str) -> tuple[list, list[Problem]]:
    """Every document of a register at once, as the build and ``invoke
    check`` both see them. *items*: (key, path, metadata, draft) of each
    file read without an error. Returns [(key, Fields)] of the documents
    that stand (a number taken by an earlier file is named in both, and the
    later one left out) and every problem; a draft's are warnings."""
    problems: list[Problem] = []
    standing: list[tuple[object, str, dict, Fields]] = []
    for key, path, metadata, draft in items:
        fields, found = read_fields(path, metadata, lists, zone)
        problems += [p.in_draft() if draft else p for p in found]
        if not any(p.is_error for p in found):
            standing.append((key, path, metadata, fields))
    seen: dict[str, tuple] = {}
    kept = []
    for entry in standing:
        _key, path, metadata, fields = entry
        other = seen.setdefault(number_key(fields.number), entry)
        if other is entry:
            kept.append(entry)
            continue
        for (_, one, one_meta, one_fields), (_, two, _, two_fields) in ((entry, other), (other, entry)):
            problems.append(Problem(one, one_meta.get("source_lines", {}).get("number", 1), say(
                f"Số ký hiệu \"{one_fields.number}\" trùng với văn bản {two} (\"{two_fields.number}\"). Mỗi văn bản "
                "có một số riêng: sửa số của một trong hai tệp.",
                f"The number \"{one_fields.number}\" is also the number of {two} (\"{two_fields.number}\"). Each "
                "document has its own number: correct one of the two files.",
            )))
    numbers = {number_key(fields.number) for _, _, _, fields in kept}
    for _key, path, metadata, fields in kept:
        if fields.replaces and (number_key(fields.replaces) not in numbers
                                or number_key(fields.replaces) == number_key(fields.number)):
            problems.append(unknown_replaces(path, metadata.get("source_lines", {}).get("replaces", 1), fields.replaces))
    return [(key, fields) for key, _, _, fields in kept], problems
