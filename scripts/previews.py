"""Link preview images: the picture a chat app or social site shows when a page is shared.

Every page's head names its preview image and what the image shows (Open Graph and Twitter card
tags, overrides/main.html): its title, the site name, its language and direction, and the image's
size. This makes that image from the built site, so it always shows what the page says: it fills
the card template (overrides/preview-card.html) with those values, has Debian's Chromium
(scripts/browser.py) lay it out with Debian's Noto fonts, lowers the title's size until it fits,
photographs it, and writes it as a 32-colour PNG, `preview.png` beside the page's index.html, the
address its og:image gives. It fails, naming the page, when a title runs out of its box (measured
with the browser's bounding boxes), a character has no glyph (it would show as a box, "tofu") or a
card is not under MAX_BYTES. One browser and one tab make every card.

    python -m scripts.previews SITE_DIR

SITE_DIR is a site built with `mkdocs build`; nothing is served, the card loads nothing.
"""
from __future__ import annotations

import argparse
import base64
import io
import mimetypes
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from PIL import Image

from scripts import languages, translations
from scripts.browser import NoBrowser, chromium
from scripts.pages import DEFAULT_LANGUAGE, ROOT

PREVIEW = "preview.png"
TEMPLATE = ROOT / "overrides" / "preview-card.html"
MAX_BYTES = 100_000  # "under 100 KB": link preview crawlers and chat apps fetch it on every share
# A card is two flat colours and the anti-aliased edges between them: 32 colours of a palette keep
# it looking the same (side by side, at 2x) at a third of the bytes of the browser's own PNG.
COLOURS = 32
# The title's size in CSS pixels: it starts at the largest and steps down to the smallest until the
# title fits its box; a title that does not fit even at the smallest is a problem to fix.
TITLE_SIZES = range(80, 39, -4)
# A character no font has (the last code point of the last private use plane): the browser draws
# the missing-glyph box ("tofu") for it.
NO_GLYPH = "\U0010fffd"

# Lay the title out at the largest size that keeps every line inside its box, and measure.
FIT = """(sizes) => {
    const title = document.querySelector('h1'), box = document.querySelector('.title-box');
    const card = document.documentElement.getBoundingClientRect();
    const inside = (r, b, slack = 0.5) => r.left >= b.left - slack && r.right <= b.right + slack
        && r.top >= b.top - slack && r.bottom <= b.bottom + slack;
    const content = (el) => {
        const r = el.getBoundingClientRect(), s = getComputedStyle(el);
        return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight),
                top: r.top + parseFloat(s.paddingTop), bottom: r.bottom - parseFloat(s.paddingBottom)};
    };
    const lines = () => {
        const range = document.createRange();
        range.selectNodeContents(title);
        return [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
    };
    const fits = () => title.scrollWidth <= title.clientWidth
        && lines().every(r => inside(r, content(box)));
    let size = sizes[sizes.length - 1];
    for (const each of sizes) {
        title.style.fontSize = each + 'px';
        if (fits()) { size = each; break; }
    }
    title.style.fontSize = size + 'px';
    const problems = [];
    const boxes = lines();
    if (!fits())
        problems.push(`the title does not fit its box even at ${size}px: shorten the page's title`);
    if (boxes.some(r => !inside(r, card)))
        problems.push('the title runs off the card');
    const brand = document.querySelector('.brand').getBoundingClientRect();
    if (!inside(brand, card) || brand.bottom > content(box).top + 0.5)
        problems.push('the site name runs off the card or into the title');
    return {size, lines: new Set(boxes.map(r => Math.round(r.top))).size, problems,
            width: innerWidth, height: innerHeight};
}"""

# The characters of text that the card's title font (its computed font stack) has no glyph for:
# each character is drawn on a canvas and compared, pixel for pixel, with NO_GLYPH, which no font
# has, so the browser draws it as the missing-glyph box; a character drawn identical is that box.
MISSING_GLYPHS = """([text, noGlyph]) => {
    const style = getComputedStyle(document.querySelector('h1'));
    const font = `${style.fontWeight} 64px ${style.fontFamily}`;
    const canvas = document.createElement('canvas');
    canvas.width = 160; canvas.height = 128;
    const context = canvas.getContext('2d', {willReadFrequently: true});
    const draw = (character) => {
        context.clearRect(0, 0, canvas.width, canvas.height);
        context.font = font;
        context.fillStyle = '#000';
        context.textBaseline = 'middle';
        context.fillText(character, 32, 64);
        return context.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const box = draw(noGlyph);
    if (!box.some(value => value !== 0)) throw new Error(`the missing-glyph box draws nothing in ${font}`);
    const same = (a, b) => a.every((value, i) => value === b[i]);
    return {font, missing: [...new Set([...text])].filter(c => c.trim() && same(draw(c), box))};
}"""


@dataclass(frozen=True)
class Head:
    """What a built page's <head> says about its link preview."""
    language: str
    direction: str
    meta: dict[str, list[str]]  # og:/twitter: property or name -> its contents, in order
    icon: str | None  # the favicon's href

    def one(self, key: str) -> str:
        return (self.meta.get(key) or [""])[0]


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.language, self.direction, self.meta, self.icon, self.done = "", "ltr", {}, None, False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.language, self.direction = attrs.get("lang", ""), attrs.get("dir", "ltr")
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")) and "content" in attrs:
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs["content"])
        elif tag == "link" and attrs.get("rel") == "icon" and self.icon is None:
            self.icon = attrs.get("href")
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag):
        if tag == "head":
            self.done = True


def head_of(index: Path) -> Head:
    """The link preview facts of a built page (only its <head> is read)."""
    parser = _HeadParser()
    with index.open(encoding="utf-8") as file:
        for line in file:
            parser.feed(line)
            if parser.done:
                break
    return Head(parser.language, parser.direction, parser.meta, parser.icon)


def pages_with_previews(site: Path) -> list[tuple[Path, Head]]:
    """Every page whose head names a preview image (all but the 404 pages and redirects)."""
    found = []
    for index in sorted(site.rglob("index.html")):
        head = head_of(index)
        if head.one("og:image"):
            found.append((index, head))
    return found


def language_of(site: Path, index: Path) -> str:
    """The language folder a page's index.html is in; English pages sit at the root."""
    first = index.relative_to(site).parts[0]
    return first if first in translations.languages() else DEFAULT_LANGUAGE


def data_url(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def card_html(*, title: str, site_name: str, language: str, direction: str, icon: str = "") -> str:
    """The card template filled in. Where the title is the site name (the home pages), the
    name is not repeated beside the logo."""
    if site_name.lower() == title.lower():
        site_name = ""
    values = dict(title=title, site_name=site_name, lang=language, dir=direction, icon=icon)
    values = {key: escape(value, quote=True) for key, value in values.items()}
    family = languages.font(language).get("family")
    values["font"] = f'"{escape(family)}", ' if family else ""
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(values)


@dataclass(frozen=True)
class Card:
    png: Path
    language: str
    title: str
    address: str  # the page's og:url
    size: int  # bytes
    title_px: int  # the title's font size once it fits
    lines: int


@dataclass
class Report:
    cards: list[Card] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        if not self.cards:
            return "previews: none made"
        smallest = min(self.cards, key=lambda c: c.size)
        largest = max(self.cards, key=lambda c: c.size)
        order = translations.languages()
        counts: dict[str, int] = {}
        for card in sorted(self.cards, key=lambda c: order.index(c.language) if c.language in order else 99):
            counts[card.language] = counts.get(card.language, 0) + 1
        return (f"previews: {len(self.cards)} PNG cards, {sum(c.size for c in self.cards) / 1e6:.2f} MB, "
                f"in {self.seconds:.1f} s; " + ", ".join(f"{lang} {n}" for lang, n in counts.items())
                + f"; smallest {smallest.size / 1000:.0f} KB ({smallest.address}), largest "
                f"{largest.size / 1000:.0f} KB ({largest.address}); title "
                f"{min(c.title_px for c in self.cards)} to {max(c.title_px for c in self.cards)} px, "
                f"up to {max(c.lines for c in self.cards)} lines")


class CardProblem(ValueError):
    pass


def compress(png: bytes) -> bytes:
    """The PNG with a palette of COLOURS colours."""
    out = io.BytesIO()
    with Image.open(io.BytesIO(png)) as picture:
        picture.convert("RGB").quantize(COLOURS, method=Image.Quantize.FASTOCTREE).save(out, "PNG")
    return out.getvalue()


def photograph(tab, *, title: str, site_name: str, language: str, direction: str, icon: str = "",
               width: int = 1200, height: int = 630) -> tuple[bytes, dict]:
    """One card as the browser's PNG, and its layout (FIT): the title's size, its lines, its problems."""
    tab.set_viewport_size({"width": width, "height": height})
    tab.set_content(card_html(title=title, site_name=site_name, language=language, direction=direction,
                              icon=icon))
    tab.evaluate("document.fonts.ready.then(() => true)")
    layout = tab.evaluate(FIT, list(TITLE_SIZES))
    return tab.screenshot(type="png"), layout


def render(tab, **card) -> tuple[bytes, dict]:
    """One card as it is published (compressed), and its layout; card: photograph's arguments."""
    png, layout = photograph(tab, **card)
    return compress(png), layout


def missing_glyphs(tab, text: str) -> list[str]:
    """The characters of text that the card in tab shows as the missing-glyph box."""
    return tab.evaluate(MISSING_GLYPHS, [text, NO_GLYPH])["missing"]


def card_problems(png: bytes, layout: dict, missing: list[str], width: int, height: int) -> list[str]:
    found = list(layout["problems"])
    if (layout["width"], layout["height"]) != (width, height):
        found.append(f"the card is {layout['width']} x {layout['height']}, not {width} x {height}")
    if len(png) >= MAX_BYTES:
        found.append(f"{len(png) / 1000:.0f} KB, over {MAX_BYTES // 1000} KB: keep the card's colours flat")
    if missing:
        found.append("no font has " + ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
                     + ": install Debian's fonts-noto-core and fonts-noto-cjk (`make build` does)")
    return found


def icon_of(index: Path, head: Head) -> str:
    """The site's favicon, from the page's own relative link to it, as a data: address ("" if none)."""
    href = head.icon or ""
    path = (index.parent / href).resolve() if href and not urlsplit(href).scheme and not href.startswith("/") else None
    return data_url(path) if path and path.is_file() else ""


def _publish(out: Path, png: bytes) -> bytes:
    png = compress(png)
    out.write_bytes(png)
    out.chmod(0o644)  # linkchecker, run as root, reads the site as user nobody
    return png


def make(site: Path) -> Report:
    """Make the preview image of every page of a built site that names one. Raises CardProblem,
    naming each page, when a card's title does not fit, a glyph is missing or a card is too big."""
    site = site.resolve()
    report, problems, started, pending = Report(), [], time.monotonic(), []
    # One browser and one tab for every card (starting one takes seconds); a thread compresses and
    # writes each card while the browser draws the next.
    with chromium() as browser, ThreadPoolExecutor(max_workers=1) as writer:
        tab = browser.new_page()
        for index, head in pages_with_previews(site):
            where = index.relative_to(site).as_posix()
            address, image = head.one("og:url"), head.one("og:image")
            if image != address + PREVIEW:
                raise CardProblem(f"{where}: og:image is {image!r}, not {address + PREVIEW!r} "
                                  f"(the {PREVIEW} beside the page) that scripts/previews.py makes")
            width, height = int(head.one("og:image:width")), int(head.one("og:image:height"))
            title, site_name = head.one("og:title"), head.one("og:site_name")
            png, layout = photograph(tab, title=title, site_name=site_name, language=head.language,
                                     direction=head.direction, icon=icon_of(index, head), width=width,
                                     height=height)
            missing = missing_glyphs(tab, title + site_name)
            out = index.with_name(PREVIEW)
            pending.append((where, out, language_of(site, index), title, address, layout, missing, width, height,
                            writer.submit(_publish, out, png)))
    for where, out, language, title, address, layout, missing, width, height, written in pending:
        png = written.result()
        problems += [f"{where}: {problem}" for problem in card_problems(png, layout, missing, width, height)]
        report.cards.append(Card(out, language, title, address, len(png), layout["size"], layout["lines"]))
    report.seconds = time.monotonic() - started
    if problems:
        raise CardProblem("link preview cards with problems:\n" + "\n".join(problems))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"previews: no built site in {args.site}; run mkdocs build first", file=sys.stderr)
        return 2
    try:
        report = make(args.site)
    except NoBrowser as error:
        print(f"previews: {error}", file=sys.stderr)
        return 2
    except CardProblem as error:
        print(f"previews: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0 if report.cards else 1


if __name__ == "__main__":
    sys.exit(main())
