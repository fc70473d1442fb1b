"""The public record of what changed in the content of the pages (data/changes.yml).

Partner organizations link to our pages for years; they need to know when a page they link to
says something new. Each entry of the record gives a date, the pages, the languages and one
sentence per language saying what changed. The build (overrides/hooks/changes.py) shows a
language's entries on its "What changed" page, writes them as an Atom feed (/changes.xml and
/<lang>/changes.xml), and shows each page's newest entry under its title. The tests use the same
functions, so "a valid record" is defined once.

    python -m scripts.changes check              # the record is valid and names pages that exist
    python -m scripts.changes feed es            # the Spanish Atom feed, as the build writes it
    python -m scripts.changes feed es --site-url https://example.org/guide/
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel.dates import format_date

from scripts import languages
from scripts.pages import (DATA, DEFAULT_LANGUAGE, DOCS, ROOT, Problem, YamlDoc, display,
                           load_schema, load_yaml, read_front_matter, schema_problems)
from scripts.translations import languages as site_languages

RECORD = DATA / "changes.yml"
SCHEMA = "changes.schema.json"
ALL = "all"
CHANGES_PAGE = "changes.md"
FEED = "changes.xml"
MARKER = "<!-- changes -->"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Feed and entry ids are tag: URIs (RFC 4151), not addresses: the site may move (SITE_URL), and a
# feed reader that saw an entry once must recognize it for ever. The tagging entity is the
# editors' name for this guide and the day the record started; never change either.
TAG_AUTHORITY = "bone-pain-and-cancer.example.org,2026-11-22"
# How a language joins page names in one table cell.


@dataclass(frozen=True)
class Entry:
    id: str
    date: str  # YYYY-MM-DD
    pages: tuple[str, ...] | str  # paths inside docs/<lang>/, or ALL
    languages: tuple[str, ...]  # "all" already expanded to the site's languages
    summary: dict
    line: int  # where the entry starts in data/changes.yml

    def concerns(self, language: str, page: str | None = None) -> bool:
        """Whether the entry changed this language (and this page of it, if given)."""
        if language not in self.languages:
            return False
        return page is None or self.pages == ALL or page in self.pages


def project_languages() -> list[str]:
    """The languages the project is written in: those mkdocs.yml builds, and any with interface
    strings in includes/<lang>/. A build of fewer languages (a preview, a test's small copy of
    the project) still checks the whole record, and "all" still means every language."""
    built = site_languages(ROOT / "mkdocs.yml")
    written = sorted(path.parent.name for path in (ROOT / "includes").glob("*/strings.yml"))
    return built + [code for code in written if code not in built]


def _codes(value, known: list[str]) -> tuple[str, ...]:
    return tuple(known) if value == ALL else tuple(value)


def record_problems(doc: YamlDoc, known: list[str], today: dt.date) -> list[Problem]:
    """What the schema cannot say: languages the project has, a summary in each, unique ids,
    newest first, no future dates."""
    found, seen_ids = [], {}
    names = ", ".join(known)
    previous = None  # (date, line) of the entry above
    for index, item in enumerate(doc.data):
        def at(*keys):
            return doc.line_of((index, *keys))
        entry_languages = _codes(item["languages"], known)
        if item["languages"] != ALL:
            for position, code in enumerate(item["languages"]):
                if code not in known:
                    found.append(Problem(doc.path, at("languages", position),
                                         f"entry '{item['id']}': the site has no language '{code}'",
                                         f"use one of {names}, or all"))
        for code in entry_languages:
            if code in known and code not in item["summary"]:
                found.append(Problem(doc.path, at("summary"),
                                     f"entry '{item['id']}' applies to '{code}' but has no summary in it",
                                     f"add '{code}: ...', one plain sentence in that language saying "
                                     "what changed (or remove the language from languages)"))
        for code in item["summary"]:
            # A summary in a language the site lacks is as much a typo as such a language.
            if code not in entry_languages:
                found.append(Problem(doc.path, at("summary", code),
                                     f"entry '{item['id']}' has a summary in '{code}' but does not apply to it",
                                     f"add '{code}' to languages, or remove this summary"))
        if item["id"] in seen_ids:
            found.append(Problem(doc.path, at("id"),
                                 f"id '{item['id']}' is used twice (first on line {seen_ids[item['id']]})",
                                 "give each entry its own id; never rename a published one"))
        else:
            seen_ids[item["id"]] = at("id")
        day = dt.date.fromisoformat(item["date"])
        if day > today:
            found.append(Problem(doc.path, at("date"), f"entry '{item['id']}': date {day} is in the future",
                                 "record a change on the day it is published"))
        if previous and day > previous[0]:
            found.append(Problem(doc.path, at("date"),
                                 f"entry '{item['id']}' ({day}) is newer than the entry above it "
                                 f"(line {previous[1]}, {previous[0]})",
                                 "keep the record newest first: move this entry up"))
        previous = (day, at("date"))
    return found


def load(path: Path = RECORD, known: list[str] | None = None,
         today: dt.date | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    """The record and everything wrong with it, each problem with file:line and the fix."""
    known = known or project_languages()
    doc, found = load_yaml(path.read_text(encoding="utf-8"), display(path))
    if doc is None:
        return None, found
    if doc.data == {}:  # an empty file: a record with no entries
        doc.data = []
    found = schema_problems(doc, load_schema(SCHEMA))
    if found:  # the checks below rely on the shape the schema guarantees
        return doc, found
    return doc, record_problems(doc, known, today or dt.date.today())


def entries_of(doc: YamlDoc, known: list[str] | None = None) -> list[Entry]:
    """The record's entries, newest first (as the file lists them)."""
    known = known or project_languages()
    return [Entry(id=item["id"], date=item["date"],
                  pages=ALL if item["pages"] == ALL else tuple(item["pages"]),
                  languages=_codes(item["languages"], known), summary=dict(item["summary"]),
                  line=doc.line_of((index,)))
            for index, item in enumerate(doc.data)]


def missing_page_problems(doc: YamlDoc, docs: Path = DOCS, only: list[str] | None = None,
                          known: list[str] | None = None) -> list[Problem]:
    """Pages an entry names that a language it applies to does not have (a typo, or a page that
    was renamed): their row would link nowhere and their readers would never see the change."""
    known = known or project_languages()
    found = []
    for index, item in enumerate(doc.data):
        if item["pages"] == ALL:
            continue
        for code in _codes(item["languages"], known):
            if only is not None and code not in only:
                continue
            for position, page in enumerate(item["pages"]):
                if not (docs / code / page).is_file():
                    found.append(Problem(doc.path, doc.line_of((index, "pages", position)),
                                         f"entry '{item['id']}' names {page}, and docs/{code}/{page} does not exist",
                                         "write the path inside docs/<lang>/ of an existing page, "
                                         "or remove the language from languages"))
    return found


def for_language(entries: list[Entry], language: str) -> list[Entry]:
    """A language's entries, newest first."""
    return [entry for entry in entries if entry.concerns(language)]


def last_change(entries: list[Entry], language: str, page: str) -> Entry | None:
    """The newest entry about a page (path inside docs/<lang>/) in a language."""
    # Newest first: the first that concerns the page. Same-day entries keep the file's order.
    return next((entry for entry in entries if entry.concerns(language, page)), None)


def page_url(page: str, language: str, directory_urls: bool = True) -> str:
    """The address of a page relative to the site root, as MkDocs and the i18n plugin build it."""
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    stem = page[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return prefix + stem[:-len("index")]
    return prefix + (stem + "/" if directory_urls else stem + ".html")


def feed_url(language: str) -> str:
    return ("" if language == DEFAULT_LANGUAGE else f"{language}/") + FEED


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


def one_line(text: str) -> str:
    """Text on one line: runs of spaces and line breaks become one space. A no-break space stays,
    as French typography puts one before a colon ("Ablation : …")."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


@lru_cache(maxsize=None)
def page_title(docs: Path, language: str, page: str) -> str:
    """A page's title in the language (its English title while it has no translation)."""
    for path in (docs / language / page, docs / DEFAULT_LANGUAGE / page):
        if path.is_file():
            doc, _ = read_front_matter(path)
            if doc and isinstance(doc.data, dict) and doc.data.get("title"):
                return str(doc.data["title"])
    return page


def localized_date(date: str, language: str) -> str:
    """A day as readers of the language write it (the format of page_meta.localized_date)."""
    return format_date(dt.date.fromisoformat(date), "long", locale=languages.babel_locale(language))


def table(entries: list[Entry], language: str, strings: dict, site_name: str, docs: Path = DOCS,
          feed_href: str = "../" + FEED) -> str:
    """The Markdown that replaces the changes page's marker: the feed link, then one row per
    entry of the language, newest first, each page linked by its title in the language.

    Links are to the .md files, relative to docs/<lang>/ where the changes page is, so MkDocs
    resolves them (and the strict build fails on a broken one) like any link an editor writes.
    """
    rows = [f'<p class="changes-feed"><a href="{html.escape(feed_href)}" type="application/atom+xml">'
            f'{html.escape(strings["changes_feed"])}</a></p>', "",
            f"| {strings['changes_date']} | {strings['changes_page']} | {strings['changes_what']} |",
            "|---|---|---|"]

    def cell(text: str) -> str:
        return html.escape(one_line(text), quote=False).replace("|", "\\|")

    for entry in for_language(entries, language):
        if entry.pages == ALL:
            # A change to every page: named by the site's name, linked to its home page.
            pages = f"[{cell(site_name)}](index.md)"
        else:
            pages = languages.list_separator(language).join(
                f"[{cell(page_title(docs, language, page))}]({page})" for page in entry.pages)
        when = f'<time datetime="{entry.date}">{localized_date(entry.date, language)}</time>'
        rows.append(f"| {when} | {pages} | {cell(entry.summary[language])} |")
    return "\n".join(rows) + "\n"


def _timestamp(date: str) -> str:
    # Entries carry a day; RFC 3339 needs a time. Midnight UTC keeps the feed the same on every
    # build, so feed readers see an entry as updated only when its day changes.
    return f"{date}T00:00:00Z"


def entry_id(entry: Entry, language: str) -> str:
    return f"tag:{TAG_AUTHORITY}:changes/{language}/{entry.id}"


def feed_xml(entries: list[Entry], language: str, site_url: str, site_name: str,
             docs: Path = DOCS, directory_urls: bool = True,
             today: dt.date | None = None) -> str:
    """The language's entries as an Atom 1.0 feed (RFC 4287), addresses absolute."""
    ET.register_namespace("", ATOM)

    def add(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    own = for_language(entries, language)
    changes_page = absolute(site_url, page_url(CHANGES_PAGE, language, directory_urls))
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    add(feed, "id", f"tag:{TAG_AUTHORITY}:changes/{language}")
    add(feed, "title", site_name)
    add(feed, "subtitle", page_title(docs, language, CHANGES_PAGE))
    # The newest entry's day: the feed changes only when the record does.
    add(feed, "updated", _timestamp(own[0].date if own else (today or dt.date.today()).isoformat()))
    add(add(feed, "author"), "name", site_name)
    add(feed, "link", rel="self", type="application/atom+xml",
        href=absolute(site_url, feed_url(language)))
    add(feed, "link", rel="alternate", type="text/html", hreflang=language, href=changes_page)
    for entry in own:
        item = add(feed, "entry")
        add(item, "id", entry_id(entry, language))
        if entry.pages == ALL:
            titles, urls = [site_name], [page_url("index.md", language, directory_urls)]
        else:
            titles = [page_title(docs, language, page) for page in entry.pages]
            urls = [page_url(page, language, directory_urls) for page in entry.pages]
        add(item, "title", languages.list_separator(language).join(titles))
        add(item, "updated", _timestamp(entry.date))
        # Atom allows one alternate link per type and language: the first page; the others are
        # related.
        for position, url in enumerate(urls):
            add(item, "link", rel="alternate" if position == 0 else "related", type="text/html",
                hreflang=language, href=absolute(site_url, url))
        add(item, "summary", one_line(entry.summary[language]))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: !ENV [NAME, default] gives the default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None))


def site_names(config_path: Path = ROOT / "mkdocs.yml") -> dict[str, str]:
    """Each language's site name, as the i18n plugin sets it (English: the top-level one)."""
    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    names = {}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages", []):
                names[language["locale"]] = language.get("site_name") or config["site_name"]
    return names or {DEFAULT_LANGUAGE: config["site_name"]}


def default_site_url(config_path: Path = ROOT / "mkdocs.yml") -> str:
    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return os.environ.get("SITE_URL") or config["site_url"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "feed"])
    parser.add_argument("language", nargs="?", help="for feed: a language code such as es")
    parser.add_argument("--site-url", help="the address the site is published at "
                                           "(default: SITE_URL, or site_url in mkdocs.yml)")
    args = parser.parse_args(argv)
    doc, problems = load()
    if doc is not None and not problems:
        problems = missing_page_problems(doc)
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    entries = entries_of(doc)
    if args.command == "check":
        for language in project_languages():
            print(f"{language}: {len(for_language(entries, language))} entries")
        print(f"{display(RECORD)}: valid, {len(entries)} entries")
        return 0
    names = site_names()
    if args.language not in names:
        parser.error(f"give a language the site builds: {', '.join(names)}")
    sys.stdout.write(feed_xml(entries, args.language, args.site_url or default_site_url(),
                              names[args.language]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
