"""The site's own Markdown conventions, expanded before MkDocs renders a page.

- A line `<!-- name -->` where includes/<lang>/name.md exists is replaced by that file: shared
  boxes such as the urgent warning signs are written once per language. The box gets the id
  `name`, so a section elsewhere on the page can point to it (`[…](#urgent-warning)`), and its
  `{emergency-numbers}` line becomes the language's numbers from data/emergency-numbers.yml.
  `<!-- name compact -->` puts each card's body one tap away (a details block).
- The urgent box's two admonitions, `immediate` and `urgent-advice`, become care cards in the
  style of the NHS's: each with its own heading, icon and colour.
- `[@source-id]` becomes a numbered link to the page's source list; the id must be one of the
  page's `sources`, so a fact can never point at a source the page does not list.
- Glossary terms from includes/<lang>/glossary.yml link to their entry, and their definition
  opens on a tap (GlossaryTermLinker, overrides/partials/term-definitions.html, site.js); the
  line `<!-- glossary -->` is replaced by the full term list.
"""
from __future__ import annotations

import posixpath
import re
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import material

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import citations, site_text, urgent_signs  # noqa: E402
INCLUDE = site_text.INCLUDE_LINE
# A line of nothing but citations (after a list, say) becomes a small paragraph of its own.
CITATION_LINE = re.compile(r"^([ \t]*)((?:\[@[a-z0-9-]+\][ \t]*)+)$", re.M)
LIST_OR_TABLE = re.compile(r"^\s*([-*+]|\d+\.|\|)\s")
GLOSSARY_MARKER = "<!-- glossary -->"
GLOSSARY_PAGE = "glossary.md"


class GlossaryTermLinker(Treeprocessor):
    """Each glossary term, the first time a section (the text under an H2) uses it, becomes a link
    to its entry on the glossary page that names its definition (aria-describedby). site.js turns
    the link into a button that shows the definition on a tap; without JavaScript the link still
    leads to it. Once per section, so a long page is not a field of dotted words and tab stops,
    and a reader who arrives at a section from a partner's link still finds its terms marked.

    A term must not touch a letter or digit of a script that separates its words with spaces;
    Chinese writes none, so 骨转移 is found inside 癌症骨转移会疼.
    """

    # No links inside links, headings, code, or the summary of a details block.
    SKIP = {"a", "code", "pre", "script", "style", "summary", "sup", "button", "h1", "h2", "h3",
            "h4", "h5", "h6"}

    def __init__(self, md):
        super().__init__(md)
        self.terms: dict[str, str] = {}  # form as written -> term id
        self.glossary_href = ""
        self.pattern: re.Pattern | None = None
        self.seen: set[str] = set()

    def use(self, terms, glossary_href: str) -> None:
        """The page about to be rendered: its language's terms (none: link nothing) and the
        Markdown link from it to the glossary page."""
        self.terms = {variant: term["id"] for term in terms for form in term["forms"]
                      for variant in (form, form[:1].upper() + form[1:])}
        self.glossary_href = glossary_href
        forms = "|".join(re.escape(f) for f in sorted(self.terms, key=len, reverse=True))
        edge = site_text.WORD_EDGE
        self.pattern = re.compile(f"(?<!{edge})(?:{forms})(?!{edge})") if forms else None

    def run(self, root):
        if self.pattern is not None:
            self.seen = set()
            self.visit(root)

    def visit(self, element) -> None:
        if element.tag == "h2":
            self.seen = set()
        # Nor inside a diagram: its words repeat the text's facts, collapsed, and the text's own
        # first use of a term should be the one a reader can tap.
        if element.tag in self.SKIP or "diagram" in (element.get("class") or "").split():
            return
        children = list(element)
        element.text, links = self.linked(element.text)
        for index, link in enumerate(links):
            element.insert(index, link)
        for child in children:
            self.visit(child)
            child.tail, links = self.linked(child.tail)
            position = list(element).index(child) + 1
            for index, link in enumerate(links):
                element.insert(position + index, link)

    def linked(self, text):
        """The text up to the first new term, and a link for each new term (each carrying the
        text after it as its tail)."""
        if not text or isinstance(text, AtomicString):
            return text, []
        head, links, last = text, [], 0
        for match in self.pattern.finditer(text):
            term_id = self.terms[match.group(0)]
            if term_id in self.seen:
                continue
            self.seen.add(term_id)
            link = etree.Element("a", {"class": "term", "href": f"{self.glossary_href}#{term_id}",
                                       "aria-describedby": f"term-def-{term_id}"})
            link.text = AtomicString(match.group(0))
            if links:
                links[-1].tail = text[last:match.start()]
            else:
                head = text[:match.start()]
            links.append(link)
            last = match.end()
        if links:
            links[-1].tail = text[last:]
        return head, links


class GlossaryTermsExtension(Extension):
    """MkDocs makes a Markdown instance for each page after on_page_markdown: `page_terms` is
    what the next page to render uses (set there)."""

    def __init__(self):
        super().__init__()
        self.page_terms: tuple = ((), "")  # (the language's terms, the page's link to the glossary)

    def extendMarkdown(self, md):
        # After inline Markdown, so links already exist and no term is linked inside one; before
        # MkDocs checks and rewrites links, so the glossary links are checked like any other.
        linker = GlossaryTermLinker(md)
        linker.use(*self.page_terms)
        md.treeprocessors.register(linker, "glossary_terms", 7)


glossary_terms = GlossaryTermsExtension()


def on_config(config):
    config.markdown_extensions.append(glossary_terms)
    return config


def page_language(page) -> str:
    return page.file.src_uri.split("/", 1)[0]


def expand_includes(markdown: str, language: str) -> str:
    def include(match):
        name, variant = match.group(1), match.group(2)
        path = site_text.include(language, name)
        if not path.exists():
            return match.group(0)
        box = with_emergency_numbers(path.read_text(encoding="utf-8").rstrip("\n"), language)
        if variant == "compact":
            box = compact(box, site_text.strings(language)["show_signs"])
        return f'<div id="{name}" class="shared-box{" compact" if variant else ""}" markdown>\n\n{box}\n\n</div>'
    return INCLUDE.sub(include, markdown)


def compact(box: str, summary: str) -> str:
    """A box whose admonitions keep their titles in view and their bodies in a details block."""
    lines = []
    for line in box.split("\n"):
        if line.startswith("!!! "):
            lines += [line, f'    ??? signs "{summary}"']
        else:
            lines.append("    " + line if line.startswith("    ") else line)
    return "\n".join(lines)


# The care cards: admonition type -> the Material Design icon its heading shows.
CARE_CARDS = {"immediate": "ambulance", "urgent-advice": "phone-alert"}
ICONS = Path(material.__file__).parent / "templates" / ".icons" / "material"
CARE_CARD = re.compile(r'<div class="admonition (%s)">\s*<p class="admonition-title">(.*?)</p>'
                       % "|".join(map(re.escape, CARE_CARDS)), re.S)


def icon(name: str) -> str:
    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
    return svg.replace("<svg ", '<svg class="care-card__icon" aria-hidden="true" focusable="false" ', 1)


def care_cards(html_text: str) -> str:
    """The urgent box's admonitions as care cards: a real heading (screen readers list it), the
    card's icon, and a class for its colour. The heading has no id: it is no section to link
    to, and search leaves it out, so it never joins the title of the section it stands in."""
    return CARE_CARD.sub(lambda m: f'<div class="care-card care-card--{m.group(1)}">'
                                   f'<h2 class="care-card__title" data-search-exclude>{icon(CARE_CARDS[m.group(1)])}'
                                   f'<span>{m.group(2)}</span></h2>', html_text)


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
    markdown, unknown = citations.link_citations(own_citation_paragraphs(markdown), sources, label)
    if unknown:
        raise PluginError("Citations are invalid:\n" + "\n".join(
            f"{where_cited(f'[@{s}]', source_path, page_language(page))}: citation [@{s}] names a "
            f"source the page does not list. Fix: add '{s}' to the sources of "
            f"{source_path.relative_to(ROOT)}, or cite one of: {', '.join(sources)}"
            for s in unknown))
    return markdown


def where_cited(token: str, page_path: Path, language: str) -> str:
    """file:line of a citation, in the page itself or in the shared text it includes."""
    text = page_path.read_text(encoding="utf-8")
    paths = [site_text.include(language, name) for name, _variant in INCLUDE.findall(text)]
    paths += [site_text.INCLUDES / language / "glossary.yml"] if GLOSSARY_MARKER in text else []
    path, line = citations.line_of(token, [page_path, *paths]) or (page_path, 1)
    return f"{path.relative_to(ROOT)}:{line}"


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

    GlossaryTermLinker only finds a term written with single spaces, so a term wrapped across two
    lines of a paragraph would get no definition.
    """
    forms = sorted({f for t in terms for f in t["forms"] if " " in f}, key=len, reverse=True)
    if not forms:
        return markdown
    pattern = re.compile("|".join(r"(?:[ \t]*\n[ \t]*|[ \t]+)".join(map(re.escape, f.split()))
                                  for f in forms), re.IGNORECASE)
    return pattern.sub(lambda m: " ".join(m.group(0).split()), markdown)


def glossary_href(page) -> str:
    """The Markdown link from a page to its language's glossary page (MkDocs checks it)."""
    language = page_language(page)
    return posixpath.relpath(f"{language}/{GLOSSARY_PAGE}", posixpath.dirname(page.file.src_uri))


def on_page_markdown(markdown, page, config, files):
    language = page_language(page)
    markdown = expand_includes(markdown, language)
    terms = site_text.glossary(language)
    if GLOSSARY_MARKER in markdown:
        markdown = markdown.replace(GLOSSARY_MARKER, glossary_list(terms, language))
        glossary_terms.page_terms = ((), "")
    elif files.get_file_from_path(f"{language}/{GLOSSARY_PAGE}") is None:
        glossary_terms.page_terms = ((), "")  # a site without a glossary page links no terms
    else:
        markdown = join_wrapped_terms(markdown, terms)
        glossary_terms.page_terms = (terms, glossary_href(page))
    return link_citations(markdown, page, Path(page.file.abs_src_path))


TERM_USED = re.compile(r'aria-describedby="term-def-([^"]+)"')


def on_page_content(html_text, page, config, files):
    # The definitions of the terms marked on the page, for overrides/partials/term-definitions.html.
    by_id = {term["id"]: term for term in site_text.glossary(page_language(page))}
    page.glossary_terms = [by_id[term_id] for term_id in dict.fromkeys(TERM_USED.findall(html_text))]
    return care_cards(html_text)
