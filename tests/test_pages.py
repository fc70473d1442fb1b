"""Front matter, sources and heading ids: each bad input fails with file:line and a fix."""
from __future__ import annotations

import pytest

from scripts import pages
from tests.conftest import VALID_PAGE

REGISTRY = pages.load_registry()[0].data


def problems_for(tmp_path, text: str) -> list[pages.Problem]:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return pages.page_problems(page, REGISTRY)


def test_valid_page_has_no_problems(tmp_path):
    assert problems_for(tmp_path, VALID_PAGE) == []


@pytest.mark.parametrize("old, new, line, words_in_fix", [
    ("next_review: 2027-01-10\n", "", 2, "next_review is the day"),          # missing key
    ("reviewed: 2026-01-10", "reviewed: 2026-13-10", 4, "YYYY-MM-DD"),       # no such month
    ("reviewed: 2026-01-10", "reviewed: 10/01/2026", 4, "YYYY-MM-DD"),       # wrong format
    ("next_review:", "next_reveiw:", 5, "correct its spelling"),             # typo in a key
    ("sources: [webmd-bone-metastasis]", "sources: []", 6, "at least one"),  # no source
    ("sources: [webmd-bone-metastasis]", "sources: [webmd]", 6, "use one of"),  # unknown id
    ("title: A test page", "title: A", 2, "3 to 70 characters"),
])
def test_bad_front_matter_names_line_and_fix(tmp_path, old, new, line, words_in_fix):
    found = problems_for(tmp_path, VALID_PAGE.replace(old, new))
    at_line = [p for p in found if p.line == line and words_in_fix in p.fix]
    assert at_line, found
    assert str(at_line[0]).startswith(f"{at_line[0].path}:{line}: ")


def test_page_without_front_matter(tmp_path):
    found = problems_for(tmp_path, "Just text.\n")
    assert [(p.line, p.message) for p in found] == [(1, "the page has no front matter")]


def test_front_matter_that_is_not_yaml(tmp_path):
    found = problems_for(tmp_path, VALID_PAGE.replace("title: A test page", "title: [unclosed"))
    assert len(found) == 1 and "not valid YAML" in found[0].message


def test_heading_without_id(tmp_path):
    found = problems_for(tmp_path, VALID_PAGE + "\n### Another section\n")
    assert [(p.line, "no explicit id" in p.message) for p in found] == [(15, True)]


def test_duplicate_heading_id(tmp_path):
    found = problems_for(tmp_path, VALID_PAGE + "\n## Again {#a-section}\n")
    assert len(found) == 1 and "used twice" in found[0].message and found[0].line == 15


def test_level_one_heading_in_body(tmp_path):
    found = problems_for(tmp_path, VALID_PAGE + "\n# A second title\n")
    assert len(found) == 1 and "level-1 heading" in found[0].message


def test_headings_inside_code_blocks_are_not_headings(tmp_path):
    assert problems_for(tmp_path, VALID_PAGE + "\n```\n## not a heading\n```\n") == []


def test_every_real_page_is_valid():
    found = [p for path in pages.doc_pages() for p in pages.page_problems(path, REGISTRY)]
    assert found == [], "\n".join(map(str, found))


def test_registry_is_valid_and_complete():
    doc, found = pages.load_registry()
    assert found == []
    for entry in doc.data.values():
        assert entry["url"].startswith("https://")


def test_bad_registry_entry_names_line(tmp_path):
    registry = tmp_path / "sources.yml"
    registry.write_text("one:\n  publisher: Pub\n  title: Title\n  url: http://x.org\n  date: 2020-01\n"
                        "  accessed: 2026-01-01\n", encoding="utf-8")
    _, found = pages.load_registry(registry)
    assert [(p.line, "https://" in p.fix) for p in found] == [(4, True)]
