"""Lighthouse scores of every page of the nav (not a test: scores are reported, never asserted).

    python tests/benchmarks/lighthouse.py [--site site] [--runs 3] [--pages index beyond ...]

Lighthouse 12 (``node_modules/.bin/lighthouse``, pinned in package.json) with its default settings:
a mid-range phone, simulated slow 4G and a 4× slower CPU. The built site is served as a static
host serves it (under ``/explainer/``, gzipped: ``static_server.py``), one page at a time, so that
the runs do not compete for the two cores. Each page is scored ``--runs`` times and the table gives
the median of each category and of the metrics behind the performance score; single runs on a
shared machine vary by several points. Run by ``make bench`` after the build timings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.static_server import serve  # noqa: E402
from tests.helpers import site_pages  # noqa: E402

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "first-contentful-paint": ("FCP", 1000, "s"),
    "largest-contentful-paint": ("LCP", 1000, "s"),
    "total-blocking-time": ("TBT", 1, "ms"),
    "cumulative-layout-shift": ("CLS", 1, ""),
    "speed-index": ("SI", 1000, "s"),
}


def lighthouse(url: str, out: Path) -> dict:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary.exists() or not chromium:
        raise SystemExit("lighthouse needs `npm ci` (node_modules/.bin/lighthouse) and Chromium on PATH")
    command = [
        str(binary),
        url,
        "--chrome-flags=--headless=new --no-sandbox",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    done = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise SystemExit(f"lighthouse could not score {url}: {report['runtimeError']}")
    return report


def summary(report: dict) -> dict:
    """The four scores (0-1, None where Lighthouse could not score) and the metrics behind them."""
    row = {name: report["categories"][name]["score"] for name in CATEGORIES}
    for audit in [*METRICS, "dom-size"]:
        row[audit] = report["audits"][audit].get("numericValue")
    missing = [report["audits"][a].get("errorMessage") for a in METRICS]
    row["error"] = next((m for m in missing if m), "")
    return row


def cell(value: float | None, scale: float = 100) -> str:
    return "  -" if value is None else f"{round(value * scale):3d}"


def metric(value: float | None, audit: str) -> str:
    if value is None:
        return "     -"
    _, divisor, unit = METRICS.get(audit, ("", 1, ""))
    if unit == "s":
        return f"{value / divisor:5.1f}s"
    if unit == "ms":
        return f"{value:4.0f}ms"
    return f"{value:6.3f}" if audit == "cumulative-layout-shift" else f"{value:6.0f}"


def median(values: list[float | None]) -> float | None:
    return None if any(v is None for v in values) else statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="addresses under the root, e.g. beyond/ ('' is home)")
    parser.add_argument("--keep", type=Path, help="keep each run's JSON report in this folder")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        raise SystemExit(f"no built site at {args.site}: run `make build` first")
    pages = args.pages if args.pages is not None else site_pages()
    pages = ["" if p in ("", "/", "index", "index/") else p.strip("/") + "/" for p in pages]
    httpd, root = serve(args.site)
    print(f"{'page':<22} perf a11y  bp seo    FCP    LCP    TBT    CLS     SI    DOM", flush=True)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            folder = args.keep or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            for page in pages:
                runs = []
                for run in range(args.runs):
                    name = (page.strip("/").replace("/", "-") or "index") + f"-{run}.json"
                    runs.append(summary(lighthouse(root + page, folder / name)))
                med = {key: median([r[key] for r in runs]) for key in runs[0] if key != "error"}
                perf_runs = ",".join(cell(r["performance"]).strip() for r in runs)
                scores = " ".join(cell(med[name]) for name in CATEGORIES)
                metrics = " ".join(metric(med[audit], audit) for audit in [*METRICS, "dom-size"])
                note = next((r["error"] for r in runs if r["error"]), "")
                line = f"/{page:<21} {scores}  {metrics}   perf runs: {perf_runs}"
                print(line + (f"\n    not scored: {note[:150]}" if note else ""), flush=True)
    finally:
        httpd.shutdown()
    print(f"lighthouse 12 default (mobile, simulated throttling), median of {args.runs} per page")


if __name__ == "__main__":
    main()
