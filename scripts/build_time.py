"""How long the full strict build of every language takes, over several runs.

    python -m scripts.build_time [--runs 5] [--out build/build-time.json]

Each run is a fresh `mkdocs build --strict` into a temporary folder, as `make build` runs it.
Not a test: the figure depends on the machine (ours: 2 cores); the target, for eleven languages, is
under 20 s. QR codes are kept between builds (scripts/qr.py); the first run after a fresh clone
makes them all and is slower, so it is reported on its own.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.pages import ROOT

TARGET_SECONDS = 20.0


def one_build(site_dir: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "build-time.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        seconds = [round(one_build(Path(work) / f"site-{run}"), 2) for run in range(args.runs)]
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md"))
    figures = {"runs": seconds, "first": seconds[0], "median": statistics.median(seconds[1:] or seconds), "min": min(seconds), "max": max(seconds),
               "pages": pages, "cores": os.cpu_count(), "python": platform.python_version(),
               "target": TARGET_SECONDS}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"strict build of {pages} pages: first {figures['first']:.2f} s, then median {figures['median']:.2f} s "
          f"(min {figures['min']:.2f}, max {figures['max']:.2f}, {args.runs} runs, {figures['cores']} cores)")
    return 0 if figures["median"] < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
