"""Page metadata at build time.

Stops the build, with file:line and the fix, when a page's front matter breaks
data/page.schema.json, names a source missing from data/sources.yml, or has a heading without an
explicit id, or when a glossary breaks data/glossary.schema.json. Gives the templates the sources registry, the interface strings of the language
being built, and localized dates.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from babel.dates import format_date, format_skeleton
from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import languages, pages, site_text  # noqa: E402

registry: dict = {}


def on_config(config):
    # The i18n plugin runs this once per language: read and check each file once per change.
    if not fresh(pages.REGISTRY):
        doc, problems = pages.load_registry()
        if problems:
            raise PluginError("The sources registry is invalid:\n" + "\n".join(map(str, problems)))
        today = dt.date.today()
        old = {source_id for source_id, _, _ in pages.old_sources(doc.data, today)}
        registry.clear()
        for source_id, entry in doc.data.items():
            registry[source_id] = dict(entry, id=source_id, old=source_id in old)
        passed(pages.REGISTRY)
    for path in sorted(site_text.INCLUDES.glob("*/glossary.yml")):
        if not fresh(path):
            problems = pages.glossary_problems(path)
            if problems:
                raise PluginError("A glossary is invalid:\n" + "\n".join(map(str, problems)))
            passed(path)
    return config


checked: dict[str, float] = {}  # file -> modification time when it last passed the checks


def fresh(path: Path) -> bool:
    return checked.get(str(path)) == path.stat().st_mtime


def passed(path: Path) -> None:
    checked[str(path)] = path.stat().st_mtime


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates, kept for the whole run.

    The i18n plugin builds each language with a fresh Jinja environment, which would compile
    every template again for each language; this keeps one compiled copy (Jinja still checks that
    the template's source is unchanged).
    """

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


bytecode_cache = MemoryBytecodeCache()


def on_files(files, config):
    # Each language's build sees every page of every language: check each page once per change.
    problems = []
    for file in files.documentation_pages():
        path = Path(file.abs_src_path)
        if fresh(path):
            continue
        found = pages.page_problems(path, registry)
        problems += found
        if not found:
            passed(path)
    if problems:
        raise PluginError("Page metadata is invalid:\n" + "\n".join(map(str, problems)))
    return files


def localized_date(value, language: str) -> str:
    """A date as readers of the language write it; partial source dates stay partial."""
    text = str(value)
    if text == pages.UNDATED:
        return site_text.strings(language)["undated"]
    parts = text.split("-")
    if len(parts) == 1:
        return text
    day = pages.parse_date(text)
    locale = languages.babel_locale(language)
    # A skeleton, not the pattern "LLLL y": babel caches that pattern's month names from the first
    # locale it formats, so a later language would print Chinese months ("十一月 2026").
    return format_date(day, "long", locale=locale) if len(parts) == 3 else format_skeleton("yMMMM", day, locale=locale)


def full_stop(text: str) -> str:
    """A sentence's closing full stop, unless the text already ends a sentence: a Russian date ends
    with the abbreviation "г.", which takes the place of the full stop."""
    return text if text.endswith((".", "?", "!")) else text + "."


def on_env(env, config, files):
    env.bytecode_cache = bytecode_cache
    language = site_text.build_language(config)
    env.globals["source_registry"] = registry
    env.globals["site_strings"] = site_text.strings(language)
    env.filters["localized_date"] = lambda value: localized_date(value, language)
    env.filters["full_stop"] = full_stop
    # "Nov 22, 2026": the compact line under the title; the full dates are in "About this page".
    env.filters["short_date"] = lambda value: format_date(pages.parse_date(str(value)), "medium", locale=languages.babel_locale(language))
    return env
