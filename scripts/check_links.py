"""Check every link of the built site: internal links and anchors resolve, external ones are
well-formed https, and no page loads anything from another host.

Internal links are checked by linkchecker over HTTP against the site served on 127.0.0.1
(over file:// it misses anchors on other pages). External addresses cannot be fetched from the
build machines, so their form is checked instead.

    python -m scripts.check_links site/
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, SoupStrainer

from scripts.linkchecker_plugins import anchor_index

CONFIG = Path(__file__).with_name("linkcheckerrc")
PLUGIN = Path(__file__).with_name("linkchecker_plugins") / "anchor_index.py"
HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
                   "source": "src", "audio": "src", "video": "src", "form": "action"}
LINKING = SoupStrainer(list(LINK_ATTRIBUTES))
LOADED = {"script", "img", "iframe", "source", "audio", "video"}  # fetched as the page loads


class _SiteHandler(SimpleHTTPRequestHandler):
    prefix = "/"  # the path of site_url, which the site is served under

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "outside-site-url")  # no such file: answers 404
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self):
        # linkchecker waits 0.1 to 0.6 s between requests to a host unless the server sends this
        # header: with it, checking the whole site takes seconds instead of minutes.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_url_of(site: Path) -> str:
    """The site_url a site was built with, from the canonical link of its home page."""
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    return canonical["href"] if canonical else "http://127.0.0.1:8000/"


@contextmanager
def serve(site: Path, url: str):
    """The site served at url (http://127.0.0.1:PORT/PATH/) for as long as the block runs."""
    parts = urlsplit(url)
    handler = type("Handler", (_SiteHandler,), {"prefix": parts.path or "/"})
    server = ThreadingHTTPServer((parts.hostname, parts.port or 80), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def linkchecker_command() -> str:
    found = shutil.which("linkchecker") or shutil.which("linkchecker", path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit("check_links: linkchecker is not installed; run `make test`, which installs it")
    return found


def run_linkchecker(url: str) -> tuple[int, str, list[str]]:
    """linkchecker's exit code and report, and the links whose fragment names no id of their page
    (found by our plugin, linkchecker_plugins/anchor_index.py, from the pages linkchecker fetched)."""
    # Run as root, linkchecker drops to user nobody, who must be able to read its config and the
    # plugin, and write the plugin's file: world-readable copies in the system temp folder work
    # wherever the checkout lives. linkchecker loads plugins from $XDG_DATA_HOME/linkchecker/plugins.
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        plugins = root / "linkchecker" / "plugins"
        plugins.mkdir(parents=True)
        shutil.copy(PLUGIN, plugins / PLUGIN.name)
        found = root / "anchors.jsonl"
        found.touch()
        config = root / "linkcheckerrc"
        config.write_text(CONFIG.read_text() + f"\n[AnchorIndex]\noutput={found}\n")
        for path in [root, root / "linkchecker", plugins]:
            path.chmod(0o755)
        for path in [plugins / PLUGIN.name, config]:
            path.chmod(0o644)
        found.chmod(0o666)
        result = subprocess.run([linkchecker_command(), "--config", str(config), "--no-status", url],
                                capture_output=True, text=True, timeout=600, cwd=folder,
                                env=dict(os.environ, XDG_DATA_HOME=folder))
        records = [json.loads(line) for line in found.read_text(encoding="utf-8").splitlines()]
    return result.returncode, result.stdout + result.stderr, anchor_index.fragment_problems(records)


def external_problems(site: Path, site_url: str) -> list[str]:
    """External addresses must be well-formed https; nothing may be loaded from another host."""
    found = []
    for page in sorted(site.rglob("*.html")):
        # Only the tags that link, parsed by lxml: html.parser took a third of the whole check.
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml", parse_only=LINKING)
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                address = element[attribute].strip()
                parts = urlsplit(address)
                if (not parts.scheme and not address.startswith("//")) or address.startswith(site_url):
                    continue  # our own address: linkchecker follows it
                where = f"{page.relative_to(site)}: <{tag} {attribute}=\"{address}\">"
                if parts.scheme in ("mailto", "tel"):
                    continue
                if tag in LOADED or (tag == "link" and "stylesheet" in element.get("rel", [])):
                    found.append(f"{where} loads from another host. Fix: ship the file with the site")
                elif parts.scheme != "https":
                    found.append(f"{where} is not https. Fix: use the https:// address")
                elif not HOSTNAME.match(parts.hostname or "") or " " in address:
                    found.append(f"{where} is not a well-formed address. Fix: correct the host name")
    return found


def check(site: Path, site_url: str | None = None) -> tuple[list[str], str]:
    """(problems, linkchecker's report) for a site served at the site_url it was built for."""
    site_url = site_url or site_url_of(site)
    # linkchecker runs in a process of its own: the external addresses are read meanwhile.
    with serve(site, site_url) as url, ThreadPoolExecutor(1) as pool:
        checked = pool.submit(run_linkchecker, url)
        problems = external_problems(site, site_url)
        code, report, anchors = checked.result()
    if code != 0:
        problems.append("linkchecker found broken internal links (report above). Fix: correct the link")
    if anchors:
        problems += anchors
        problems.append(f"{len(anchors)} links name an id their page does not have. Fix: correct the "
                        "link or the heading id it points to")
    return problems, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"check_links: no built site in {args.site}; run mkdocs build first", file=sys.stderr)
        return 2
    problems, report = check(args.site.resolve())
    print(report)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
