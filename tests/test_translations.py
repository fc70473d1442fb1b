"""Every language is complete and current, keeps English's ids, and fails loudly when it is not."""
from __future__ import annotations

import yaml
from bs4 import BeautifulSoup

from scripts import languages, pages, site_text, translations
from tests.conftest import TRANSLATED_PAGE, mkdocs_build, record

LANGUAGES = [code for code in translations.languages() if code != translations.DEFAULT_LANGUAGE]


def test_every_language_built_has_its_rules_pages_and_shared_text():
    assert translations.languages()[0] == "en" and len(translations.languages()) >= 5
    assert languages.problems() == []
    for code in translations.languages():
        assert (pages.DOCS / code / "index.md").is_file(), code
        assert (site_text.INCLUDES / code / "strings.yml").is_file(), code


def test_every_translation_exists_and_is_current():
    statuses = translations.report()
    for language, row in translations.totals(statuses).items():
        record(f"translations {language}: " + ", ".join(f"{n} {state}" for state, n in row.items()))
    stale = [str(s) for s in statuses if s.state != translations.UP_TO_DATE]
    assert len(statuses) == len(LANGUAGES) * len(translations.english_files())
    assert stale == []


def test_translations_keep_english_ids_citations_links_and_dates():
    problems = [problem for language in LANGUAGES
                for english in sorted(translations.DOCS_EN.rglob("*.md"))
                for problem in translations.structure_problems(
                    translations.translation_path(english, language))]
    assert problems == []


def test_shared_text_has_the_same_keys_terms_and_sources():
    english_strings = set(site_text.strings("en"))
    english_terms = {t["id"]: t.get("sources") for t in site_text.glossary("en")}
    for language in LANGUAGES:
        own = yaml.safe_load((site_text.INCLUDES / language / "strings.yml").read_text(encoding="utf-8"))
        assert set(own) == english_strings, language
        assert set(own["date_labels"]) == set(site_text.strings("en")["date_labels"]), language
        terms = {t["id"]: t.get("sources") for t in site_text.glossary(language)}
        assert terms == english_terms, language
        assert all(t["forms"] and t["definition"] for t in site_text.glossary(language))


# Bad input: the functions and the build both catch it.

def build_strict_and_lenient(project):
    """The strict build's result, and the Spanish home page of a lenient build (which must pass)."""
    strict = mkdocs_build(project, project / "out", "http://127.0.0.1:8000/")
    lenient = mkdocs_build(project, project / "lenient", "http://127.0.0.1:8000/", strict=False)
    assert lenient.returncode == 0, lenient.stderr[-2000:]
    return strict, BeautifulSoup((project / "lenient/es/index.html").read_text(), "html.parser")


def test_a_changed_english_page_makes_its_translation_outdated(mini_translated_project):
    project = mini_translated_project
    english, spanish = project / "docs/en/index.md", project / "docs/es/index.md"
    assert translations.recorded_fingerprint(spanish) == translations.fingerprint(english)
    english.write_text(english.read_text().replace("Some text.", "Some new text."))
    assert translations.recorded_fingerprint(spanish) != translations.fingerprint(english)

    assert translations.status_of(english, "es").state == translations.OUTDATED
    strict, page = build_strict_and_lenient(project)
    assert strict.returncode != 0
    assert "docs/es/index.md is outdated: docs/en/index.md changed" in strict.stderr
    notice = page.select_one(".translation-status").get_text(" ")
    assert site_text.strings("es")["translation_outdated_title"] in notice
    assert page.select_one('.translation-status a[hreflang="en"]')["href"] == "../"


def test_a_missing_translation_fails_and_readers_are_told_in_their_language(mini_translated_project):
    project = mini_translated_project
    (project / "docs/es/index.md").unlink()
    assert translations.status_of(project / "docs/en/index.md", "es").state == translations.MISSING
    strict, page = build_strict_and_lenient(project)
    assert strict.returncode != 0
    assert "docs/es/index.md is missing" in strict.stderr
    assert page.html["lang"] == "es"
    assert site_text.strings("es")["translation_missing_title"] in page.select_one(".translation-status").text
    english_part = page.select_one('article [lang="en"]')
    assert english_part is not None and "Radiation can ease bone pain." in english_part.text


def test_a_heading_id_that_differs_from_english_fails(mini_translated_project):
    project = mini_translated_project
    spanish = project / "docs/es/index.md"
    spanish.write_text(spanish.read_text().replace("{#a-section}", "{#una-seccion}"))
    problems = translations.structure_problems(spanish)
    assert len(problems) == 1 and "heading ids differ" in problems[0]
    assert "missing ['a-section'] extra ['una-seccion']" in problems[0]
    result = mkdocs_build(project, project / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert "docs/es/index.md:1: heading ids differ from docs/en/index.md" in result.stderr


def test_stamp_records_the_english_version(mini_translated_project):
    spanish = mini_translated_project / "docs/es/index.md"
    text = spanish.read_text()
    assert 'english_sha256: "0000000000000000"' in TRANSLATED_PAGE
    assert 'english_sha256: "0000000000000000"' not in text
    assert translations.status_of(mini_translated_project / "docs/en/index.md", "es").state == "up to date"
