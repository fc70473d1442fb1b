"""The citation-date check fails with file:line and a fix for each rule, and lists old sources."""
from __future__ import annotations

import datetime as dt

import pytest

from scripts import check_citations, pages
from tests.conftest import VALID_PAGE

TODAY = dt.date(2026, 6, 1)
REGISTRY = """\
webmd-bone-metastasis:
  publisher: WebMD
  title: Treating Bone Metastasis
  url: https://www.webmd.com/cancer/treating-bone-metastasis
  date: 2024-03-25
  accessed: 2026-01-05
old-one:
  publisher: Old Publisher
  title: An old article
  url: https://example.org/old
  date: 2016-12-16
  accessed: 2026-01-05
"""


def run(tmp_path, page: str = VALID_PAGE, registry: str = REGISTRY, today: dt.date = TODAY):
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "page.md").write_text(page, encoding="utf-8")
    (tmp_path / "sources.yml").write_text(registry, encoding="utf-8")
    return check_citations.check(docs, tmp_path / "sources.yml", today)


def test_valid_page_and_registry_pass_and_old_source_is_listed(tmp_path):
    problems, notes = run(tmp_path)
    assert problems == []
    assert len(notes) == 1 and "old-one (2016-12-16" in notes[0] and "cited by no page" in notes[0]


@pytest.mark.parametrize("change, file, line, words", [
    # page rules
    (("reviewed: 2026-01-10", "reviewed: 2026-07-01"), "page.md", 4, "is in the future"),
    (("next_review: 2027-01-10", "next_review: 2026-01-10"), "page.md", 5, "is not after reviewed"),
    (("next_review: 2027-01-10", "next_review: 2026-05-01"), "page.md", 5, "was due for review"),
    (("reviewed: 2026-01-10", "reviewed: 2026-1-10"), "page.md", 4, "is not a 'date'"),
    (("sources: [webmd-bone-metastasis]", "sources: [nope]"), "page.md", 6, "'nope' is not in"),
    (("sources: [webmd-bone-metastasis]\n", ""), "page.md", 2, "'sources' is missing"),
    # registry rules
    (("date: 2024-03-25", "date: 2026-09-01"), "sources.yml", 5, "is in the future"),
    (("accessed: 2026-01-05\nold", "accessed: 2023-01-05\nold"), "sources.yml", 6, "is before the source's own date"),
    (("accessed: 2026-01-05\nold", "accessed: 2026-07-05\nold"), "sources.yml", 6, "accessed date 2026-07-05 is in the future"),
    (("date: 2024-03-25", "date: March 2024"), "sources.yml", 5, "does not match"),
])
def test_each_rule_fails_with_file_line_and_fix(tmp_path, change, file, line, words):
    page, registry = VALID_PAGE, REGISTRY
    if file == "page.md":
        page = page.replace(*change)
    else:
        registry = registry.replace(*change)
    problems, _ = run(tmp_path, page, registry)
    matching = [p for p in problems if p.path.endswith(file) and p.line == line and words in p.message]
    assert matching and matching[0].fix, problems


def test_cli_exit_status_and_report(tmp_path, capsys):
    run(tmp_path)
    args = ["--docs", str(tmp_path / "docs"), "--registry", str(tmp_path / "sources.yml")]
    assert check_citations.main(args + ["--today", "2026-06-01"]) == 0
    assert check_citations.main(args + ["--today", "2027-02-01"]) == 1  # page now overdue
    err = capsys.readouterr().err
    assert "page.md:5: the page was due for review on 2027-01-10" in err


def test_real_site_passes_today():
    problems, notes = check_citations.check(pages.DOCS, pages.REGISTRY, dt.date.today())
    assert problems == [], "\n".join(map(str, problems))
    assert any("acs-advanced-cancer" in note for note in notes)  # revised 2016: must be listed
