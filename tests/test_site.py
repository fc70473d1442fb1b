"""The built site: every page carries its furniture, and bad content stops the strict build."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from scripts import pages, site_text, translations
from tests.conftest import VALID_PAGE, mkdocs_build

BACK_PAIN = re.compile(r"\b(back pain|neck pain|pain in (the|your) (\w+ )?(back|neck|spine)|spine|spinal cord)\b", re.I)
REGISTRY = pages.load_registry()[0].data
LANGUAGES = translations.languages()


def content_pages(site):
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.article:
            yield path.relative_to(site), soup


def test_every_page_shows_review_dates_sources_and_disclaimer(built_site):
    site, _ = built_site
    checked = 0
    for name, soup in content_pages(site):
        article = soup.article
        assert article.h1, name
        strings = site_text.strings(name.parts[0] if name.parts[0] in LANGUAGES else "en")
        # Under the title, one short line with the review date; "About this page" has them all.
        assert article.select_one(".page-meta time")["datetime"] == article.select(".page-dates time")[0]["datetime"], name
        dates = article.select(".page-dates li:not(.last-change):not(.translation-about) time")  # reviewed, next review
        assert [t.get_text() for t in dates][0:1] and len(dates) == 2, name
        assert strings["last_reviewed"] in article.select_one(".page-dates").get_text(), name
        assert strings["about_this_page"] in article.select_one(".page-about h2").get_text(), name
        assert strings["not_advice_title"] in article.select_one(".not-advice").get_text(), name
        sources = article.select(".page-sources li")
        assert sources, f"{name}: no sources listed"
        for item in sources:
            entry = REGISTRY[item["id"].removeprefix("source-")]
            assert item.a["href"] == entry["url"], name
            assert strings["accessed"] in item.get_text() and entry["publisher"] in item.get_text(), name
        checked += 1
    assert checked >= 17 * len(LANGUAGES)


def test_citations_link_to_the_numbered_sources(built_site):
    site, _ = built_site
    for name, soup in content_pages(site):
        ids = [li["id"] for li in soup.select(".page-sources li")]
        for link in soup.select("sup.citation a"):
            target = link["href"].removeprefix("#")
            assert target in ids, f"{name}: {link} points nowhere"
            assert link.get_text() == f"[{ids.index(target) + 1}]", name


def test_only_lines_of_citations_become_citation_paragraphs(built_site):
    """A citation wrapped onto its own line ends its paragraph; only citations after a list or a
    table get a paragraph of their own (right-aligned). Running text must never be right-aligned."""
    site, _ = built_site
    own, with_text = 0, []
    for file in site.rglob("index.html"):
        for paragraph in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("p.citations"):
            own += 1
            for citation in paragraph.select("sup"):
                citation.decompose()
            if paragraph.get_text(strip=True):
                with_text.append(f"{file.relative_to(site)}: {paragraph.get_text(strip=True)[:60]}")
    assert own > 50
    assert with_text == []


def test_old_sources_are_flagged_where_they_are_used(built_site):
    site, _ = built_site
    old = {source_id for source_id, _, _ in pages.old_sources(REGISTRY, dt.date.today())}
    assert "acs-advanced-cancer" in old
    for name, soup in content_pages(site):
        cited = {a["href"].removeprefix("#source-") for a in soup.select("sup.citation a")}
        if cited & old:
            assert soup.select(".admonition.older-source"), f"{name} cites an old source without saying so"
            assert soup.select(".page-sources .source-old"), name


def test_pages_about_back_pain_carry_the_urgent_box(built_site):
    site, _ = built_site
    with_box = 0
    for name, soup in content_pages(site):
        for furniture in soup.article.select(".page-about, .not-advice, .term-definitions"):
            furniture.decompose()
        body = soup.article.get_text(" ")
        if str(name) == "index.html" or BACK_PAIN.search(body):
            box = soup.select_one("#urgent-warning")
            assert box and box.select_one(".care-card--immediate") and box.select_one(".care-card--urgent-advice"), \
                f"{name} talks about back pain but has no urgent warning box"
            assert "emergency" in box.get_text() and "24 hours" in box.get_text(), name
            with_box += 1
    assert with_box >= 5


def test_headings_have_explicit_ids_and_glossary_terms_link_to_their_definitions(built_site):
    site, _ = built_site
    for name, soup in content_pages(site):
        # The In short block and the care cards are page furniture, not sections: no address.
        for heading in soup.article.select("h2:not(.in-short h2):not(.care-card__title), h3"):
            assert heading.get("id") and not heading["id"].startswith("_"), f"{name}: {heading}"
    why = BeautifulSoup((site / "bone-pain/why-it-happens/index.html").read_text(), "html.parser")
    terms = why.select("article a.term")
    assert terms, "no glossary terms marked"
    for term in terms:  # each names its definition, kept out of the text search reads
        assert term["href"].startswith("../../glossary/#"), term
        definition = why.find(id=term["aria-describedby"])
        assert definition and definition.find_parent("dl", class_="term-definitions"), term
    glossary = BeautifulSoup((site / "glossary/index.html").read_text(), "html.parser")
    assert len(glossary.select("article h2[id]")) >= 40


# A {date}, {emergency-numbers} or {#id} that reaches the reader: a template or Markdown attribute
# the build did not fill, or a slip in a translation (French About once said "alerte{N}:").
PLACEHOLDER = re.compile(r"\{[A-Za-z_#.-][^{}\s]{0,40}\}")


def test_no_page_shows_a_placeholder_left_unfilled(built_site):
    site, _ = built_site
    found = [f"{name}: {match.group(0)}" for name, soup in content_pages(site)
             for match in PLACEHOLDER.finditer(soup.article.get_text(" "))]
    assert found == []


# A sentence closed twice: on an abbreviation (Russian dates end "г.") or a question (a source
# titled "Why Does Cancer Cause Bone Pain?") that a template or string closes again. An ellipsis
# is three full stops.
DOUBLED_STOP = re.compile(r"(?<!\.)[.?!]\.(?!\.)")


def test_no_sentence_ends_twice(built_site):
    site, _ = built_site
    found = [f"{name}: …{text[max(match.start() - 30, 0):match.end()]}" for name, soup in content_pages(site)
             for text in [" ".join(soup.article.get_text().split())] for match in DOUBLED_STOP.finditer(text)]
    assert found == []


def test_site_sets_language_and_loads_nothing_from_other_hosts(built_site):
    site, _ = built_site
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


# Data blocks are not run; anything else inline is blocked by the pages' script-src 'self'.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def test_no_page_carries_an_inline_script_the_security_policy_would_block(built_site):
    """The browser test under nginx finds the same, but only after half an hour of CI."""
    site, _ = built_site
    inline = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script", src=False):
            if script.get("type") not in DATA_SCRIPT_TYPES:
                inline.append(f"{path.relative_to(site)}: {str(script)[:80]}")
    assert not inline, "\n".join(inline[:10])


# Bad content must stop the strict build, saying where and how to fix it.

@pytest.mark.parametrize("old, new, expected", [
    ("reviewed: 2026-01-10", "reviewed: 2026-02-30", "docs/en/index.md:4: reviewed: '2026-02-30' is not a 'date'"),
    ("sources: [webmd-bone-metastasis]", "sources: [no-such-source]", "docs/en/index.md:6: source id 'no-such-source'"),
    ("## A section {#a-section}", "## A section", "docs/en/index.md:11: heading 'A section' has no explicit id"),
    ("[@webmd-bone-metastasis]", "[@acs-pain-signals]", "docs/en/index.md:9: citation [@acs-pain-signals] names a source the page does not list"),
    ("Some text.", "[Broken](missing.md)", "missing.md"),
])
def test_bad_page_fails_the_build(mini_project, old, new, expected):
    page = mini_project / "docs" / "en" / "index.md"
    page.write_text(VALID_PAGE.replace(old, new), encoding="utf-8")
    result = mkdocs_build(mini_project, mini_project / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr[-2000:]


def test_valid_mini_page_builds(mini_project):
    result = mkdocs_build(mini_project, mini_project / "out", "http://127.0.0.1:8000/")
    assert result.returncode == 0, result.stderr[-2000:]
    html = (mini_project / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="#source-webmd-bone-metastasis"' in html and "January 10, 2026" in html


def test_every_section_citing_an_old_source_says_so_beside_the_facts():
    """about.md promises the "older source" notice next to the facts an old source supports: in
    each top-level section (with its subsections) that cites one, or at the top of a page that
    is all from that source (before its first section)."""
    old = {source_id for source_id, _, _ in pages.old_sources(REGISTRY, dt.date.today())}
    missing = []
    for language in LANGUAGES:
        for path in sorted((pages.DOCS / language).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            starts = [0] + [m.start() for m in re.finditer(r"^## ", text, re.M)] + [len(text)]
            if "!!! older-source" in text[:starts[1]]:
                continue  # the whole page is under the notice
            for start, end in zip(starts, starts[1:]):
                section = text[start:end]
                cited = set(re.findall(r"\[@([a-z0-9-]+)\]", section)) & old
                if cited and "!!! older-source" not in section:
                    line = text.count("\n", 0, start) + 1
                    missing.append(f"{path.relative_to(pages.ROOT)}:{line}: cites {', '.join(sorted(cited))} "
                                   f"with no older-source box in the section")
    assert not missing, "\n".join(missing)
