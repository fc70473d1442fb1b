"""How easy pages are to read, per language (see scripts/readability.py); the test prints each score."""
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
        "hard: Flesch-Kincaid grade 9.2 is above 8.0: use shorter sentences and shorter words"]
    found = readability.problems([readability.PageGrade(f"p{i}", 100, 7.5) for i in range(3)])
    assert found == ["en: median Flesch-Kincaid grade 7.5 is above 7.0: simplify the hardest pages"]


def test_each_language_has_its_own_measure_and_direction():
    spanish_hard = readability.PageGrade("es/x", 100, 55.0, "es")  # Fernández-Huerta: higher is easier
    spanish_easy = readability.PageGrade("es/y", 100, 85.0, "es")
    assert readability.problems([spanish_easy, spanish_easy, spanish_hard]) == [
        "es/x: Fernández-Huerta 55.0 is below 60.0: use shorter sentences and shorter words"]
    long_chinese = "癌症扩散到骨头以后会让骨头变得很脆弱并且在夜里和活动的时候都可能带来明显而持续的疼痛感觉。"
    short_chinese = "癌症会扩散到骨头。骨头会变弱。这会很痛。"
    assert readability.grade(short_chinese, "zh") < 10 < 20 < readability.grade(long_chinese, "zh")
    plain_french = "Le cancer peut aller dans les os. Cela fait mal. Des médicaments aident."
    hard_french = ("Les interventions pharmacologiques, notamment l'administration de bisphosphonates, "
                   "diminuent considérablement la nociception osseuse métastatique.")
    assert readability.grade(plain_french, "fr") > 70 > 30 > readability.grade(hard_french, "fr")


def test_html_prose_counts_blocks_as_sentences_and_skips_furniture():
    html = """<article><h1>Title</h1><section class="in-short"><h2>In short</h2><ul><li>A key point</li></ul>
    </section><p class="page-meta">Reviewed May 1</p>
    <h2 id="x">A heading<a class="headerlink" href="#x">¶</a></h2>
    <p>Some text<sup class="citation"><a href="#s">[1]</a></sup></p>
    <ul><li>One item</li><li>Two items<ul><li>Nested</li></ul></li></ul>
    <section class="page-about"><h2>About this page</h2><ul class="page-dates"><li>Last reviewed: May 1</li></ul>
    <div class="page-sources"><ol><li>Publisher. Title.</li></ol></div></section>
    <dl class="term-definitions" hidden><dt>Term</dt><dd>A definition.</dd></dl></article>"""
    assert readability.html_prose(html) == ("Title. In short. A key point. A heading. Some text. One item. "
                                            "Two items. Nested.")


def test_markdown_prose_joins_wrapped_lines():
    md = "---\ntitle: x\n---\n## Head {#head}\n\nOne long sentence\nthat wraps. [@src]\n\n- item\n  more\n"
    assert readability.markdown_prose(md) == "Head. One long sentence that wraps. item more."


def test_markdown_prose_reads_the_key_points_first():
    md = '---\ntitle: x\nin_short:\n  - "First point. [@src]"\n  - "Second point"\n---\nThe text.\n'
    assert readability.markdown_prose(md) == "First point. Second point. The text."


def test_every_page_is_plain_enough(built_site):
    site, _ = built_site
    grades = readability.measure_site(site)
    print(readability.table(grades))
    for g in grades:
        record(f"score {g.grade:>5}  words {g.words:>5}  {g.page}")
    for language, group in readability.by_language(grades).items():
        scores = [g.grade for g in group]
        record(f"{language} {readability.MEASURES[language].name}: median {statistics.median(scores)}, "
               f"range {min(scores)} to {max(scores)} over {len(group)} pages")
    assert len(grades) >= 17 * len(readability.MEASURES)
    assert {g.language for g in grades} == set(readability.MEASURES)
    assert readability.problems(grades) == []
