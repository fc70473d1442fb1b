"""The first visit to an article, in every language, downloads at most the budget
(scripts/page_weight.py: every file counted gzip-compressed), all of it from the site itself."""
from __future__ import annotations

import pytest

from scripts import page_weight
from scripts.browser import CHROMIUM, MISSING
from tests.conftest import record
from tests.test_search import SEARCH_FILES


@pytest.mark.parametrize("article", page_weight.ARTICLES)
@pytest.mark.parametrize("language, prefix", page_weight.LANGUAGE_PREFIXES.items())
def test_first_visit_to_an_article_fits_the_budget(served, language, prefix, article):
    if not CHROMIUM.exists():
        pytest.fail(MISSING)
    files = page_weight.first_visit(served + prefix + article)
    size = page_weight.total(files)
    search_files = [f["url"] for f in files if any(name in f["url"] for name in SEARCH_FILES)]
    record(f"first visit, {language} {article}: {size / 1024:.1f} KiB gzipped in {len(files)} files "
           f"(budget {page_weight.BUDGET / 1024:.0f} KiB)")
    assert [f["url"] for f in files if f["other_host"]] == []
    assert search_files == []  # search loads when first used (tests/test_search.py)
    assert files[0]["url"] == served + prefix + article and files[0]["status"] == 200
    assert size <= page_weight.BUDGET, sorted((f["gzipped"], f["url"]) for f in files)


def test_gzipped_sizes_are_counted_compressed():
    text = b"bone pain " * 1000
    assert page_weight.gzipped_size(text) < len(text) / 20
    assert page_weight.total([{"gzipped": 3}, {"gzipped": 4}]) == 7
