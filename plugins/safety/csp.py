"""The Content-Security-Policy of every page.

Written as ``<meta http-equiv>`` (it also works from file:// and a USB
copy) and given to the hosts' configurations (``sites.hub``: nginx and
``_redirects``). No inline script but the theme's one boot line, allowed by
its hash; no other script host; the ward's colour ``<style>`` allowed by
its hash; photos and files from the site only; frames only from
``EMBED_HOSTS``; forms post to the site only; no plug-ins, no ``<base>``
but the site's own.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup

BOOT_SCRIPT = "inline/boot.js"  # under the theme folder


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def boot_script(theme: str | Path) -> str:
    path = Path(theme) / BOOT_SCRIPT
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def policy(scripts: list[str], styles: list[str], embed_hosts: tuple[str, ...] = (), *, meta: bool = True) -> str:
    """The policy allowing exactly the inline *scripts* and *styles* given.
    ``frame-ancestors`` only counts in a header, so it is left out of the
    ``<meta>`` form (browsers warn about it there)."""
    frames = " ".join(f"https://{host}" for host in embed_hosts) or "'none'"
    inline_styles = " ".join(digest(s) for s in styles if s)
    parts = [
        "default-src 'self'",  # photos, fonts, the search index's scripts: the site's own
        "script-src 'self' " + " ".join(digest(s) for s in scripts if s),
        *([f"style-src 'self' {inline_styles}"] if inline_styles else []),
        f"frame-src {frames}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if not meta:
        parts.append("frame-ancestors 'self'")
    return "; ".join(p.strip() for p in parts)


def context_values(theme: str, ward_css: str, embed_hosts: tuple[str, ...]) -> dict:
    """What templates need: the policy, and the inline texts it allows
    (as markup: they are the theme's and ``ward_identity``'s, not editors')."""
    boot = boot_script(theme)
    return {
        "CONTENT_SECURITY_POLICY": Markup(policy([boot], [ward_css], embed_hosts)),
        "INLINE_BOOT_SCRIPT": Markup(boot),
        "INLINE_STYLE": Markup(ward_css) if ward_css else "",
    }


HEADERS = "_headers"  # Netlify, Cloudflare Pages
NGINX = "nginx-security.conf"  # include it in the server block


def host_policy(theme: str | Path) -> str:
    """The policy as a header, for every file a host serves (pages carry
    the meta too, and a browser applies both, so the header only adds what a
    meta cannot say, ``frame-ancestors``, and covers files that are not
    pages, an SVG opened by its address among them). Styles and frames are
    left to each page's meta: each ward's colour has its own hash."""
    value = policy([boot_script(theme)], [], meta=False).replace("frame-src 'none'", "frame-src https:")
    return value + "; style-src 'self' 'unsafe-inline'"


def write_host_files(output: Path, theme: str | Path, base_path: str = "") -> None:
    """``_headers`` and ``nginx-security.conf`` at the root of *output*."""
    value = host_policy(theme)
    extra = ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin")
    (output / HEADERS).write_text(
        f"{base_path}/*\n  Content-Security-Policy: {value}\n" + "".join(f"  {k}: {v}\n" for k, v in extra),
        encoding="utf-8")
    (output / NGINX).write_text(
        "# Tiêu đề bảo mật cho mọi tệp của cổng. Dùng trong khối server hoặc location của nginx:\n"
        "#   include /duong-dan/nginx-security.conf;\n"
        f"add_header Content-Security-Policy \"{value}\" always;\n"
        + "".join(f"add_header {k} \"{v}\" always;\n" for k, v in extra), encoding="utf-8")
