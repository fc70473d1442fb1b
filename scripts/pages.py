"""What a page of the site must be: valid front matter, known sources, sane dates, heading ids.

Every check returns Problems naming the file, the line and what to fix. The build hook
(overrides/hooks/page_meta.py), the CI check (scripts/check_citations.py) and the tests all use
these functions, so "a valid page" is defined once.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from scripts import languages

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"
REGISTRY = DATA / "sources.yml"
OLD_SOURCE_YEARS = 5
UNDATED = "undated"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}. Fix: {self.fix}"


# libyaml's parser when PyYAML was built with it: the pure-Python one spent a third of the build.
_FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str):
    """yaml.safe_load, with libyaml's parser."""
    return yaml.load(text, Loader=_FastSafeLoader)


class _DatesAsText(_FastSafeLoader):
    """YAML loader that keeps dates as the text the author wrote.

    The schema then sees "2026-02-30" as a malformed date instead of YAML silently refusing it
    or turning it into an object the schema cannot describe.
    """


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _FastSafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDoc:
    """Parsed YAML with the file line of every key and list item."""

    path: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, keypath: tuple) -> int:
        while keypath and keypath not in self.lines:
            keypath = keypath[:-1]
        return self.lines.get(keypath, self.first_line)


def display(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _record_lines(node: yaml.Node, keypath: tuple, lines: dict, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[keypath + (key.value,)] = key.start_mark.line + offset
            _record_lines(value, keypath + (key.value,), lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[keypath + (index,)] = item.start_mark.line + offset
            _record_lines(item, keypath + (index,), lines, offset)


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[YamlDoc | None, list[Problem]]:
    try:
        loader = _DatesAsText(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, line, f"not valid YAML ({reason})",
                              "check the indentation and quote values that contain a colon")]
    doc = YamlDoc(path, data if data is not None else {}, first_line=first_line)
    if node is not None:
        _record_lines(node, (), doc.lines, first_line)
    return doc, []


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$", re.S | re.M)


def read_front_matter(path: Path) -> tuple[YamlDoc | None, list[Problem]]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return None, [Problem(display(path), 1, "the page has no front matter",
                              "start the file with a --- block holding title, description, reviewed, "
                              "next_review and sources (see CONTRIBUTING.md)")]
    return load_yaml(match.group(1), display(path), first_line=2)


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _describe(schema: dict, keypath: tuple) -> str | None:
    """The schema's description of the property at keypath: it says what a right value is."""
    node, description = schema, None
    for key in keypath:
        if isinstance(key, int):
            node = node.get("items", {})
        else:
            extra = node.get("additionalProperties")
            node = node.get("properties", {}).get(key) or (extra if isinstance(extra, dict) else {})
        description = node.get("description", description)
    return description


def schema_problems(doc: YamlDoc, schema: dict) -> list[Problem]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    found = []
    for error in sorted(validator.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        keypath = tuple(error.absolute_path)
        if error.validator == "required":
            missing = re.search(r"'(.+?)' is a required", error.message).group(1)
            message = f"'{missing}' is missing"
            fix = f"add it: {_describe(schema, keypath + (missing,))}"
        elif error.validator == "additionalProperties":
            unexpected = re.findall(r"'(.+?)'", error.message.split("(")[-1])
            keypath = keypath + (unexpected[0],) if unexpected else keypath
            allowed = ", ".join(sorted(error.schema.get("properties", {})))
            message = f"unknown key {', '.join(repr(u) for u in unexpected)}"
            fix = f"remove it or correct its spelling; allowed keys: {allowed}"
        else:
            where = ".".join(map(str, keypath)) or "front matter"
            message = f"{where}: {error.message}"
            fix = _describe(schema, keypath) or "see the schema in data/"
        found.append(Problem(doc.path, doc.line_of(keypath), message, fix))
    return found


def parse_date(text: str) -> dt.date:
    """The first day a source date can mean: '2023' is 2023-01-01, '2023-09' is 2023-09-01."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def load_registry(path: Path = REGISTRY) -> tuple[YamlDoc | None, list[Problem]]:
    """The sources registry and what is wrong with it, read again only when the file changes
    (every page of every language asks for it during a build)."""
    return _load_registry(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _load_registry(path: Path, _mtime: int) -> tuple[YamlDoc | None, list[Problem]]:
    doc, found = load_yaml(path.read_text(encoding="utf-8"), display(path))
    if doc is None:
        return None, found
    return doc, schema_problems(doc, load_schema("sources.schema.json"))


def registry_date_problems(doc: YamlDoc, today: dt.date) -> list[Problem]:
    found = []
    for source_id, entry in doc.data.items():
        line = doc.line_of((source_id, "date"))
        own, accessed = entry["date"], parse_date(entry["accessed"])
        if accessed > today:
            found.append(Problem(doc.path, doc.line_of((source_id, "accessed")),
                                 f"{source_id}: accessed date {entry['accessed']} is in the future",
                                 "set accessed to the day the source was actually read"))
        if own == UNDATED:
            continue
        if parse_date(own) > today:
            found.append(Problem(doc.path, line, f"{source_id}: source date {own} is in the future",
                                 "copy the date printed on the source, or write \"undated\""))
        if accessed < parse_date(own):
            found.append(Problem(doc.path, doc.line_of((source_id, "accessed")),
                                 f"{source_id}: accessed {entry['accessed']} is before the source's own "
                                 f"date {own}", "a source cannot be read before it exists: correct one of "
                                                "the two dates"))
    return found


def old_sources(registry: dict, today: dt.date) -> list[tuple[str, str, float]]:
    """Sources older than OLD_SOURCE_YEARS: (id, date, age in years)."""
    old = []
    for source_id, entry in registry.items():
        if entry["date"] == UNDATED:
            continue
        age = (today - parse_date(entry["date"])).days / 365.25
        if age > OLD_SOURCE_YEARS:
            old.append((source_id, entry["date"], round(age, 1)))
    return old


def unknown_source_problems(doc: YamlDoc, registry: dict) -> list[Problem]:
    known = ", ".join(sorted(registry))
    return [Problem(doc.path, doc.line_of(("sources", index)),
                    f"source id '{source_id}' is not in data/sources.yml",
                    f"use one of: {known}; or add the source to data/sources.yml")
            for index, source_id in enumerate(doc.data.get("sources") or [])
            if isinstance(source_id, str) and source_id not in registry]


def page_date_problems(doc: YamlDoc, today: dt.date) -> list[Problem]:
    """Review dates of a page whose front matter already passed the schema."""
    reviewed, next_review = parse_date(doc.data["reviewed"]), parse_date(doc.data["next_review"])
    found = []
    if reviewed > today:
        found.append(Problem(doc.path, doc.line_of(("reviewed",)), f"reviewed {reviewed} is in the future",
                             "set reviewed to the day an editor actually checked the page"))
    if next_review <= reviewed:
        found.append(Problem(doc.path, doc.line_of(("next_review",)),
                             f"next_review {next_review} is not after reviewed {reviewed}",
                             "set next_review after reviewed (we use one year later)"))
    elif next_review < today:
        found.append(Problem(doc.path, doc.line_of(("next_review",)),
                             f"the page was due for review on {next_review}",
                             "check every fact against its sources, then set reviewed to today and "
                             "next_review to one year later"))
    return found


HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
HEADING_ID = re.compile(r"\{[^}]*#([a-z0-9]+(?:-[a-z0-9]+)*)[^}]*\}$")
FENCE = re.compile(r"^\s*(```|~~~)")


def heading_problems(path: Path) -> list[Problem]:
    """Each heading below the title has an explicit, unique, lowercase-hyphenated id."""
    found, seen, in_fence = [], {}, False
    name = display(path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        if len(match.group(1)) == 1:
            found.append(Problem(name, number, "the body has a level-1 heading",
                                 "remove it: the page title comes from 'title' in the front matter"))
            continue
        id_match = HEADING_ID.search(match.group(2))
        if not id_match:
            found.append(Problem(name, number, f"heading '{match.group(2)}' has no explicit id",
                                 "end it with a stable id such as {#nerve-blocks}: lowercase words "
                                 "joined by hyphens, the same in every language"))
        elif id_match.group(1) in seen:
            found.append(Problem(name, number, f"heading id '{id_match.group(1)}' is used twice "
                                               f"(first on line {seen[id_match.group(1)]})",
                                 "give each heading on a page its own id"))
        else:
            seen[id_match.group(1)] = number
    return found


DEFAULT_LANGUAGE = "en"


def page_language(path: Path) -> str:
    """The language folder a page is in (docs/<lang>/…); English for a file outside one."""
    parts = path.resolve().parts
    if "docs" in parts[:-1]:
        index = len(parts) - 1 - parts[::-1].index("docs")
        if index + 2 < len(parts):  # docs/<lang>/<file>, not docs/<file>
            return parts[index + 1]
    return DEFAULT_LANGUAGE


# Pages that route or list rather than answer a question: the home page, the link index, the page
# for partners who reuse our content and the change record. Every other page is an article and opens with its key points ("In short").
NOT_ARTICLES = ("index.md", "links.md", "reuse.md", "changes.md")


def is_article(path: Path) -> bool:
    """Whether a page is an article: a page of a language (docs/<lang>/…) but those in NOT_ARTICLES."""
    parts = path.resolve().parts
    if "docs" not in parts[:-2]:
        return False
    inside = parts[len(parts) - parts[::-1].index("docs") + 1:]  # after docs/<lang>/
    return "/".join(inside) not in NOT_ARTICLES


def page_schema(language: str, article: bool = True) -> dict:
    """The front matter schema for a language: translations must say what they were made from,
    and articles must give their key points."""
    schema = copy.deepcopy(load_schema("page.schema.json"))
    if article:
        schema["required"] = [*schema["required"], "in_short"]
    if language == DEFAULT_LANGUAGE:
        del schema["properties"]["translation"]
    else:
        schema["required"] = [*schema["required"], "translation"]
    # A Chinese character carries about as much as a short English word: a Chinese description of
    # 25 to 80 characters says what 50 to 160 letters say in alphabetic languages.
    if (limits := languages.description_limits(language)) != languages.DESCRIPTION:
        low, high = limits
        description = schema["properties"]["description"]
        description.update(minLength=low, maxLength=high)
        description["description"] = description["description"].replace(
            "50 to 160 characters", f"{low} to {high} characters in this language")
    return schema


def page_problems(path: Path, registry: dict) -> list[Problem]:
    """All that makes a page unfit to build: front matter, its sources, its headings."""
    doc, found = read_front_matter(path)
    if doc is not None:
        found += schema_problems(doc, page_schema(page_language(path), is_article(path)))
        if isinstance(doc.data, dict):
            found += unknown_source_problems(doc, registry)
    return found + heading_problems(path)


def doc_pages(docs: Path = DOCS) -> list[Path]:
    return sorted(docs.rglob("*.md"))


def glossary_problems(path: Path) -> list[Problem]:
    """What makes a glossary file (includes/<lang>/glossary.yml) unfit to build, with file:line:
    its entries break data/glossary.schema.json (markup in a term or definition, say)."""
    doc, found = load_yaml(path.read_text(encoding="utf-8"), display(path))
    return found + (schema_problems(doc, load_schema("glossary.schema.json")) if doc is not None else [])
