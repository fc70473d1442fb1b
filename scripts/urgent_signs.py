"""Warning signs are never explained away: every section that names one reaches the urgent box.

A section (the text under one heading, down to the next heading of any level; the text before the
first heading is a section too) that uses a trigger word of its language
(includes/<lang>/urgent-triggers.yml: pain worse on coughing or straining, pain at night, shooting
or band-like pain, weakness or numbness, bladder or bowel trouble, back or neck pain, or a request
to watch or log pain) must hold the box (`<!-- urgent-warning -->`) or link to it
(`#urgent-warning`). A page that links to its own box must carry it. Glossary definitions are
sections of the glossary page: the build follows each one that names a sign with a pointer to the
glossary page's box (overrides/hooks/page_markdown.py), so the glossary page must carry the box.

    python -m scripts.urgent_signs            # every language: figures, then file:line problems
    python -m scripts.urgent_signs es fr      # some languages
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from scripts.pages import DEFAULT_LANGUAGE, DOCS, FRONT_MATTER, display, parse_yaml
from scripts.site_text import INCLUDE_LINE, INCLUDES, glossary
from scripts.translations import languages

BOX = "urgent-warning"
def holds_box(text: str) -> bool:
    """Whether a text places the urgent box (`<!-- urgent-warning -->`, compact or not)."""
    return any(name == BOX for name, _variant in INCLUDE_LINE.findall(text))

POINTER = re.compile(rf"\]\([^)\s]*#{BOX}\)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*(?:\{#([\w-]+)\})?[ \t]*$")
# What a reader never sees as words: link targets, heading ids, citations, comments, HTML tags.
NOT_WORDS = re.compile(r"\]\([^)]*\)|\{[#:][^}]*\}|\[@[\w-]+\]|<!--.*?-->|<[^>]+>", re.S)
TRIGGERS = "urgent-triggers.yml"
GLOSSARY_PAGE = "glossary.md"


@lru_cache(maxsize=None)
def triggers(language: str) -> dict[str, re.Pattern]:
    path = INCLUDES / language / TRIGGERS
    data = parse_yaml(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {name: re.compile(pattern, re.I) for name, pattern in (data or {}).items()}


@dataclass
class Section:
    path: Path
    line: int
    id: str                      # heading id; "" for the text before the first heading
    text: str
    triggered: list[tuple[str, str]] = field(default_factory=list)   # (kind, word)
    has_box: bool = False
    has_pointer: bool = False

    @property
    def reaches_box(self) -> bool:
        return self.has_box or self.has_pointer


def sections(path: Path, text: str | None = None) -> list[Section]:
    """A page's sections, each with the line it starts on."""
    text = path.read_text(encoding="utf-8") if text is None else text
    front = FRONT_MATTER.match(text)
    offset = text[:front.end()].count("\n") if front else 0
    body = text[front.end():] if front else text
    # The key points ("In short") stand before the text, so they read as part of its opening.
    points = (parse_yaml(front.group(1)) or {}).get("in_short") if front else None
    found = [Section(path, offset + 1, "", "".join(f"{point}\n" for point in points or []))]
    in_fence = False
    for number, line in enumerate(body.split("\n"), offset + 1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:  # code is not read as words, nor as a box line
            continue
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) >= 2:
            found.append(Section(path, number, heading.group(3) or "", ""))
            continue
        found[-1].text += line + "\n"
    return found


def check_section(section: Section, language: str) -> Section:
    words = NOT_WORDS.sub(" ", section.text)
    section.triggered = [(kind, match.group(0)) for kind, pattern in triggers(language).items()
                         for match in [pattern.search(words)] if match]
    section.has_box = holds_box(section.text)
    section.has_pointer = bool(POINTER.search(section.text))
    return section


def page_sections(path: Path, language: str) -> list[Section]:
    return [check_section(s, language) for s in sections(path)]


def names_a_sign(definition: str, language: str) -> bool:
    """Whether a glossary definition uses a trigger word (the build then points to the box)."""
    return bool(check_section(Section(Path(), 0, "", definition), language).triggered)


@dataclass
class Report:
    language: str
    pages: int = 0
    sections: int = 0
    triggered: int = 0
    with_box: int = 0
    with_pointer: int = 0
    glossary_terms: int = 0
    problems: list[str] = field(default_factory=list)

    def figures(self) -> str:
        return (f"{self.language}: {self.pages} pages, {self.sections} sections; {self.triggered} name a "
                f"sign or ask to log pain: {self.with_box} hold the box, {self.with_pointer} point to it; "
                f"{self.glossary_terms} glossary definitions name a sign; {len(self.problems)} problems")


def check_page(path: Path, language: str, report: Report, english: list[Section] | None) -> None:
    found = page_sections(path, language)
    page_has_box = any(s.has_box for s in found)
    report.pages += 1
    report.sections += len(found)
    for section in found:
        if section.triggered:
            report.triggered += 1
            report.with_box += section.has_box
            report.with_pointer += section.has_pointer and not section.has_box
        if section.triggered and not section.reaches_box:
            kind, word = section.triggered[0]
            report.problems.append(
                f"{display(path)}:{section.line}: section '{section.id or '(top of page)'}' uses "
                f"'{word}' ({kind}) but does not reach the urgent box. Fix: add a short pointer "
                f"with a link to #{BOX} in this section, or put the `<!-- {BOX} -->` line in it")
        if section.has_pointer and not page_has_box and POINTER.search(section.text).group(0).startswith("](#"):
            report.problems.append(
                f"{display(path)}:{section.line}: section '{section.id or '(top of page)'}' points to "
                f"#{BOX}, but the page has no box. Fix: put the `<!-- {BOX} -->` line near the top "
                f"and add nice-ng234 to the page's sources")
    if english is not None:
        mine = {s.id for s in found if s.triggered}
        for section in english:
            if section.triggered and section.id not in mine:
                report.problems.append(
                    f"{display(path)}:{next((s.line for s in found if s.id == section.id), 1)}: "
                    f"section '{section.id or '(top of page)'}' names a sign in English "
                    f"('{section.triggered[0][1]}') but no word of includes/{language}/{TRIGGERS} "
                    f"matches it here. Fix: add this language's word for '{section.triggered[0][0]}' "
                    f"to includes/{language}/{TRIGGERS}")


def check_language(language: str, docs: Path = DOCS) -> Report:
    report = Report(language)
    if not triggers(language):
        report.problems.append(f"includes/{language}/{TRIGGERS}: missing or empty. Fix: translate "
                               f"includes/{DEFAULT_LANGUAGE}/{TRIGGERS}, one pattern per key")
        return report
    missing = set(triggers(DEFAULT_LANGUAGE)) - set(triggers(language))
    if missing:
        report.problems.append(f"includes/{language}/{TRIGGERS}: no pattern for {', '.join(sorted(missing))}. "
                               f"Fix: add them (same keys as includes/{DEFAULT_LANGUAGE}/{TRIGGERS})")
    for path in sorted((docs / language).rglob("*.md")):
        english = None
        if language != DEFAULT_LANGUAGE:
            english_path = docs / DEFAULT_LANGUAGE / path.relative_to(docs / language)
            english = page_sections(english_path, DEFAULT_LANGUAGE) if english_path.exists() else None
        check_page(path, language, report, english)
    report.glossary_terms = sum(names_a_sign(t["definition"], language) for t in glossary(language))
    glossary_page = docs / language / GLOSSARY_PAGE
    if report.glossary_terms and glossary_page.exists() and not holds_box(glossary_page.read_text(encoding="utf-8")):
        report.problems.append(f"{display(glossary_page)}:1: {report.glossary_terms} glossary definitions name a "
                               f"sign, but the glossary page has no urgent box. Fix: add the "
                               f"`<!-- {BOX} -->` line near its top")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*", help="language codes (default: every language built)")
    args = parser.parse_args(argv)
    reports = [check_language(language) for language in (args.languages or languages())]
    for report in reports:
        print(report.figures())
    problems = [p for report in reports for p in report.problems]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
