"""The change record (data/changes.yml) at build time: what changed, shown where partners look.

- The record must be valid (scripts/changes.py): otherwise the build stops with
  data/changes.yml:LINE and the fix. An entry naming a page a language lacks fails the strict
  build of a site that publishes the record (one with a changes.md page).
- Each page gets `last_change`, its newest entry in the language being built, which
  overrides/partials/page-about.html shows in "About this page".
- The line `<!-- changes -->` on the changes page becomes the feed link and the table of that
  language's entries, newest first.
- After the i18n plugin has built every language, each language that has a changes page gets its
  Atom feed: /changes.xml for English, /<lang>/changes.xml for the others, where
  overrides/main.html points feed readers.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import changes, site_text  # noqa: E402

log = logging.getLogger("mkdocs.hooks.changes")
record: list[changes.Entry] = []
record_doc: list = []  # the parsed file, for the line numbers of its problems
site_names: dict[str, str] = {}  # language -> its site name, as its build set it
# What each language's build adds to this module, for overrides/hooks/parallel_languages.py.
PER_LANGUAGE = ("site_names",)


def on_config(config):
    # The i18n plugin runs the whole build, this event included, once per language: the record
    # is read again each time, which also picks up edits under `mkdocs serve`.
    doc, problems = changes.load()
    if problems:
        raise PluginError("The change record is invalid:\n" + "\n".join(map(str, problems)))
    record_doc[:] = [doc]
    record[:] = changes.entries_of(doc)
    changes.page_title.cache_clear()  # titles may have been edited since the last build
    return config


def on_files(files, config):
    # Not at on_config: the i18n plugin sets the language (and its site name) in its own
    # on_config, which runs after this hook's.
    language = site_text.build_language(config)
    site_names[language] = config.site_name
    docs = Path(config.docs_dir)
    if (docs / language / changes.CHANGES_PAGE).is_file():
        for problem in changes.missing_page_problems(record_doc[0], docs, only=[language]):
            log.warning(str(problem))
    return files


def page_path(page) -> str:
    """The page's path inside its language folder: treatments/pain-medicines.md."""
    return page.file.src_uri.split("/", 1)[1] if "/" in page.file.src_uri else page.file.src_uri


def on_page_markdown(markdown, page, config, files):
    if changes.MARKER not in markdown:
        return markdown
    language = site_text.build_language(config)
    # The feed sits at the language's root, beside the changes page's folder (or file).
    feed_href = ("../" if config.use_directory_urls else "") + changes.FEED
    return markdown.replace(changes.MARKER, changes.table(
        record, language, site_text.strings(language), config.site_name,
        docs=Path(config.docs_dir), feed_href=feed_href))


def on_page_context(context, page, config, nav):
    entry = changes.last_change(record, site_text.build_language(config), page_path(page))
    context["last_change"] = None if entry is None else {
        "date": entry.date, "summary": entry.summary[site_text.build_language(config)],
        "id": entry.id}
    return context


def languages_built(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [site_text.build_language(config)]
    return [language.locale for language in i18n.config.languages if language.build]


@event_priority(-200)  # after the i18n plugin (-100), which builds the other languages last
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:  # one language of the i18n loop; others still to come
        return
    site, docs = Path(config.site_dir), Path(config.docs_dir)
    for language in languages_built(config):
        # A language publishes its record where readers can find it: with a changes page.
        if not (docs / language / changes.CHANGES_PAGE).is_file():
            continue
        path = site / changes.feed_url(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(changes.feed_xml(
            record, language, config.site_url or "/", site_names.get(language, config.site_name),
            docs=docs, directory_urls=config.use_directory_urls), encoding="utf-8")
    site_names.clear()
