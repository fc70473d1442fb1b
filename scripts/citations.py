"""The `[@source-id]` citations of our pages and shared text, as numbered links to the page's
source list. One definition for the page text (overrides/hooks/page_markdown.py) and for the key
points in the front matter (overrides/hooks/page_head.py), so a citation looks and reads the same
wherever a fact is."""
from __future__ import annotations

import html
import re

CITATION = re.compile(r"[ \t]*\[@([a-z0-9-]+)\]")


def citation_html(source_id: str, number: int, label: str) -> str:
    """A citation number; `label` ("Source {number}") names it for screen readers."""
    return (f'<sup class="citation"><a href="#source-{source_id}" '
            f'aria-label="{html.escape(label.format(number=number))}">[{number}]</a></sup>')


def link_citations(text: str, sources: list[str], label: str) -> tuple[str, list[str]]:
    """Text with each citation of a listed source made a numbered link, and the ids it cites that
    the page does not list (left as written, for the caller to report)."""
    unknown = []

    def cite(match):
        source_id = match.group(1)
        if source_id not in sources:
            unknown.append(source_id)
            return match.group(0)
        return citation_html(source_id, sources.index(source_id) + 1, label)

    return CITATION.sub(cite, text), list(dict.fromkeys(unknown))


def cited(text: str) -> list[str]:
    """The source ids a text cites, in order."""
    return CITATION.findall(text)
