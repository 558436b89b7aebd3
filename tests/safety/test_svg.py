"""SVG logos: only a picture is published (plugins/safety/svg.py, through ward_identity)."""

from __future__ import annotations

import pytest
from helpers import run_pelican
from safety import svg_problems

PLAIN = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
         'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
         'viewBox="0 0 40 20"><metadata><rdf:RDF/></metadata><inkscape:grid/>'
         '<defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient>'
         '<style>.a{fill:url(#g)}</style></defs><g><rect class="a" width="40" height="20"/>'
         '<use xlink:href="#g"/><text x="2" y="15">UBND</text></g></svg>')
ACTIVE = [
    ("<script>", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>'),
    ("onload=", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>'),
    ("<foreignObject>", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><foreignObject/></svg>'),
    ("<a>", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><a href="javascript:alert(1)"><rect/></a></svg>'),
    ("href=\"https://evil.example/x.svg#a\"", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><use href="https://evil.example/x.svg#a"/></svg>'),
    ("<!DOCTYPE>", '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'),
    ("<style> @import/url()", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><style>@import url(https://evil.example/a.css)</style></svg>'),
    ("<script>", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><metadata><script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script></metadata></svg>'),
    ("<set>", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><set attributeName="onmouseover" to="alert(1)"/></svg>'),
]


def test_a_drawing_from_a_drawing_program_is_only_a_picture(tmp_path):
    (tmp_path / "a.svg").write_text(PLAIN, encoding="utf-8")
    assert svg_problems(tmp_path / "a.svg") == []


@pytest.mark.parametrize("what, svg", ACTIVE)
def test_anything_that_can_run_is_named(tmp_path, what, svg):
    (tmp_path / "a.svg").write_text(svg, encoding="utf-8")
    assert what in svg_problems(tmp_path / "a.svg")


def test_a_logo_with_script_stops_the_build_at_its_line_in_ward_toml(site_copy, tmp_path):
    (site_copy / "giao-dien").mkdir()
    (site_copy / "giao-dien" / "logo.svg").write_text(dict(ACTIVE)["onload="], encoding="utf-8")
    ward = site_copy / "ward.toml"
    ward.write_text(ward.read_text(encoding="utf-8") + '\n[theme]\nlogo = "giao-dien/logo.svg"\n', encoding="utf-8")
    line = ward.read_text(encoding="utf-8").count("\n")
    out = tmp_path / "out"
    result = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"')
    assert result.returncode == 1
    assert f"{ward}:{line}: lỗi: Tệp biểu trưng \"giao-dien/logo.svg\" không chỉ là hình vẽ: có onload=" in result.stderr, result.stderr
    (site_copy / "giao-dien" / "logo.svg").write_text(PLAIN, encoding="utf-8")
    result = run_pelican(site_copy, out, "-e", f'CACHE_PATH="{tmp_path / "c"}"')
    assert result.returncode == 0, result.stderr
    assert [p.read_text(encoding="utf-8") for p in (out / "giao-dien").glob("logo-*.svg")] == [PLAIN]


XSLT = ('<?xml-stylesheet type="text/xsl" href=""?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xsl:version="1.0" viewBox="0 0 10 10"><rect width="10" height="10"/>'
        '<xsl:element name="script" namespace="http://www.w3.org/2000/svg">alert(1)</xsl:element></svg>')


@pytest.mark.parametrize("svg", [
    XSLT,
    XSLT.split("\n", 1)[1],  # the stylesheet's elements alone
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><foo:script xmlns:foo="http://www.w3.org/1999/XHTML">alert(1)</foo:script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><style>rect{fill:u\\72l(https://evil.example/a)}</style></svg>',
    '<?xml version="1.0"?><?xml-stylesheet href="data:text/xsl,x"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
])
def test_stylesheets_other_namespaces_and_css_escapes_are_refused(tmp_path, svg):
    """Found by a red-team pass: an SVG that is its own XSLT stylesheet ran
    script when its address was opened in Chromium."""
    (tmp_path / "a.svg").write_text(svg, encoding="utf-8")
    assert svg_problems(tmp_path / "a.svg") != []


def test_the_xml_declaration_is_fine(tmp_path):
    (tmp_path / "a.svg").write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + PLAIN, encoding="utf-8")
    assert svg_problems(tmp_path / "a.svg") == []
