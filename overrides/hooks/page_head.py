"""The page head: an article's key points ("In short").

The key points live in the front matter (`in_short`, checked by data/page.schema.json: 2 to 4
plain sentences, no markup). Their `[@source-id]` citations become numbered links like those of
the text (scripts/citations.py); one naming a source the page does not list stops the build with
file:line. overrides/partials/page-head.html shows them under the title.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import citations, pages, site_text  # noqa: E402


def in_short(page, language: str) -> list[str]:
    """The key points as HTML: escaped text, citations as numbered links."""
    sources = list(page.meta.get("sources") or [])
    label = site_text.strings(language)["source_number"]
    path = Path(page.file.abs_src_path)
    points, problems = [], []
    for point in page.meta.get("in_short") or []:
        point_html, unknown = citations.link_citations(html.escape(str(point), quote=False), sources, label)
        points.append(point_html)
        for source_id in unknown:
            _, line = citations.line_of(f"[@{source_id}]", [path]) or (path, 1)
            problems.append(f"{pages.display(path)}:{line}: in_short cites [@{source_id}], a source the page "
                            f"does not list. Fix: add '{source_id}' to its sources, or cite one of: {', '.join(sources)}")
    if problems:
        raise PluginError("Key points are invalid:\n" + "\n".join(problems))
    return points


def on_page_markdown(markdown, page, config, files):
    page.in_short = in_short(page, site_text.build_language(config))
    return markdown

