import datetime as dt
from zoneinfo import ZoneInfo

from vietnamese import date_line, long_date, short_date, weekday

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_date_line_is_the_familiar_portal_form():
    when = dt.datetime(2023, 2, 20, 12, 12, tzinfo=VN)
    assert date_line(when) == "20/02/2023 | 12:12"
    assert date_line(when, True) == "Thứ Hai, 20/02/2023 | 12:12"


def test_weekdays_come_from_babel_not_the_system_locale():
    days = [weekday(dt.date(2025, 6, d)) for d in range(2, 9)]
    assert days == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def test_other_forms():
    assert short_date(dt.date(2025, 7, 1)) == "01/07/2025"
    assert long_date(dt.date(2025, 7, 1)) == "Thứ Ba, ngày 01 tháng 07 năm 2025"
