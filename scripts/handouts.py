"""Print-ready PDF handouts of every page in every language, made from the built site itself.

A care team or a family can hand out paper, and a reader who cannot print from a phone can send
a file to someone who can. The handouts are printed from the built pages, not written apart, so
they always say what the site says: Debian's Chromium (scripts/browser.py) prints each page with
the site's print styles (no header, search, navigation or footer; the sources with their
addresses) to an A4 PDF, `handout.pdf` beside the page's `index.html`, which is the file the link
under every title points to (overrides/partials/page-head.html). Each sheet's footer gives the
page's published address, its canonical link (site_url), and the page number, so a sheet found
on a table leads back to the page online, in the page's language.

    python -m scripts.handouts SITE_DIR [--site-url URL]

SITE_DIR is a site built with `mkdocs build`; its pages are served on 127.0.0.1 for the browser.
"""
from __future__ import annotations

import argparse
import html
import io
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pypdf import PdfReader

from scripts import languages, site_text, translations
from scripts.browser import NoBrowser, in_browsers
from scripts.check_links import free_port, serve, site_url_of
from scripts.pages import DEFAULT_LANGUAGE

HANDOUT = "handout.pdf"
PAPER = "A4"
# The template's link, written by Jinja exactly like this; 404 pages and others have none.
LINKS_HANDOUT = re.compile(r"""href=["']?handout\.pdf["' >]""")
# What the printed page declares about itself, read from the page as the browser shows it.
FACTS = """() => ({
    title: (document.querySelector('article h1') || {}).textContent || document.title,
    address: (document.querySelector('link[rel=canonical]') || {}).href || '',
    direction: document.documentElement.dir || 'ltr',
    years: [...document.querySelectorAll('.page-dates li:not(.last-change) time')].map(t => t.dateTime.slice(0, 4)),
})"""
# Chromium lays the footer out on its own, outside the page's styles: everything it needs is
# inline. Sizes are in pt because the footer sits in the 10 mm margin of overrides' @page rule.
FOOTER = """<div lang="{language}" dir="{direction}" style="box-sizing: border-box; width: 100%;
 padding: 0 12mm; display: flex; justify-content: space-between; gap: 6mm; font-family: {font}sans-serif;
 font-size: 7.5pt; color: #333;"><span><bdi>{label}</bdi> <bdi dir="ltr">{address}</bdi></span><span
 dir="ltr"><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>"""
# The handout's own font for a script the build machine's default font shows poorly (data/
# languages.yml `font.family`): fontconfig gives Arabic script to DejaVu Sans, whose letters also
# copy out of the PDF as presentation forms; Noto Naskh Arabic (fonts-noto-core) is the usual face
# for printed Arabic and Persian text. Chinese and Korean already print in Noto Sans CJK
# (fonts-noto-cjk), whose face Chromium chooses by the page's lang.


def text_font(language: str) -> str:
    """The CSS font family the handout's text is printed in, quoted, or "" for the default."""
    family = languages.font(language).get("family")
    return f'"{family}"' if family else ""
# Without a template of its own Chromium prints the date and title across the top of each sheet.
NO_HEADER = "<span></span>"


@dataclass(frozen=True)
class Handout:
    pdf: Path
    language: str
    title: str
    address: str  # the page's published address, printed in the footer
    years: tuple[str, ...]  # of the review dates in "About this page" (the last change stays on screen)
    sheets: int
    size: int


@dataclass
class Report:
    handouts: list[Handout] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(h.size for h in self.handouts)

    def by_language(self) -> dict[str, tuple[int, int]]:
        """(handouts, bytes) of each language, in the order mkdocs.yml builds them."""
        found: dict[str, tuple[int, int]] = {}
        for h in self.handouts:
            count, size = found.get(h.language, (0, 0))
            found[h.language] = (count + 1, size + h.size)
        order = translations.languages()
        return dict(sorted(found.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99))

    def summary(self) -> str:
        if not self.handouts:
            return "handouts: none made"
        smallest = min(self.handouts, key=lambda h: h.size)
        largest = max(self.handouts, key=lambda h: h.size)
        languages = ", ".join(f"{language} {count} ({size / 1e6:.2f} MB)"
                              for language, (count, size) in self.by_language().items())
        return (f"handouts: {len(self.handouts)} PDFs, {self.total / 1e6:.2f} MB, "
                f"{sum(h.sheets for h in self.handouts)} A4 sheets, in {self.seconds:.1f} s; {languages}; "
                f"smallest {smallest.size / 1024:.0f} KiB ({smallest.address}), "
                f"largest {largest.size / 1024:.0f} KiB ({largest.address})")


def pages_with_handouts(site: Path) -> list[Path]:
    """The index.html of every page that links to its handout."""
    return [path for path in sorted(site.rglob("index.html"))
            if LINKS_HANDOUT.search(path.read_text(encoding="utf-8"))]


def language_of(site: Path, index: Path) -> str:
    """The language folder a page's index.html is in; English pages sit at the root."""
    first = index.relative_to(site).parts[0]
    return first if first in translations.languages() else DEFAULT_LANGUAGE


def footer(language: str, direction: str, address: str) -> str:
    font = text_font(language) + ", " if text_font(language) else ""
    return FOOTER.format(language=html.escape(language), direction=html.escape(direction), font=html.escape(font),
                         label=html.escape(site_text.strings(language)["handout_address"]),
                         address=html.escape(address))


def print_page(page, url: str, language: str, with_footer: bool = True) -> tuple[bytes, dict]:
    """The page at url as an A4 PDF, and what it declares about itself (FACTS)."""
    # "load", not "networkidle": the search index the page fetches afterwards is not printed,
    # and waiting for the network to go quiet costs half a second a page.
    page.goto(url, wait_until="load")
    if text_font(language):
        # Material's hook for the text font, set through the CSSOM, which the pages' CSP allows.
        page.evaluate(f"document.documentElement.style.setProperty('--md-text-font', '{text_font(language)}')")
    page.evaluate("document.fonts.ready.then(() => true)")
    facts = page.evaluate(FACTS)
    if with_footer and not facts["address"]:
        raise ValueError(f"{url}: no <link rel=\"canonical\">, so the handout cannot say where the "
                         "page is online. Fix: build with site_url set (mkdocs.yml reads SITE_URL)")
    options = dict(format=PAPER, print_background=True, outline=True, tagged=True)
    if with_footer:
        options.update(display_header_footer=True, header_template=NO_HEADER,
                       footer_template=footer(language, facts["direction"], facts["address"]))
    return page.pdf(**options), facts


def make(site: Path, site_url: str | None = None) -> Report:
    """Print every page of a built site that links to its handout into that handout.

    site_url is the address the site was built for (by default, read from its home page): the
    site is served on 127.0.0.1 under the same path, so every link in it works as published."""
    site = site.resolve()
    path = urlsplit(site_url or site_url_of(site)).path or "/"
    report, started, indexes = Report(), time.monotonic(), pages_with_handouts(site)
    with serve(site, f"http://127.0.0.1:{free_port()}{path}") as base:

        def print_some(browser, chunk: list[Path]) -> list[Handout]:
            page, made = browser.new_page(), []  # one tab for all its pages: a browser takes seconds to start
            for index in chunk:
                folder = index.parent.relative_to(site).as_posix()
                language = language_of(site, index)
                pdf, facts = print_page(page, base + ("" if folder == "." else folder + "/"), language)
                out = index.with_name(HANDOUT)
                out.write_bytes(pdf)
                out.chmod(0o644)  # linkchecker, run as root, reads the site as user nobody
                made.append(Handout(out, language, " ".join(facts["title"].split()), facts["address"],
                                    tuple(facts["years"]), len(PdfReader(io.BytesIO(pdf)).pages), len(pdf)))
            return made

        report.handouts += in_browsers(indexes, print_some)
    report.handouts.sort(key=lambda handout: handout.pdf)
    report.seconds = time.monotonic() - started
    return report


# Checking a handout ---------------------------------------------------------------------------


def squeeze(text: str) -> str:
    """Text without whitespace: text extraction breaks lines, and Chinese and Arabic extract
    with spaces where the PDF has none (or none where it has)."""
    return "".join(text.split())


# Chromium's PDFs name a Chinese character by the first code point the font maps to its glyph,
# so 骨 comes out of Noto Sans CJK as the radical ⻣ (NFKC undoes the Kangxi radicals, not these),
# and Arabic letters may come out as presentation forms (NFKC undoes them).
RADICALS = str.maketrans({"\u2ec5": "见", "\u2ed1": "長", "\u2ed3": "长", "\u2ed4": "门", "\u2ed8": "青", "\u2eda": "页",
                          "\u2edb": "风", "\u2edd": "食", "\u2ee2": "马", "\u2ee3": "骨"})


def readable(text: str) -> str:
    """Extracted text with the characters a reader sees, not the code points the PDF gives.
    Persian's zero-width non-joiner (می‌شود) extracts as a space."""
    return unicodedata.normalize("NFKC", text).translate(RADICALS).replace("\u200c", " ")


# pypdf gives right-to-left text in visual order where brackets cut a line into runs: a title
# "A B (C)" extracts as "(C) A B", so there only its words are looked for.


def words(text: str) -> str:
    """Squeezed text without punctuation: brackets and colons in right-to-left text extract
    mirrored, at the other end of the words they belong to."""
    return "".join(c for c in squeeze(text) if not unicodedata.category(c).startswith("P"))


def text_of(pdf: Path | bytes) -> str:
    """A PDF's text as a reader sees it (see readable)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return readable("\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


def font_names(pdf: Path | bytes) -> set[str]:
    """The names of the fonts a PDF embeds, without the subset prefix (ABCDEF+NotoSans...)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        _add_font_names(page.get("/Resources"), names, set())
    return names - {""}


def _add_font_names(resources, names: set[str], seen: set[int]) -> None:
    # Chromium draws text inside nested form XObjects, each with resources of its own.
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        # Chromium embeds Noto Sans CJK as Type 3 glyphs, named only in their font descriptor.
        for each in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
            descriptor = each.get("/FontDescriptor")
            name = each.get("/BaseFont") or (descriptor.get_object().get("/FontName") if descriptor else "")
            names.add(str(name or "").lstrip("/").split("+")[-1])
    for xobject in (resources.get("/XObject") or {}).values():
        if id(xobject.get_object()) not in seen and "/Resources" in xobject.get_object():
            seen.add(id(xobject.get_object()))
            _add_font_names(xobject.get_object()["/Resources"], names, seen)


def problems(text: str, *, title: str, address: str, years: list[str] | tuple[str, ...],
             language: str) -> list[str]:
    """What a handout's extracted text lacks: its page's title, review years, the "Online at:"
    label and the published address."""
    title, address = readable(title), readable(address)
    flat, squeezed = " ".join(text.split()), squeeze(text)
    found = []
    if (" ".join(title.split()) not in flat and words(title) not in words(text)
            and not (languages.right_to_left(language) and all(words(w) in words(text) for w in title.split()))):
        found.append(f"the title '{title}' is not in the handout")
    found += [f"the review year {year} is not in the handout" for year in years if year not in squeezed]
    label = site_text.strings(language)["handout_address"]
    # Its colon is a neutral character: in right-to-left text it extracts at the other end.
    if squeeze(readable(label)).strip(":") not in squeezed:
        found.append(f"the label '{label}' is not in the handout")
    if squeeze(address) not in squeezed:
        found.append(f"the page's address {address} is not in the handout")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build)")
    parser.add_argument("--site-url", help="the address the site was built for (default: its home page's "
                                           "canonical link); only its path is used, to serve the site locally")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"handouts: no built site in {args.site}; run mkdocs build first", file=sys.stderr)
        return 2
    try:
        report = make(args.site, args.site_url)
    except NoBrowser as error:
        print(f"handouts: {error}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0 if report.handouts else 1


if __name__ == "__main__":
    sys.exit(main())
