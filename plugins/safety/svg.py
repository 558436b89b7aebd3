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
XML = "http://www.w3.org/XML/1998/namespace"
# What drawing programs write beside the drawing, inert in a browser. Any
# other namespace (XSLT, XHTML in any spelling, MathML, XInclude…) is refused.
INERT_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#", "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/", "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Flows/1.0/", "http://ns.adobe.com/Graphs/1.0/", "http://ns.adobe.com/ImageReplacement/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/", "http://ns.adobe.com/Variables/1.0/", "http://ns.adobe.com/xap/1.0/",
    "http://www.bohemiancoding.com/sketch/ns", "http://www.serif.com/",
})
ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "symbol", "use", "title",
    "desc", "metadata", "style", "filter", "feGaussianBlur", "feOffset", "feBlend", "feColorMatrix", "feComposite",
    "feFlood", "feMerge", "feMergeNode", "marker",
})
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
_INSTRUCTION = re.compile(rb"<\?(?!xml[\s?])", re.I)  # <?xml-stylesheet …?> and the like; the XML declaration is fine
_LOADS = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)|expression\s*\(|javascript:|-moz-binding|behavior\s*:", re.I)


def _css(text: str) -> str:
    """CSS with its escapes read (``u\\72l(`` is ``url(``)."""
    return _CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] and int(m[1], 16) < 0x110000 else (m[2] or ""), text)


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
    if _INSTRUCTION.search(data):
        return ["<?xml-stylesheet?>"]
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return ["XML"]
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        namespace, local = _local(element.tag)
        if namespace in INERT_NAMESPACES:
            continue  # metadata of the drawing program: never rendered, never run
        if namespace not in (SVG, "") or local not in ELEMENTS:
            found.append(f"<{local}>")
            continue
        for name, value in element.attrib.items():
            attr_namespace, attr = _local(name)
            if attr_namespace in INERT_NAMESPACES or (attr_namespace == XML and attr == "space"):
                continue
            if attr_namespace not in ("", XLINK) or attr.lower().startswith("on"):
                found.append(f"{attr}=")
            elif attr == "href" and not value.strip().startswith("#"):
                found.append(f"href=\"{value[:40]}\"")
            elif attr == "style" and _LOADS.search(_css(value)):
                found.append("style=")
        if local == "style" and _LOADS.search(_css(element.text or "")):
            found.append("<style> @import/url()")
    return sorted(set(found))
