"""The page head: an article's key points ("In short") and a compact review date.

The key points live in the front matter (`in_short`, checked by data/page.schema.json: 2 to 4
plain sentences, no markup). Their `[@source-id]` citations become numbered links like those of
the text (scripts/citations.py); one naming a source the page does not list stops the build with
file:line. overrides/partials/page-head.html shows them under the title.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from babel.dates import format_date
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import citations, pages, site_text  # noqa: E402


def front_matter_line(path: Path, text: str) -> int:
    """The line of the front matter where `text` stands (1 if it cannot be found)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    return 1


def in_short(page, language: str) -> list[str]:
    """The key points as HTML: escaped text, citations as numbered links."""
    sources = list(page.meta.get("sources") or [])
    label = site_text.strings(language)["source_number"]
    path = Path(page.file.abs_src_path)
    points, problems = [], []
    for point in page.meta.get("in_short") or []:
        point_html, unknown = citations.link_citations(html.escape(str(point), quote=False), sources, label)
        points.append(point_html)
        problems += [f"{pages.display(path)}:{front_matter_line(path, f'[@{s}]')}: in_short cites "
                     f"[@{s}], a source the page does not list. Fix: add '{s}' to its sources, or "
                     f"cite one of: {', '.join(sources)}" for s in unknown]
    if problems:
        raise PluginError("Key points are invalid:\n" + "\n".join(problems))
    return points


def on_page_markdown(markdown, page, config, files):
    page.in_short = in_short(page, site_text.build_language(config))
    return markdown


def on_env(env, config, files):
    language = site_text.build_language(config)
    # "22 Nov 2026": the compact line under the title; the full dates are in "About this page".
    env.filters["short_date"] = lambda value: format_date(pages.parse_date(str(value)), "medium", locale=language)
    return env
