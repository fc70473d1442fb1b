"""Reading grade: each page at most grade 8, the median at most 7; the test prints each grade."""
from __future__ import annotations

import statistics

from scripts import readability
from tests.conftest import record

PLAIN = "Cancer can spread to the bones. It can hurt. Medicine can help. Talk to your team."
HARD = ("Pharmacological interventions, including bisphosphonate administration and concomitant "
        "radiotherapeutic modalities, substantially ameliorate metastatic osseous nociception.")


def test_grade_separates_plain_from_hard_text():
    assert readability.grade(PLAIN) < 4 < 16 < readability.grade(HARD)


def test_problems_flag_a_hard_page_and_a_high_median():
    easy = readability.PageGrade("easy", 100, 5.0)
    hard = readability.PageGrade("hard", 100, 9.2)
    assert readability.problems([easy, easy, hard]) == [
        "hard: grade 9.2 is above 8.0: use shorter sentences and shorter words"]
    found = readability.problems([readability.PageGrade(f"p{i}", 100, 7.5) for i in range(3)])
    assert found == ["median grade 7.5 is above 7.0: simplify the hardest pages"]


def test_html_prose_counts_blocks_as_sentences_and_skips_furniture():
    html = """<article><h1>Title</h1><p class="page-meta">Last reviewed: May 1</p>
    <h2 id="x">A heading<a class="headerlink" href="#x">¶</a></h2>
    <p>Some text<sup class="citation"><a href="#s">[1]</a></sup></p>
    <ul><li>One item</li><li>Two items<ul><li>Nested</li></ul></li></ul>
    <section class="page-sources"><ol><li>Publisher. Title.</li></ol></section></article>"""
    assert readability.html_prose(html) == "Title. A heading. Some text. One item. Two items. Nested."


def test_markdown_prose_joins_wrapped_lines():
    md = "---\ntitle: x\n---\n## Head {#head}\n\nOne long sentence\nthat wraps. [@src]\n\n- item\n  more\n"
    assert readability.markdown_prose(md) == "Head. One long sentence that wraps. item more."


def test_every_page_is_plain_enough(built_site):
    site, _ = built_site
    grades = readability.measure_site(site)
    print(readability.table(grades))
    for g in grades:
        record(f"grade {g.grade:>4}  words {g.words:>4}  {g.page}")
    record(f"median grade {statistics.median(g.grade for g in grades)} over {len(grades)} pages")
    assert len(grades) >= 17
    assert readability.problems(grades) == []
