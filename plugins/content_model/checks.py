"""Checks on the text of a content file, shared by the build and `invoke check`.

- text that was not NFC (the build composes it; the editor should know);
- mojibake: Vietnamese typed in a legacy font encoding and pasted as
  Unicode (TCVN3/ABC: "Céng hßa x· héi"; VNI: "Xin chaøo") or UTF-8 bytes read
  as Windows-1252/1258 ("Há»™i nghá»‹");
- "Ð" (U+00D0, Icelandic Eth) or "Đ"-like letters from other scripts used for
  "Đ": they look right but break search, sorting and addresses;
- an empty body, an over-long Summary, an implausible date.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from editor_errors import ERROR, WARNING, Problem, say

SUMMARY_MAX = 300
LOOKALIKES = {"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"}

# Characters TCVN3 (ABC) text shows when read as Windows-1252 / Latin-1:
# they never occur inside Vietnamese words written in Unicode.
_TCVN3_ONLY = "¸µ¶·¹¨»¼½¾ÆÇËßÜÖ©®¬ª«ñÑ"
TCVN3 = re.compile(rf"[A-Za-zéèêâôó]*[{_TCVN3_ONLY}][A-Za-zéèêâôó{_TCVN3_ONLY}]*")
# VNI-Windows puts tone/vowel marks as separate Latin-1 letters after a vowel.
VNI = re.compile(r"[aeiouyAEIOUY][øûïäëöÿ]")
# UTF-8 bytes of Vietnamese read as Windows-1252: "Ã¡", "áº¡", "á»‹", "Ä‘", "Æ°".
UTF8_AS_1252 = re.compile(r"Ã[\u00a0-\u00bf]|á[º»].|Ä[‘’]|Æ[°¡]")


def repair_utf8(text: str) -> str | None:
    """*text* with UTF-8 read as Windows-1252 undone, or None if it is not
    that. Bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    show up as the Latin-1 control characters, as browsers and editors do."""
    raw = bytearray()
    for char in text:
        try:
            raw += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            raw.append(ord(char))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def mojibake_problems(path: str, text: str, first_line: int = 1) -> list[Problem]:
    if not (UTF8_AS_1252.search(text) or TCVN3.search(text) or VNI.search(text)):
        return []  # the common case, decided on the whole text at once
    problems = []
    for number, line in enumerate(text.split("\n"), first_line):
        match = UTF8_AS_1252.search(line)
        if match:
            word = re.search(r"\S*" + re.escape(match.group(0)) + r"\S*", line).group(0)
            fixed = repair_utf8(word)
            hint_vi = f" Có lẽ là \"{fixed}\"." if fixed else ""
            hint_en = f" Probably \"{fixed}\"." if fixed else ""
            problems.append(Problem(path, number, say(
                f"Chữ bị lỗi mã hóa: \"{word}\" (chữ UTF-8 bị đọc nhầm thành Windows-1252).{hint_vi} Gõ lại hoặc dán lại đoạn này từ bản gốc.",
                f"Garbled text: \"{word}\" (UTF-8 read as Windows-1252).{hint_en} Retype it or paste it again from the original.",
            )))
            continue
        tcvn = [m.group(0) for m in TCVN3.finditer(line) if len(m.group(0)) > 1]
        if len(tcvn) >= 2:
            problems.append(Problem(path, number, say(
                f"Chữ bị lỗi phông TCVN3 (ABC): \"{' '.join(tcvn[:3])}\". Chuyển đoạn này sang Unicode (Unikey: Công cụ chuyển mã, nguồn TCVN3, đích Unicode) rồi dán lại.",
                f"Text in the legacy TCVN3 (ABC) font encoding: \"{' '.join(tcvn[:3])}\". Convert it to Unicode (e.g. Unikey's converter, TCVN3 → Unicode) and paste it again.",
            )))
            continue
        vni = VNI.search(line)
        if vni:
            word = re.search(r"\S*" + re.escape(vni.group(0)) + r"\S*", line).group(0)
            problems.append(Problem(path, number, say(
                f"Chữ bị lỗi phông VNI: \"{word}\". Chuyển đoạn này sang Unicode (Unikey: Công cụ chuyển mã, nguồn VNI Windows, đích Unicode) rồi dán lại.",
                f"Text in the legacy VNI font encoding: \"{word}\". Convert it to Unicode (e.g. Unikey's converter, VNI Windows → Unicode) and paste it again.",
            )))
    return problems


def lookalike_problems(path: str, text: str, first_line: int = 1) -> list[Problem]:
    if not any(char in text for char in LOOKALIKES):
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), first_line):
        found = sorted({c for c in line if c in LOOKALIKES})
        if found:
            char = found[0]
            problems.append(Problem(path, number, say(
                f"Chữ \"{char}\" (U+{ord(char):04X}) trông giống \"{LOOKALIKES[char]}\" nhưng là chữ khác: tìm kiếm, sắp xếp và địa chỉ sẽ sai. Gõ lại bằng \"{LOOKALIKES[char]}\" tiếng Việt.",
                f"\"{char}\" (U+{ord(char):04X}) looks like \"{LOOKALIKES[char]}\" but is another letter: search, sorting and addresses go wrong. Retype it as the Vietnamese \"{LOOKALIKES[char]}\".",
            ), WARNING))
    return problems


def nfc_problem(path: str) -> Problem:
    return Problem(path, 1, say(
        "Tệp được lưu ở dạng Unicode tổ hợp (NFD), thường do máy Mac hoặc sao chép từ PDF. Cổng đã tự chuyển sang dạng dựng sẵn (NFC); nên lưu lại tệp ở dạng NFC.",
        "The file is saved in decomposed Unicode (NFD), usually from a Mac or a PDF. The build composed it (NFC) automatically; saving the file as NFC is better.",
    ), WARNING)


def summary_problem(path: str, line: int, summary_text: str) -> Problem | None:
    if len(summary_text) <= SUMMARY_MAX:
        return None
    return Problem(path, line, say(
        f"Câu dẫn (Summary) dài {len(summary_text)} ký tự; nên dưới {SUMMARY_MAX} ký tự để hiện gọn trong danh sách tin. Rút gọn, phần còn lại đưa vào nội dung.",
        f"The Summary is {len(summary_text)} characters long; keep it under {SUMMARY_MAX} so listings stay short. Shorten it and move the rest into the body.",
    ), WARNING)


def date_problem(path: str, line: int, date: dt.datetime, now: dt.datetime) -> Problem | None:
    if date.year < 2000:
        return Problem(path, line, say(
            f"Ngày đăng {date:%d/%m/%Y} có đúng không? Năm {date.year} là trước khi có cổng thông tin. Kiểm tra lại năm.",
            f"Is the date {date:%d/%m/%Y} right? {date.year} is before web portals existed. Check the year.",
        ), WARNING)
    if date > now + dt.timedelta(days=366):
        return Problem(path, line, say(
            f"Ngày đăng {date:%d/%m/%Y} ở quá xa trong tương lai; bài sẽ chỉ được đăng vào ngày đó. Kiểm tra lại năm.",
            f"The date {date:%d/%m/%Y} is far in the future; the article will only be published then. Check the year.",
        ), WARNING)
    return None


TEMPLATE_NAME = re.compile(r"[a-z0-9_-]+")  # a theme template's name: never a path


def template_problem(path: str, line: int, template: str, settings: dict) -> Problem | None:
    """``Template:`` must name a template of the theme or of the ward's own
    (``giao-dien/templates/``): checked on every build, as templates change
    without the article changing."""
    from ward_identity.look import TEMPLATES_FOLDER

    folders = [*settings.get("THEME_TEMPLATES_OVERRIDES", []), os.path.join(settings.get("PATH", ""), TEMPLATES_FOLDER),
               os.path.join(settings.get("THEME", ""), "templates")]
    known = sorted({name[:-5] for folder in folders if os.path.isdir(folder) for name in os.listdir(folder)
                    if name.endswith(".html")})
    if TEMPLATE_NAME.fullmatch(template) and template in known:
        return None
    return Problem(path, line, say(
        f"Không có mẫu trang \"{template}\". Dùng một trong: {', '.join(known)}; hoặc xóa dòng Template: để dùng mẫu thường.",
        f"There is no page template \"{template}\". Use one of: {', '.join(known)}; or delete the Template: line to use "
        "the usual one.",
    ))


# The body `invoke new` writes, for the editor to replace.
PLACEHOLDER = "Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống."


def placeholder_problem(path: str, body: str, body_line: int, preview: bool) -> Problem | None:
    """The placeholder of `invoke new` still in the body: a warning in the
    preview, an error when building (a draft's errors are warnings anyway)."""
    at = body.find(PLACEHOLDER[:24])
    if at < 0:
        return None
    return Problem(path, body_line + body.count("\n", 0, at), say(
        f"Bài còn dòng mẫu \"{PLACEHOLDER[:24]}…\" của invoke new. Thay nó bằng nội dung bài (hoặc xóa nó).",
        f"The article still holds the sample line \"{PLACEHOLDER[:24]}…\" from invoke new. Replace it with the "
        "article's text (or delete it).",
    ), WARNING if preview else ERROR)
