"""Which translations are up to date, outdated or missing, and the tool that marks one current.

A translated page records, in its front matter, the fingerprint of the English file it was made
from (`translation.english_sha256`). Shared text in includes/<lang>/ records the same for each
English include in includes/<lang>/translation.yml. When the English file changes, its
fingerprint changes, and every translation made from the older version shows as outdated: on the
page for readers (overrides/hooks/translations.py) and as a failure in the build and the tests.

    python -m scripts.translations            # report, one line per page and language
    python -m scripts.translations --totals   # only the totals
    python -m scripts.translations stamp docs/es/faq.md includes/es/glossary.yml
        # after updating a translation: record the English version it now matches
    python -m scripts.translations check docs/es/faq.md
        # same heading ids, citations, links, markers and kept front matter as English
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.languages import codes as language_codes
from scripts.pages import DEFAULT_LANGUAGE, DOCS, FRONT_MATTER, ROOT, display, parse_yaml
from scripts.citations import CITATION
from scripts.site_text import INCLUDE_LINE
from scripts.diagrams import MARKER as DIAGRAM_LINE

DOCS_EN = DOCS / DEFAULT_LANGUAGE
INCLUDES = ROOT / "includes"
INCLUDE_RECORD = "translation.yml"
UP_TO_DATE, OUTDATED, MISSING = "up to date", "outdated", "missing"


def languages(config_path: Path = ROOT / "mkdocs.yml") -> list[str]:
    """The languages mkdocs.yml builds, English first (scripts/languages.py)."""
    return list(language_codes(config_path))


def fingerprint(path: Path) -> str:
    """First 16 hex digits of the SHA-256 of a file, line endings normalized."""
    data = path.read_bytes().replace(b"\r\n", b"\n")
    return hashlib.sha256(data).hexdigest()[:16]


def _split(path: Path) -> tuple[Path, str, str, tuple[str, ...]]:
    """(project root, "docs" or "includes", language, path inside the language folder)."""
    parts = path.resolve().parts
    top = max(i for i, part in enumerate(parts[:-2]) if part in ("docs", "includes"))
    return Path(*parts[:top]), parts[top], parts[top + 1], parts[top + 2:]


def english_of(path: Path) -> Path:
    """The English file a translated file (docs/<lang>/… or includes/<lang>/…) comes from."""
    root, top, _language, rest = _split(path)
    return root.joinpath(top, DEFAULT_LANGUAGE, *rest)


def translation_path(english: Path, language: str) -> Path:
    root, top, _english, rest = _split(english)
    return root.joinpath(top, language, *rest)


def recorded_fingerprint(path: Path) -> str | None:
    """The English fingerprint a translation says it was made from, or None."""
    if _split(path)[1] == "docs":
        match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        meta = parse_yaml(match.group(1)) if match else None
        translation = (meta or {}).get("translation") or {}
        return translation.get("english_sha256")
    return (include_record(path.parent).get(path.name) or {}).get("english_sha256")


def include_record(folder: Path) -> dict:
    """includes/<lang>/translation.yml: the English version each shared file was made from."""
    path = folder / INCLUDE_RECORD
    return (parse_yaml(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


@dataclass(frozen=True)
class Status:
    language: str
    english: Path
    translation: Path
    state: str

    def __str__(self) -> str:
        return f"{self.state:<10} {self.language}  {display(self.translation)}"


def english_files() -> list[Path]:
    pages = sorted((DOCS / DEFAULT_LANGUAGE).rglob("*.md"))
    shared = sorted(p for p in (INCLUDES / DEFAULT_LANGUAGE).iterdir() if p.name != INCLUDE_RECORD)
    return pages + shared


def status_of(english: Path, language: str) -> Status:
    translated = translation_path(english, language)
    if not translated.exists():
        state = MISSING
    elif recorded_fingerprint(translated) == fingerprint(english):
        state = UP_TO_DATE
    else:
        state = OUTDATED
    return Status(language, english, translated, state)


def report(langs: list[str] | None = None) -> list[Status]:
    langs = [code for code in (langs or languages()) if code != DEFAULT_LANGUAGE]
    return [status_of(english, language) for language in langs for english in english_files()]


def totals(statuses: list[Status]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for status in statuses:
        row = table.setdefault(status.language, {UP_TO_DATE: 0, OUTDATED: 0, MISSING: 0})
        row[status.state] += 1
    return table


def stamp(path: Path) -> str:
    """Record in a translation the fingerprint of its English file as it is now."""
    path = path.resolve()
    english = english_of(path)
    value = fingerprint(english)
    if _split(path)[1] == "docs":
        text = path.read_text(encoding="utf-8")
        pattern = re.compile(r"^(  english_sha256:)[ \t]*\S*[ \t]*$", re.M)
        if not pattern.search(text):
            raise SystemExit(f"{display(path)}: no 'translation:' block with an 'english_sha256:' "
                             "line in the front matter (see CONTRIBUTING.md, Translating)")
        path.write_text(pattern.sub(rf'\g<1> "{value}"', text, count=1), encoding="utf-8")
    else:
        record_path = path.parent / INCLUDE_RECORD
        record = include_record(path.parent)
        record.setdefault(path.name, {})["english_sha256"] = value
        header = ("# The English version each shared file of this language was translated from.\n"
                  "# Written by `python -m scripts.translations stamp <file>`; do not edit by hand.\n")
        record_path.write_text(header + yaml.safe_dump(record, sort_keys=True), encoding="utf-8")
    return value


def in_short_problems(en_meta: dict, tr_meta: dict, where: str, english: str) -> list[str]:
    """The key points ("In short") must be as many as in English, each citing the same sources."""
    en_points, tr_points = en_meta.get("in_short") or [], tr_meta.get("in_short") or []
    if len(en_points) != len(tr_points):
        return [f"{where}:1: in_short has {len(tr_points)} point(s), English has {len(en_points)}; "
                f"Fix: translate each point of {english}, one for one"]
    return [f"{where}:1: in_short point {number} cites {CITATION.findall(tr)}, English cites "
            f"{CITATION.findall(en)}; Fix: keep the English citations of each point"
            for number, (en, tr) in enumerate(zip(en_points, tr_points), 1)
            if CITATION.findall(en) != CITATION.findall(tr)]


HEADING_ID = re.compile(r"^#{2,6}[ \t].*\{[^}]*#([a-z0-9-]+)[^}]*\}[ \t]*$", re.M)
MARKER = INCLUDE_LINE
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
FRONT_KEYS_KEPT = ("reviewed", "next_review", "sources", "hide")


def _parts(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    meta = (parse_yaml(match.group(1)) or {}) if match else {}
    return meta, text[match.end():] if match else text


def structure_problems(translated: Path) -> list[str]:
    """What a translated page changed that must stay as in English: ids, citations, links, markers.

    Partners link to /<lang>/<page>/#<id>, so every heading id must exist in every language, in
    the same order; citations, shared boxes and link targets carry facts and must not be dropped.
    """
    english = english_of(translated)
    if not english.exists():
        return [f"{display(translated)}:1: there is no English page {display(english)}; "
                "Fix: a translation keeps the English file's path and name"]
    (en_meta, en_body), (tr_meta, tr_body) = _parts(english), _parts(translated)
    where = display(translated)
    found = []
    for key in FRONT_KEYS_KEPT:
        if en_meta.get(key) != tr_meta.get(key):
            found.append(f"{where}:1: front matter '{key}' is {tr_meta.get(key)!r}, English has "
                         f"{en_meta.get(key)!r}; Fix: copy it unchanged from {display(english)}")
    found += in_short_problems(en_meta, tr_meta, where, display(english))
    checks = [("heading ids", HEADING_ID, True), ("citations", CITATION, False),
              ("marker lines", MARKER, True), ("diagram lines", DIAGRAM_LINE, True),
              ("link targets", LINK_TARGET, False)]
    for what, pattern, ordered in checks:
        en_items, tr_items = pattern.findall(en_body), pattern.findall(tr_body)
        same = en_items == tr_items if ordered else sorted(en_items) == sorted(tr_items)
        if not same:
            missing = [i for i in dict.fromkeys(en_items) if en_items.count(i) > tr_items.count(i)]
            extra = [i for i in dict.fromkeys(tr_items) if tr_items.count(i) > en_items.count(i)]
            detail = (f"missing {missing}" if missing else "") + (f" extra {extra}" if extra else "")
            found.append(f"{where}:1: {what} differ from {display(english)}: "
                         f"{detail.strip() or 'same items in another order'}; "
                         f"Fix: keep the English {what} exactly, in the same order")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", choices=["report", "stamp", "check"], default="report")
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--totals", action="store_true", help="print only the totals")
    args = parser.parse_args(argv)
    if args.command == "stamp":
        for path in args.files:
            print(f"{display(path)}: english_sha256 {stamp(path)}")
        return 0
    if args.command == "check":
        problems = [p for path in args.files for p in structure_problems(path)]
        print("\n".join(problems) or f"{len(args.files)} file(s): same ids, citations, links and markers as English")
        return 1 if problems else 0
    statuses = report()
    if not args.totals:
        for status in statuses:
            print(status)
    for language, row in totals(statuses).items():
        print(f"{language}: " + ", ".join(f"{count} {state}" for state, count in row.items()))
    return 0 if all(s.state == UP_TO_DATE for s in statuses) else 1


if __name__ == "__main__":
    sys.exit(main())
