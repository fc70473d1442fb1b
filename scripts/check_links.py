"""Check every link of the built site: internal links and anchors resolve, external ones are
well-formed https, and no page loads anything from another host.

Internal links are checked by linkchecker over HTTP against the site served on 127.0.0.1
(over file:// it misses anchors on other pages), one linkchecker per core, each starting from its
share of the site's pages. Our plugin records what each page names as it is parsed: the anchors
are looked up among the ids of the pages they name, and the external addresses, which cannot be
fetched from the build machines, are checked for their form.

    python -m scripts.check_links site/
"""
from __future__ import annotations

import argparse
import configparser
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

from bs4 import BeautifulSoup

from scripts.link_contract import languages_in
from scripts.linkchecker_plugins import page_index

CONFIG = Path(__file__).with_name("linkcheckerrc")
PLUGIN = Path(__file__).with_name("linkchecker_plugins") / "page_index.py"
HOSTNAME = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
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


class _SiteServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # linkchecker hangs up once it has a file's headers: it does not read a handout through.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


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
    server = _SiteServer((parts.hostname, parts.port or 80), functools.partial(handler, directory=str(site)))
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


def shares(site: Path, count: int) -> list[list[Path]]:
    """The site's HTML pages in up to `count` shares of equal size, a language's pages together
    (but where a share must end). linkchecker parses pages in one core however many threads it
    runs; one linkchecker per share uses them all. Pages link mostly within their language, so
    few addresses are fetched by more than one share."""
    languages = set(languages_in(site)) - {""}
    def language(page: Path) -> str:
        top = page.relative_to(site).parts[0]
        return top if top in languages else ""
    pages = sorted(site.rglob("*.html"), key=lambda page: (language(page), page))
    sizes = [page.stat().st_size for page in pages]
    found: list[list[Path]] = [[]]
    done, total = 0, sum(sizes)
    for page, size in zip(pages, sizes):
        if done >= total * len(found) / count and len(found) < count:
            found.append([])
        found[-1].append(page)
        done += size
    return found


def page_address(site: Path, page: Path, url: str) -> str:
    """The address a link names a page by: its folder for an index.html."""
    path = page.relative_to(site).as_posix()
    return url + (path[:-len("index.html")] if path == "index.html" or path.endswith("/index.html") else path)


def _linkchecker(addresses: list[str], url: str, folder: Path) -> tuple[int, str, list[dict]]:
    """One linkchecker over the pages at addresses and every address they link to (not beyond)."""
    # Run as root, linkchecker drops to user nobody, who must be able to read its config and the
    # plugin, and write the plugin's file: world-readable copies in the system temp folder work
    # wherever the checkout lives. linkchecker loads plugins from $XDG_DATA_HOME/linkchecker/plugins.
    plugins = folder / "linkchecker" / "plugins"
    plugins.mkdir(parents=True)
    shutil.copy(PLUGIN, plugins / PLUGIN.name)
    found = folder / "pages.jsonl"
    found.touch()
    config = configparser.ConfigParser(interpolation=None)
    config.read(CONFIG)
    # The whole host is ours: without this, a start address's folder would be the only internal one.
    config["filtering"]["internlinks"] = "^" + re.escape(url)
    config["PageIndex"] = {"output": str(found), "site": url}
    with open(folder / "linkcheckerrc", "w", encoding="utf-8") as out:
        config.write(out)
    for path in [folder, folder / "linkchecker", plugins]:
        path.chmod(0o755)
    for path in [plugins / PLUGIN.name, folder / "linkcheckerrc"]:
        path.chmod(0o644)
    found.chmod(0o666)
    result = subprocess.run([linkchecker_command(), "--config", str(folder / "linkcheckerrc"), "--no-status",
                             *addresses], capture_output=True, text=True, timeout=600, cwd=folder,
                            env=dict(os.environ, XDG_DATA_HOME=str(folder)))
    records = [json.loads(line) for line in found.read_text(encoding="utf-8").splitlines()]
    return result.returncode, result.stdout + result.stderr, records


def run_linkchecker(site: Path, url: str, workers: int | None = None) -> tuple[int, str, list[dict]]:
    """linkchecker's exit code and report, and what our plugin (linkchecker_plugins/page_index.py)
    recorded of each page. Each page of the site is parsed once, by one of `workers`
    linkcheckers run side by side."""
    parts = shares(site, workers or os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as folder, ThreadPoolExecutor(len(parts)) as pool:
        Path(folder).chmod(0o755)  # see _linkchecker
        runs = list(pool.map(lambda number, pages: _linkchecker(
            [page_address(site, page, url) for page in pages], url, Path(folder) / str(number)),
            range(len(parts)), parts))
    return max(run[0] for run in runs), "\n".join(run[1] for run in runs), [r for run in runs for r in run[2]]


def addresses_checked(report: str) -> list[int]:
    """How many addresses each linkchecker of a report checked, from its closing line."""
    return [int(count) for count in re.findall(r"(\d+) links in \d+ URLs checked", report)]


def external_problems(records: list[dict]) -> list[str]:
    """External addresses must be well-formed https; nothing may be loaded from another host."""
    found = []
    for record in records:
        for tag, attribute, address, rel, line in record["elsewhere"]:
            parts = urlsplit(address)
            where = f"{record['url']}, line {line}: <{tag} {attribute}=\"{address}\">"
            if parts.scheme in ("mailto", "tel"):
                continue
            if tag in LOADED or (tag == "link" and "stylesheet" in rel.lower().split()):
                found.append(f"{where} loads from another host. Fix: ship the file with the site")
            elif parts.scheme != "https":
                found.append(f"{where} is not https. Fix: use the https:// address")
            elif not HOSTNAME.match(parts.hostname or "") or " " in address:
                found.append(f"{where} is not a well-formed address. Fix: correct the host name")
    return sorted(found)


def check(site: Path, site_url: str | None = None) -> tuple[list[str], str]:
    """(problems, linkchecker's report) for a site served at the site_url it was built for."""
    site_url = site_url or site_url_of(site)
    with serve(site, site_url) as url:
        code, report, records = run_linkchecker(site, url)
    problems = external_problems(records)
    if code != 0:
        problems.append("linkchecker found broken internal links (report above). Fix: correct the link")
    anchors = page_index.fragment_problems(records)
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
