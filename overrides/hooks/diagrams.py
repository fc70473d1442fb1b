"""Diagrams on pages (scripts/diagrams.py draws them).

A line `<!-- diagram <id> -->` becomes a figure: its caption with citations (checked like any
citation of the page, so a diagram cites only the page's sources), the drawing inline with its
labels in the page's language, a link to the same drawing as a file of its own (to enlarge it on a
small screen), and "the picture in words", a list with the same facts for readers who do not see
it. The drawing is inline so its labels are text in the page's fonts, on screen and in print.

A missing, outdated or too-long label fails the strict build with file:line.
"""
from __future__ import annotations

import html
import logging
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import diagrams, site_text, translations  # noqa: E402
from scripts.pages import DEFAULT_LANGUAGE  # noqa: E402

log = logging.getLogger("mkdocs.plugins.diagrams")
SLOT = re.compile(r'<div class="diagram__picture" data-diagram="([a-z0-9-]+)"></div>')


def page_language(page) -> str:
    return page.file.src_uri.split("/", 1)[0]


def figure(diagram_id: str, language: str) -> str:
    entry = diagrams.entry_of(diagram_id, language)
    text = site_text.strings(language)
    items = "\n".join(f"- {item}" for item in entry["words"])
    return (f'<figure class="diagram" id="diagram-{diagram_id}" markdown>\n'
            f'<figcaption markdown="span">{entry["caption"]}</figcaption>\n'
            f'<div class="diagram__picture" data-diagram="{diagram_id}"></div>\n'
            f'<details class="diagram__words info" markdown>\n'
            f'<summary>{html.escape(text["diagram_words"])}</summary>\n'
            f'<div id="diagram-{diagram_id}-words" markdown>\n\n{items}\n\n</div>\n</details>\n'
            f'<p class="diagram__larger"><a href="{diagram_id}.svg">{html.escape(text["diagram_larger"])}</a></p>\n'
            f'</figure>')


def on_page_markdown(markdown, page, config, files):
    language = page_language(page)
    known = diagrams.diagram_ids()

    def place(match):
        diagram_id = match.group(1)
        if diagram_id not in known:
            line = markdown[:match.start()].count("\n") + 1
            raise PluginError(f"docs/{page.file.src_uri}:{line}: there is no diagram '{diagram_id}'. "
                              f"Fix: use one of {', '.join(known)} (overrides/diagrams/)")
        return figure(diagram_id, language)

    return diagrams.MARKER.sub(place, markdown)


def section_href(page, files, language: str):
    """A label's target (a docs path from the language folder, with its anchor) as the address
    the page links to."""
    def href(target: str) -> str:
        path, _, anchor = target.partition("#")
        file = files.get_file_from_path(f"{language}/{path}")
        if file is None:
            raise PluginError(f"a diagram on docs/{page.file.src_uri} links to {target}, which is "
                              f"not a page of docs/{language}/. Fix: its data-href in overrides/diagrams/")
        if file.url == page.url:
            return f"#{anchor}"
        # Directory addresses: a page at treatments/ is the folder the browser resolves from.
        relative = posixpath.relpath(file.url or ".", page.url or ".")
        return relative.rstrip("/") + "/" + (f"#{anchor}" if anchor else "")
    return href


def on_page_content(html_text, page, config, files):
    language = page_language(page)
    drawn = {}

    def picture(match):
        diagram_id = match.group(1)
        drawn[diagram_id] = diagrams.draw(diagram_id, language, section_href(page, files, language))
        return f'<div class="diagram__picture" data-search-exclude>{drawn[diagram_id].svg}</div>'

    html_text = SLOT.sub(picture, html_text)
    page.drawn_diagrams = drawn
    return html_text


def on_post_page(output, page, config):
    # Each diagram also as a file beside the page, to open on its own and zoom.
    for diagram_id, drawn in (getattr(page, "drawn_diagrams", None) or {}).items():
        path = Path(page.file.abs_dest_path).parent / f"{diagram_id}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + drawn.standalone, encoding="utf-8")
    return output


def on_env(env, config, files):
    language = site_text.build_language(config)
    # A missing file is reported once, with the other shared files (overrides/hooks/translations.py).
    for problem in diagrams.problems(language) if diagrams.label_file(language).exists() else []:
        log.warning(problem)
    english = diagrams.label_file(DEFAULT_LANGUAGE)
    if language != DEFAULT_LANGUAGE and english.exists() and diagrams.label_file(language).exists():
        if translations.status_of(english, language).state == translations.OUTDATED:
            where = diagrams.label_file(language).relative_to(ROOT)
            log.warning(f"{where}:1: is outdated: {english.relative_to(ROOT)} changed after it was "
                        "translated. Fix: update the labels, then run "
                        f"python -m scripts.translations stamp {where}")
    return env
