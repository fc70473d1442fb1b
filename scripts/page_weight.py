"""What a first visit to a page downloads, in Chromium: every file, and its size gzip-compressed.

"First visit" means an empty browser cache: the HTML, CSS, JavaScript, images, fonts and any search
files the page fetches before the network goes quiet. Each file is counted gzip-compressed at the
level deploy/nginx.conf uses, whatever the test server sends, so the figure is the same on any
server. BUDGET is the most a first visit may download (tests/test_page_weight.py).

    python -m scripts.page_weight SITE_DIR [PATH ...] [--out build/page-weight.json]

measures the given paths (by default ARTICLES in each language) of a built site.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from scripts import languages
from scripts.browser import chromium
from scripts.check_links import free_port, serve

BUDGET = 80 * 1024
GZIP_LEVEL = 6  # deploy/nginx.conf: gzip_comp_level
# A plain article, and the article with the most diagrams (three, inline).
ARTICLES = ["treatments/radiation/", "bone-pain/why-it-happens/"]
LANGUAGE_PREFIXES = {code: languages.prefix(code) for code in languages.codes()}


def gzipped_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))


def first_visit(url: str) -> list[dict]:
    """Each file a fresh browser downloads to show url: its address, size and gzipped size.
    A file from another host is listed too (with host set), so a caller can refuse it."""
    host = urlsplit(url).netloc
    responses = []
    with chromium() as browser:
        page = browser.new_page()
        browser.on("response", lambda response: responses.append(response))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        files = []
        for response in responses:
            if response.status in (301, 302, 303, 307, 308):
                continue
            body = response.body()
            files.append({"url": response.url, "host": urlsplit(response.url).netloc, "status": response.status,
                          "bytes": len(body), "gzipped": gzipped_size(body)})
    return [dict(f, other_host=f["host"] != host) for f in files]


def total(files: list[dict]) -> int:
    return sum(f["gzipped"] for f in files)


def measure(site: Path, paths: list[str]) -> dict[str, dict]:
    """First-visit figures for each path of a built site, served on 127.0.0.1."""
    url = f"http://127.0.0.1:{free_port()}/"
    figures = {}
    with serve(site, url):
        for path in paths:
            files = first_visit(url + path)
            figures[path] = {"gzipped": total(files), "bytes": sum(f["bytes"] for f in files),
                             "files": [dict(f, url=f["url"].removeprefix(url)) for f in files]}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build)")
    parser.add_argument("paths", nargs="*", help=f"pages to measure (default: {', '.join(ARTICLES)} in each language)")
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args(argv)
    paths = args.paths or [prefix + article for prefix in LANGUAGE_PREFIXES.values() for article in ARTICLES]
    figures = measure(args.site, paths)
    for path, figure in figures.items():
        print(f"{figure['gzipped'] / 1024:6.1f} KiB gzipped ({figure['bytes'] / 1024:6.1f} KiB raw), "
              f"{len(figure['files'])} files: /{path}")
        for f in sorted(figure["files"], key=lambda f: -f["gzipped"]):
            print(f"    {f['gzipped']:7,d} {f['url']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"budget": BUDGET, "pages": figures}, indent=2) + "\n", encoding="utf-8")
    over = [path for path, figure in figures.items() if figure["gzipped"] > BUDGET]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
