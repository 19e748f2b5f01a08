"""A Content-Security-Policy for every page of the built site, as a ``<meta http-equiv>`` tag.

A static host such as GitHub Pages sends no security headers, so the policy travels in each page.
Scripts run only from the site's origin and, inline, only the inline scripts the build itself wrote
(the theme's and mkdocs-jupyter's), each allowed by the SHA-256 of its exact text, computed here
after every page is written: a changed theme or plugin script is allowed by its new hash, and a
script injected into a page later, in the reader's browser, is not. What it does not cover: the
origin (``'self'``) is the host's, which a project site shares with its owner's other sites, and a
``<meta>`` policy cannot forbid framing (``frame-ancestors``). No
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
_SCRIPT = re.compile(r"<script(?P<attrs>(?:[\s/][^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<a>[^']*)'|(?P<u>[^\s>]+))""", re.I)
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
_SRC = re.compile(r"\bsrc\s*=", re.I)
# What a policy without 'unsafe-inline' blocks outright: handlers in attributes, javascript: links.
_HANDLER = re.compile(r"<[a-z][^>]*[\s/\"']on[a-z]+\s*=", re.I)
_JS_URL = re.compile(r"""\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:""", re.I)
_JS_WORD = re.compile("javascript:", re.I)  # a page without it has no javascript: address (fast to rule out)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
_OURS = re.compile(r'<meta http-equiv="Content-Security-Policy" content="default-src [^"]*">')
_ANY_POLICY = re.compile(r"<meta\s[^>]*http-equiv\s*=\s*[\"']?content-security-policy", re.I)


class PolicyError(RuntimeError):
    """A page has markup the policy would silently block."""


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser would execute."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"]
        if _SRC.search(attrs):
            continue
        typed = _TYPE.search(attrs)
        kind = next((g for g in typed.groups() if g is not None), "") if typed else ""
        if typed and kind.strip().lower() not in _JAVASCRIPT_TYPES:
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
        if pattern is _JS_URL and not _JS_WORD.search(html):
            continue
        found = pattern.search(html)
        if found:
            raise PolicyError(
                f"{page}: {what} ({found[0][:80]!r}) would be blocked by the Content-Security-Policy"
            )


def secure_site(site_dir: Path) -> str:
    """Put the policy into every HTML file under ``site_dir``, first in its ``<head>`` (after the
    character set, if declared: a policy covers only what follows it); the policy is returned."""
    pages = sorted(Path(site_dir).rglob("*.html"))
    # a page left from a previous build (mkdocs build --dirty) loses the policy it had from us
    texts = {page: _OURS.sub("", page.read_text(encoding="utf-8"), count=1) for page in pages}
    hashes: set[str] = set()
    places: dict[Path, int] = {}
    for page, html in texts.items():
        name = page.relative_to(site_dir).as_posix()
        if _ANY_POLICY.search(html):
            raise PolicyError(f"{name}: already has a Content-Security-Policy of its own")
        check(name, html)
        at = _CHARSET.search(html) or _HEAD.search(html)
        if at is None:
            raise PolicyError(f"{name}: no <head> to put the policy in")
        places[page] = at.end()
        hashes.update(script_hash(body) for body in inline_scripts(html))
    text = policy(sorted(hashes))
    meta = META.format(policy=text)
    for page, html in texts.items():
        page.write_text(html[: places[page]] + meta + html[places[page] :], encoding="utf-8")
    return text
