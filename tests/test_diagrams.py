"""Our diagrams (scripts/diagrams.py, overrides/hooks/diagrams.py): every label in every language,
placed without overflow or overlap in Chromium at phone and desktop widths, as large as the body
text on a phone, light, without layout shift, and printed as text in the handouts. Each diagram as
a 390 px phone shows it, in every language, is kept in build/test-output/diagrams/ for a person to
look at."""
from __future__ import annotations

import copy
import re
import subprocess
import sys
import xml.etree.ElementTree as etree
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from scripts import diagrams, handouts
from scripts import languages as language_rules
from scripts.link_index import page_address
from scripts.pages import ROOT
from scripts.translations import languages
from tests.browser import chromium
from tests.conftest import handout_text, mkdocs_build, record

LANGUAGES = languages()
PREFIX = {language: "" if language == "en" else f"{language}/" for language in LANGUAGES}
WIDTHS = (390, 1280)
SIZE_BUDGET = 8 * 1024  # gzipped bytes, each diagram in each language
PLACED = diagrams.placements()
SCREENSHOTS = ROOT / "build" / "test-output" / "diagrams"


def test_there_are_six_diagrams_each_on_a_page():
    assert len(diagrams.diagram_ids()) >= 6, diagrams.diagram_ids()
    assert sorted(PLACED) == diagrams.diagram_ids(), "every drawing is on a page, once"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_of_every_diagram_is_there_and_fits(language):
    assert diagrams.problems(language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_diagram_is_light(language):
    sizes = {d: diagrams.draw(d, language).gzipped for d in diagrams.diagram_ids()}
    record(f"diagrams, {language}: " + ", ".join(f"{d} {size / 1024:.1f} KiB" for d, size in sizes.items()))
    assert {d: s for d, s in sizes.items() if s > SIZE_BUDGET} == {}


def text_xs(svg: str) -> list[float]:
    root = etree.fromstring(svg)
    return [float(t.get("x")) for t in root.iter(f"{{{diagrams.SVG}}}text")]


def test_a_sequence_is_mirrored_for_right_to_left_and_anatomy_is_not():
    mirrored = [d for d in diagrams.diagram_ids() if diagrams.template(d).get("data-mirror") == "true"]
    anatomy = [d for d in diagrams.diagram_ids() if diagrams.template(d).get("data-mirror") != "true"]
    assert mirrored and anatomy
    for diagram_id in mirrored:
        ltr, rtl = diagrams.draw(diagram_id, "en").svg, diagrams.draw(diagram_id, "ar").svg
        width = float(diagrams.template(diagram_id).get("viewBox").split()[2])
        assert 'transform="matrix(-1 0 0 1' in rtl and "matrix(-1" not in ltr
        assert [round(width - x, 3) for x in text_xs(ltr)] == [round(x, 3) for x in text_xs(rtl)]
        assert 'direction="rtl"' in rtl and 'direction="rtl"' not in ltr
    for diagram_id in anatomy:
        rtl = diagrams.draw(diagram_id, "ar").svg
        assert "matrix(-1" not in rtl and 'direction="rtl"' in rtl


def test_labels_wrap_by_words_or_by_characters_and_a_long_one_is_refused():
    assert diagrams.wrap("Cancer that spreads to bone", 140) == ["Cancer that", "spreads to bone"]
    assert all(len(line) <= 7 for line in diagrams.wrap("从身体其他部位扩散到骨头的癌症", 120))
    assert diagrams.wrap("Front\nBack", 300) == ["Front", "Back"]
    diagram_id = diagrams.diagram_ids()[0]
    key = diagrams.template_labels(diagram_id)[0]
    with pytest.raises(diagrams.DiagramError, match=f"label '{key}' of '{diagram_id}' needs"):
        diagrams.placed(diagram_id, key, "word " * 200)


def test_a_label_place_outside_its_drawing_is_reported_with_its_line():
    assert [p for diagram_id in diagrams.diagram_ids() for p in diagrams.template_problems(diagram_id)] == []
    diagram_id = diagrams.diagram_ids()[0]
    root = copy.deepcopy(diagrams.template(diagram_id))
    height = float(root.get("viewBox").split()[3])
    labels = [t for t in root.iter(f"{{{diagrams.SVG}}}text") if t.get("data-label")]
    low, wide = labels[-1], labels[0]
    low.set("y", str(height - 10))
    low.set("data-lines", "2")  # its second line would be cut off by the drawing's bottom edge
    wide.set("data-width", "1000")
    found = diagrams.template_problems(diagram_id, root)
    assert len(found) == 2
    assert re.match(rf"overrides/diagrams/{diagram_id}.svg:\d+: label '{wide.get('data-label')}' spans .* outside "
                    "the drawing's width", found[0])
    assert re.match(rf"overrides/diagrams/{diagram_id}.svg:\d+: label '{low.get('data-label')}' with 2 line\(s\) "
                    rf"spans .* to {height - 10 + 19 + 4:g}, outside the drawing's height of {height:g}", found[1])


def test_a_translation_missing_a_label_or_left_in_english_is_reported(tmp_path, monkeypatch):
    diagram_id = diagrams.diagram_ids()[0]
    english = diagrams.words("en")[diagram_id]
    first, second = diagrams.template_labels(diagram_id)[:2]
    spanish = {**english, "labels": {k: f"«{v}»" for k, v in english["labels"].items() if k != first}}
    spanish["labels"][second] = english["labels"][second]
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / diagrams.LABEL_FILE).write_text(
        __import__("yaml").safe_dump({diagram_id: spanish}, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(diagrams, "label_file", lambda language: tmp_path / language / diagrams.LABEL_FILE
                        if language != "en" else diagrams.site_text.INCLUDES / "en" / diagrams.LABEL_FILE)
    monkeypatch.setattr(diagrams, "ROOT", tmp_path)
    diagrams.words.cache_clear()
    try:
        found = "\n".join(diagrams.problems("es"))
    finally:
        diagrams.words.cache_clear()
    assert f"has no label '{first}'" in found
    assert re.search(rf"es/diagrams.yml:\d+: label '{second}' of '{diagram_id}' is the English", found)


def built_diagram_pages(site):
    for diagram_id, doc in PLACED.items():
        for language in LANGUAGES:
            yield diagram_id, language, PREFIX[language] + page_address(doc)


def test_each_page_carries_its_diagrams_accessibly_in_its_language(built_site):
    site, _ = built_site
    problems = []
    for diagram_id, language, address in built_diagram_pages(site):
        soup = BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")
        figure = soup.select_one(f"figure#diagram-{diagram_id}")
        if figure is None:
            problems.append(f"{address}: no diagram {diagram_id}")
            continue
        svg = figure.select_one("svg.diagram__svg")
        words = soup.select_one(f"#diagram-{diagram_id}-words li")
        title = svg.select_one("title")
        if svg.get("role") not in ("img", "group") or title is None or not title.get_text(strip=True):
            problems.append(f"{address}: {diagram_id} has no role and name")
        if svg.get("aria-labelledby") != title.get("id") or words is None:
            problems.append(f"{address}: {diagram_id} is not named by its title or has no words")
        labels = [t.get_text(" ", strip=True) for t in svg.select("text[data-label]")]
        expected = diagrams.entry_of(diagram_id, language)["labels"]
        if len(labels) != len(diagrams.template_labels(diagram_id)):
            problems.append(f"{address}: {diagram_id} shows {len(labels)} labels")
        if language != "en":
            english = set(diagrams.words("en")[diagram_id]["labels"].values())
            kept = {expected[k] for k in diagrams.words(language)[diagram_id].get("kept") or []}
            left = [label for label in labels if label in english - kept]
            if left:
                problems.append(f"{address}: {diagram_id} shows English labels {left}")
        if (rtl := svg.select_one('text[direction="rtl"]') is not None) != language_rules.right_to_left(language):
            problems.append(f"{address}: {diagram_id} text direction rtl={rtl}")
        for link in svg.select("a[href]"):
            problems += broken_link(site, address, link["href"], diagram_id)
        standalone = site / address / f"{diagram_id}.svg"
        if not standalone.is_file() or f'xml:lang="{language}"' not in standalone.read_text(encoding="utf-8"):
            problems.append(f"{address}: {standalone.name} missing or without its language")
    assert problems == []


def broken_link(site, address: str, href: str, diagram_id: str) -> list[str]:
    """A label's link resolved as the browser resolves it from the page (and from the diagram's
    own file, which sits beside the page): the page it names exists and has the id."""
    target, _, anchor = urljoin(f"/{address}", href).partition("#")
    page = site / target.lstrip("/") / "index.html"
    if not page.is_file():
        return [f"{address}: {diagram_id} links to {href}, which is not a page"]
    if anchor and f'id="{anchor}"' not in page.read_text(encoding="utf-8"):
        return [f"{address}: {diagram_id} links to {href}, which has no #{anchor}"]
    return []


def test_labels_fit_their_places_in_chromium_in_every_language(built_site, served):
    site, _ = built_site
    problems, sizes, contrasts = [], [], []
    with chromium() as browser:
        page = browser.new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for address in sorted({a for _d, _l, a in built_diagram_pages(site)}):
                page.goto(served + address)
                problems += [f"{width}px {address}: {p}" for p in page.evaluate(diagrams.MEASURE_JS)]
                ratios = page.evaluate(diagrams.CONTRAST_JS)
                contrasts += [ratio for _label, ratio in ratios]
                problems += [f"{width}px {address}: '{label}' is {ratio:.1f}:1 on its background"
                             for label, ratio in ratios if ratio < diagrams.MIN_CONTRAST]
                if width == 390:
                    language = page.evaluate("document.documentElement.lang")
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    page.evaluate("document.querySelector('.md-header').style.visibility = 'hidden'")
                    for figure in page.locator("figure.diagram").all():
                        figure.locator("svg").screenshot(
                            path=str(SCREENSHOTS / f"{figure.get_attribute('id').removeprefix('diagram-')}.{language}.png"))
                    # On a phone a label is drawn at least as large as the body text.
                    label, body = page.evaluate("""() => {
                      const svg = document.querySelector('svg.diagram__svg');
                      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                      const p = document.querySelector('.md-content .md-typeset > p');
                      return [parseFloat(svg.getAttribute('font-size')) * scale,
                              parseFloat(getComputedStyle(p).fontSize)];
                    }""")
                    sizes.append(label)
                    if label < body - 0.01:
                        problems.append(f"390px {address}: labels {label:.1f}px, body text {body:.1f}px")
    record(f"diagram labels on a 390 px phone: {min(sizes):.1f} to {max(sizes):.1f} px; "
           f"contrast with their background at least {min(contrasts):.1f}:1 ({len(contrasts)} labels)")
    assert problems == []


def test_a_label_that_overflows_overlaps_or_fades_is_caught():
    svg = ('<svg class="diagram__svg" viewBox="0 0 100 60" width="100" height="60" font-size="16">'
           '<text x="0" y="20" data-box="0 40">much too long a label</text>'
           '<text x="10" y="24" data-box="0 100">over</text></svg>')
    with chromium() as browser:
        page = browser.new_page()
        page.set_content(f"<!doctype html><html lang=en><body><figure id=f>{svg}</figure></body></html>")
        found = "\n".join(page.evaluate(diagrams.MEASURE_JS))
        page.set_content('<!doctype html><html lang=en><body><svg class="diagram__svg" viewBox="0 0 200 60">'
                         '<rect width="200" height="60" fill="#ffffff"/><text x="5" y="20" fill="#999999">faint</text>'
                         '<rect y="30" width="200" height="30" fill="#333333"/><text x="5" y="50" fill="#1b1b1b">dark on dark</text>'
                         '<text x="100" y="20" fill="#1b1b1b">clear</text></svg></body></html>')
        ratios = dict(page.evaluate(diagrams.CONTRAST_JS))
    assert "wider than its place" in found and "leaves the drawing" in found and "overlaps" in found
    assert ratios["faint"] < 3 and ratios["dark on dark"] < 1.5 and ratios["clear"] > 15


def test_diagrams_cause_no_layout_shift(built_site, served):
    site, _ = built_site
    shifts = {}
    with chromium(viewport={"width": 390, "height": 844}) as browser:
        page = browser.new_page()
        page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => { for (const e of
          list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
          .observe({type: 'layout-shift', buffered: true});""")
        for address in sorted({a for _d, _l, a in built_diagram_pages(site)}):
            page.goto(served + address)
            page.wait_for_load_state("networkidle")
            page.evaluate("document.querySelector('figure.diagram').scrollIntoView()")
            page.wait_for_timeout(100)
            shifts[address] = page.evaluate("window.__shift")
    record(f"layout shift on diagram pages: at most {max(shifts.values()):.3f}")
    assert {a: s for a, s in shifts.items() if s > 0.01} == {}


def letters(text: str) -> str:
    """Only the letters of a text as a PDF reader gives it back: extraction turns full-width
    punctuation into ASCII and may reorder brackets and digits around Arabic words."""
    return "".join(c for c in handouts.readable(text) if c.isalpha())


def test_handouts_print_each_diagram_with_its_labels_as_text(built_site):
    site, _ = built_site
    missing = []
    for diagram_id, language, address in built_diagram_pages(site):
        printed = letters(handout_text(site / address / "handout.pdf"))
        for key, label in diagrams.entry_of(diagram_id, language)["labels"].items():
            words = [letters(word) for line in diagrams.placed(diagram_id, key, str(label)) for word in line.split()]
            missing += [f"{address}handout.pdf: {diagram_id} label '{label}' lacks '{word}'"
                        for word in words if word and word not in printed]
    assert missing == []


def test_a_diagram_marker_naming_no_diagram_fails_the_build_with_its_line(mini_project, tmp_path):
    page = mini_project / "docs" / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- diagram no-such-picture -->\n", encoding="utf-8")
    result = mkdocs_build(mini_project, tmp_path / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert re.search(r"docs/en/index.md:\d+: there is no diagram 'no-such-picture'", result.stderr)


def test_an_outdated_label_file_fails_the_strict_build(mini_translated_project, tmp_path):
    english = mini_translated_project / "includes" / "en" / diagrams.LABEL_FILE
    english.write_text(english.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    result = mkdocs_build(mini_translated_project, tmp_path / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert "includes/es/diagrams.yml:1: is outdated" in result.stderr


def test_the_cli_reports_every_language_complete():
    result = subprocess.run([sys.executable, "-m", "scripts.diagrams", "check"], capture_output=True,
                            text=True, cwd=diagrams.ROOT)
    assert result.returncode == 0, result.stdout
