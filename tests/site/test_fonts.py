"""The stand-in fonts of docs/stylesheets/extra.css: until Source Sans 3 and KaTeX's fonts arrive, the
text is set in a local font scaled to their widths, so that the swap does not move the page.

The oracle is the fonts' own files, read with fontTools: the advance widths of the site's text (its
Markdown prose, and the letters, digits and signs of its math) in the web font and in the stand-in.
Arial and Times New Roman are measured through Liberation Sans and Liberation Serif, which are drawn
to their widths (and which Debian's Chromium, the browser of the tests, installs).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from figures_src import fonts
from figures_src.site import typeset
from tests.helpers import ROOT, STYLESHEET, stand_in_faces

CSS = STYLESHEET.read_text()


def _face_name(rule: str) -> str:
    """A stand-in face by family, style and weight: "Source Sans 3 fallback italic 700"."""
    family = re.search(r'font-family:\s*"([^"]+)"', rule)[1]
    style = (re.search(r"font-style:\s*(\w+)", rule) or [None, "normal"])[1]
    weight = (re.search(r"font-weight:\s*(\d+)", rule) or [None, "400"])[1]
    return f"{family} {style} {weight}"


FACES = {_face_name(rule): rule for rule in stand_in_faces()}
# the local fonts a stand-in may name: each is drawn to the widths of the one it is measured by
SAME_WIDTHS = {
    "Liberation Sans": {"arial", "liberationsans", "arimo"},
    "Liberation Serif": {"timesnewroman", "liberationserif", "tinos"},
}


def _docs_text() -> tuple[str, str]:
    """The site's prose (Markdown without its math) and its math's TeX."""
    prose, math = [], []
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text()
        math += re.findall(r"\$\$(.+?)\$\$|\$(.+?)\$", text, re.S)
        prose.append(re.sub(r"\$\$.+?\$\$|\$.+?\$|<[^>]+>|\]\([^)]*\)|[#*_`\[\]|>{}]", " ", text, flags=re.S))
    tex = " ".join(a or b for a, b in math)
    return " ".join(" ".join(prose).split()), tex


PROSE, TEX = _docs_text()
# KaTeX_Math (italic): the math's variables; KaTeX_Main (upright): its digits and signs
GREEK = {"lambda": "λ", "beta": "β", "sigma": "σ", "tau": "τ", "alpha": "α", "theta": "θ", "mu": "μ"}
MATH_LETTERS = re.sub(r"\\[A-Za-z]+|[^A-Za-z]", "", TEX) + "".join(
    GREEK[name] for name in re.findall(r"\\(" + "|".join(GREEK) + r")\b", TEX)
)
MAIN_SIGNS = re.sub(r"[^0-9()\[\]=+,.|<>:;!]", "", re.sub(r"\\[A-Za-z]+", "", TEX))


def _widths(paths: tuple[Path, Path], text: str) -> tuple[float, float]:
    """Total advance width of ``text`` in each of two fonts, in ems, over the characters both have."""
    from fontTools.ttLib import TTFont

    fonts = [TTFont(path) for path in paths]
    cmaps = [font.getBestCmap() for font in fonts]
    common = [c for c in text if all(ord(c) in cmap for cmap in cmaps)]
    assert len(common) > 0.95 * len(text), f"the fonts lack {len(text) - len(common)} characters of the text"
    return tuple(
        sum(font["hmtx"][cmap[ord(c)]][0] for c in common) / font["head"].unitsPerEm
        for font, cmap in zip(fonts, cmaps, strict=True)
    )


def _vertical(path: Path) -> tuple[float, float]:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    em = font["head"].unitsPerEm
    return font["hhea"].ascent / em, -font["hhea"].descent / em


def _liberation(family: str, style: str, weight: str) -> Path:
    pattern = f"{family}:{'bold' if weight == '700' else 'regular'}{':italic' if style == 'italic' else ''}"
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10
        )
    except OSError:
        out = None
    path = Path(out.stdout) if out and out.returncode == 0 else None
    if path is None or family.replace(" ", "") not in path.name:
        message = f"{family} not installed (Debian's chromium brings it: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _percent(body: str, descriptor: str) -> float:
    return float(re.search(rf"{descriptor}:\s*([0-9.]+)%", body)[1]) / 100


def test_every_text_face_has_a_stand_in_and_the_pages_use_them():
    assert sorted(FACES) == sorted(
        [f"Source Sans 3 fallback {s} {w}" for s in ("normal", "italic") for w in ("400", "700")]
        + ["KaTeX_Main fallback normal 400", "KaTeX_Math fallback italic 400"]
    )
    assert re.search(r'--md-text-font:\s*"Source Sans 3",\s*"Source Sans 3 fallback";', CSS)
    assert re.search(
        r"\.katex,\s*\.md-typeset \.katex :is\(\.textrm, \.mainrm\) \{\s*"
        r'font-family: KaTeX_Main, "KaTeX_Main fallback"',
        CSS,
    )
    assert re.search(r'\.katex \.mathnormal \{\s*font-family: KaTeX_Math, "KaTeX_Math fallback";', CSS)


@pytest.mark.parametrize("face", sorted(FACES))
def test_a_stand_in_sets_the_sites_text_as_wide_as_the_font_it_stands_in_for(face):
    """Its size-adjust is the ratio of the two fonts' widths over the site's own text (to 0.3 %), its
    line box (ascent and descent overrides, where given) the web font's, and every local font it
    names is drawn to the widths of the one measured."""
    body = FACES[face]
    family, style, weight = face.rsplit(" ", 2)
    if family.startswith("Source Sans 3"):
        web = fonts.package_dir(ROOT) / "files" / f"source-sans-3-latin-{weight}-{style}.woff"
        text, reference = PROSE, "Liberation Sans"
    else:
        dist = typeset.katex_dir(ROOT) / "fonts"
        web = dist / ("KaTeX_Main-Regular.ttf" if "Main" in family else "KaTeX_Math-Italic.ttf")
        text, reference = (MAIN_SIGNS if "Main" in family else MATH_LETTERS), "Liberation Serif"
    assert len(text) > 300, face  # enough of the site's text to weigh its letters
    local = _liberation(reference, style, weight)
    web_width, local_width = _widths((web, local), text)
    ratio = web_width / local_width
    size = _percent(body, "size-adjust")
    assert abs(size - ratio) < 0.003, f"{face}: size-adjust {size:.4f}, the widths say {ratio:.4f}"
    if "ascent-override" in body:
        ascent, descent = _vertical(web)
        assert abs(_percent(body, "ascent-override") - ascent / size) < 0.003, face
        assert abs(_percent(body, "descent-override") - descent / size) < 0.003, face
    named = re.findall(r'local\("([^"]+)"\)', body)
    assert named and {_family(name) for name in named} <= SAME_WIDTHS[reference], named


def _family(name: str) -> str:
    """A local font's family, from its full or PostScript name: "Arial-BoldItalicMT" -> "arial"."""
    return re.sub(r"(?:bold|italic|mt|ps)+$", "", re.sub(r"[^a-z]", "", name.lower()))
