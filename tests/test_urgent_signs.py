"""Warning signs are never explained away (scripts/urgent_signs.py), and the urgent box gives
each language's emergency numbers from one registry (data/emergency-numbers.yml)."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from scripts import site_text, urgent_signs
from scripts.translations import languages
from tests.conftest import record

LANGUAGES = languages()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_that_names_a_sign_reaches_the_urgent_box(language):
    report = urgent_signs.check_language(language)
    record(f"urgent signs: {report.figures()}")
    assert not report.problems, "\n".join(report.problems)
    assert report.triggered >= 15, f"{language}: the trigger list finds almost nothing; is it too weak?"


def page(tmp_path, body: str, name: str = "page.md"):
    path = tmp_path / "docs" / "en" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: T\n---\n" + body, encoding="utf-8")
    return tmp_path / "docs"


def test_a_section_naming_a_sign_without_box_or_pointer_fails_with_its_line(tmp_path):
    docs = page(tmp_path, "Intro.\n\n## Night {#night}\n\nIt often hurts more at night.\n")
    problems = urgent_signs.check_language("en", docs).problems
    assert len(problems) == 1
    assert re.match(r".*page\.md:6: section 'night' uses 'night' \(pain-at-night\)", problems[0])


@pytest.mark.parametrize("body", [
    "<!-- urgent-warning -->\n\n## Night {#night}\n\nWorse at night. See [the signs](#urgent-warning).\n",
    "## Night {#night}\n\n<!-- urgent-warning -->\n\nWorse at night.\n",
])
def test_the_box_or_a_pointer_in_the_section_passes(tmp_path, body):
    assert urgent_signs.check_language("en", page(tmp_path, body)).problems == []


def test_a_pointer_only_counts_for_its_own_section(tmp_path):
    docs = page(tmp_path, "<!-- urgent-warning -->\n\n## A {#a}\n\nSee [signs](#urgent-warning).\n\n"
                          "## B {#b}\n\nA weak arm is a sign.\n")
    problems = urgent_signs.check_language("en", docs).problems
    assert len(problems) == 1 and "section 'b'" in problems[0]


def test_a_pointer_to_a_box_the_page_lacks_fails(tmp_path):
    docs = page(tmp_path, "## A {#a}\n\nPain at night: see [signs](#urgent-warning).\n")
    problems = urgent_signs.check_language("en", docs).problems
    assert len(problems) == 1 and "the page has no box" in problems[0]


def test_words_in_link_targets_and_code_do_not_trigger(tmp_path):
    docs = page(tmp_path, "See [this page](../night-pain.md#back-pain) {#x}\n\n"
                          "```text\nnight\n```\n")
    report = urgent_signs.check_language("en", docs)
    assert report.problems == [] and report.triggered == 0


def test_a_translation_whose_list_misses_an_english_sign_fails(tmp_path, monkeypatch):
    docs = page(tmp_path, "## Night {#night}\n\n<!-- urgent-warning -->\n\nWorse at night.\n")
    spanish = docs / "es" / "page.md"
    spanish.parent.mkdir()
    spanish.write_text("---\ntitle: T\n---\n## Noche {#night}\n\n<!-- urgent-warning -->\n\nPeor de noche.\n",
                       encoding="utf-8")
    english = urgent_signs.triggers("en")
    weak = {name: re.compile("nothing-matches-this") for name in english}
    monkeypatch.setattr(urgent_signs, "triggers", lambda language: weak if language == "es" else english)
    problems = urgent_signs.check_language("es", docs).problems
    assert len(problems) == 1 and "names a sign in English ('night')" in problems[0]


def test_glossary_definitions_that_name_a_sign_point_to_the_box(built_site):
    site, _ = built_site
    for language in LANGUAGES:
        prefix = "" if language == "en" else f"{language}/"
        soup = BeautifulSoup((site / prefix / "glossary/index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one("#urgent-warning .care-card--immediate"), language
        for term in site_text.glossary(language):
            heading = soup.find(id=term["id"])
            following = heading.find_next_sibling(lambda tag: tag.name == "h2" or
                                                  bool(tag.select_one('a[href="#urgent-warning"]')))
            points = following is not None and following.name != "h2"
            assert points == urgent_signs.names_a_sign(term["definition"], language), (language, term["id"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_urgent_box_shows_the_languages_emergency_numbers(built_site, language):
    site, _ = built_site
    prefix = "" if language == "en" else f"{language}/"
    box = BeautifulSoup((site / prefix / "index.html").read_text(encoding="utf-8"),
                        "html.parser").select_one("#urgent-warning")
    text = box.get_text(" ")
    assert site_text.EMERGENCY_NUMBERS_LINE not in text
    numbers = site_text.emergency_numbers(language)
    for entry in numbers:
        assert entry["place"] in text and entry["number"] in text, (language, entry)
    if not numbers:  # no list: the box must still say to call the local emergency number
        assert not re.search(r"\b\d{3}\b", text), f"{language}: a number outside the registry"


def test_emergency_numbers_serve_each_languages_readers():
    places = {language: " ".join(e["place"] for e in site_text.emergency_numbers(language))
              for language in LANGUAGES}
    assert "Canada" in places["fr"] and "France" in places["fr"]
    assert all(place in places["es"] for place in ("España", "México", "Estados Unidos"))
    assert "US" in places["en"]
    assert site_text.emergency_numbers("ar") == []


def test_no_page_or_shared_file_writes_an_emergency_number_itself():
    """The numbers live in data/emergency-numbers.yml only, so one edit changes every page."""
    numbers = {number for language in LANGUAGES for n in site_text.emergency_numbers(language)
               for number in re.findall(r"\b\d{3}\b", n["number"])}   # 911, 112, 120: not "15"
    assert {"911", "112"} <= numbers
    pattern = re.compile(r"(?<![\d.:/-])(" + "|".join(map(re.escape, sorted(numbers))) + r")(?![\d.:/%-])")
    offenders = []
    for language in LANGUAGES:
        shared = sorted((site_text.INCLUDES / language).glob("*.md"))
        for path in shared + sorted((site_text.ROOT / "docs" / language).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []
