"""No page repeats 10 or more words of a source; the committed fingerprints are the sources'."""
from __future__ import annotations

from scripts import fingerprints
from tests.conftest import SHARED_SOURCES

SOURCE = ("Radiation is a local treatment because it does not affect your entire body and "
          "it uses beams to slow the cancer.")


def prints_of(tmp_path, text: str = SOURCE) -> set[str]:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text(text, encoding="utf-8")
    return set(fingerprints.make(tmp_path / "src"))


def test_copied_ten_words_are_found_with_their_line(tmp_path):
    prints = prints_of(tmp_path)
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: x\n---\nIntro.\n\nNote: it does not affect your entire body and it uses "
                    "beams, we say.\n", encoding="utf-8")
    found = fingerprints.copied_runs(page, prints)
    assert [(c.line, c.words) for c in found] == [(6, "it does not affect your entire body and it uses beams")]
    assert "Fix: say it in your own plain words" in str(found[0])


def test_nine_shared_words_and_curly_quotes_are_handled(tmp_path):
    prints = prints_of(tmp_path, "Don\u2019t stop taking the medicine your doctor gave you today please now.")
    page = tmp_path / "page.md"
    page.write_text("don't stop taking the medicine your doctor gave you.\n"  # 9 words: allowed
                    "Don't stop taking the medicine your doctor gave you today please.\n", encoding="utf-8")
    assert [c.line for c in fingerprints.copied_runs(page, prints)] == [2]


def test_site_content_copies_no_source():
    copies = fingerprints.check(fingerprints.content_files(), fingerprints.load())
    assert copies == [], "\n".join(map(str, copies))
    assert len(fingerprints.content_files()) >= 17


def test_committed_fingerprints_match_the_sources():
    assert SHARED_SOURCES.is_dir(), (
        f"{SHARED_SOURCES} is missing: the project expects the shared folder beside the checkout")
    assert set(fingerprints.make(SHARED_SOURCES)) == fingerprints.load(), (
        "data/source-fingerprints.txt is stale: run python -m scripts.fingerprints make ../shared/sources")
