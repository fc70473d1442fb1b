"""The content API: every page of every language as JSON files at a stable address, /api/v1/,
for partners' portals and apps. No server: static files written by the build.

    /api/v1/index.json                  the languages, each with its index and its pages
    /api/v1/<lang>/index.json           one language's pages (title, dates, addresses)
    /api/v1/<lang>/<page>.json          one page: its metadata and each section (id, heading,
                                        HTML, plain text, permanent address); the home page is
                                        /api/v1/<lang>/home.json
    /api/v1/icd10cm/index.json          the condition codes our pages answer (data/icd10cm.yml)
    /api/v1/icd10cm/<code>.json         the pages and sections that answer one code
    /api/v1/schema/<name>.schema.json   the JSON Schema of each kind of file

The schemas (data/api/) are published beside the files, and the build checks every file against
them. Like /links.json, the API only ever gains fields: tests/test_content_api.py holds the
published schemas against data/api/fields.lock, the fields once published.

    python -m scripts.content_api check SITE_DIR   # every file matches its schema
    python -m scripts.content_api lock             # after adding a field: record it as published
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from lxml import html as lxml_html
from jsonschema import Draft202012Validator

from scripts.pages import DEFAULT_LANGUAGE, ROOT, parse_yaml

VERSION = "1"
BASE = Path("api") / f"v{VERSION}"
SCHEMAS = ROOT / "data" / "api"
FIELDS_LOCK = SCHEMAS / "fields.lock"
CODES = ROOT / "data" / "icd10cm.yml"
SECTION_HEADINGS = ("h2", "h3")
# Not part of a section's text: the copy-link buttons, permalinks and the care cards' icons.
NOT_CONTENT = ("headerlink", "section-link", "care-card__icon", "diagram__larger")  # classes
NOT_CONTENT_XPATH = " | ".join(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
                               for name in NOT_CONTENT)
# Copy and share, in whole or in part, with credit, without changes: a changed sentence or picture
# could change a medical meaning, drop an urgent sign or keep a stale review date (docs/*/reuse.md).
LICENCE = {"name": "CC BY-ND 4.0", "url": "https://creativecommons.org/licenses/by-nd/4.0/"}
SCHEMA_NAMES = ("site-index", "language-index", "page", "code-index", "code")
DESCRIPTION = ("Every page of the site in every language as JSON: its metadata and each section. "
               "Fields are added, never renamed or removed. Reuse under the licence, with the "
               "attribution each page gives.")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def problems(document: dict, name: str) -> list[str]:
    """Where a document breaks its schema, as `field.path: message`."""
    validator = Draft202012Validator(schema(name))
    return [f"{'.'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))]


def page_file(path: str) -> str:
    """A page's address under its language ("" or treatments/radiation/) as its API file name."""
    return (path.strip("/") or "home") + ".json"


def plain_text(element) -> str:
    # No separator: a term link inside a sentence adds no space; blocks end in a line break.
    return re.sub(r"\s+", " ", element.text_content()).strip()


def sections(content_html: str, page_url: str) -> list[dict]:
    """Each h2 and h3 of a page's text with an id: its heading, its HTML (up to the next heading
    of its level or higher, so a section holds its subsections), that HTML's plain text, and its
    permanent address."""
    # lxml (libxml2) parses and writes in C: with BeautifulSoup this took a quarter of the build.
    root = lxml_html.fragment_fromstring(content_html or "<p></p>", create_parent="div")
    for element in root.xpath(NOT_CONTENT_XPATH):
        element.drop_tree()  # its tail, the text after it, stays
    # Every link and picture address absolute, so a section works anywhere (once for the page).
    for attribute in ("href", "src"):
        for element in root.xpath(f".//*[@{attribute}]"):
            element.set(attribute, urljoin(page_url, element.get(attribute)))
    # A heading inside a wrapper (the pain diary's screen-only notes) starts a section like any
    # other: the wrappers around headings give way to their contents.
    for heading in root.xpath(".//h2[@id] | .//h3[@id]"):
        while heading.getparent() is not root:
            heading.getparent().drop_tag()
    children = list(root)
    heads = [(i, int(e.tag[1])) for i, e in enumerate(children) if e.tag in SECTION_HEADINGS and e.get("id")]
    found = []
    for number, (start, level) in enumerate(heads):
        end = next((i for i, other in heads[number + 1:] if other <= level), len(children))
        heading = children[start]
        parts = children[start + 1:end]
        html = ((heading.tail or "") + "".join(
            lxml_html.tostring(part, encoding="unicode", with_tail=True) for part in parts)).strip()
        text = " ".join([(heading.tail or "").strip()]
                        + [plain_text(p) + " " + (p.tail or "").strip() for p in parts])
        url = f"{page_url}#{heading.get('id')}"
        found.append({"id": heading.get("id"), "level": level, "heading": plain_text(heading), "url": url,
                      "html": html, "text": re.sub(r"\s+", " ", text).strip()})
    return found


def attribution(title: str, site_name: str, url: str, reviewed: str, template: str) -> str:
    return template.format(title=title, site=site_name, url=url, reviewed=reviewed, licence=LICENCE["name"])


def diagram_title(diagram_id: str, language: str) -> str:
    from scripts import diagrams
    return diagrams.entry_of(diagram_id, language)["title"]


@lru_cache(maxsize=None)
def condition_codes() -> tuple[dict, ...]:
    return tuple(parse_yaml(CODES.read_text(encoding="utf-8")) or [])


def code_problems(known_pages: set[str]) -> list[str]:
    """A code naming a page or section that is not in docs/en/ (`file:line`)."""
    found = []
    lines = CODES.read_text(encoding="utf-8").splitlines()
    for entry in condition_codes():
        for target in entry["pages"]:
            path, _, anchor = target.partition("#")
            text = (ROOT / "docs" / DEFAULT_LANGUAGE / path).read_text(encoding="utf-8") if path in known_pages else ""
            if path not in known_pages or (anchor and f"{{#{anchor}}}" not in text):
                line = next((n for n, text in enumerate(lines, 1) if target in text), 1)
                found.append(f"data/icd10cm.yml:{line}: {entry['code']} names {target}, which is not a "
                             f"page or section of docs/{DEFAULT_LANGUAGE}/. Fix: use a page's path, such as "
                             "bone-pain/why-it-happens.md#break-risk")
    return found


def code_document(entry: dict, documents: dict[str, dict[str, dict]], base: str) -> dict:
    """One condition code: its official title and, per language, the pages and sections that
    answer it (documents: language -> page path -> API page document)."""
    from scripts.link_index import page_address
    answers: dict[str, list[dict]] = {}
    for language, by_path in documents.items():
        for target in entry["pages"]:
            source, _, anchor = target.partition("#")
            document = by_path.get(page_address(source))
            if document is None:
                continue
            section = next((s for s in document["sections"] if s["id"] == anchor), None)
            answers.setdefault(language, []).append({
                "title": document["title"], "url": section["url"] if section else document["url"],
                "section": section["heading"] if section else None,
                "api": f"{base}{language}/{page_file(document['path'])}"})
    return {"api_version": VERSION, "system": "ICD-10-CM", "code": entry["code"], "title": entry["title"],
            "meaning": entry["meaning"], "pages": answers}


def code_index(base: str) -> dict:
    return {"api_version": VERSION, "system": "ICD-10-CM",
            "codes": [{"code": e["code"], "title": e["title"], "meaning": e["meaning"],
                       "api": f"{base}icd10cm/{e['code']}.json"}
                      for e in condition_codes()]}


def fields(node: dict, prefix: str = "") -> set[str]:
    """Every field a schema defines, as dotted paths (items of a list as `[]`)."""
    found = set()
    for key, value in (node.get("properties") or {}).items():
        path = f"{prefix}{key}"
        found.add(path)
        found |= fields(value, path + ".")
        if isinstance(value.get("items"), dict):
            found |= fields(value["items"], path + "[].")
    for key in ("additionalProperties",):
        if isinstance(node.get(key), dict):
            found |= fields(node[key], prefix + "*.")
    return found


def published_fields() -> dict[str, set[str]]:
    return {path.name.removesuffix(".schema.json"): fields(json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(SCHEMAS.glob("*.schema.json"))}


def removed_fields(lock_text: str, current: dict[str, set[str]]) -> list[str]:
    """Fields the lock says were published and a schema no longer defines."""
    gone = []
    for line in lock_text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, field = line.split(" ", 1)
            if field not in current.get(name, set()):
                gone.append(f"{name}: {field}")
    return gone


def lock_text(current: dict[str, set[str]]) -> str:
    return ("# Every field of /api/v1/ ever published, per schema: fields are added, never renamed or\n"
            "# removed. Written by `python -m scripts.content_api lock`; a new field is added here.\n"
            + "".join(f"{name} {field}\n" for name, names in current.items() for field in sorted(names)))


def kind_of(relative: str) -> str | None:
    """The schema of an API file, from its path under /api/v1/ (None: a schema itself)."""
    if relative.startswith("schema/"):
        return None
    if relative == "index.json":
        return "site-index"
    if relative.startswith("icd10cm/"):
        return "code-index" if relative == "icd10cm/index.json" else "code"
    return "language-index" if relative.count("/") == 1 and relative.endswith("/index.json") else "page"


def check(site: Path) -> list[str]:
    """Every API file of a built site against its schema."""
    found = []
    api = site / BASE
    for path in sorted(api.rglob("*.json")):
        relative = path.relative_to(api).as_posix()
        if kind := kind_of(relative):
            document = json.loads(path.read_text(encoding="utf-8"))
            found += [f"{BASE}/{relative}: {problem}" for problem in problems(document, kind)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "lock"])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if args.command == "lock":
        current = published_fields()
        gone = removed_fields(FIELDS_LOCK.read_text(encoding="utf-8"), current) if FIELDS_LOCK.exists() else []
        if gone:
            print("Published fields are gone from data/api/ (restore them; a field is never removed):\n"
                  + "\n".join(gone))
            return 1
        FIELDS_LOCK.write_text(lock_text(current), encoding="utf-8")
        print(f"{FIELDS_LOCK.relative_to(ROOT)}: {sum(map(len, current.values()))} fields")
        return 0
    found = check(args.site)
    print("\n".join(found) or f"{len(list((args.site / BASE).rglob('*.json')))} API files match their schemas")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
