"""Each right-to-left language (Arabic, Persian) lays out right to left in Chromium: computed
direction, and where things sit on the screen (navigation on the right, table of contents on the
left, lines starting at the right edge), checked against English, which must come out mirrored;
and code inside its sentences still reads left to right. Screenshots of each one's home page and
an article are kept in build/test-output/rtl/ for a person to look at."""
from __future__ import annotations

import pytest

from scripts import languages, translations
from scripts.pages import ROOT
from tests.browser import chromium, page_addresses
from tests.conftest import record

SCREENSHOTS = ROOT / "build" / "test-output" / "rtl"
PAGES = {"home": "", "article": "treatments/radiation/"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
RIGHT_TO_LEFT = [code for code in translations.languages() if languages.right_to_left(code)]

# Where the parts of a page sit, read in the browser. A line's box is where its text starts
# and ends; a heading's box spans the whole column whichever way the text runs.
LAYOUT = """() => {
  const box = selector => document.querySelector(selector).getBoundingClientRect();
  const firstLine = selector => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector));
    return range.getClientRects()[0];
  };
  // A sidebar a page hides (the home page has no table of contents) has no width, and no place.
  const centre = rect => rect.width ? rect.left + rect.width / 2 : null;
  return {
    htmlDir: document.documentElement.dir,
    direction: [document.documentElement, document.body, document.querySelector(".md-content__inner")]
      .map(element => getComputedStyle(element).direction),
    navigation: centre(box(".md-sidebar--primary")),
    contents: centre(box(".md-sidebar--secondary")),
    article: centre(box(".md-content")),
    logo: centre(box(".md-header__button.md-logo")),
    search: centre(box(".md-search")),
    headingRight: box(".md-content__inner h1").right,
    headingLeft: box(".md-content__inner h1").left,
    lineRight: firstLine(".md-content__inner h1").right,
    lineLeft: firstLine(".md-content__inner h1").left,
    paragraphRight: box(".md-content__inner > p").right,
    paragraphLineRight: firstLine(".md-content__inner > p").right,
  };
}"""


def right_to_left_signs(layout: dict) -> dict[str, bool]:
    """Each sign of a right-to-left page, true or false."""
    return {
        "html dir=rtl": layout["htmlDir"] == "rtl",
        "computed direction rtl": layout["direction"] == ["rtl"] * 3,
        "navigation right of the article": layout["navigation"] is not None and layout["navigation"] > layout["article"],
        "contents left of the article": layout["contents"] is not None and layout["contents"] < layout["article"],
        "logo right of the search box": layout["logo"] > layout["search"],
        "title starts at the right edge": abs(layout["lineRight"] - layout["headingRight"]) < 2
                                          and layout["lineLeft"] - layout["headingLeft"] > 20,
        "first paragraph starts at the right edge": abs(layout["paragraphLineRight"] - layout["paragraphRight"]) < 2,
    }


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_right_to_left_pages_lay_out_right_to_left_and_english_mirrors_them(served, language):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    mirrored, english = {}, {}
    with chromium() as browser:
        page = browser.new_page()
        page.set_viewport_size(DESKTOP)
        for name, path in PAGES.items():
            page.goto(served + languages.prefix(language) + path)
            page.wait_for_load_state("networkidle")
            mirrored[name] = right_to_left_signs(page.evaluate(LAYOUT))
            page.screenshot(path=SCREENSHOTS / f"{language}-{name}.png")
            page.goto(served + path)
            page.wait_for_load_state("networkidle")
            english[name] = right_to_left_signs(page.evaluate(LAYOUT))
    record(f"RTL: screenshots of the {language} pages in {SCREENSHOTS.relative_to(ROOT)}/")
    home_has_no_contents = ["contents left of the article"]
    assert [sign for sign, true in mirrored["home"].items() if not true] == home_has_no_contents
    assert [sign for sign, true in mirrored["article"].items() if not true] == []
    assert [sign for sign, true in english["home"].items() if true] == []
    assert [sign for sign, true in english["article"].items() if true] == []


# Where the browser draws each character of the page's inline code: on any one line, a character
# must sit right of the one before it, or an address like "/api/v1/index.json" reads
# "api/v1/index.json/" (its first slash pulled to the end by the sentence's direction).
CODE_ORDER = """() => {
  const codes = [...document.querySelectorAll('.md-content :not(pre) > code')]
    .filter(code => code.childNodes.length === 1 && code.firstChild.nodeType === Node.TEXT_NODE
                    && code.getClientRects().length);
  const wrong = codes.filter(code => {
    const text = code.firstChild, boxes = [];
    for (let i = 0; i < text.length; i++) {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      boxes.push(range.getBoundingClientRect());
    }
    return boxes.some((box, i) => i && box.width && boxes[i - 1].width
                                  && Math.abs(box.top - boxes[i - 1].top) < 2 && box.left < boxes[i - 1].left);
  });
  return {checked: codes.length, wrong: wrong.map(code => code.textContent)};
}"""


def test_code_reads_left_to_right_in_right_to_left_sentences(built_site, served):
    site, _ = built_site
    checked, wrong = 0, {}
    with chromium(viewport=PHONE) as browser:
        page = browser.new_page()
        for address in page_addresses(site):
            if any(address.startswith(languages.prefix(language)) for language in RIGHT_TO_LEFT):
                page.goto(served + address)
                found = page.evaluate(CODE_ORDER)
                checked += found["checked"]
                if found["wrong"]:
                    wrong[address] = found["wrong"]
    record(f"RTL: {checked} pieces of inline code on {', '.join(RIGHT_TO_LEFT)} pages drawn left to right")
    assert checked > 100 and wrong == {}
