"""How long the link check of a built site takes, over several runs.

    python -m scripts.link_check_time [site] [--runs 3] [--out build/link-check-time.json]

Each run is scripts/check_links.py's whole check, as tests/test_links.py runs it: the site served
on 127.0.0.1, one linkchecker per core, anchors and external addresses included. Build the site
with its handouts and cards first (`make build`): without them every page has broken links. Not
a test: the figure depends on the machine (ours: 2 cores); the target, for eleven languages, is
under 30 s.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from scripts import check_links
from scripts.pages import ROOT

TARGET_SECONDS = 30.0


def one_check(site: Path) -> tuple[float, list[int], list[str]]:
    """Seconds, the addresses each linkchecker checked, and the problems found."""
    start = time.perf_counter()
    problems, report = check_links.check(site)
    seconds = time.perf_counter() - start
    return seconds, check_links.addresses_checked(report), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "link-check-time.json")
    args = parser.parse_args(argv)
    if not list(args.site.rglob("handout.pdf")):
        print(f"link_check_time: {args.site} has no handouts; run `make build` first", file=sys.stderr)
        return 2
    runs = [one_check(args.site.resolve()) for _ in range(args.runs)]
    if runs[0][2]:
        print("\n".join(runs[0][2]), file=sys.stderr)
        return 1
    seconds = [round(run[0], 1) for run in runs]
    figures = {"runs": seconds, "median": statistics.median(seconds), "min": min(seconds), "max": max(seconds),
               "pages": sum(1 for _ in args.site.rglob("*.html")), "addresses_per_linkchecker": runs[0][1],
               "cores": os.cpu_count(), "target": TARGET_SECONDS}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"link check of {figures['pages']} pages ({' + '.join(map(str, runs[0][1]))} addresses in "
          f"{len(runs[0][1])} linkcheckers): median {figures['median']:.1f} s (min {figures['min']:.1f}, "
          f"max {figures['max']:.1f}, {args.runs} runs, {figures['cores']} cores)")
    return 0 if figures["median"] < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
