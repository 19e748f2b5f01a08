"""Rebuild figures locally.

python -m figures_src [NAME ...] [--list] [--out DIR] [--format svg,png,pdf] [--dark] [--force]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from figures_src import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m figures_src",
        description="Draw the explainer's figures (only what changed is redrawn) and copy them to --out.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="figures to build (default: all)")
    parser.add_argument("--list", action="store_true", help="list the figures and what each shows, then stop")
    parser.add_argument(
        "--out", type=Path, default=Path("figures"), help="output folder (default: ./figures)"
    )
    parser.add_argument(
        "--format", default="svg", help="comma-separated formats from svg,png,pdf (default: svg)"
    )
    parser.add_argument(
        "--dark", action="store_true", help="write the dark-palette variant instead of the light one"
    )
    parser.add_argument("--force", action="store_true", help="redraw even if the cache is up to date")
    args = parser.parse_args(argv)

    specs = render.discover()
    if args.list:
        width = max(map(len, specs), default=0)
        for spec in specs.values():
            print(f"{spec.name:<{width}}  {spec.summary}")
        return 0
    unknown = [n for n in args.names if n not in specs]
    if unknown:
        print(f"error: unknown figure(s): {', '.join(unknown)}", file=sys.stderr)
        print("known figures (see --list): " + ", ".join(specs), file=sys.stderr)
        return 2
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in render.FORMATS]
    if bad or not formats:
        print(
            f"error: unknown format(s) {', '.join(bad) or '(none given)'}; choose from svg,png,pdf",
            file=sys.stderr,
        )
        return 2
    try:
        results = render.render(args.names or None, formats=formats, force=args.force)
    except render.FigureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    variant = "dark" if args.dark else "light"
    for result in results:
        written = render.export([result], args.out, variants=[variant])
        files = ", ".join(str(p) for p in written)
        print(f"{result.name}  {result.status}  {result.seconds:.2f} s  -> {files}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
