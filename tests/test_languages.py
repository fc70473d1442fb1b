"""Each language is a first-class site: its own lang and dir, the same section ids as English,
its own search index, absolute alternates, no English left over, and a switcher that keeps the
reader's place."""
from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

from scripts import languages, site_text, translations
from tests.browser import chromium
from tests.conftest import record

LANGUAGES = translations.languages()
TRANSLATED = [code for code in LANGUAGES if code != "en"]
# Words that only English uses (none is a word in Spanish or French). One of them on a translated
# page, outside text marked lang="en", is English left untranslated, including Material's and our
# own interface text.
ENGLISH_ONLY = {
    "the", "and", "your", "you", "with", "this", "that", "what", "when", "which", "from", "have",
    "will", "our", "about", "search", "searching", "link", "skip", "back", "next", "previous",
    "share", "copy", "clipboard", "reviewed", "review", "advice", "last", "here", "there",
    "results", "start", "how", "why", "who", "help", "made", "found", "matching", "initializing",
    "bone", "treatments", "care", "team", "page", "pages",
}
# Words a language shares with English ("page" in French, "link" in Portuguese) count only
# outside that language's pages (data/languages.yml, english_words).
SHARED_WITH = {word: {code for code in LANGUAGES if word in languages.rules(code).get("english_words", [])}
               for word in ENGLISH_ONLY}
VISIBLE_ATTRIBUTES = ["title", "aria-label", "placeholder", "alt"]


def page_paths(site: Path) -> list[Path]:
    return sorted(p.relative_to(site) for p in site.rglob("*.html"))


def language_of(relative: Path) -> str:
    return relative.parts[0] if relative.parts[0] in TRANSLATED else "en"


def soup(site: Path, relative: Path | str) -> BeautifulSoup:
    return BeautifulSoup((site / relative).read_text(encoding="utf-8"), "html.parser")


@lru_cache(maxsize=None)
def html_lang(page: Path) -> str:
    """A built page's <html lang>, read once: the index and alternate checks ask it thousands of times."""
    return soup(page.parent, page.name).html["lang"]


def english_pages(site: Path) -> list[Path]:
    return [p for p in page_paths(site) if language_of(p) == "en" and p.name == "index.html"]


def test_every_page_has_the_lang_and_direction_of_its_language(built_site):
    site, _ = built_site
    paths = page_paths(site)
    for relative in paths:
        html = soup(site, relative).html
        language = language_of(relative)
        assert html["lang"] == language, relative
        assert html.get("dir", "ltr") == languages.direction(language), relative
    counts = {code: sum(language_of(p) == code for p in paths) for code in LANGUAGES}
    record("pages per language (with 404): " + ", ".join(f"{c} {n}" for c, n in counts.items()))
    assert len(set(counts.values())) == 1 and counts["en"] >= 18


def test_every_section_id_exists_in_every_language(built_site):
    site, _ = built_site
    for english in english_pages(site):
        # Every id but the definitions of the glossary terms a page's words happen to use.
        ids = {h["id"] for h in soup(site, english).select("article [id]:not(.term-definitions *)")}
        for language in TRANSLATED:
            translated = {h["id"] for h in soup(site, Path(language) / english).select("article [id]:not(.term-definitions *)")}
            assert ids == translated, f"{language}/{english}: {sorted(ids ^ translated)}"


def test_each_language_searches_only_its_own_pages(built_site):
    site, _ = built_site
    for language in LANGUAGES:
        folder = site if language == "en" else site / language
        index_path = folder / "search" / "search_index.json"
        index = json.loads(index_path.read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [languages.search(language)["lunr"]]
        titles = set()
        for relative in page_paths(site):
            if language_of(relative) == language:
                article = soup(site, relative).article
                for permalink in article.select(".headerlink") if article else []:
                    permalink.decompose()
                titles |= {" ".join(h.get_text(" ").split())
                           for h in (article.select("h1, h2, h3") if article else [])}
        for doc in index["docs"]:
            page = folder / doc["location"].split("#")[0] / "index.html"
            assert page.exists(), f"{language}: {doc['location']} is not a {language} page"
            assert html_lang(page) == language
            title = " ".join(doc["title"].replace("\u200b", "").split())
            assert any(title.replace(" ", "") == t.replace(" ", "") for t in titles), (language, title)
        raw = index_path.read_bytes()
        record(f"search index {language}: {len(index['docs'])} entries, {len(raw):,} bytes, "
               f"{len(gzip.compress(raw, 9)):,} gzipped")
    # Chinese is split into words at build time, joined by zero-width spaces, in both scripts.
    for language in LANGUAGES:
        if languages.search(language)["lunr"] == "zh":
            assert "\u200b" in (site / language / "search" / "search_index.json").read_text(encoding="utf-8")


def test_pages_load_their_own_languages_search_index(built_site):
    site, _ = built_site
    for language in LANGUAGES:
        relative = Path("faq/index.html") if language == "en" else Path(language, "faq/index.html")
        config = json.loads(soup(site, relative).find(id="__config").string)
        expected = ".." if language == "en" else f"../../{language}/"
        assert config["base"] == expected, (language, config["base"])


def test_alternates_are_absolute_with_x_default(built_site):
    site, url = built_site
    for relative in page_paths(site):
        if relative.name == "404.html":
            continue
        links = soup(site, relative).select('head link[rel="alternate"][hreflang]')
        found = {link["hreflang"]: link["href"] for link in links}
        assert set(found) == set(LANGUAGES) | {"x-default"}, relative
        for code, href in found.items():
            assert href.startswith(url), (relative, href)
            target = site / href[len(url):] / "index.html"
            assert target.exists(), (relative, href)
            want = "en" if code == "x-default" else code
            assert html_lang(target) == want


def test_sitemap_lists_every_page_of_every_language(built_site):
    site, url = built_site
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    entries = root.findall("s:url", namespaces)
    locations = [e.find("s:loc", namespaces).text for e in entries]
    assert len(locations) == len(set(locations)) == len(LANGUAGES) * len(english_pages(site))
    for entry in entries:
        alternates = {a.get("hreflang") for a in entry.findall("x:link", namespaces)}
        assert alternates == set(LANGUAGES) | {"x-default"}
    for language in TRANSLATED:
        assert sum(loc.startswith(f"{url}{language}/") for loc in locations) == len(english_pages(site))


def english_words(page: BeautifulSoup, language: str) -> list[str]:
    """Words only English uses, in what a reader of a translated page sees or hears."""
    body = page.body
    for marked in body.select('[lang="en"], script, style, code, .source-url'):
        marked.decompose()
    texts = [body.get_text(" ")] + [element[attr] for attr in VISIBLE_ATTRIBUTES
                                      for element in body.select(f"[{attr}]")]
    texts.append(page.title.get_text() if page.title else "")
    words = re.findall(r"[A-Za-z]+", " ".join(texts))
    return sorted({w for w in words if w.lower() in ENGLISH_ONLY
                   and language not in SHARED_WITH.get(w.lower(), ())})


def test_no_english_is_left_on_translated_pages(built_site):
    site, _ = built_site
    leftovers = {}
    for relative in page_paths(site):
        language = language_of(relative)
        if language == "en":
            continue
        found = english_words(soup(site, relative), language)
        if found:
            leftovers[str(relative)] = found
    assert leftovers == {}


def test_the_english_word_check_finds_english(built_site):
    site, _ = built_site
    page = soup(site, "es/faq/index.html")
    page.body.append(BeautifulSoup('<p>Skip to <span title="Copy to clipboard">the</span> text</p>',
                                   "html.parser"))
    assert english_words(page, "es") == ["Copy", "Skip", "clipboard", "the"]


def test_theme_strings_are_translated(built_site):
    site, _ = built_site
    for language in TRANSLATED:
        page = soup(site, Path(language, "treatments/radiation/index.html"))
        strings = site_text.strings(language)
        assert page.select_one("a.headerlink")["title"] == strings["permalink_title"]
        note = page.select_one(".translation-note").get_text(" ")
        assert strings["translation_summary"] in note
        assert strings["translator_not_checked"] in page.select_one(".page-about").get_text(" ")
        assert page.select_one('.md-select__link[hreflang="en"]')["lang"] == "en"
        not_found = soup(site, Path(language, "404.html"))
        assert not_found.html["lang"] == language
        assert strings["not_found_title"] in not_found.h1.get_text()


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def search(page, query: str) -> list[str]:
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # CJK and Arabic typed by fill() fire no key event
    page.wait_for_selector(".md-search-result__item > a", timeout=10000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]


def test_search_and_switcher_in_a_browser(served):
    """Each language's search finds its own pages (Spanish with its stemmer, Chinese inside
    sentences), downloads only its own index, no request fails, and the switcher keeps the section."""
    requests, failures = [], []
    with chromium() as browser:
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        cases = [("es/faq/", "hueso", "es/"), ("es/", "huesos", "es/"), ("fr/", "radiothérapie", "fr/"),
                 ("zh/", "止痛", "zh/"), ("zh/", "放疗", "zh/"), ("ar/", "العظام", "ar/"), ("", "opioids", "")]
        for path, query, prefix in cases:
            requests.clear()
            visit(page, served + path)
            hits = search(page, query)
            assert hits, (path, query)
            others = [code for code in TRANSLATED if code + "/" != prefix]
            assert all(h.startswith(served + prefix) and not any(h.startswith(f"{served}{o}/") for o in others)
                       for h in hits), (query, hits)
            indexes = [r for r in requests if r.endswith("search_index.json")]
            assert indexes == [served + prefix + "search/search_index.json"], indexes
            assert not any("lunr.multi" in r for r in requests)

        visit(page, served + "faq/#worse-at-night")
        page.click(".md-header__option .md-select")  # open the language list
        page.click('.md-select__link[hreflang="es"]')
        page.wait_for_load_state("networkidle")
        assert page.url == served + "es/faq/#worse-at-night"
        assert page.evaluate("document.getElementById('worse-at-night').getBoundingClientRect().top") < 200
    assert failures == []


def test_a_section_address_opens_at_its_section_in_every_language(served):
    """/<lang>/<page>/#<id>, as partners publish it, scrolls to that section in every language."""
    places = {}
    with chromium() as browser:
        page = browser.new_page()
        page.set_viewport_size({"width": 390, "height": 800})
        for code in ["en", *TRANSLATED]:
            visit(page, f"{served}{'' if code == 'en' else code + '/'}treatments/blocking-pain-signals/#nerve-blocks")
            places[code] = page.evaluate("document.getElementById('nerve-blocks').getBoundingClientRect().top")
    assert all(0 <= top < 200 for top in places.values()), places
