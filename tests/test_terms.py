"""Each translation uses the words patients use, the same on every page: includes/<lang>/terms.yml
lists the chosen term for each English one and the words to avoid, and no page or shared file of
that language may use an avoided word."""
from __future__ import annotations

import re

import pytest
import yaml

from scripts.pages import DEFAULT_LANGUAGE, ROOT
from scripts.site_text import INCLUDES, WORD_EDGE
from scripts.translations import languages

TRANSLATED = [language for language in languages() if language != DEFAULT_LANGUAGE]


def term_list(language: str) -> list[dict]:
    path = INCLUDES / language / "terms.yml"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing. Fix: list the patient terms (CONTRIBUTING.md, Translating)"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def avoided_words(text: str, avoid: list[str]) -> list[tuple[int, str]]:
    """(line, word) for every avoided word in text, matched as a whole word, any case."""
    if not avoid:
        return []
    pattern = re.compile(f"(?<!{WORD_EDGE})(?:{'|'.join(map(re.escape, avoid))})(?!{WORD_EDGE})", re.I)
    return [(text.count("\n", 0, m.start()) + 1, m.group(0)) for m in pattern.finditer(text)]


@pytest.mark.parametrize("language", TRANSLATED)
def test_term_list_is_complete_and_well_formed(language):
    terms = term_list(language)
    assert len(terms) >= 15, f"{language}: only {len(terms)} terms"
    for term in terms:
        assert term.get("en") and term.get("use"), f"{language}: {term}"
        assert set(term) <= {"en", "use", "doctor", "avoid", "note"}, f"{language}: {term}"
    english = [t["en"] for t in terms]
    assert len(english) == len(set(english)), f"{language}: an English term is listed twice"


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_page_uses_a_word_the_term_list_avoids(language):
    avoid = [word for term in term_list(language) for word in term.get("avoid") or []]
    files = sorted((ROOT / "docs" / language).rglob("*.md")) + sorted(
        p for p in (INCLUDES / language).iterdir() if p.name not in ("terms.yml", "translation.yml"))
    found = [f"{path.relative_to(ROOT)}:{line}: '{word}'" for path in files
             for line, word in avoided_words(path.read_text(encoding="utf-8"), avoid)]
    assert not found, "Words patients do not use (see includes/<lang>/terms.yml):\n" + "\n".join(found)


def test_avoided_words_are_found_as_whole_words_in_any_script():
    assert avoided_words("Tome la medicina.\nUna medicinal.", ["medicina"]) == [(1, "medicina")]
    assert avoided_words("使用无线电波的治疗", ["无线电波"]) == [(1, "无线电波")]
    assert avoided_words("Medicina", ["medicina"]) == [(1, "Medicina")]
