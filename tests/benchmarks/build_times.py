"""Measure the site build and page weight (not a test: timings are reported, never asserted).

    python tests/benchmarks/build_times.py [--runs 5]

In a scratch copy of the project it times, with ``/usr/bin/time -v`` and the median of N runs
(each run builds every kind once, in turn, so the kinds are measured side by side):
- baseline: ``mkdocs build`` with the figure hook removed from mkdocs.yml;
- no-op: nothing changed since the hook's previous build (the ratio to the baseline is printed);
- cold: the hook on, figure and math caches empty, and the same in a copy that draws and
  publishes no phone layouts (the ratio of the two is printed);
- one figure: one figure module edited (the log must say exactly one figure was drawn, and the
  notebook, which does not draw that figure, must not run);
- notebook: a markdown cell of chapter 9's notebook edited (it runs again, no figure is drawn);
then the bytes a browser fetches for every page on a cold load (headless Chromium), raw and gzipped,
and the CPU seconds of chapter 8's training runs and solvers (``--training`` for those alone).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.helpers import copy_project  # noqa: E402


def timed_build(project: Path, config: str = "mkdocs.yml", strict: bool = True) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in kB and the log of one ``mkdocs build``."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "mkdocs", "build", "-f", config]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"build failed:\n{out.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)", out.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    seconds = float(wall[1] or 0) * 60 + float(wall[2])
    return seconds, int(rss[1]), out.stderr


def median_line(label: str, samples: list[tuple[float, int]]) -> str:
    seconds = statistics.median(s for s, _ in samples)
    rss = statistics.median(r for _, r in samples) / 1024
    runs = ", ".join(f"{s:.2f}" for s, _ in samples)
    return f"{label:<22} median {seconds:5.2f} s   peak RSS {rss:5.0f} MB   runs: {runs}"


def page_weight(site: Path, page: str) -> tuple[int, int, int]:
    """Requests, raw bytes and gzipped bytes a cold browser fetches for ``page``."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    bodies: list[bytes] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        tab = browser.new_page()

        def keep(response) -> None:
            try:
                bodies.append(response.body())
            except Exception:  # a response still arriving when the browser closes: not part of the load
                pass

        tab.on("response", keep)
        tab.goto(f"http://127.0.0.1:{httpd.server_port}/{page}", wait_until="networkidle")
        browser.close()
    httpd.shutdown()
    return len(bodies), sum(map(len, bodies)), sum(len(gzip.compress(b, 6)) for b in bodies)


def without_phone_layouts(project: Path) -> Path:
    """``project`` (a scratch copy) changed to draw and publish the wide layout of each figure only,
    as the site was before it had phone layouts: the cold build to compare with."""
    edits = {
        project / "figures_src" / "render.py": (
            '    outputs += [("narrow", v, "svg") for v in VARIANTS]\n',
            "",
        ),
        project / "figures_src" / "site" / "steps.py": (
            "        return crossref.responsive_pictures(html, build.figure_sizes)\n",
            "        return html\n",
        ),
    }
    for path, (old, new) in edits.items():
        text = path.read_text()
        if text.count(old) != 1:
            raise SystemExit(f"{path}: cannot take the phone layouts out (the line changed?): {old.strip()}")
        path.write_text(text.replace(old, new))
    return project


def training_seconds(runs: int) -> None:
    """CPU seconds (median of ``runs``) of Figure 8.6's three 500-epoch runs, the site's exact L1
    logistic solver and scikit-learn's saga (C = 1/λ, tolerance 1e-10), on the breast-cancer data."""
    import time
    import warnings

    from sklearn.linear_model import LogisticRegression

    from figures_src.figures import optimizer_zeros as figure
    from figures_src.sparsity import logistic_lasso, train

    X, t = figure.data()

    def saga() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            LogisticRegression(l1_ratio=1, C=1 / figure.LAM, solver="saga", tol=1e-10, max_iter=100_000).fit(
                X, t
            )

    jobs = {
        f"{name} ({figure.EPOCHS} epochs)": (
            lambda m=method, r=rate: train(X, t, figure.LAM, m, r, figure.EPOCHS, figure.BATCH, figure.SEED)
        )
        for method, rate in figure.RATES.items()
        for name in [figure.NAMES[method]]
    }
    jobs["exact solver (logistic_lasso)"] = lambda: logistic_lasso(X, t, figure.LAM)
    jobs["scikit-learn saga, tol 1e-10"] = saga
    for name, job in jobs.items():
        samples = []
        for _ in range(runs):
            start = time.process_time()
            job()
            samples.append(time.process_time() - start)
        print(f"training: {name:<34} {statistics.median(samples):6.3f} s CPU (median of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--training", action="store_true", help="only the training runs' CPU seconds")
    args = parser.parse_args()
    training_seconds(args.runs)
    if args.training:
        return

    with tempfile.TemporaryDirectory() as scratch:
        project = copy_project(Path(scratch) / "project")
        config = (project / "mkdocs.yml").read_text()
        no_hook = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config).replace("strict: true", "strict: false")
        (project / "no-hook.yml").write_text(no_hook)
        wide_only = without_phone_layouts(copy_project(Path(scratch) / "wide-only"))

        # side by side: each run builds every kind once, in turn, so a change in the machine's load
        # touches them alike
        baseline, cold, cold_wide, noop, one, notebook = [], [], [], [], [], []
        figure = sorted((project / "figures_src" / "figures").glob("[!_]*.py"))[0]
        ipynb = project / "docs" / "notebooks" / "reproduce.ipynb"
        for run in range(args.runs):
            kinds = [(project, cold), (wide_only, cold_wide)]
            for copy, samples in kinds if run % 2 == 0 else kinds[::-1]:  # neither always first
                shutil.rmtree(copy / ".cache", ignore_errors=True)
                seconds, rss, log = timed_build(copy)
                assert re.search(r"figures: \d+ drawn", log) and " 0 cached" in log, log
                samples.append((seconds, rss))
            phone_files = list((wide_only / "site" / "figures").glob("*.narrow.*"))
            assert not phone_files and "<picture" not in (wide_only / "site" / "index.html").read_text(), (
                "the copy without phone layouts published some"
            )
            baseline.append(timed_build(project, "no-hook.yml", strict=False)[:2])
            seconds, rss, log = timed_build(project)
            assert "0 drawn" in log, log
            noop.append((seconds, rss))
            figure.write_text(figure.read_text() + "\n# benchmark edit\n")
            seconds, rss, log = timed_build(project)
            assert f"1 drawn ({figure.stem}" in log and "reproduce.ipynb: cached" in log, log
            one.append((seconds, rss))
            title = "# Reproduce it yourself"
            ipynb.write_text(ipynb.read_text().replace(title, f"{title} {run}"))
            seconds, rss, log = timed_build(project)
            assert "0 drawn" in log and "reproduce.ipynb: executed" in log, log
            notebook.append((seconds, rss))

        print(median_line("baseline (no hook)", baseline))
        print(median_line("no-op", noop))
        print(median_line("cold (empty caches)", cold))
        print(median_line("cold, no phone layouts", cold_wide))
        print(median_line(f"one figure ({figure.stem})", one))
        print(median_line("notebook edited", notebook))
        base = statistics.median(s for s, _ in baseline)
        print(f"no-op / baseline = {statistics.median(s for s, _ in noop) / base:.2f}")
        print(f"cold - baseline = {statistics.median(s for s, _ in cold) - base:.2f} s")
        wide = statistics.median(s for s, _ in cold_wide)
        print(f"cold / cold without phone layouts = {statistics.median(s for s, _ in cold) / wide:.2f}")
        for page in sorted(
            p.parent.relative_to(project / "site").as_posix() + "/"
            for p in (project / "site").glob("**/index.html")
        ):
            page = "" if page == "./" else page
            requests, raw, packed = page_weight(project / "site", page)
            kib = f"{raw / 1024:5.0f} KiB raw, {packed / 1024:4.0f} KiB gzipped"
            print(f"page /{page:<24} {requests:3d} requests, {kib}")


if __name__ == "__main__":
    main()
