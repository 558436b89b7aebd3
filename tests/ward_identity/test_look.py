"""The [theme] table of ward.toml: colour and logo, each mistake a path:line message."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ward_identity import load_ward
from ward_identity.look import AA, WHITE, Theme, contrast, darkest_passing, luminance, ratio_text

BASE = """[ward]
name = "Phường A"
portal_title = "Cổng A"
address = "Số 1"
phone = "0200"
email = "a@example.vn"
content_responsible = "Ông B"

[[categories]]
name = "Tin tức"
slug = "tin-tuc"

[theme]
"""
THEME_LINE = 13  # the line of "[theme]" in BASE; its keys follow


def ward_with(tmp_path, *theme_lines: str):
    path = tmp_path / "ward.toml"
    path.write_text(BASE + "".join(line + "\n" for line in theme_lines), encoding="utf-8")
    return load_ward(path)


def svg(width_height: str = 'viewBox="0 0 120 60"') -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" {width_height}><rect width="10" height="10"/></svg>'


def image_bytes(kind: str, size=(200, 100)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 60, 120)).save(buffer, kind)
    return buffer.getvalue()


# -- WCAG arithmetic --------------------------------------------------------

def test_contrast_follows_wcag_21():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    assert luminance("#808080") == pytest.approx(0.2158605, abs=1e-6)
    # the well-known boundary: #767676 passes AA on white, #777777 does not
    assert contrast("#767676", WHITE) >= AA > contrast("#777777", WHITE)
    assert ratio_text(contrast("#777777", WHITE)) == "4.48"
    assert ratio_text(4.4999) == "4.49"  # never a passing-looking 4.5


def test_suggested_colour_is_the_same_hue_darker_and_passes():
    suggestion = darkest_passing("#e67e22")
    assert contrast(suggestion, WHITE) >= AA
    assert luminance(suggestion) < luminance("#e67e22")
    # the lightest such shade: one step lighter would fail
    r, g, b = (int(suggestion[i:i + 2], 16) for i in (1, 3, 5))
    assert r / 0xE6 == pytest.approx(g / 0x7E, abs=0.02) == pytest.approx(b / 0x22, abs=0.05)


# -- Valid tables -----------------------------------------------------------

def test_no_theme_table_is_the_default_look(tmp_path):
    path = tmp_path / "ward.toml"
    path.write_text(BASE.replace("[theme]\n", ""), encoding="utf-8")
    ward, problems = load_ward(path)
    assert problems == []
    assert ward.theme == Theme() and ward.theme.css == ""


def test_colour_becomes_custom_properties_with_a_darker_shade(tmp_path):
    ward, problems = ward_with(tmp_path, 'colour = "#1D4E89"')
    assert problems == []
    assert ward.theme.colour == "#1d4e89"
    assert ward.theme.css == ":root{--color-primary:#1d4e89;--color-primary-dark:#163c69}"
    assert contrast("#163c69", WHITE) > contrast("#1d4e89", WHITE)


def test_portal_title_turns_white_when_the_yellow_accent_would_be_unreadable(tmp_path):
    # #2e7d32 passes with white (5.1:1) but the yellow title on it is 3.98:1
    ward, problems = ward_with(tmp_path, 'colour = "#2e7d32"')
    assert problems == []
    assert "--color-accent:#ffffff" in ward.theme.css


@pytest.mark.parametrize("name, content, expected_width", [
    ("logo.svg", svg(), 112),                                   # viewBox 120×60 → 112×56
    ("logo.svg", svg('width="64px" height="64px" viewBox="0 0 10 20"'), 56),  # width/height win
    ("logo.png", None, 112),
    ("logo.webp", None, 112),
])
def test_logo_gets_a_hashed_output_name_and_its_shown_size(tmp_path, name, content, expected_width):
    folder = tmp_path / "giao-dien"
    folder.mkdir()
    data = content.encode() if content else image_bytes(name.rsplit(".", 1)[1].upper())
    (folder / name).write_bytes(data)
    ward, problems = ward_with(tmp_path, f'logo = "giao-dien/{name}"')
    assert problems == []
    logo = ward.theme.logo
    assert logo.source == f"giao-dien/{name}"
    assert logo.url.startswith("giao-dien/logo-") and logo.url.endswith(name[4:])
    assert (logo.width, logo.height) == (expected_width, 56)
    assert ".site-header__logo{" in ward.theme.css and ":root" not in ward.theme.css
    (folder / name).write_bytes(data + b" " if content else image_bytes(name.rsplit(".", 1)[1].upper(), (201, 100)))
    assert load_ward(tmp_path / "ward.toml")[0].theme.logo.url != logo.url  # a new logo, a new name


# -- Mistakes: one message each, on the right line -----------------------------

def only_problem(tmp_path, *lines, files=None):
    for relative, data in (files or {}).items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    ward, problems = ward_with(tmp_path, *lines)
    assert ward is None
    assert len(problems) == 1, [p.format() for p in problems]
    problem = problems[0]
    assert problem.path == str(tmp_path / "ward.toml")
    return problem


@pytest.mark.parametrize("value", ['"1d4e89"', '"#1d4e8"', '"#1d4e89a"', '"xanh"', '"#gg0000"', "0x1d4e89"])
def test_malformed_colour_says_how_to_write_it(tmp_path, value):
    problem = only_problem(tmp_path, f"colour = {value}")
    assert problem.line == THEME_LINE + 1
    assert problem.text.startswith("Màu \"")
    assert "viết chưa đúng. Viết mã màu dạng \"#RRGGBB\": dấu # rồi đúng 6 chữ số hệ mười sáu" in problem.text
    assert 'ví dụ colour = "#1d4e89"' in problem.text


def test_light_colour_states_the_ratio_and_suggests_a_darker_one(tmp_path):
    problem = only_problem(tmp_path, 'colour = "#e67e22"')
    assert problem.line == THEME_LINE + 1
    assert problem.format() == (
        f"{problem.path}:{THEME_LINE + 1}: lỗi: Màu \"#e67e22\" quá sáng: chữ trắng trên nền màu này (đầu trang, "
        "thanh menu) và chữ màu này trên nền trắng chỉ có độ tương phản 2.85:1, dưới mức tối thiểu 4.5:1 "
        "(WCAG 2.1 AA), người đọc khó nhìn. Dùng màu tối hơn, ví dụ colour = \"#b1611a\" (cùng sắc màu, tối hơn, "
        "đạt 4.57:1)."
    )
    assert contrast("#b1611a", WHITE) >= AA


def test_colour_just_below_the_threshold_is_refused(tmp_path):
    problem = only_problem(tmp_path, 'colour = "#777777"')
    assert "độ tương phản 4.48:1" in problem.text and 'colour = "#767676"' in problem.text


def test_missing_logo(tmp_path):
    problem = only_problem(tmp_path, 'colour = "#1d4e89"', 'logo = "giao-dien/logo.svg"')
    assert problem.line == THEME_LINE + 2
    assert problem.text.startswith("Không tìm thấy tệp biểu trưng \"giao-dien/logo.svg\"")
    assert "Kiểm tra tên tệp (chữ hoa, chữ thường)" in problem.text


def test_logo_of_a_type_the_header_cannot_use(tmp_path):
    problem = only_problem(tmp_path, 'logo = "giao-dien/logo.jpg"', files={"giao-dien/logo.jpg": image_bytes("JPEG")})
    assert problem.line == THEME_LINE + 1
    assert problem.text.startswith("Tệp biểu trưng \"giao-dien/logo.jpg\" không dùng được: chỉ nhận ảnh .svg, .png hoặc .webp")


def test_logo_that_is_not_the_image_its_name_says(tmp_path):
    problem = only_problem(tmp_path, 'logo = "giao-dien/logo.png"', files={"giao-dien/logo.png": image_bytes("JPEG")})
    assert "không phải ảnh PNG đọc được" in problem.text and problem.line == THEME_LINE + 1


def test_svg_logo_without_a_size(tmp_path):
    problem = only_problem(tmp_path, 'logo = "giao-dien/logo.svg"', files={"giao-dien/logo.svg": svg("").encode()})
    assert "không ghi kích thước" in problem.text and "viewBox" in problem.text


def test_logo_outside_the_content_folder(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "logo.svg").write_text(svg(), encoding="utf-8")
    path = tmp_path / "content" / "ward.toml"
    path.write_text(BASE + 'logo = "../logo.svg"\n', encoding="utf-8")
    ward, problems = load_ward(path)
    assert ward is None
    assert [p.line for p in problems] == [THEME_LINE + 1]
    assert problems[0].text.startswith('Tệp biểu trưng "../logo.svg" phải nằm trong thư mục nội dung (content/). ')


def test_unknown_key_names_the_keys(tmp_path):
    problem = only_problem(tmp_path, 'color = "#1d4e89"')
    assert problem.line == THEME_LINE + 1
    assert problem.text == 'Mục [theme] không có khóa "color" (viết colour, kiểu Anh). Các khóa dùng được: colour, logo.'


def test_english_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_LANGUAGE", "en")
    import editor_errors

    editor_errors.set_language("en")
    try:
        problem = only_problem(tmp_path, 'colour = "#e67e22"')
        assert "have a contrast of only 2.85:1, below the minimum of 4.5:1" in problem.text
    finally:
        monkeypatch.delenv("PORTAL_LANGUAGE")
        editor_errors.set_language("vi")
