"""Printing, as Chromium prints to PDF: each page keeps its text, review dates and sources with
their addresses, and drops the site's navigation, search and footer; the pain diary fits one A4
or US Letter sheet in every language."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from scripts import handouts, languages, pages, site_text, translations
from tests.browser import chromium, in_browsers
from tests.conftest import handout_text, record

REGISTRY = pages.load_registry()[0].data
LANGUAGES = translations.languages()
# Text pypdf extracts reliably enough to compare word for word: left to right, in the default font.
LATIN_SCRIPT = {code for code in LANGUAGES if not languages.right_to_left(code) and not languages.font(code)}


def squeeze(text: str) -> str:
    """Text without whitespace: PDF text extraction breaks lines inside words and addresses."""
    return "".join(text.split())


def contains(text: str, item: str) -> bool:
    """item is in the squeezed text, whole or as two pieces: a long address wraps onto a second
    line, which right-to-left text extraction may put first."""
    item = squeeze(item)
    return item in text or any(item[:i] in text and item[i:] in text for i in range(8, len(item) - 3))


def printed(page, url: str, paper: str) -> PdfReader:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))


# The site's chrome: header with search and language list, navigation, table of contents, footer.
CHROME_SHOWN = """() => ['.md-header', '.md-search', '.md-sidebar--primary', '.md-sidebar--secondary',
    '.md-footer', '.md-select'].filter(selector => [...document.querySelectorAll(selector)]
    .some(element => element.offsetParent !== null || getComputedStyle(element).display !== 'none'
                     && element.getClientRects().length > 0))"""


def article_addresses(site: Path) -> list[tuple[str, str]]:
    """(language, path under the site root) of every content page."""
    found = []
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).parent.as_posix()
        address = "" if relative == "." else relative + "/"
        language = address.split("/")[0] if address.split("/")[0] in LANGUAGES else "en"
        found.append((language, address))
    return found


def test_every_page_prints_its_text_dates_and_sources_without_site_chrome(built_site, served):
    """Each page's print is its handout (scripts/handouts.py prints every page in Chromium with the
    site's print styles, A4, as a reader's Print does, adding only the address at the foot), so the
    text is read from those; Chromium then shows, page by page, what print styles leave on screen."""
    site, _ = built_site
    addresses = article_addresses(site)
    problems, sheets = [], 0
    for language, address in addresses:
        html = BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")
        pdf = site / address / "handout.pdf"
        if not pdf.exists():
            problems.append(f"{address or '/'}: no handout.pdf, the page's print")
            continue
        sheets += len(PdfReader(pdf).pages)
        text = squeeze(handout_text(pdf))
        expected = [REGISTRY[li["id"].removeprefix("source-")]["url"]
                    for li in html.select(".page-sources li")]
        expected += [t["datetime"][:4] for t in html.select(".page-meta time")]
        if language in LATIN_SCRIPT:
            strings = site_text.strings(language)
            expected += [html.article.h1.get_text(), strings["last_reviewed"], strings["next_review"],
                         strings["not_advice_title"]]
            footer = html.select_one(".md-copyright__highlight")
            if footer and squeeze(footer.get_text()) in text:
                problems.append(f"{address}: the footer is printed")
        problems += [f"{address or '/'}: '{item}' is not in the print"
                     for item in expected if not contains(text, handouts.readable(item))]

    def chrome_shown(browser, chunk):
        page, found = browser.new_page(), []
        page.emulate_media(media="print")
        for _language, address in chunk:
            page.goto(served + address, wait_until="load")
            found += [f"{address or '/'}: {selector} is printed" for selector in page.evaluate(CHROME_SHOWN)]
        return found

    problems += in_browsers(addresses, chrome_shown)
    record(f"print: {len(addresses)} pages printed to {sheets} A4 sheets")
    assert len(addresses) >= 85
    assert problems == []


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_pain_diary_prints_on_one_sheet_in_every_language(served, paper):
    sheets = {}
    with chromium() as browser:
        page = browser.new_page()
        for language in LANGUAGES:
            prefix = "" if language == "en" else f"{language}/"
            sheets[language] = len(printed(page, f"{served}{prefix}care-team/pain-diary/", paper).pages)
    record(f"pain diary on {paper}: " + ", ".join(f"{k} {v} sheet(s)" for k, v in sheets.items()))
    assert sheets == {language: 1 for language in LANGUAGES}
