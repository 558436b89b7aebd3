import datetime as dt

import pytest
from content_model.dates import DateFormatError, parse_date

TZ = "Asia/Ho_Chi_Minh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-02-20 12:12", (2023, 2, 20, 12, 12)),
        ("2023-02-20", (2023, 2, 20, 0, 0)),
        ("2023-02-20T12:12:05", (2023, 2, 20, 12, 12)),
        ("20/02/2023 12:12", (2023, 2, 20, 12, 12)),
        ("05/02/2023", (2023, 2, 5, 0, 0)),  # day first, never 2 May
        ("5/2/2023 7h30", (2023, 2, 5, 7, 30)),
        ("2023-02-20T05:12:00Z", (2023, 2, 20, 12, 12)),  # converted to GMT+7
    ],
)
def test_accepted_forms(text, expected):
    value = parse_date(text, TZ)
    assert (value.year, value.month, value.day, value.hour, value.minute) == expected
    assert value.utcoffset() == dt.timedelta(hours=7)


@pytest.mark.parametrize("text", ["hôm qua", "2023-02-30", "31/04/2023", "2023/02/20", "20-02"])
def test_rejected_forms_explain_the_expected_one(text):
    with pytest.raises(DateFormatError, match="2025-02-20 08:30"):
        parse_date(text, TZ)


@pytest.mark.parametrize("value, says", [
    ("2025-03-01T08:00+25:00", "múi giờ +25:00 không có thật"),
    ("2025-03-01T08:00+07:99", "múi giờ +07:99 không có thật"),
    ("9999-12-31T23:00-05:00", "năm 9999 ngoài khoảng"),
    ("0001-01-01T00:00+07:00", "năm 1 ngoài khoảng"),
])
def test_impossible_offsets_and_years_are_messages_not_tracebacks(value, says):
    with pytest.raises(DateFormatError) as raised:
        parse_date(value, "Asia/Ho_Chi_Minh")
    assert says in str(raised.value)
