"""Side-by-side pictures of every figure before and after a redesign, for review (design/before-after/).

Usage, from the repository's root, with the project's virtual environment:

    git worktree add /tmp/before COMMIT
    python design/before_after.py /tmp/before COMMIT

Each figure is drawn (wide layout, light palette) from the old checkout and from this one, in a
separate process each (the two checkouts' ``figures_src`` cannot share one interpreter), and the two
pictures are put side by side in design/before-after/NAME.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAW = """
import sys
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
sys.path.insert(0, ".")
from figures_src import render, style
out = Path(sys.argv[1])
for name in render.discover():
    try:
        fig = render.draw(name, "light")
    except TypeError:  # an old render.draw without a variant argument
        fig = render.draw(name)
    with matplotlib.rc_context(style.THEMES["light"].rc):  # inside the theme, as the build saves
        dpi = 1.5 * 688 / fig.get_figwidth()  # the desktop column's 688 CSS px, at 1.5 pixels each
        fig.savefig(out / f"{name}.png", dpi=dpi, bbox_inches="tight", pad_inches=0.05)
"""


def main(old_checkout: str, label: str) -> None:
    from PIL import Image, ImageDraw

    target = HERE / "before-after"
    target.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        drawn = {}
        for side, checkout in (("before", Path(old_checkout)), ("after", HERE.parent)):
            folder = Path(scratch) / side
            folder.mkdir()
            subprocess.run([sys.executable, "-c", DRAW, str(folder)], cwd=checkout, check=True)
            drawn[side] = folder
        for before in sorted(drawn["before"].glob("*.png")):
            after = drawn["after"] / before.name
            if not after.exists():
                continue
            one, two = (Image.open(p).convert("RGB") for p in (before, after))
            picture = Image.new(
                "RGB", (one.width + two.width + 30, max(one.height, two.height) + 30), "white"
            )
            ImageDraw.Draw(picture).text((5, 5), f"before ({label})", fill="black")
            ImageDraw.Draw(picture).text((one.width + 35, 5), "after", fill="black")
            picture.paste(one, (0, 30))
            picture.paste(two, (one.width + 30, 30))
            picture.quantize(colors=128).save(target / before.name, optimize=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
