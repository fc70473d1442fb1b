"""Handouts (scripts/handouts.py): every page of every language has its PDF, which carries the
page's title, review dates and published address, in fonts that show Chinese and Arabic."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from scripts import handouts, languages, site_text, translations
from scripts.check_links import free_port, serve
from tests.browser import chromium
from tests.conftest import handout_text, record

LANGUAGES = translations.languages()
# The font that shows a language's script and the letters it must print (data/languages.yml
# `font`; make installs the packages): Noto Sans CJK with its Simplified or Traditional Chinese or
# Korean glyphs (fonts-noto-cjk; Chromium embeds it as Type 3 glyphs named in their font
# descriptor), Noto Naskh Arabic for Arabic and Persian (fonts-noto-core).
SCRIPT_FONTS = {code: languages.font(code)["pdf"] for code in LANGUAGES if languages.font(code)}
# Text pypdf extracts in reading order, to compare word for word: left to right, in the default font.
READS_IN_ORDER = {code for code in LANGUAGES if not languages.right_to_left(code) and not languages.font(code)}
# Elsewhere every letter counts: Cyrillic and Vietnamese print in the default font.
LETTERS = {code: re.compile(languages.font(code).get("letters") or r"[^\W\d_]") for code in LANGUAGES}


@lru_cache(maxsize=None)
def expected(index: Path) -> dict:
    """What the built page says its handout must carry."""
    html = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    # What print leaves out (site.css): notes for the screen, the definitions a tap opens, links
    # to the English page, which paper cannot follow, a diagram's words and its link to open it
    # larger (the printed picture shows them), and the link to the handout itself.
    for note in html.select(".screen-only, .term-definitions, .translation-note p, .translation-about a[hreflang], "
                            ".diagram__words, .diagram__larger, a[href='handout.pdf']"):
        note.decompose()
    if html.select_one(".diary"):  # its sheet leaves out its key points and says its dates once,
        # and the body outline's caption, which its own heading repeats
        for note in html.select(".in-short, .page-meta, .translation-note, .page-about > h2, figure.diagram > figcaption"):
            note.decompose()
    return {"title": html.article.h1.get_text(" ", strip=True),
            "address": html.find("link", rel="canonical")["href"],
            "years": [time["datetime"][:4] for time in html.select(".page-dates li:not(.last-change) time")],
            "article": html.article.get_text(" ")}


def text(pdf: Path) -> str:
    return handout_text(pdf)


def linked_pages(site: Path) -> dict[Path, str]:
    """Every page that links to its handout, with its language, found apart from the script."""
    found = {}
    for index in sorted(site.rglob("index.html")):
        if BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").select_one('a[href="handout.pdf"]'):
            first = index.relative_to(site).parts[0]
            found[index] = first if first in LANGUAGES else "en"
    return found


def test_every_page_of_every_language_has_its_handout(built_site):
    site, _ = built_site
    pages = linked_pages(site)
    missing = [str(index.parent.relative_to(site)) for index in pages
               if not index.with_name("handout.pdf").is_file()]
    assert missing == [], f"pages without handout.pdf: {missing}. Fix: python -m scripts.handouts SITE_DIR"
    per_language = {language: [index.with_name("handout.pdf").stat().st_size
                               for index, lang in pages.items() if lang == language] for language in LANGUAGES}
    sizes = [size for each in per_language.values() for size in each]
    record(f"handouts: {len(sizes)} PDFs, {sum(sizes) / 1e6:.2f} MB, {min(sizes) / 1024:.0f} to "
           f"{max(sizes) / 1024:.0f} KiB; " + ", ".join(
               f"{language} {len(each)} ({sum(each) / 1e6:.2f} MB)" for language, each in per_language.items()))
    assert len(sizes) >= 85
    assert len({len(each) for each in per_language.values()}) == 1, "every language has every page"
    assert all(index.with_name("handout.pdf").read_bytes()[:5] == b"%PDF-" for index in pages)


def test_each_handout_carries_its_title_review_dates_and_published_address(built_site):
    site, _ = built_site
    problems = []
    for index, language in linked_pages(site).items():
        page = expected(index)
        pdf = index.with_name("handout.pdf")
        found = handouts.problems(text(pdf), title=page["title"], address=page["address"],
                                  years=page["years"], language=language)
        # The link under the title is not printed; a page's own words may still name the handout
        # (the Korean links page says each page has its 인쇄용 안내문(PDF)).
        link = handouts.squeeze(site_text.strings(language)["handout_link"])
        if handouts.squeeze(text(pdf)).count(link) > handouts.squeeze(page["article"]).count(link):
            found.append(f"the link '{link}' is printed")
        problems += [f"{pdf.relative_to(site)}: {problem}" for problem in found]
    assert problems == []


def test_handouts_name_each_source_by_its_title(built_site):
    """A printed source list is what a reader takes to the clinic: each source's publisher and
    title, not only its address (print CSS once hid every English link, titles included)."""
    site, _ = built_site
    missing, checked = [], 0
    for index, _language in linked_pages(site).items():
        html = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
        printed = handouts.squeeze(text(index.with_name("handout.pdf")))
        for link in html.select("#sources + ol li > span[lang] a"):
            checked += 1
            if handouts.squeeze(link.get_text()) not in printed:
                missing.append(f"{index.parent.relative_to(site)}: '{link.get_text()}'")
    assert checked >= len(linked_pages(site)) and missing == []


def test_handouts_print_the_key_points_and_every_urgent_sign(built_site):
    """What waits behind a tap on screen is on paper: the In short block (but on the pain diary,
    whose opening lines say the same), and the home page's urgent signs, kept one tap away there."""
    site, _ = built_site
    problems, checked = [], 0
    for index, language in linked_pages(site).items():
        if language not in READS_IN_ORDER:
            continue
        html = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
        wanted = [li.get_text(" ") for li in html.select("#urgent-warning li")]
        if not html.select_one(".diary"):
            wanted += [li.get_text(" ") for li in html.select("article .in-short li")]
        printed = handouts.squeeze(text(index.with_name("handout.pdf")))
        for item in wanted:
            words = handouts.squeeze(re.sub(r"\[\d+\]", "", item))[:40]
            checked += 1
            if words not in printed:
                problems.append(f"{index.parent.relative_to(site)}: '{words}' is not in the handout")
    assert checked > 400 and problems == []


def test_handouts_embed_fonts_that_show_their_script(built_site):
    site, _ = built_site
    problems = []
    for index, language in linked_pages(site).items():
        pdf = index.with_name("handout.pdf")
        fonts = handouts.font_names(pdf)
        if language in SCRIPT_FONTS and not any(SCRIPT_FONTS[language] in name for name in fonts):
            problems.append(f"{pdf.relative_to(site)}: no {SCRIPT_FONTS[language]} font among {sorted(fonts)}. "
                            "Fix: `make test` installs the fonts (data/languages.yml font.package)")
        # A glyph the fonts lack prints as a box and extracts as nothing (or U+FFFD): the PDF must
        # give back nearly every letter of the page's text.
        printed = len(LETTERS[language].findall(text(pdf)))
        on_page = len(LETTERS[language].findall(expected(index)["article"]))
        if printed < 0.95 * on_page or "\ufffd" in text(pdf):
            problems.append(f"{pdf.relative_to(site)}: {printed} of the page's {on_page} {language} letters "
                            "extract from the PDF")
    assert problems == []


def test_pain_diary_handout_is_one_sheet_in_every_language(built_site):
    site, _ = built_site
    sheets = {language: len(PdfReader(site.joinpath(*([] if language == "en" else [language]),
                                                    "care-team", "pain-diary", "handout.pdf")).pages)
              for language in LANGUAGES}
    assert sheets == {language: 1 for language in LANGUAGES}


def test_a_handout_without_its_address_is_caught(built_site):
    """Without the footer, the printed page lacks its "Online at:" line (the address itself is
    still printed beside the page's QR code, tests/test_qr.py), and a handout that does not give
    the page's address is caught: the check notices both."""
    site, _ = built_site
    index = site / "es" / "treatments" / "radiation" / "index.html"
    page = expected(index)
    with serve(site, f"http://127.0.0.1:{free_port()}/") as base, chromium() as browser:
        pdf, _ = handouts.print_page(browser.new_page(), base + "es/treatments/radiation/", "es",
                                     with_footer=False)
    label = f"the label '{site_text.strings('es')['handout_address']}' is not in the handout"
    found = handouts.problems(handouts.text_of(pdf), title=page["title"], address=page["address"],
                              years=page["years"], language="es")
    assert found == [label]
    other = page["address"].replace("/es/", "/fr/")
    assert handouts.problems(handouts.text_of(pdf), title=page["title"], address=other, years=page["years"],
                             language="es") == [label, f"the page's address {other} is not in the handout"]
    assert handouts.problems(text(index.with_name("handout.pdf")), title=page["title"],
                             address=page["address"], years=page["years"], language="es") == []
