"""The per-language text shared by every page, kept in includes/<lang>/.

- strings.yml: the interface strings our templates add to Material's own
- glossary.yml: the glossary terms (hover definitions and the glossary page)
- <name>.md: shared boxes, such as urgent-warning.md, placed by a `<!-- name -->` line
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from scripts.pages import ROOT

INCLUDES = ROOT / "includes"


@lru_cache(maxsize=None)
def strings(language: str) -> dict:
    return yaml.safe_load((INCLUDES / language / "strings.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def glossary(language: str) -> tuple[dict, ...]:
    path = INCLUDES / language / "glossary.yml"
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8"))) if path.exists() else ()


def include(language: str, name: str) -> Path:
    return INCLUDES / language / f"{name}.md"
