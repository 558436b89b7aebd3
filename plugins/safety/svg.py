"""An SVG file that can only be a picture (the ward's logo).

An SVG opened by its address runs the scripts it holds on the portal's
origin. ``svg_problems`` accepts only drawing elements, gradients, clip
paths and text; refuses scripts, ``foreignObject``, links, external images
and fonts, animations, event attributes, any ``href`` that is not a
reference inside the file, CSS that loads something, and DTDs (entity
tricks). What drawing programs add (Inkscape's, Illustrator's and RDF
metadata in their own namespaces) is inert and allowed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ACTIVE_NAMESPACES = {SVG, "http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML"}
ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "symbol", "use", "title",
    "desc", "metadata", "style", "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feComposite",
    "feFlood", "feMerge", "feMergeNode", "marker",
})
_LOADS = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)|expression\s*\(|javascript:|-moz-binding|behavior\s*:", re.I)


def _local(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def svg_problems(path: str | Path) -> list[str]:
    """What makes *path* more than a picture, each as the editor would see
    it (``<script>``, ``onload``…); empty when it is only a picture."""
    data = Path(path).read_bytes()
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I):
        return ["<!DOCTYPE>"]
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return ["XML"]
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        namespace, local = _local(element.tag)
        if namespace in ACTIVE_NAMESPACES or namespace == "":
            if namespace not in (SVG, "") or local not in ELEMENTS:
                found.append(f"<{local}>")
                continue
        for name, value in element.attrib.items():
            attr_namespace, attr = _local(name)
            if attr.lower().startswith("on"):
                found.append(f"{attr}=")
            elif attr == "href" and attr_namespace in ("", XLINK) and not value.strip().startswith("#"):
                found.append(f"href=\"{value[:40]}\"")
            elif attr == "style" and _LOADS.search(value):
                found.append("style=")
        if local == "style" and namespace == SVG and _LOADS.search(element.text or ""):
            found.append("<style> @import/url()")
    return sorted(set(found))
