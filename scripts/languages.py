"""The site's languages: which ones it builds (mkdocs.yml's i18n list, English first) and what
differs between them (data/languages.yml). Code asks here instead of naming a language.

    python -m scripts.languages            # each language and its rules
    python -m scripts.languages packages   # the Debian font packages the languages need
"""
from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data" / "languages.yml"
DEFAULT_LANGUAGE = "en"
DESCRIPTION = (50, 160)  # characters, where a language's entry gives no `description`
LIST_SEPARATOR = ", "


def codes(config_path: Path = ROOT / "mkdocs.yml") -> tuple[str, ...]:
    """The languages mkdocs.yml builds, English first."""
    text = config_path.read_text(encoding="utf-8")
    found = re.findall(r"^\s*- locale: ([a-z]{2}(?:-[A-Za-z]+)?)\s*$", text, re.M)
    return (DEFAULT_LANGUAGE, *[code for code in found if code != DEFAULT_LANGUAGE])


@functools.cache
def registry(path: Path = REGISTRY) -> dict[str, dict]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def rules(language: str) -> dict:
    """A language's entry in data/languages.yml."""
    try:
        return registry()[language]
    except KeyError:
        raise KeyError(f"data/languages.yml has no entry for '{language}'. Fix: add one "
                       f"(copy the entry of a language with the same script and direction)") from None


def direction(language: str) -> str:
    return rules(language).get("direction", "ltr")


def right_to_left(language: str) -> bool:
    return direction(language) == "rtl"


def font(language: str) -> dict:
    """The language's own print font (data/languages.yml `font`), or {} where the default serves."""
    return rules(language).get("font") or {}


def search(language: str) -> dict:
    return rules(language)["search"]


def description_limits(language: str) -> tuple[int, int]:
    limits = rules(language).get("description")
    return (limits["min"], limits["max"]) if limits else DESCRIPTION


def list_separator(language: str) -> str:
    return rules(language).get("list_separator", LIST_SEPARATOR)


def babel_locale(language: str) -> str:
    """The locale Babel knows the language by: pt-BR is pt_BR, zh-Hant is zh_Hant."""
    return language.replace("-", "_")


def line_characters(language: str) -> int:
    """The longest comfortable line (WCAG 1.4.8): 80 characters, 40 where the language is written
    in CJK characters (data/languages.yml `line_characters`)."""
    return rules(language).get("line_characters", 80)


def prefix(language: str) -> str:
    """The language's folder in the built site: "" for English, "es/" for Spanish."""
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def font_packages() -> list[str]:
    return sorted({font(code)["package"] for code in codes() if font(code).get("package")})


def problems() -> list[str]:
    """Languages built without an entry, and entries missing what every language needs."""
    found = [f"data/languages.yml has no entry for '{code}', which mkdocs.yml builds. Fix: add one"
             for code in codes() if code not in registry()]
    for code, entry in registry().items():
        for key in ("direction", "search", "readability"):
            if key not in (entry or {}):
                found.append(f"data/languages.yml: '{code}' has no '{key}'. Fix: add it (see the file's header)")
    return found


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args == ["packages"]:
        print(" ".join(font_packages()))
        return 0
    for line in problems():
        print(line, file=sys.stderr)
    for code in codes():
        print(code, rules(code))
    return 1 if problems() else 0


if __name__ == "__main__":
    sys.exit(main())
