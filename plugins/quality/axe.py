"""Accessibility gate: axe-core in Debian's Chromium, WCAG 2.0/2.1 A and AA.

axe-core (``node_modules/axe-core/axe.min.js``, pinned in package.json) is
injected into each page through Playwright and run with the rule tags of
``quality.toml`` ([axe] tags). Every page type (``pages``) is checked in
every viewport ([[viewports]]), the site served over localhost. Each
violation is a finding naming the rule, the page, the viewport and the
elements.
"""

from __future__ import annotations

from pathlib import Path

from quality.common import Finding, base_origin, mirror, npm_file, serve
from quality.pages import PageType, page_types, prepare

RUN = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\\s+/g, ' ') : '')),
  }));
}
"""


# Stylesheets for the screen that did not load (contrast and layout would be
# judged on an unstyled page).
UNSTYLED = """
() => [...document.querySelectorAll('link[rel=stylesheet]')]
  .filter(l => {
    if (l.media === 'print') return false;
    if (!l.sheet) return true;
    try { return l.sheet.cssRules.length === 0; } catch (e) { return false; }  // another origin's sheet: loaded
  })
  .map(l => l.href)
"""


def axe_source() -> str:
    return npm_file("axe-core", "axe.min.js").read_text(encoding="utf-8")


def violations(page, tags: list[str], source: str | None = None) -> list[dict]:
    """axe's violations on the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, not as an inline <script>:
        # the portal's Content-Security-Policy refuses inline scripts.
        page.evaluate("() => { " + (source or axe_source()) + "\n}")
    return page.evaluate(RUN, tags)


def check_pages(context, site: Path, pages: list[PageType], config: dict) -> list[Finding]:
    tags = config["axe"]["tags"]
    source = axe_source()
    findings: list[Finding] = []
    with serve(site) as base:
        for viewport in config["viewports"]:
            page = context.new_page()
            try:
                page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
                for page_type in pages:
                    origin = base_origin(site / page_type.path.split("?")[0])
                    if origin:
                        mirror(page, origin, site)
                    page.goto(base + page_type.path)
                    prepare(page, page_type)
                    for href in page.evaluate(UNSTYLED):  # judged as people see it, or not at all
                        findings.append(Finding("axe", page_type.where, "stylesheet-not-loaded", f"không tải được {href}"))
                    for v in violations(page, tags, source):
                        elements = "; ".join(v["nodes"][:3]) + (f"; … (+{len(v['nodes']) - 3})" if len(v["nodes"]) > 3 else "")
                        findings.append(Finding(
                            "axe", f"{page_type.where} [{viewport['name']} {viewport['width']}px]", v["id"],
                            f"{v['help']} ({v['impact']}; {len(v['nodes'])} phần tử: {elements})",
                        ))
                    if origin:
                        page.unroute(origin + "/**")
            finally:
                page.close()
    return findings


def check(context, site: Path, config: dict) -> list[Finding]:
    """The axe gate on a built site: every page type, every viewport."""
    pages, missing = page_types(site, config["axe"]["search_query"])
    return missing + check_pages(context, site, pages, config)
