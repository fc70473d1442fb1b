"""Check the dates and sources behind every page.

Fails (exit 1) with file:line and the fix for: a malformed date, a date in the future, an accessed
date before the source's own date, a next_review not after reviewed, a page past its next_review,
a source id that does not exist, a page with no source. Lists sources older than 5 years, which
pages must flag to readers next to the facts they support.

    python -m scripts.check_citations                    # the real site
    python -m scripts.check_citations --today 2027-12-01 # as it will be on a given day
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from scripts import pages


def check(docs: Path, registry_path: Path, today: dt.date) -> tuple[list[pages.Problem], list[str]]:
    """(problems, notes): problems fail the check; notes list the old sources and who cites them."""
    registry_doc, problems = pages.load_registry(registry_path)
    if registry_doc is None or problems:
        return problems, []  # the date rules need a well-formed registry
    registry = registry_doc.data
    problems += pages.registry_date_problems(registry_doc, today)
    cited_by: dict[str, list[str]] = {}
    for path in pages.doc_pages(docs):
        doc, found = pages.read_front_matter(path)
        if doc is not None:
            found += pages.schema_problems(doc, pages.page_schema(pages.page_language(path), pages.is_article(path)))
            found += pages.unknown_source_problems(doc, registry)
            if not found:  # date rules need well-formed dates
                found += pages.page_date_problems(doc, today)
            sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
            for source_id in sources if isinstance(sources, list) else []:
                cited_by.setdefault(source_id, []).append(doc.path)
        problems += found
    notes = [f"older than {pages.OLD_SOURCE_YEARS} years: {source_id} ({date}, {age} years), cited by "
             f"{', '.join(cited_by.get(source_id, [])) or 'no page'}"
             for source_id, date, age in pages.old_sources(registry, today)]
    return problems, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=pages.DOCS)
    parser.add_argument("--registry", type=Path, default=pages.REGISTRY)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    problems, notes = check(args.docs, args.registry, args.today)
    for note in notes:
        print(note)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} citation problem(s) in {len(pages.doc_pages(args.docs))} page(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
