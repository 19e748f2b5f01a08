"""Typeset the pages' LaTeX at build time with KaTeX, so readers need no script and no third-party server.

pymdownx.arithmatex (``generic: true``) leaves ``<span class="arithmatex">\\(…\\)</span>`` and
``<div class="arithmatex">\\[…\\]</div>`` in the HTML; ``typeset_html`` replaces each with KaTeX's
HTML+MathML. KaTeX runs in one Node process per build (``katex_render.cjs``), started only when a
formula is not in the on-disk cache, so a build with nothing changed does not start Node at all.
A LaTeX error raises ``MathError`` naming the formula: the build stops instead of showing red text.

A display equation too long for a phone but not for a desktop column is written once, as
``\\begin{breakable} … & … \\\\ & … \\end{breakable}``: on a phone it is set as ``aligned`` lines,
on a wider screen as one line (the ``&`` and ``\\\\`` removed). Both are typeset; the page's CSS
shows one of them (``math-display--wide`` or ``--narrow``), so the reader's screen never reflows math.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from figures_src import cache

RENDERER = Path(__file__).resolve().with_name("katex_render.cjs")
ARITHMATEX = re.compile(
    r'(?P<before>[(\[]?)<(?P<tag>span|div) class="arithmatex">'
    r"(?P<open>\\\(|\\\[)(?P<tex>.*?)(?:\\\)|\\\])</(?P=tag)>"
    r"(?P<after>[.,;:!?)]*)",
    re.S,
)


BREAKABLE = re.compile(r"\\begin\{breakable\}(?P<body>.*?)\\end\{breakable\}", re.S)


class MathError(ValueError):
    """KaTeX could not typeset a formula."""


def breakable_versions(tex: str) -> tuple[str, str] | None:
    """(one line, aligned lines) for a formula holding a ``breakable`` environment, else None.
    The environment's body may not nest another environment, whose ``&`` and ``\\\\`` would be ambiguous."""
    found = BREAKABLE.findall(tex)
    if not found:
        return None
    if len(found) > 1 or "\\begin" in found[0]:
        raise MathError(
            f"one breakable environment per formula, with no environment inside it:\n    {tex.strip()}"
        )
    body = found[0]
    one_line = " ".join(re.sub(r"\\\\|&", " ", body).split())
    return (
        BREAKABLE.sub(lambda _: one_line, tex),
        BREAKABLE.sub(lambda _: f"\\begin{{aligned}}{body}\\end{{aligned}}", tex),
    )


def katex_dir(root: Path) -> Path:
    """Where npm installed KaTeX's distribution files; a clear error if it is not installed."""
    dist = root / "node_modules" / "katex" / "dist"
    if not (dist / "katex.min.css").exists():
        raise MathError(f"KaTeX is not installed under {root / 'node_modules'}: run `npm ci` in {root}")
    return dist


class Typesetter:
    """Turns LaTeX into KaTeX HTML, remembering every answer between builds (``cache.JsonStore`` in
    ``CACHE/katex/KEY/``, KEY from KaTeX's version and the renderer script)."""

    def __init__(self, root: Path, cache_dir: Path) -> None:
        self.root = root
        version = json.loads((katex_dir(root).parent / "package.json").read_text())["version"]
        self.key = cache.digest([RENDERER], [f"katex=={version}"], versions=False)
        self.entries = cache.Entries(cache_dir)
        self.store = cache.JsonStore(self.entries.entry("katex", self.key) / "formulas.json")
        self._node: subprocess.Popen[str] | None = None

    def typeset(self, tex: str, display: bool) -> str:
        key = hashlib.sha256(f"{int(display)}\0{tex}".encode()).hexdigest()

        def make() -> str:
            answer = self._ask(tex, display)
            if "error" in answer:
                raise MathError(f"{answer['error']}\n    in the formula: {tex.strip()}")
            return answer["html"]

        return self.store.get(key, make)

    def _ask(self, tex: str, display: bool) -> dict[str, str]:
        if self._node is None:
            node = shutil.which("node")
            if node is None:
                raise MathError("Node.js is needed to typeset the math at build time: install node (>= 18)")
            self._node = subprocess.Popen(
                [node, str(RENDERER)],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        assert self._node.stdin and self._node.stdout
        self._node.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self._node.stdin.flush()
        line = self._node.stdout.readline()
        if not line:
            raise MathError("the KaTeX process ended unexpectedly (is `npm ci` done?)")
        return json.loads(line)

    def close(self, complete: bool = True) -> None:
        """Stop Node and keep what was typeset; after a ``complete`` build, only the formulas it used."""
        if self._node is not None:
            self._node.stdin.close()
            self._node.wait(timeout=10)
            self._node = None
        self.store.save(prune=complete)
        self.entries.prune("katex", self.key)


def typeset_html(page_html: str, typesetter: Typesetter) -> str:
    """Replace every arithmatex placeholder in ``page_html`` by its typeset KaTeX HTML. Punctuation
    right after an inline formula, and an opening bracket right before it, are kept on the
    formula's line."""

    def replace(match: re.Match[str]) -> str:
        tex = html.unescape(match["tex"])
        if match["open"] == "\\[":
            versions = breakable_versions(tex)
            if versions is None:
                rendered = typesetter.typeset(tex, True)
                return f'{match["before"]}<div class="math-display">{rendered}</div>{match["after"]}'
            wide, narrow = (typesetter.typeset(version, True) for version in versions)
            return (
                f'{match["before"]}<div class="math-display math-display--wide">{wide}</div>'
                f'<div class="math-display math-display--narrow">{narrow}</div>{match["after"]}'
            )
        rendered = typesetter.typeset(tex, False)
        if match["before"] or match["after"]:  # "($x$)." : else a line may end in "(" or start with "."
            return f'<span class="math-nowrap">{match["before"]}{rendered}{match["after"]}</span>'
        return rendered

    return ARITHMATEX.sub(replace, page_html)
