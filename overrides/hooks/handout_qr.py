"""A QR code of the page's permanent address on its handout, with the address printed beside it.

Clinics hand our pages out on paper, where nobody can click a link. Every page that links to its
handout (overrides/partials/page-head.html) gets, right before its title, a figure with the QR
code of its canonical address (page.canonical_url, from site_url: the address the handout's
footer gives) made by scripts/qr.py, and that address as its caption. site.css hides it on
screen and prints it floated to the inline end of the title (the right in left-to-right pages,
the left in Arabic), on the handout's first sheet: 2.7 cm with its quiet zone, the code itself
about 2.2 cm.

It is added to the page as written (on_post_page), not to its Markdown or content, so the search
index does not hold the address, and it is an inline <svg> with presentation attributes only:
the pages' Content-Security-Policy allows no inline style.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import qr, site_text  # noqa: E402

# The handout link as partials/page-head.html writes it: a page without it has no handout.
HANDOUT_LINK = 'href="handout.pdf"'
# The page's title: the first <h1> in the article (content.html writes it).
TITLE = re.compile(r"(<article\b[^>]*>.*?)(<h1\b)", re.S)


def pieces(address: str) -> list[str]:
    """The address in the pieces its printed lines break between: the host, then each folder
    (https://example.org/es/faq/ -> https://example.org/, es/, faq/). A piece breaks only if it is
    longer than a line, so no line ends after a hyphen, which a reader could take for a break."""
    scheme, separator, rest = address.partition("://")
    found = re.findall(r"[^/]*/|[^/]+", rest) if separator else [address]
    return [scheme + separator + found[0], *found[1:]] if separator and found else [address]


def figure(address: str, label: str) -> str:
    """The printed code and its address. The address reads left to right in every language; it
    is code, like every address the site shows, so no word of it counts as text of the page."""
    printed = "".join(f"<span>{html.escape(piece)}</span>" for piece in pieces(address))
    return (f'<figure class="print-qr">{qr.inline_svg(address, label)}'
            f'<figcaption dir="ltr"><code>{printed}</code></figcaption></figure>')


def with_code(output: str, address: str, label: str) -> str:
    return TITLE.sub(lambda m: m.group(1) + figure(address, label) + m.group(2), output, count=1)


def on_post_page(output, page, config):
    if HANDOUT_LINK not in output or not page.canonical_url:
        return output
    label = site_text.strings(site_text.build_language(config))["qr_code"]
    return with_code(output, page.canonical_url, label)
