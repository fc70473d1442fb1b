"""The site's own Markdown conventions, expanded before MkDocs renders a page.

- A line `<!-- name -->` where includes/<lang>/name.md exists is replaced by that file: shared
  boxes such as the urgent warning signs are written once per language. The box gets the id
  `name`, so a section elsewhere on the page can point to it (`[…](#urgent-warning)`), and its
  `{emergency-numbers}` line becomes the language's numbers from data/emergency-numbers.yml.
- `[@source-id]` becomes a numbered link to the page's source list; the id must be one of the
  page's `sources`, so a fact can never point at a source the page does not list.
- Glossary terms from includes/<lang>/glossary.yml get a hover definition (Markdown abbr) on
  every page; the line `<!-- glossary -->` is replaced by the full term list.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import site_text, urgent_signs  # noqa: E402
INCLUDE = re.compile(r"^<!-- ([a-z0-9-]+) -->$", re.M)
CITATION = re.compile(r"[ \t]*\[@([a-z0-9-]+)\]")
# A line of nothing but citations (after a list, say) becomes a small paragraph of its own.
CITATION_LINE = re.compile(r"^([ \t]*)((?:\[@[a-z0-9-]+\][ \t]*)+)$", re.M)
LIST_OR_TABLE = re.compile(r"^\s*([-*+]|\d+\.|\|)\s")
GLOSSARY_MARKER = "<!-- glossary -->"


class AnyScriptAbbrTreeprocessor(AbbrTreeprocessor):
    """Markdown's abbr, finding terms inside Chinese sentences too.

    Markdown's own needs a word boundary (\\b) on each side of a term, and Chinese writes no
    space between words, so 骨转移 inside 癌症骨转移会疼 would never get its definition. A term here
    only must not touch a letter or digit of a script that separates its words with spaces.
    """

    EDGE = site_text.WORD_EDGE

    def run(self, root):
        if not self.abbrs:
            return
        terms = "|".join(re.escape(term) for term in sorted(self.abbrs, key=len, reverse=True))
        self.RE = re.compile(f"(?<!{self.EDGE})(?:{terms})(?!{self.EDGE})")
        self.iter_element(root)


class AnyScriptAbbrExtension(AbbrExtension):
    def extendMarkdown(self, md):
        # MkDocs makes a Markdown instance per page with this one extension object: start each
        # page with no abbreviations, so one page's never leak into the next.
        self.reset()
        super().extendMarkdown(md)
        md.treeprocessors.register(AnyScriptAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def on_config(config):
    config.markdown_extensions = [
        AnyScriptAbbrExtension() if extension == "abbr" or isinstance(extension, AbbrExtension)
        else extension for extension in config.markdown_extensions]
    return config


def page_language(page) -> str:
    return page.file.src_uri.split("/", 1)[0]


def expand_includes(markdown: str, language: str) -> str:
    def include(match):
        name = match.group(1)
        path = site_text.include(language, name)
        if not path.exists():
            return match.group(0)
        box = with_emergency_numbers(path.read_text(encoding="utf-8").rstrip("\n"), language)
        return f'<div id="{name}" class="shared-box" markdown>\n\n{box}\n\n</div>'
    return INCLUDE.sub(include, markdown)


def with_emergency_numbers(text: str, language: str) -> str:
    """Put the language's emergency numbers on the `{emergency-numbers}` line; drop the line (and
    the blank line before it) where the language lists none."""
    numbers = site_text.emergency_numbers_line(language)
    kept = []
    for line in text.split("\n"):
        if line.strip() != site_text.EMERGENCY_NUMBERS_LINE:
            kept.append(line)
        elif numbers:
            kept.append(line[:len(line) - len(line.lstrip())] + numbers)
        elif kept and not kept[-1].strip():
            kept.pop()
    return "\n".join(kept)


def own_citation_paragraphs(markdown: str) -> str:
    """Mark a line of nothing but citations as a small paragraph of its own, where it is one: after
    a list or a table. After a line of running text it is the end of that paragraph, wrapped, and
    marking it would right-align the whole paragraph."""
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        before = lines[number - 1] if number else ""
        if CITATION_LINE.fullmatch(line) and (not before.strip() or LIST_OR_TABLE.match(before)):
            indent = line[:len(line) - len(line.lstrip())]
            lines[number] = f"{line}\n{indent}{{: .citations }}"
    return "\n".join(lines)


def link_citations(markdown: str, page, source_path: Path) -> str:
    sources = list(page.meta.get("sources") or [])
    label = site_text.strings(page_language(page))["source_number"]
    unknown = []

    def cite(match):
        source_id = match.group(1)
        if source_id not in sources:
            unknown.append(source_id)
            return match.group(0)
        number = sources.index(source_id) + 1
        return (f'<sup class="citation"><a href="#source-{source_id}" '
                f'aria-label="{html.escape(label.format(number=number))}">[{number}]</a></sup>')

    markdown = own_citation_paragraphs(markdown)
    markdown = CITATION.sub(cite, markdown)
    if unknown:
        raise PluginError("Citations are invalid:\n" + "\n".join(
            f"{where_cited(f'[@{s}]', source_path, page_language(page))}: citation [@{s}] names a "
            f"source the page does not list. Fix: add '{s}' to the sources of "
            f"{source_path.relative_to(ROOT)}, or cite one of: {', '.join(sources)}"
            for s in dict.fromkeys(unknown)))
    return markdown


def where_cited(token: str, page_path: Path, language: str) -> str:
    """file:line of a citation, in the page itself or in the shared text it includes."""
    text = page_path.read_text(encoding="utf-8")
    paths = [site_text.include(language, name) for name in INCLUDE.findall(text)]
    paths += [site_text.INCLUDES / language / "glossary.yml"] if GLOSSARY_MARKER in text else []
    for path in [page_path, *paths]:
        if not path.exists():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if token in line:
                return f"{path.relative_to(ROOT)}:{number}"
    return f"{page_path.relative_to(ROOT)}:1"


def glossary_list(terms, language: str) -> str:
    """The glossary page body: one section per term, with stable ids for deep links. A definition
    that names a warning sign is followed by a pointer to the page's urgent box.

    Terms keep the order of their file: each language's file is sorted in that language's own
    alphabetical order (accents, pinyin), which no simple sort here would reproduce.
    """
    pointer = site_text.strings(language)["urgent_pointer"]
    return "\n\n".join(
        f"## {t['term']} {{#{t['id']}}}\n\n{t['definition']} "
        + " ".join(f"[@{s}]" for s in t.get("sources", []))
        + (f"\n\n{pointer}" if urgent_signs.names_a_sign(t["definition"], language) else "")
        for t in terms)


def join_wrapped_terms(markdown: str, terms) -> str:
    """Put a glossary term that a line break splits (lésions / ostéoblastiques) back on one line.

    Markdown's abbr only finds a term written with single spaces, so a term wrapped across two
    lines of a paragraph would get no hover definition.
    """
    forms = sorted({f for t in terms for f in t["forms"] if " " in f}, key=len, reverse=True)
    if not forms:
        return markdown
    pattern = re.compile("|".join(r"(?:[ \t]*\n[ \t]*|[ \t]+)".join(map(re.escape, f.split()))
                                  for f in forms), re.IGNORECASE)
    return pattern.sub(lambda m: " ".join(m.group(0).split()), markdown)


def abbreviations(terms) -> str:
    """Markdown abbr definitions: each form as written and with a capital first letter."""
    lines = {}
    for term in terms:
        definition = " ".join(term["definition"].split())
        for form in term["forms"]:
            for variant in (form, form[:1].upper() + form[1:]):
                lines.setdefault(variant, f"*[{variant}]: {definition}")
    # One block per definition: a single block of them is re-scanned by every block processor
    # after each definition it yields, which made the build ten times slower.
    return "\n\n".join(lines.values())


def on_page_markdown(markdown, page, config, files):
    language = page_language(page)
    markdown = expand_includes(markdown, language)
    terms = site_text.glossary(language)
    if GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(GLOSSARY_MARKER, glossary_list(terms, language))
    elif terms:
        markdown = join_wrapped_terms(markdown, terms)
        markdown += "\n\n" + abbreviations(terms) + "\n"
    return link_citations(markdown, page, Path(page.file.abs_src_path))
