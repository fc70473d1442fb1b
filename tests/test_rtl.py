"""Arabic lays out right to left in Chromium: computed direction, and where things sit on the
screen (navigation on the right, table of contents on the left, lines starting at the right edge),
checked against English, which must come out mirrored. Screenshots of the Arabic home page and an
article are kept in build/test-output/rtl/ for a person to look at."""
from __future__ import annotations


from scripts.pages import ROOT
from tests.browser import chromium
from tests.conftest import record

SCREENSHOTS = ROOT / "build" / "test-output" / "rtl"
PAGES = {"home": "", "article": "treatments/radiation/"}
DESKTOP = {"width": 1280, "height": 900}

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


def test_arabic_pages_lay_out_right_to_left_and_english_mirrors_them(served):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    arabic, english = {}, {}
    with chromium() as browser:
        page = browser.new_page()
        page.set_viewport_size(DESKTOP)
        for name, path in PAGES.items():
            page.goto(served + "ar/" + path)
            page.wait_for_load_state("networkidle")
            arabic[name] = right_to_left_signs(page.evaluate(LAYOUT))
            page.screenshot(path=SCREENSHOTS / f"ar-{name}.png")
            page.goto(served + path)
            page.wait_for_load_state("networkidle")
            english[name] = right_to_left_signs(page.evaluate(LAYOUT))
    record(f"RTL: screenshots of the Arabic pages in {SCREENSHOTS.relative_to(ROOT)}/")
    home_has_no_contents = ["contents left of the article"]
    assert [sign for sign, true in arabic["home"].items() if not true] == home_has_no_contents
    assert [sign for sign, true in arabic["article"].items() if not true] == []
    assert [sign for sign, true in english["home"].items() if true] == []
    assert [sign for sign, true in english["article"].items() if true] == []
