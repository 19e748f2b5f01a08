"""A Content-Security-Policy for every page of the built site, as a ``<meta http-equiv>`` tag.

A static host such as GitHub Pages sends no security headers, so the policy travels in each page.
Scripts run only from the site's own files and, inline, only the theme's few inline scripts, each
allowed by the SHA-256 of its exact text, computed here after every page is written (so a changed
theme or plugin script is allowed by its new hash, and anything injected later is not). No
``'unsafe-inline'`` and no ``'unsafe-eval'`` for scripts; no plugins (``object-src 'none'``); no
``<base>`` from elsewhere. Styles may be inline: KaTeX positions every glyph with a ``style``
attribute, which is not a way to run code.

Every page carries the same policy, the union of all pages' inline scripts: the theme's instant
navigation swaps in the next page without a reload, and the document keeps the first page's policy.
``mkdocs serve`` gets none (its live-reload script is inline and changes on every start).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# An inline <script> the browser executes: no src, and no type or a JavaScript one (not JSON data).
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_EXECUTABLE = re.compile(r'\btype\s*=\s*"(?:text/javascript|module|application/javascript)"', re.I)
_TYPED = re.compile(r"\btype\s*=", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# What a policy without 'unsafe-inline' blocks outright: handlers in attributes, javascript: links.
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
_JS_URL = re.compile(r"""\b(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'


class PolicyError(RuntimeError):
    """A page has markup the policy would silently block."""


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser would execute."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        if _SRC.search(attrs):
            continue
        if _TYPED.search(attrs) and not _EXECUTABLE.search(attrs):
            continue  # JSON or a template: data, never run
        scripts.append(match["body"])
    return scripts


def script_hash(body: str) -> str:
    """The CSP source that allows exactly this script text: 'sha256-<base64 of its UTF-8 digest>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: list[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def check(page: str, html: str) -> None:
    for pattern, what in ((_HANDLER, "an inline event handler"), (_JS_URL, "a javascript: address")):
        found = pattern.search(html)
        if found:
            raise PolicyError(
                f"{page}: {what} ({found[0][:80]!r}) would be blocked by the Content-Security-Policy"
            )


def secure_site(site_dir: Path) -> str:
    """Put the policy into every HTML file under ``site_dir``, first in its ``<head>`` (after the
    character set, if declared: a policy covers only what follows it); the policy is returned."""
    pages = sorted(Path(site_dir).rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes: set[str] = set()
    for page, html in texts.items():
        if "Content-Security-Policy" in html:
            raise PolicyError(f"{page}: already has a Content-Security-Policy")
        check(str(page.relative_to(site_dir)), html)
        hashes.update(script_hash(body) for body in inline_scripts(html))
    text = policy(sorted(hashes))
    meta = META.format(policy=text)
    for page, html in texts.items():
        at = _CHARSET.search(html) or _HEAD.search(html)
        if at is None:
            raise PolicyError(f"{page.relative_to(site_dir)}: no <head> to put the policy in")
        page.write_text(html[: at.end()] + meta + html[at.end() :], encoding="utf-8")
    return text
