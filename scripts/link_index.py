"""The link index for partners: every page and section of a language with its permanent address
and a one-line summary, read from the Markdown pages in navigation order.

The same entries make the "Links for organizations" page of each language and /links.json
(overrides/hooks/link_index.py). Summaries are the page's description and the first sentence of
each section, so they stay true when the text changes. Each page and section also has a QR code
of its address, an SVG file under qr/ (scripts/qr.py says where), its address in the entry's `qr`
field, linked from the entry as "QR code".

    python -m scripts.link_index es     # prints the Spanish entries as JSON
"""
from __future__ import annotations

import html
import json
import posixpath
import re
import sys
from urllib.parse import urlsplit

import yaml

from scripts import qr, site_text
from scripts.pages import DEFAULT_LANGUAGE, ROOT, parse_yaml

DOCS = ROOT / "docs"
GLOSSARY_MARKER = "<!-- glossary -->"  # the glossary page's sections are its terms (includes/<lang>/glossary.yml)
HEADING = re.compile(r"^(#{2,3})[ \t]+(.+?)[ \t]*\{#([A-Za-z0-9_-]+)[^}]*\}[ \t]*$")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[。！？؟])")
SUMMARY_LIMIT = 200
# Blocks that are not running text: admonitions, HTML, tables, includes and other markers.
NOT_TEXT = re.compile(r"^(!!!|\?\?\?|<|\||\{|\*\[)")


def nav_paths(nav: list) -> list[str]:
    """The Markdown files of mkdocs.yml's nav, in order."""
    paths = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        paths += nav_paths(value) if isinstance(value, list) else [value]
    return paths


def page_address(path: str) -> str:
    """docs path -> address under the language root: index.md -> "", faq.md -> faq/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def language_root(site_url: str, language: str) -> str:
    root = site_url.rstrip("/") + "/"
    return root if language == DEFAULT_LANGUAGE else f"{root}{language}/"


def plain(markdown: str) -> str:
    """Markdown inline text as plain words: no citations, link targets, emphasis or attributes."""
    text = re.sub(r"\s*\[@[^\]]+\]", "", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[^}]*\}", "", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def first_sentence(text: str) -> str:
    sentence = SENTENCE_END.split(text, maxsplit=1)[0].strip()
    return sentence if len(sentence) <= SUMMARY_LIMIT else sentence[:SUMMARY_LIMIT - 1].rstrip() + "…"


def blocks(lines: list[str]) -> list[str]:
    """Paragraph-like blocks of running text, list markers removed."""
    found, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(re.sub(r"^\s*([-*+]|\d+\.)\s+", "", line))
            continue
        if current and not NOT_TEXT.match(current[0].lstrip()) and not current[0].startswith("    "):
            found.append(" ".join(current))
        current = []
    return found


def split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.index("\n---", 4)
        return parse_yaml(text[4:end]) or {}, text[end + 4:]
    return {}, text


def sections(body: str) -> list[dict]:
    """Each ## and ### heading with its id, title and the first sentence of its text."""
    found, lines = [], body.splitlines()
    starts = [(i, HEADING.match(line)) for i, line in enumerate(lines) if HEADING.match(line)]
    for number, (i, match) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        text = next((plain(block) for block in blocks(lines[i + 1:end]) if plain(block)), "")
        found.append({"level": len(match.group(1)), "id": match.group(3), "title": plain(match.group(2)),
                      "summary": first_sentence(text)})
    return found


def page_entry(language: str, path: str, site_url: str) -> dict:
    source = DOCS / language / path
    if not source.exists():  # a lenient build shows the English page here
        source = DOCS / DEFAULT_LANGUAGE / path
    meta, body = split_front_matter(source.read_text(encoding="utf-8"))
    url = language_root(site_url, language) + page_address(path)
    found = sections(body)
    if GLOSSARY_MARKER in body:
        found += [{"level": 2, "id": term["id"], "title": term["term"], "summary": first_sentence(plain(term["definition"]))}
                  for term in site_text.glossary(language)]
    return {"path": page_address(path), "source": path, "url": url, "title": meta["title"],
            "summary": meta["description"],
            # The page's key points ("In short") as plain text: fields are added, never renamed.
            "in_short": [plain(point) for point in meta.get("in_short") or []],
            "sections": [dict(section, url=f"{url}#{section['id']}",
                              qr=qr.url_for(f"{url}#{section['id']}", site_url)) for section in found],
            # The address of the SVG file with the QR code of the page's address (scripts/qr.py).
            "qr": qr.url_for(url, site_url)}


def index(language: str, nav: list, site_url: str) -> list[dict]:
    """Entries of the pages in the nav (a page not written yet in any language is left out)."""
    return [page_entry(language, path, site_url) for path in nav_paths(nav)
            if (DOCS / language / path).exists() or (DOCS / DEFAULT_LANGUAGE / path).exists()]


def anchor(path: str) -> str:
    """The link index page's own id for a page: the same in every language."""
    return "page-" + (path.strip("/").replace("/", "-") or "home")


def qr_link(entry: dict, page_url: str | None, label: str) -> str:
    """A link to the entry's QR code file, relative to the links page at page_url (raw HTML: the
    file is written after the build, so it is no Markdown link MkDocs could check)."""
    href, page = entry["qr"], urlsplit(page_url or "")
    if page_url and urlsplit(href)[:2] == page[:2]:
        href = posixpath.relpath(urlsplit(href).path, page.path)
    return f'<a class="qr-link" href="{html.escape(href)}" type="image/svg+xml">{html.escape(label)}</a>'


def markdown(entries: list[dict], page_url: str | None = None, qr_label: str = "QR code") -> str:
    """The entries as the body of the link index page at page_url (links are relative to
    links.md; without page_url, QR code links are absolute)."""
    out = []
    for entry in entries:
        out += [f"### [{entry['title']}]({entry['source']}) {{#{anchor(entry['path'])}}}", "",
                f"`{entry['url']}` {qr_link(entry, page_url, qr_label)}", "", entry["summary"], ""]
        for section in entry["sections"]:
            indent = "    " * (section["level"] - 2)
            out += [f"{indent}- [{section['title']}]({entry['source']}#{section['id']}): {section['summary']}",
                    f"{indent}  `{section['url']}` {qr_link(section, page_url, qr_label)}"]
        out.append("")
    return '<div class="link-index" markdown>\n\n' + "\n".join(out) + "\n</div>\n"


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    language = args[0] if args else DEFAULT_LANGUAGE
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    print(json.dumps(index(language, config["nav"], "https://example.org/"), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
