"""The `[@source-id]` citations of our pages and shared text, as numbered links to the page's
source list. One definition for the page text (overrides/hooks/page_markdown.py) and for the key
points in the front matter (overrides/hooks/page_head.py), so a citation looks and reads the same
wherever a fact is."""
from __future__ import annotations

import html
import re
from pathlib import Path

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


def line_of(token: str, paths: list[Path]) -> tuple[Path, int] | None:
    """The first file and line where `token` (a citation as written, `[@id]`) stands."""
    for path in paths:
        if path.exists():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if token in line:
                    return path, number
    return None
