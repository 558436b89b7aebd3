"""The ward's own look: the ``[theme]`` table of ``ward.toml``.

- ``colour = "#RRGGBB"``: the ward's main colour (header, menu, headings,
  sidebar headings). It must reach WCAG 2.1 AA (4.5:1) with white, since
  white text is drawn on it and it is drawn as text on white. The theme
  gets it as CSS custom properties, with the darker shade (menu, titles)
  computed here as plain hex, so old phone browsers need no ``color-mix``.
- ``logo = "giao-dien/logo.svg"``: an SVG, PNG or WebP file inside the
  content folder, shown in the header instead of the default emblem, with
  its width and height (no layout shift). It is published under a name
  carrying its content hash, so no browser keeps an old logo.

Single templates are overridden by files in ``giao-dien/templates/`` of the
content folder (see ``__init__``); nothing here needs to know about them.
"""

from __future__ import annotations

import hashlib
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from editor_errors import Problem, say
from safety import svg_problems
from safety.images import pixels_text, too_many_pixels

THEME_FOLDER = "giao-dien"  # the ward's look, in its content folder
TEMPLATES_FOLDER = f"{THEME_FOLDER}/templates"
LOGO_OUTPUT = f"{THEME_FOLDER}/logo-{{digest}}{{suffix}}"  # in the output
LOGO_TYPES = {".svg": "SVG", ".png": "PNG", ".webp": "WEBP"}
LOGO_HEIGHT = 56  # px, the default emblem's box (3rem in main.css)
MAX_LOGO_RATIO = 12  # a 12:1 word mark is 672 px wide at the header's height
THEME_KEYS = ("colour", "logo")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
AA = 4.5  # WCAG 2.1 AA, normal text
WHITE = "#ffffff"
DEFAULT_ACCENT = "#ffe08a"  # main.css --color-accent: the portal title on the header
DARK_SHARE = 0.77  # the default pair: #a3141e → #7d0f17 (each channel × 0.77)


@dataclass(frozen=True)
class Logo:
    source: str  # relative to the content folder, with "/"
    url: str  # relative to the site root
    width: int  # as shown in the header, px
    height: int


@dataclass(frozen=True)
class Theme:
    colour: str = ""  # "#rrggbb", lower case; "" = the theme's own colours
    logo: Logo | None = None

    @property
    def css(self) -> str:
        """The rules for an inline ``<style>`` after main.css: the custom
        properties that carry the ward's colour, and the logo's box. Empty
        for a ward without ``[theme]``, whose pages stay exactly as the
        theme makes them (main.css itself is the same for every ward)."""
        rules = []
        if self.colour:
            props = {"--color-primary": self.colour, "--color-primary-dark": darker(self.colour, DARK_SHARE)}
            if contrast(DEFAULT_ACCENT, self.colour) < AA:
                # the yellow portal title would be hard to read on this colour
                props["--color-accent"] = WHITE
            rules.append(":root{" + ";".join(f"{k}:{v}" for k, v in props.items()) + "}")
        if self.logo:
            # the emblem's height (3rem), the logo's own width; hidden in print like the emblem
            rules.append(".site-header__logo{width:auto;height:3rem;flex:none}"
                         "@media print{.site-header__logo{display:none}}")
        return "".join(rules)


# -- Colour arithmetic (WCAG 2.1) -------------------------------------------

def _channels(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """Relative luminance, WCAG 2.1 (sRGB, 0.03928 threshold)."""
    linear = []
    for value in _channels(colour):
        c = value / 255
        linear.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = linear
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def darker(colour: str, share: float) -> str:
    """Each channel multiplied by *share* (same hue, darker)."""
    return "#" + "".join(f"{round(v * share):02x}" for v in _channels(colour))


def darkest_passing(colour: str) -> str:
    """The lightest darker shade of *colour* that reaches AA with white."""
    for step in range(100, -1, -1):
        candidate = darker(colour, step / 100)
        if contrast(candidate, WHITE) >= AA:
            return candidate
    return "#000000"


def ratio_text(ratio: float) -> str:
    """The ratio to two decimals, as contrast checkers show it ("4.48" for
    #777777), except that a failing ratio is never shown as a passing 4.5."""
    text = f"{ratio:.2f}"
    if ratio < AA <= float(text):
        text = f"{math.floor(ratio * 100) / 100:.2f}"
    return text.rstrip("0").rstrip(".")


# -- The [theme] table ------------------------------------------------------

def read_theme(src: str, table, content: Path, lines) -> tuple[Theme, list[Problem]]:
    """Check the ``[theme]`` table (absent: the default look)."""
    if table is None:
        return Theme(), []
    start = lines.table("[theme]")
    if not isinstance(table, dict):
        return Theme(), [Problem(src, lines.key("theme") or 1, say(
            "\"theme\" phải là một mục riêng: dòng [theme] rồi các dòng colour = \"#RRGGBB\" và logo = \"giao-dien/logo.svg\".",
            "\"theme\" must be a section of its own: a [theme] line, then colour = \"#RRGGBB\" and logo = \"giao-dien/logo.svg\" lines.",
        ))]
    problems: list[Problem] = []
    for key in table:
        if key not in THEME_KEYS:
            hint = say(" (viết colour, kiểu Anh)", " (spelt colour)") if key == "color" else say("", "")
            problems.append(Problem(src, lines.key(key, start), say(
                f"Mục [theme] không có khóa \"{key}\"{hint.vi}. Các khóa dùng được: colour, logo.",
                f"The [theme] section has no key \"{key}\"{hint.en}. The keys are: colour, logo.",
            )))
    colour = ""
    if "colour" in table:
        colour, found = _colour(src, table["colour"], lines.key("colour", start))
        problems += found
    logo = None
    if "logo" in table:
        logo, found = _logo(src, table["logo"], content, lines.key("logo", start))
        problems += found
    return Theme(colour, logo), problems


def _colour(src: str, value, line: int) -> tuple[str, list[Problem]]:
    if not isinstance(value, str) or not COLOUR_RE.match(value.strip()):
        shown = value if isinstance(value, str) else repr(value)
        return "", [Problem(src, line, say(
            f"Màu \"{shown}\" viết chưa đúng. Viết mã màu dạng \"#RRGGBB\": dấu # rồi đúng 6 chữ số hệ mười sáu "
            "(0–9, a–f), trong dấu ngoặc kép, ví dụ colour = \"#1d4e89\".",
            f"The colour \"{shown}\" is not written correctly. Write a colour code \"#RRGGBB\": a # then exactly 6 "
            "hexadecimal digits (0–9, a–f), in double quotes, for example colour = \"#1d4e89\".",
        ))]
    colour = value.strip().lower()
    ratio = contrast(colour, WHITE)
    if ratio < AA:
        suggestion = darkest_passing(colour)
        measured = ratio_text(ratio)
        return "", [Problem(src, line, say(
            f"Màu \"{colour}\" quá sáng: chữ trắng trên nền màu này (đầu trang, thanh menu) và chữ màu này trên nền "
            f"trắng chỉ có độ tương phản {measured}:1, dưới mức tối thiểu 4.5:1 (WCAG 2.1 AA), người đọc khó nhìn. "
            f"Dùng màu tối hơn, ví dụ colour = \"{suggestion}\" (cùng sắc màu, tối hơn, đạt "
            f"{ratio_text(contrast(suggestion, WHITE))}:1).",
            f"The colour \"{colour}\" is too light: white text on it (header, menu) and text in this colour on white "
            f"have a contrast of only {measured}:1, below the minimum of 4.5:1 (WCAG 2.1 AA), hard to read. "
            f"Use a darker colour, for example colour = \"{suggestion}\" (the same hue, darker, "
            f"{ratio_text(contrast(suggestion, WHITE))}:1).",
        ))]
    return colour, []


def _logo(src: str, value, content: Path, line: int) -> tuple[Logo | None, list[Problem]]:
    def problem(vi: str, en: str) -> tuple[None, list[Problem]]:
        return None, [Problem(src, line, say(vi, en))]

    example = "logo = \"giao-dien/logo.svg\""
    if not isinstance(value, str) or not value.strip():
        return problem(
            f"logo phải là đường dẫn tới tệp biểu trưng, tính từ thư mục nội dung, trong dấu ngoặc kép, ví dụ {example}.",
            f"logo must be the path of the logo file, from the content folder, in double quotes, for example {example}.",
        )
    relative = PurePosixPath(value.strip().replace("\\", "/"))
    root = content.resolve()
    path = (root / relative).resolve()
    if relative.is_absolute() or not path.is_relative_to(root):
        return problem(
            f"Tệp biểu trưng \"{value}\" phải nằm trong thư mục nội dung ({root.name}/). Chép tệp vào thư mục "
            f"giao-dien/ của nó rồi ghi {example}.",
            f"The logo file \"{value}\" must be inside the content folder ({root.name}/). Copy it into its "
            f"giao-dien/ folder and write {example}.",
        )
    suffix = relative.suffix.lower()
    if suffix not in LOGO_TYPES:
        return problem(
            f"Tệp biểu trưng \"{value}\" không dùng được: chỉ nhận ảnh .svg, .png hoặc .webp (nên dùng .svg, "
            "nét ở mọi cỡ). Lưu biểu trưng ở một trong các dạng đó rồi sửa dòng logo.",
            f"The logo file \"{value}\" cannot be used: only .svg, .png or .webp images are accepted (.svg is "
            "best, sharp at any size). Save the logo in one of these formats and correct the logo line.",
        )
    if not path.is_file():
        return problem(
            f"Không tìm thấy tệp biểu trưng \"{value}\" (tìm ở {path}). Kiểm tra tên tệp (chữ hoa, chữ thường) "
            "và đường dẫn, tính từ thư mục chứa ward.toml.",
            f"The logo file \"{value}\" was not found (looked for {path}). Check the file name (upper and lower "
            "case) and the path, from the folder that holds ward.toml.",
        )
    size = _svg_size(path) if suffix == ".svg" else _bitmap_size(path, LOGO_TYPES[suffix])
    if size is not None and suffix != ".svg" and too_many_pixels(size):
        text = pixels_text(size)
        return problem(f"Tệp biểu trưng \"{value}\": {text.vi}", f"The logo file \"{value}\": {text.en}")
    if size is not None and not (1 / MAX_LOGO_RATIO <= size[0] / size[1] <= MAX_LOGO_RATIO):
        return problem(
            f"Tệp biểu trưng \"{value}\" có tỉ lệ {size[0]:g}×{size[1]:g}, dài hoặc cao quá mức để đặt ở đầu trang "
            f"(cổng nhận tới {MAX_LOGO_RATIO}:1). Kiểm tra viewBox, width và height của tệp, hoặc cắt bớt phần thừa.",
            f"The logo file \"{value}\" is {size[0]:g}×{size[1]:g}, too wide or too tall for the page header "
            f"(up to {MAX_LOGO_RATIO}:1 is accepted). Check the file's viewBox, width and height, or crop it.",
        )
    if size is None:
        kind = LOGO_TYPES[suffix]
        if suffix == ".svg":
            return problem(
                f"Tệp biểu trưng \"{value}\" không phải ảnh SVG đọc được, hoặc không ghi kích thước. Xuất lại từ "
                "phần mềm vẽ, có thuộc tính viewBox (hoặc width và height) ở thẻ <svg>.",
                f"The logo file \"{value}\" is not a readable SVG image, or gives no size. Export it again from the "
                "drawing program, with a viewBox (or width and height) on the <svg> element.",
            )
        return problem(
            f"Tệp biểu trưng \"{value}\" không phải ảnh {kind} đọc được (tệp hỏng, hoặc đuôi tệp không đúng loại "
            "ảnh). Lưu lại ảnh đúng định dạng.",
            f"The logo file \"{value}\" is not a readable {kind} image (a damaged file, or a name ending that does "
            "not match the image type). Save the image again in the right format.",
        )
    active = svg_problems(path) if suffix == ".svg" else []
    if active:
        return problem(
            f"Tệp biểu trưng \"{value}\" không chỉ là hình vẽ: có {', '.join(active)}, thứ có thể chạy mã trên địa chỉ "
            "của cổng khi mở tệp. Xuất lại biểu trưng từ phần mềm vẽ dạng \"SVG thường\" (plain SVG, không script, "
            "không liên kết), hoặc lưu thành .png.",
            f"The logo file \"{value}\" is more than a drawing: it holds {', '.join(active)}, which could run code on "
            "the portal's address when the file is opened. Export the logo again as \"plain SVG\" (no script, no "
            "links), or save it as .png.",
        )
    width, height = size
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    shown_width = max(1, round(LOGO_HEIGHT * width / height))
    return Logo(relative.as_posix(), LOGO_OUTPUT.format(digest=digest, suffix=suffix), shown_width, LOGO_HEIGHT), []


_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def _svg_size(path: Path) -> tuple[float, float] | None:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return None
    if not root.tag.endswith("svg"):
        return None
    width, height = (_LENGTH.match(root.get(name, "")) for name in ("width", "height"))
    if width and height and _usable(float(width[1]), float(height[1])):
        return float(width[1]), float(height[1])
    box = re.split(r"[\s,]+", root.get("viewBox", "").strip())
    try:
        if len(box) == 4 and _usable(float(box[2]), float(box[3])):
            return float(box[2]), float(box[3])
    except ValueError:
        pass
    return None


def _usable(width: float, height: float) -> bool:
    """Both sizes positive and finite ("1e999" reads as infinity)."""
    return all(0 < v < 1e9 for v in (width, height))



def _bitmap_size(path: Path, kind: str) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:  # reads the header only
            if image.format != kind:
                return None
            if too_many_pixels(image.size):
                return image.size  # refused by the caller, before anything is decoded
            image.verify()
            return image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
