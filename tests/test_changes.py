"""The change record (data/changes.yml): valid, on each language's "What changed" page, in each
language's Atom feed, and under each page's title; a bad record stops the build at its line."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts import changes, translations
from scripts.pages import DOCS
from tests.conftest import mkdocs_build, record

LANGUAGES = translations.languages()
DOC, PROBLEMS = changes.load()
ENTRIES = changes.entries_of(DOC) if DOC is not None and not PROBLEMS else []
A = "{%s}" % changes.ATOM
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TODAY = dt.date(2026, 11, 22)


def docs_pages(language: str) -> list[str]:
    return sorted(p.relative_to(DOCS / language).as_posix() for p in (DOCS / language).rglob("*.md"))


def test_the_record_is_valid_and_names_pages_that_exist():
    assert PROBLEMS == [], "\n".join(map(str, PROBLEMS))
    assert changes.missing_page_problems(DOC) == []
    assert changes.project_languages() == LANGUAGES
    for language in LANGUAGES:
        own = changes.for_language(ENTRIES, language)
        record(f"changes {language}: {len(own)} entries")
        # Every page has been published at some point, so every page has a last change.
        without = [page for page in docs_pages(language)
                   if changes.last_change(ENTRIES, language, page) is None]
        assert without == [], f"{language}: no entry concerns {without}"


# The checks, on a small record. Line numbers are those of GOOD.
GOOD = """\
- id: night-pain-answer
  date: 2026-11-20
  pages: [faq.md]
  languages: [en, es]
  summary:
    en: We changed the answer about pain at night.
    es: Cambiamos la respuesta sobre el dolor de noche.
- id: first-version
  date: 2026-11-01
  pages: all
  languages: all
  summary:
    en: We published the first version of every page.
    es: Publicamos la primera versión de todas las páginas.
"""


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "changes.yml"
    path.write_text(text, encoding="utf-8")
    return changes.load(path, known=["en", "es"], today=TODAY)


def test_a_good_record_has_no_problems(tmp_path):
    doc, found = load_text(tmp_path, GOOD)
    assert found == []
    assert [e.id for e in changes.entries_of(doc, ["en", "es"])] == ["night-pain-answer", "first-version"]


@pytest.mark.parametrize("old, new, line, words", [
    ("date: 2026-11-20", "date: 2026-11-31", 2, "YYYY-MM-DD"),                    # no such day
    ("date: 2026-11-20", "date: 20/11/2026", 2, "YYYY-MM-DD"),                    # wrong format
    ("    es: Cambiamos la respuesta sobre el dolor de noche.\n", "", 5, "add 'es: ...'"),  # missing summary
    ("languages: [en, es]", "languages: [en]", 7, "add 'es' to languages"),        # summary of no language
    ("languages: [en, es]", "languages: [en, es, de]", 4, "use one of en, es"),    # unknown language
    ("pages: [faq.md]", "pages: [FAQ]", 3, "paths inside docs/<lang>/"),          # not a page path
    ("id: first-version", "id: night-pain-answer", 8, "its own id"),             # id used twice
    ("date: 2026-11-01", "date: 2026-11-21", 9, "newest first"),                  # out of order
    ("date: 2026-11-20", "date: 2026-12-20", 2, "day it is published"),           # in the future
    ("  summary:\n    en: We changed", "  sumary:\n    en: We changed", 5, "correct its spelling"),
])
def test_a_bad_record_names_line_and_fix(tmp_path, old, new, line, words):
    assert old in GOOD
    _, found = load_text(tmp_path, GOOD.replace(old, new, 1))
    at_line = [p for p in found if p.line == line and words in p.fix]
    assert at_line, "\n".join(map(str, found))
    assert str(at_line[0]).startswith(f"{at_line[0].path}:{line}: ")


def test_a_page_no_language_has_is_named_at_its_line(tmp_path):
    doc, _ = load_text(tmp_path, GOOD)
    docs = tmp_path / "docs"
    for language in ("en", "es"):
        (docs / language).mkdir(parents=True)
        (docs / language / "faq.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert changes.missing_page_problems(doc, docs, known=["en", "es"]) == []
    (docs / "es" / "faq.md").unlink()
    found = changes.missing_page_problems(doc, docs, known=["en", "es"])
    assert [(p.line, "docs/es/faq.md" in p.message) for p in found] == [(3, True)]


def test_last_change_is_the_newest_entry_for_the_page_and_language(tmp_path):
    text = GOOD.replace("- id: night-pain-answer", """\
- id: spanish-only
  date: 2026-11-21
  pages: [faq.md, about.md]
  languages: [es]
  summary:
    es: Aclaramos dos respuestas.
- id: night-pain-answer""")
    doc, found = load_text(tmp_path, text)
    assert found == []
    entries = changes.entries_of(doc, ["en", "es"])
    newest = {(language, page): changes.last_change(entries, language, page).id
              for language in ("en", "es") for page in ("faq.md", "about.md", "index.md")}
    assert newest == {
        ("en", "faq.md"): "night-pain-answer", ("en", "about.md"): "first-version",
        ("en", "index.md"): "first-version", ("es", "faq.md"): "spanish-only",
        ("es", "about.md"): "spanish-only", ("es", "index.md"): "first-version"}


def test_feed_ids_stay_when_the_site_moves(tmp_path):
    doc, _ = load_text(tmp_path, GOOD.replace("pages: [faq.md]", "pages: [faq.md, about.md]"))
    entries = changes.entries_of(doc, ["en", "es"])
    feeds = [ET.fromstring(changes.feed_xml(entries, "es", url, "Sitio", docs=tmp_path / "docs"))
             for url in ("http://127.0.0.1:8000/", "https://example.org/guide/")]
    ids = [[e.findtext(f"{A}id") for e in feed.iter(f"{A}entry")] for feed in feeds]
    assert ids[0] == ids[1] and len(set(ids[0])) == 2
    first = next(feeds[1].iter(f"{A}entry"))
    # Atom allows one alternate link per type and language; the second page is related.
    assert [(link.get("rel"), link.get("href")) for link in first.iter(f"{A}link")] == [
        ("alternate", "https://example.org/guide/es/faq/"),
        ("related", "https://example.org/guide/es/about/")]
    assert feeds[1].findtext(f"{A}updated") == "2026-11-20T00:00:00Z"


# A bad record stops the real build, at its line.

def line_of(text: str, fragment: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:text.index(fragment, start)].count("\n") + 1


@pytest.mark.parametrize("case", ["bad date", "missing summary"])
def test_a_bad_record_fails_the_strict_build(mini_project, case):
    path = mini_project / "data" / "changes.yml"
    text = path.read_text(encoding="utf-8")
    first = ENTRIES[0]
    if case == "bad date":
        line = line_of(text, f"date: {first.date}", after=f"id: {first.id}")
        text = text.replace(f"date: {first.date}", "date: 2026-02-30", 1)
        expected = f"data/changes.yml:{line}: 0.date: '2026-02-30' is not a 'date'"
    else:
        # An entry made in French: even a build of English alone needs its French summary.
        entry = next(e for e in ENTRIES if "fr" in e.languages and "en" in e.languages)
        line = line_of(text, "summary:", after=f"id: {entry.id}")
        start = text.index(f"id: {entry.id}")
        text = text[:start] + re.sub(r"^    fr: .*\n", "", text[start:], count=1, flags=re.M)
        expected = f"data/changes.yml:{line}: entry '{entry.id}' applies to 'fr' but has no summary"
    path.write_text(text, encoding="utf-8")
    result = mkdocs_build(mini_project, mini_project / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-2000:]


MINI_RECORD = """\
- id: night-pain-answer
  date: 2026-11-20
  pages: [faq.md]
  languages: [en]
  summary:
    en: We changed the answer about pain at night.
"""


def test_a_page_the_language_lacks_fails_the_strict_build(mini_project):
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - changes.md\n", encoding="utf-8")
    shutil.copy(DOCS / "en" / "changes.md", mini_project / "docs" / "en" / "changes.md")
    path = mini_project / "data" / "changes.yml"
    path.write_text(MINI_RECORD.replace("faq.md", "index.md"), encoding="utf-8")
    good = mkdocs_build(mini_project, mini_project / "out", "http://127.0.0.1:8000/")
    assert good.returncode == 0, good.stderr[-2000:]
    assert len(ET.parse(mini_project / "out" / "changes.xml").getroot().findall(f"{A}entry")) == 1
    path.write_text(MINI_RECORD, encoding="utf-8")  # the small project has no faq.md
    bad = mkdocs_build(mini_project, mini_project / "out", "http://127.0.0.1:8000/")
    assert bad.returncode != 0
    assert "data/changes.yml:3: entry 'night-pain-answer' names faq.md, and docs/en/faq.md does not exist" \
        in bad.stderr, bad.stderr[-2000:]


# The real site.

def built_file(site: Path, url: str, href: str) -> Path:
    """The file a link of the built site serves."""
    assert href.startswith(url), f"{href} is not an absolute address under {url}"
    path = site / href[len(url):]
    return path / "index.html" if href.endswith("/") else path


def test_each_language_has_an_atom_feed(built_site):
    site, url = built_site
    names = changes.site_names()
    all_ids = []
    for language in LANGUAGES:
        path = site / changes.feed_url(language)
        feed = ET.parse(path).getroot()
        own = changes.for_language(ENTRIES, language)
        record(f"changes feed {changes.feed_url(language)}: {len(own)} entries, {path.stat().st_size} bytes")
        assert feed.tag == f"{A}feed"
        assert feed.get(changes.XML_LANG) == language
        for tag in ("id", "title", "updated"):
            assert len(feed.findall(f"{A}{tag}")) == 1 and feed.findtext(f"{A}{tag}").strip(), (language, tag)
        assert feed.findtext(f"{A}title") == names[language]
        assert feed.findtext(f"{A}author/{A}name").strip()
        assert RFC3339.match(feed.findtext(f"{A}updated"))
        assert feed.findtext(f"{A}updated") == f"{max(e.date for e in own)}T00:00:00Z"
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
        assert links["self"] == url + changes.feed_url(language)
        assert links["alternate"] == url + changes.page_url(changes.CHANGES_PAGE, language)
        assert built_file(site, url, links["alternate"]).is_file()
        entries = feed.findall(f"{A}entry")
        assert len(entries) == len(own)
        for element, entry in zip(entries, own):
            for tag in ("id", "title", "updated", "summary"):
                assert len(element.findall(f"{A}{tag}")) == 1 and element.findtext(f"{A}{tag}").strip()
            entry_id = element.findtext(f"{A}id")
            assert entry_id.startswith("tag:") and url not in entry_id
            all_ids.append(entry_id)
            assert RFC3339.match(element.findtext(f"{A}updated"))
            assert element.findtext(f"{A}updated").startswith(entry.date)
            assert element.findtext(f"{A}summary") == " ".join(entry.summary[language].split())
            entry_links = element.findall(f"{A}link")
            assert [link.get("rel") for link in entry_links].count("alternate") == 1
            for link in entry_links:
                assert built_file(site, url, link.get("href")).is_file(), link.get("href")
    assert len(all_ids) == len(set(all_ids)), "entry ids repeat"


def page_soup(site: Path, page: str, language: str) -> BeautifulSoup:
    path = site / changes.page_url(page, language) / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_each_changes_page_lists_every_entry_of_its_language(built_site):
    site, url = built_site
    for language in LANGUAGES:
        soup = page_soup(site, changes.CHANGES_PAGE, language)
        page_dir = site / changes.page_url(changes.CHANGES_PAGE, language)
        feed_link = soup.select_one('article a[type="application/atom+xml"]')
        assert (page_dir / feed_link["href"]).resolve() == (site / changes.feed_url(language)).resolve()
        rows = soup.select("article table tbody tr")
        own = changes.for_language(ENTRIES, language)
        assert len(rows) == len(own), language
        for row, entry in zip(rows, own):
            assert row.time["datetime"] == entry.date
            assert row.time.get_text() == changes.localized_date(entry.date, language)
            what = row.find_all("td")[2].get_text()  # no separator: glossary terms are links inside
            assert " ".join(what.split()) == " ".join(entry.summary[language].split())
            links = row.select("a:not(.term)")  # the pages; glossary terms link to their definitions
            targets = [(page_dir / a["href"]).resolve() for a in links]
            pages = ["index.md"] if entry.pages == changes.ALL else entry.pages
            assert targets == [(site / changes.page_url(p, language)).resolve() for p in pages], (language, entry.id)
            if entry.pages != changes.ALL:
                assert [a.get_text() for a in links] == [
                    changes.page_title(DOCS, language, p) for p in entry.pages]


def test_every_page_shows_its_last_change(built_site):
    site, _ = built_site
    checked = 0
    for language in LANGUAGES:
        for page in docs_pages(language):
            shown = page_soup(site, page, language).select_one("article .page-dates .last-change time")
            newest = changes.last_change(ENTRIES, language, page)
            assert shown is not None, f"{language}/{page} shows no last change"
            assert shown["datetime"] == newest.date, f"{language}/{page}"
            assert shown.get_text() == changes.localized_date(newest.date, language), f"{language}/{page}"
            checked += 1
    assert checked >= 19 * len(LANGUAGES)
