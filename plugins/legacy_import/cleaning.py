"""Text clean-up shared by both source kinds: page noise, dates, bylines,
legacy encodings, and the duplicated second copy of an article."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

from content_model.checks import TCVN3, UTF8_AS_1252, VNI, repair_utf8

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # GMT+7: every legacy portal's time

_COUNTER = re.compile(
    r"^(lượt xem|lượt truy cập|số lượt truy cập|truy cập|hôm nay|hôm qua|tuần này|tháng này|tất cả|tổng|tổng truy cập|"
    r"đang online|đang truy cập|trực tuyến|online)\s*[:：]?\s*[\d.,\s]*$", re.I)
_COMMENTS = re.compile(r"^\(?\s*\d+\s*(bình luận|ý kiến|phản hồi)\s*\)?$", re.I)
_BRACKETED = re.compile(r"^\[[^\]]*\]$")
_CLICK = re.compile(r"\(\s*(bấm|nhấn|click|kích)\s+(vào\s+)?(đây|vao day)[^)]*\)", re.I)
_FURNITURE = re.compile(
    r"^(chia sẻ|in bài|in trang|gửi email|gửi bài viết|quay lại|quay về|về đầu trang|lên đầu trang|bản in|"
    r"xem thêm|trang chủ|facebook|zalo|twitter|tweet|like|thích|gửi bình luận|bình luận của bạn|"
    r"ý kiến bạn đọc|đánh giá bài viết|cỡ chữ|font size|\s*[-|•]+\s*)\s*[:.]?$", re.I)
# Everything after one of these is the page's furniture, never the article.
_TAIL = re.compile(r"^(tin liên quan|các tin khác|tin khác|bài viết liên quan|tin cùng chuyên mục|các bài viết khác|"
                   r"tin đã đưa|xem tiếp|tin mới|tin mới nhất|tin xem nhiều)\s*[:.]?$", re.I)
_BYLINE = re.compile(r"^(BT|Biên tập|Tin|Tin,? ảnh|Tin và ảnh|Bài,? ảnh|Bài và ảnh|Bài|Ảnh|Nguồn|PV|CTV|Tác giả)\s*[:：\-–]\s*(.{2,80})$")
_GALLERY = re.compile(r"^(một số|một vài|các)?\s*(hình ảnh|ảnh)\b.{0,80}[:：]$", re.I)

# Date lines: "Ngày đăng 20/02/2023 | 12:12 | Lượt xem: 215", "Ngày 23/02/2024
# 00:00:00", "Đăng lúc: 10:30 20/02/2023 (GMT+7)", "Cập nhật: 20-02-2023 08:15".
_DATE_LINE = re.compile(r"^(ngày đăng|ngày|đăng lúc|đăng ngày|cập nhật|thời gian đăng|đăng)\b", re.I)
_DAY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_TIME = re.compile(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_line(line: str) -> str:
    line = line.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    line = _CLICK.sub("", line)
    return re.sub(r"[ \t]+", " ", line).strip()


def is_noise(line: str) -> bool:
    return bool(_COUNTER.match(line) or _COMMENTS.match(line) or _BRACKETED.match(line) or _FURNITURE.match(line))


def is_tail(line: str) -> bool:
    return bool(_TAIL.match(line))


def is_gallery_heading(line: str) -> bool:
    return bool(_GALLERY.match(line))


def byline(line: str) -> str | None:
    match = _BYLINE.match(line)
    return match.group(2).strip(" .") if match else None


def parse_date(line: str) -> dt.datetime | None:
    """The publication time on a legacy date line, in GMT+7, or None."""
    if not _DATE_LINE.match(line) and not re.match(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}", line):
        return None
    day = _DAY.search(line)
    if not day:
        return None
    rest = line[: day.start()] + " " + line[day.end():]
    clock = _TIME.search(rest)
    try:
        hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (0, 0)
        return dt.datetime(int(day.group(3)), int(day.group(2)), int(day.group(1)), hour, minute, tzinfo=ZONE)
    except ValueError:
        return None


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """Repair UTF-8 read as Windows-1252 when every damaged line repairs
    cleanly (certain); report legacy font encodings (TCVN3, VNI), which
    cannot be repaired with certainty."""
    notes = []
    if UTF8_AS_1252.search(text):
        lines = text.split("\n")
        fixed = []
        certain = True
        for line in lines:
            if UTF8_AS_1252.search(line):
                repaired = repair_utf8(line)
                if repaired is None:
                    certain = False
                    break
                fixed.append(repaired)
            else:
                fixed.append(line)
        if certain:
            text = "\n".join(fixed)
            notes.append("đã sửa lỗi mã hóa (chữ UTF-8 bị đọc nhầm thành Windows-1252)")
        else:
            notes.append("có chữ bị lỗi mã hóa (UTF-8 đọc nhầm thành Windows-1252) không sửa chắc chắn được: cần gõ lại")
    for pattern, name in ((TCVN3, "TCVN3 (ABC)"), (VNI, "VNI")):
        found = pattern.search(text)
        if found and len(found.group(0)) > 1:
            notes.append(f"có thể có chữ gõ bằng bảng mã {name} (ví dụ \"{found.group(0)}\"): cần kiểm tra và gõ lại")
    return text, notes


def drop_second_copy(paragraphs: list[str], title: str) -> tuple[list[str], bool]:
    """Cut a second copy of the article (the title again followed by the
    same opening, or the whole body repeated)."""
    if title:
        for index, text in enumerate(paragraphs[1:], 1):
            if text == title:
                return paragraphs[:index], True
    size = len(paragraphs)
    for half in range(size // 2, 0, -1):
        if paragraphs[:half] == paragraphs[half: 2 * half] and 2 * half >= size - 1:
            return paragraphs[:half] + paragraphs[2 * half:], True
    return paragraphs, False


def looks_like_caption(line: str) -> bool:
    """A short line without closing punctuation between paragraphs: the
    caption of a photo the export lost ("Toàn cảnh Hội nghị")."""
    words = line.split()
    return (
        1 <= len(words) <= 14
        and not re.search(r"[.:;!?…,]$", line)
        and not re.match(r"^(\d+[.)]|[-+*•])\s", line)
        and line[0].isupper()
        and not line.isupper()
    )
