"""Files each language needs of its own, which the i18n plugin writes once for the whole site.

- Search: Material writes one index for every language (search/search_index.json): each page
  downloads all of it and the lunr files of every language, and a Spanish query ranks English
  pages first. After the i18n plugin has built every language, this splits that index: English
  stays in search/, each other language gets <lang>/search/search_index.json with its own lunr
  language, stemmer and word separator, and templates point Material at the reader's language
  (overrides/main.html).
- 404 page: every language's build writes site/404.html, each over the last. Each language's
  page is kept as it is rendered and written to <lang>/404.html, where the web server looks for
  it (deploy/nginx.conf); the English one stays at the root.
- Sitemap: every language's build writes site/sitemap.xml with the languages built so far. Each
  language's entries are kept as its build renders them, and the sitemap is written once, with
  every language in the site's order (whichever process built it: hooks/parallel_languages.py).
"""
from __future__ import annotations

import gzip
import json
import logging
import re
import sys
from pathlib import Path

import jieba
from mkdocs.plugins import event_priority
from mkdocs.utils import get_build_timestamp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import languages  # noqa: E402
from scripts.translations import DEFAULT_LANGUAGE  # noqa: E402

# jieba, which Material's search plugin uses to split Chinese into words, announces its
# dictionary loading on every build; only its warnings are news.
logging.getLogger("jieba").setLevel(logging.WARNING)

INDEX = Path("search") / "search_index.json"
# Each language's lunr language, word separator and pipeline are its `search` entry in
# data/languages.yml. Material segments Chinese into words at build time and joins them with a
# zero-width space (U+200B), so Chinese needs that and its own punctuation to find words inside
# sentences; Arabic and Persian have their own comma, semicolon and question mark.
# The lunr steps a language keeps (Material removes the others). No language keeps a stemmer:
# Material adds a trailing wildcard to every query word ("cirugía" becomes "cirugía*"), and lunr
# does not stem wildcard words, so against a stemmed index ("cirug") whole words found nothing.
# Prefix matching alone finds "huesos" from "hueso" (tests/test_search.py, data/search-queries.yml).
# lunr's trimmer also makes most queries return nothing. Material's Chinese default keeps only
# the stemmer, which is empty for Chinese.
PIPELINE = ["stopWordFilter"]
NOT_FOUND = "404.html"
not_found_pages: dict[str, str] = {}  # language -> the 404 page its build rendered
SITEMAP = "sitemap.xml"
URL_ENTRY = re.compile(r"\s*<url>.*?</url>", re.S)
URL_LOCATION = re.compile(r"<loc>(.*?)</loc>")
ALTERNATE = re.compile(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"')
sitemap_entries: dict[str, str] = {}  # language -> its <url> entries, as its build rendered them
sitemap_frame: list[str] = ["", ""]  # the sitemap's text before the first entry and after the last
# What each language's build adds to this module, for overrides/hooks/parallel_languages.py.
PER_LANGUAGE = ("not_found_pages", "sitemap_entries")


def split_index(combined: dict, codes: list[str]) -> dict[str, dict]:
    """Each language's own index; locations become relative to that language's root."""
    others = [code for code in codes if code != DEFAULT_LANGUAGE]
    split = {}
    for language in codes:
        prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
        if prefix:
            docs = [dict(doc, location=doc["location"][len(prefix):])
                    for doc in combined["docs"] if doc["location"].startswith(prefix)]
        else:
            docs = [doc for doc in combined["docs"]
                    if not any(doc["location"].startswith(f"{code}/") for code in others)]
        search = languages.search(language)
        config = dict(combined["config"], lang=[search["lunr"]])
        config["separator"] = search.get("separator", config["separator"])
        config["pipeline"] = search.get("pipeline", PIPELINE)
        split[language] = {"config": config, "docs": docs}
    return split


def on_config(config):
    # Words jieba's dictionary (Simplified Chinese) lacks and would cut in two: 嗎啡 as 嗎 + 啡,
    # so "嗎" (the question particle) matched every question (data/languages.yml search.words).
    for code in languages.codes():
        for word in languages.search(code).get("words", []):
            jieba.add_word(word)
    return config


def languages_built(config) -> list[str]:
    i18n = config.plugins["i18n"]
    return [language.locale for language in i18n.config.languages if language.build]


def language_of_entry(entry: str, fallback: str) -> str:
    """The language of a sitemap <url> entry: the hreflang of the alternate that is the entry itself."""
    location = URL_LOCATION.search(entry).group(1)
    return next((code for code, href in ALTERNATE.findall(entry) if href == location), fallback)


def on_post_template(output, template_name, config):
    language = config.plugins["i18n"].current_language
    if template_name == NOT_FOUND:
        not_found_pages[language] = output
    elif template_name == SITEMAP and URL_ENTRY.search(output):
        start, end = URL_ENTRY.search(output).start(), output.rindex("</url>") + len("</url>")
        sitemap_frame[:] = [output[:start], output[end:]]
        sitemap_entries[language] = "".join(entry for entry in URL_ENTRY.findall(output)
                                            if language_of_entry(entry, language) == language)
    return output


def write_sitemap(site: Path, codes: list[str]) -> None:
    """sitemap.xml (and its .gz) with every language's entries in the site's order."""
    text = sitemap_frame[0] + "".join(sitemap_entries.get(code, "") for code in codes) + sitemap_frame[1]
    (site / SITEMAP).write_text(text, encoding="utf-8")
    with open(site / (SITEMAP + ".gz"), "wb") as out, \
            gzip.GzipFile(fileobj=out, filename=str(site / (SITEMAP + ".gz")), mode="wb",
                          mtime=get_build_timestamp()) as packed:
        packed.write(text.encode("utf-8"))


@event_priority(-200)  # after the i18n plugin (-100), which builds the other languages last
def on_post_build(config):
    i18n = config.plugins["i18n"]
    if i18n.building:  # one language of the i18n plugin's loop; the index is not complete yet
        return
    site = Path(config.site_dir)
    if sitemap_entries:
        write_sitemap(site, languages_built(config))
        sitemap_entries.clear()
    for language, output in not_found_pages.items():
        folder = site if language == DEFAULT_LANGUAGE else site / language
        folder.mkdir(exist_ok=True)
        (folder / NOT_FOUND).write_text(output, encoding="utf-8")
    not_found_pages.clear()
    combined = json.loads((site / INDEX).read_text(encoding="utf-8"))
    for language, index in split_index(combined, languages_built(config)).items():
        path = site / INDEX if language == DEFAULT_LANGUAGE else site / language / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
