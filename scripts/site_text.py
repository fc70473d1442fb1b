"""The per-language text shared by every page, kept in includes/<lang>/.

- strings.yml: the interface strings our templates add to Material's own
- glossary.yml: the glossary terms (hover definitions and the glossary page)
- <name>.md: shared boxes, such as urgent-warning.md, placed by a `<!-- name -->` line

and data/emergency-numbers.yml, the emergency numbers each language's urgent box shows.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path


from scripts import languages
from scripts.pages import DEFAULT_LANGUAGE, ROOT, parse_yaml

INCLUDES = ROOT / "includes"
EMERGENCY_NUMBERS = ROOT / "data" / "emergency-numbers.yml"
# A letter or digit of a script that separates its words with spaces: a whole word must not touch
# one. Chinese writes no spaces, so a Chinese term is found inside a sentence.
WORD_EDGE = r"[^\W\u3400-\u9fff\uf900-\ufaff]"
# A line that places a shared box: `<!-- name -->`, or `<!-- name compact -->` for its short form,
# whose details are one tap away (the home page keeps its routes on the first screen that way).
INCLUDE_LINE = re.compile(r"^[ \t]*<!-- ([a-z0-9-]+)(?: (compact))? -->[ \t]*$", re.M)
# The line of an include that the language's emergency numbers replace.
EMERGENCY_NUMBERS_LINE = "{emergency-numbers}"


@lru_cache(maxsize=None)
def _own_strings(language: str) -> dict:
    path = INCLUDES / language / "strings.yml"
    return (parse_yaml(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def strings(language: str) -> dict:
    """A language's strings; any it lacks are English (missing_strings() reports them)."""
    return {**_own_strings(DEFAULT_LANGUAGE), **_own_strings(language)}


def missing_strings(language: str) -> list[str]:
    path = INCLUDES / language / "strings.yml"
    missing = sorted(set(_own_strings(DEFAULT_LANGUAGE)) - set(_own_strings(language)))
    if not missing:
        return []
    return [f"{path.relative_to(ROOT)}: no translation of {', '.join(missing)}; readers see the "
            f"English. Fix: translate them from includes/{DEFAULT_LANGUAGE}/strings.yml"]


@lru_cache(maxsize=None)
def glossary(language: str) -> tuple[dict, ...]:
    path = INCLUDES / language / "glossary.yml"
    return tuple(parse_yaml(path.read_text(encoding="utf-8"))) if path.exists() else ()


def missing_includes(language: str) -> list[str]:
    """Shared files English has and the language lacks (the build warns; readers see English)."""
    return [f"includes/{language}/{path.name} is missing; readers see the English. Fix: translate "
            f"includes/{DEFAULT_LANGUAGE}/{path.name} (see CONTRIBUTING.md, Translating)"
            for path in sorted((INCLUDES / DEFAULT_LANGUAGE).iterdir())
            if path.suffix in (".md", ".yml") and path.name != "translation.yml"
            and not (INCLUDES / language / path.name).exists()]


def direction(language: str) -> str:
    """ltr or rtl (data/languages.yml)."""
    return languages.direction(language)


def build_language(config) -> str:
    """The language MkDocs is building: mkdocs-static-i18n sets theme.language for each one."""
    return config.theme.get("language") or DEFAULT_LANGUAGE


def include(language: str, name: str) -> Path:
    """A shared box in the language, or in English while it has no translation."""
    path = INCLUDES / language / f"{name}.md"
    english = INCLUDES / DEFAULT_LANGUAGE / f"{name}.md"
    return path if path.exists() or not english.exists() else english


@lru_cache(maxsize=None)
def _emergency_registry() -> dict:
    return parse_yaml(EMERGENCY_NUMBERS.read_text(encoding="utf-8")) or {}


def emergency_numbers(language: str) -> list[dict]:
    """The places and numbers a language's urgent box lists (none: "your local number" only)."""
    return list((_emergency_registry().get(language) or {}).get("numbers") or [])


def emergency_numbers_line(language: str) -> str:
    """The Markdown line of a language's emergency numbers, or "" where it lists none."""
    numbers = emergency_numbers(language)
    if not numbers:
        return ""
    entry = _emergency_registry()[language]
    item = entry.get("item", "{place}: {number}")
    return f"**{entry['label']}** " + " · ".join(
        item.format(place=n["place"], number=f"**{n['number']}**") for n in numbers)
