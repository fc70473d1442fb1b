"""The link contract: every address we have published keeps working, in every language.

data/published-links.lock lists every page and section address of the site (each language's
own, e.g. /es/faq/#worse-at-night). A build fails when a listed address no longer resolves,
unless data/redirects.yml sends it somewhere that does. Redirects are written once, in English
form (/old/ or /page/#old-id), and apply to every language, because every language uses the same
page paths and section ids:

- a moved page gets a small redirect page at its old address in every language, which keeps the
  #section (overrides/hooks/link_contract.py, assets/javascripts/redirect.js);
- a renamed or moved section keeps its old id as an anchor at the new place.

    python -m scripts.link_contract check SITE_DIR   # what no longer resolves
    python -m scripts.link_contract lock SITE_DIR    # add the site's new addresses to the lock

`lock` only adds: taking an address out of the lock is a decision to break published links, made
by editing the file by hand.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path


from scripts.pages import ROOT, parse_yaml

LOCK = ROOT / "data" / "published-links.lock"
REDIRECTS = ROOT / "data" / "redirects.yml"
LOCK_HEADER = """\
# Every address the site has published: each page and section, in every language. Partners print
# these in leaflets; each must keep working. The build fails when one stops resolving without a
# redirect in data/redirects.yml. New addresses: python -m scripts.link_contract lock site
"""
SECTION_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"')
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')
REDIRECT_MARK = 'name="moved-to"'  # the meta tag of a redirect page: not a page of its own
LANGUAGE_CODE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2,4})?$")  # a language folder: es, zh, pt-BR, zh-Hant


def languages_in(site: Path) -> list[str]:
    """Language prefixes of a built site ("" for the default language)."""
    return [""] + sorted(p.name for p in site.iterdir() if p.is_dir() and (p / "search").is_dir())


def page_file(site: Path, path: str) -> Path:
    return site / path.strip("/") / "index.html"


def published(site: Path) -> list[str]:
    """Every page and heading address of a built site: /page/ and /page/#id."""
    addresses = []
    for file in sorted(site.rglob("index.html")):
        text = file.read_text(encoding="utf-8")
        if REDIRECT_MARK in text:
            continue
        page = "/" + file.parent.relative_to(site).as_posix().strip(".") + "/"
        page = "/" if page == "//" else page.replace("//", "/")
        addresses.append(page)
        addresses += [f"{page}#{anchor}" for anchor in SECTION_ID.findall(text)]
    return addresses


def read_lock(path: Path = LOCK) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    return [(number, line.strip()) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def write_lock(addresses: list[str], path: Path = LOCK) -> None:
    path.write_text(LOCK_HEADER + "".join(f"{address}\n" for address in sorted(set(addresses))), encoding="utf-8")


def read_redirects(path: Path = REDIRECTS) -> dict[str, dict[str, str]]:
    data = parse_yaml(path.read_text(encoding="utf-8")) if path.exists() else None
    data = data or {}
    return {"pages": dict(data.get("pages") or {}), "sections": dict(data.get("sections") or {})}


def split(address: str, prefixes: list[str]) -> tuple[str, str, str]:
    """/es/faq/#x -> ("es", "/faq/", "x"); the language is "" for the default one."""
    page, _, anchor = address.partition("#")
    first = page.strip("/").split("/")[0]
    language = first if first and first in prefixes else ""
    rest = page[len(language) + 1:] if language else page
    return language, rest or "/", anchor


def join(language: str, page: str, anchor: str = "") -> str:
    return (f"/{language}{page}" if language else page) + (f"#{anchor}" if anchor else "")


# Page files and their ids, read once during one check: each page holds many addresses.
_pages: dict[Path, str | None] = {}
_anchors: dict[Path, set[str]] = {}


def text_of(file: Path) -> str | None:
    if file not in _pages:
        _pages[file] = file.read_text(encoding="utf-8") if file.exists() else None
    return _pages[file]


def is_page(site: Path, path: str) -> bool:
    """A page of the site itself, not a redirect page standing at a moved page's old address."""
    text = text_of(page_file(site, path))
    return text is not None and REDIRECT_MARK not in text


def anchors(site: Path, address_page: str) -> set[str]:
    file = page_file(site, address_page)
    if file not in _anchors:
        text = text_of(file)
        _anchors[file] = set(ANCHOR_ID.findall(text)) if text else set()
    return _anchors[file]


def resolve(address: str, site: Path, redirects: dict, prefixes: list[str]) -> str | None:
    """Where address ends up on the built site (following redirects), or None if nowhere."""
    language, page, anchor = split(address, prefixes)
    if join("", page, anchor) in redirects["sections"]:
        _, page, anchor = split(redirects["sections"][join("", page, anchor)], prefixes)
    elif page in redirects["pages"] and not is_page(site, join(language, page)):
        page = redirects["pages"][page]
        if join("", page, anchor) in redirects["sections"]:
            _, page, anchor = split(redirects["sections"][join("", page, anchor)], prefixes)
    target = join(language, page)
    if text_of(page_file(site, target)) is None:
        return None
    if anchor and anchor not in anchors(site, target):
        return None
    return join(language, page, anchor)


def problems(site: Path, lock: Path = LOCK, redirects_file: Path = REDIRECTS) -> list[str]:
    """Each locked address that no longer resolves, as file:line, the address and the fix."""
    redirects = read_redirects(redirects_file)
    prefixes = [p for p in languages_in(site) if p]
    _pages.clear()  # the site may have been rebuilt since the last check
    _anchors.clear()
    found = []
    for number, address in read_lock(lock):
        first = address.strip("/").split("/")[0]
        if LANGUAGE_CODE.match(first) and first not in prefixes:
            continue  # a language this build leaves out (a test build of fewer languages)
        if resolve(address, site, redirects, prefixes) is None:
            _, page, anchor = split(address, prefixes)
            fix = (f"restore the heading id {{#{anchor}}} or add `{join('', page, anchor)}: /new-page/#new-id` under "
                   "sections:" if anchor and page_file(site, address.partition('#')[0]).exists()
                   else f"restore the page or add `{page}: /new-page/` under pages:")
            found.append(f"{lock.relative_to(ROOT) if lock.is_relative_to(ROOT) else lock}:{number}: {address} "
                         f"no longer resolves. Fix: {fix} in {redirects_file.name}")
    return found


def unlocked(site: Path, lock: Path = LOCK) -> list[str]:
    """Addresses of the built site that the lock does not list yet."""
    locked = {address for _, address in read_lock(lock)}
    return [address for address in published(site) if address not in locked]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "lock"])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build)")
    args = parser.parse_args(argv)
    if args.command == "lock":
        new = unlocked(args.site)
        write_lock([address for _, address in read_lock()] + new)
        print(f"{len(new)} new addresses added to {LOCK.relative_to(ROOT)}")
        return 0
    found = problems(args.site)
    print("\n".join(found) or f"all {len(read_lock())} locked addresses resolve")
    new = unlocked(args.site)
    if new:
        print(f"{len(new)} addresses are not locked yet, e.g. {new[0]}: run `lock`")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
