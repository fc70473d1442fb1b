"""Search in Chromium on the built site: the committed query table (data/search-queries.yml)
finds its page in the first three results in every language and never a page of another
language, and search files load only when the reader first uses search."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from scripts.pages import DEFAULT_LANGUAGE, ROOT
from tests.browser import chromium, in_browsers
from tests.conftest import record

QUERIES = yaml.safe_load((ROOT / "data" / "search-queries.yml").read_text(encoding="utf-8"))
RESULT = ".md-search-result__item > a"
SEARCH_FILES = ("search_index.json", "/workers/search.", "/lunr/")


def prefix(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def result_pages(page, query: str) -> list[str]:
    """The addresses of the pages search lists for query, best first (sections folded into their page)."""
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # CJK and Arabic typed by fill() fire no key event
    page.wait_for_selector(RESULT, timeout=10000)
    pages = []
    for link in page.locator(RESULT).all():
        parts = urlsplit(link.get_attribute("href"))
        address = f"{parts.scheme}://{parts.netloc}{parts.path}"
        if address not in pages:
            pages.append(address)
    return pages


def test_the_query_table_covers_every_language():
    from scripts import languages
    assert sorted(QUERIES) == sorted(languages.codes())
    assert all(len(rows) >= 6 for rows in QUERIES.values())
    # Queries in the language's own script, where it has one (data/languages.yml font.letters).
    for code in languages.codes():
        if letters := languages.font(code).get("letters"):
            assert all(re.search(letters, row["query"]) for row in QUERIES[code]), code


def test_each_query_finds_its_page_in_the_top_three(served, built_site):
    site, _ = built_site
    rows = [(language, row) for language, language_rows in QUERIES.items() for row in language_rows]

    def ask(browser, chunk):
        page, results = browser.new_page(), []
        for language, row in chunk:
            page.goto(served + prefix(language))  # search loads its files when first used, not before
            results.append((language, row, result_pages(page, row["query"])))
        return results

    misses, strays = [], []
    for language, row, found in in_browsers(rows, ask):
        home = served + prefix(language)
        others = [served + prefix(code) for code in QUERIES if code not in (language, DEFAULT_LANGUAGE)]
        assert (site / prefix(language) / row["page"] / "index.html").exists(), row
        expected = home + row["page"]
        if expected not in found[:3]:
            misses.append(f"{language} {row['query']!r}: wanted /{prefix(language)}{row['page']}, got {found[:3]}")
        strays += [f"{language} {row['query']!r}: {address}" for address in found
                   if not address.startswith(home) or any(address.startswith(o) for o in others)]
    record(f"search table: {len(rows)} queries in {len(QUERIES)} languages, {len(rows) - len(misses)} "
           "with the expected page in the top 3")
    assert misses == []
    assert strays == []


def test_search_files_load_only_when_search_is_first_used(served):
    requests = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(served + "es/treatments/radiation/")
        page.wait_for_load_state("networkidle")
        before = [url for url in requests if any(name in url for name in SEARCH_FILES)]
        found = result_pages(page, "cirugía")
        after = [url for url in requests if any(name in url for name in SEARCH_FILES)]
    assert before == []
    assert served + "es/search/search_index.json" in after
    assert any("/workers/search." in url for url in after)
    assert found and all(address.startswith(served + "es/") for address in found)
