"""A reader in pain, on a phone (Chromium at 390 x 844 with touch): the short answer on the first
screen, definitions on a tap, urgent signs as two clear care cards, a home page that routes a
worried reader, and text that is comfortable to read."""
from __future__ import annotations

import re


from scripts import languages, pages, site_text, translations
from scripts.link_index import page_address
from tests.browser import chromium
from tests.conftest import record

PHONE = {"width": 390, "height": 844}
TOUCH = dict(viewport=PHONE, has_touch=True, is_mobile=True)
TERMS_PAGE = "treatments/radiation/"  # a page with many glossary terms, in every language
LANGUAGES = translations.languages()


def prefix(language: str) -> str:
    return "" if language == pages.DEFAULT_LANGUAGE else f"{language}/"


def articles() -> list[tuple[str, str]]:
    """(language, address) of every article of every language."""
    found = []
    for language in LANGUAGES:
        for source in sorted((pages.DOCS / language).rglob("*.md")):
            if pages.is_article(source):
                address = page_address(source.relative_to(pages.DOCS / language).as_posix())
                found.append((language, prefix(language) + address))
    return found


def box(page, selector: str) -> dict:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
                width: r.width, height: r.height}; }""", selector)


def test_title_and_key_points_are_on_the_first_phone_screen(built_site, served):
    found = articles()
    ends: dict[str, list[float]] = {}
    too_low = []
    with chromium(**TOUCH) as browser:
        page = browser.new_page()
        for language, address in found:
            page.goto(served + address)
            title, points = box(page, "article h1"), box(page, "article .in-short")
            ends.setdefault(language, []).append(points["bottom"])
            if title["top"] < 0 or points["bottom"] > PHONE["height"]:
                too_low.append(f"{address}: In short ends at {points['bottom']:.0f} px")
    assert len(found) == 16 * len(LANGUAGES)
    record("first screen (390 x 844), where In short ends, px (max / median): " + "; ".join(
        f"{language} {max(v):.0f} / {sorted(v)[len(v) // 2]:.0f}" for language, v in ends.items()))
    assert too_low == []


def definitions(language: str) -> dict[str, str]:
    return {t["id"]: " ".join(t["definition"].split()) for t in site_text.glossary(language)}


def outside_or_covering(tip: dict, term: dict) -> list[str]:
    problems = []
    if tip["left"] < 0 or tip["right"] > PHONE["width"]:
        problems.append(f"runs off the screen ({tip['left']:.0f}..{tip['right']:.0f})")
    if not (tip["top"] >= term["bottom"] or tip["bottom"] <= term["top"]):
        problems.append("covers the term")
    return problems


def test_glossary_terms_open_on_tap_click_and_keyboard_in_every_language(built_site, served):
    """Every term on the page opens its own definition on a tap, inside the screen and below or
    above the word; a second tap, a tap elsewhere and Esc close it; Enter and Space work from the
    keyboard, and the term names its definition for screen readers."""
    problems, taps = [], 0
    with chromium(**TOUCH) as browser:
        page = browser.new_page()
        for language in LANGUAGES:
            page.goto(served + prefix(language) + TERMS_PAGE)
            known = definitions(language)
            buttons = page.locator("article button.term")
            count = buttons.count()
            if count < 3:
                problems.append(f"{language}: only {count} glossary terms on {TERMS_PAGE}")
            for index in range(count):
                button = buttons.nth(index)
                button.scroll_into_view_if_needed()
                described = page.evaluate("b => document.getElementById(b.getAttribute('aria-describedby')).textContent",
                                          button.element_handle())
                term_id = button.get_attribute("aria-describedby").removeprefix("term-def-")
                if " ".join(described.split()) != known.get(term_id):
                    problems.append(f"{language} {term_id}: screen readers get another text")
                button.tap()
                taps += 1
                tip = page.locator("#term-tip")
                if not tip.is_visible() or button.get_attribute("aria-expanded") != "true":
                    problems.append(f"{language} {term_id}: a tap did not open it")
                    continue
                if known[term_id][:30] not in " ".join(tip.inner_text().split()):
                    problems.append(f"{language} {term_id}: shows another definition")
                term_box = page.evaluate("b => { const r = b.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }",
                                         button.element_handle())
                tip_box = page.evaluate("() => { const r = document.getElementById('term-tip').getBoundingClientRect();"
                                        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")
                problems += [f"{language} {term_id}: {p}" for p in outside_or_covering(tip_box, term_box)]
                button.tap()
                if tip.is_visible():
                    problems.append(f"{language} {term_id}: a second tap did not close it")
            # A tap elsewhere closes it; the keyboard opens and closes it.
            first = buttons.first
            first.tap()
            page.locator("article h1").tap()
            if page.locator("#term-tip").is_visible():
                problems.append(f"{language}: a tap elsewhere did not close it")
            first.focus()
            page.keyboard.press("Enter")
            opened_by_enter = page.locator("#term-tip").is_visible()
            page.keyboard.press("Escape")
            closed_by_escape = not page.locator("#term-tip").is_visible()
            focus_back = page.evaluate("() => document.activeElement.classList.contains('term')")
            page.keyboard.press("Space")
            opened_by_space = page.locator("#term-tip").is_visible()
            if not (opened_by_enter and closed_by_escape and focus_back and opened_by_space):
                problems.append(f"{language}: keyboard (Enter {opened_by_enter}, Esc {closed_by_escape}, "
                                f"focus back {focus_back}, Space {opened_by_space})")
    with chromium(viewport={"width": 1280, "height": 900}) as browser:
        page = browser.new_page()
        page.goto(served + TERMS_PAGE)
        page.locator("article button.term").first.click()
        if not page.locator("#term-tip").is_visible():
            problems.append("en desktop: a click did not open it")
    record(f"glossary terms: {taps} taps on {TERMS_PAGE} in {len(LANGUAGES)} languages, {len(problems)} problems")
    assert problems == []


def test_without_javascript_a_term_links_to_its_glossary_entry(built_site, served):
    with chromium(viewport=PHONE, java_script_enabled=False) as browser:
        page = browser.new_page()
        for language in LANGUAGES:
            page.goto(served + prefix(language) + TERMS_PAGE)
            links = page.locator("article a.term")
            assert links.count() >= 3, language
            href = links.first.get_attribute("href")
            assert re.search(r"glossary/#[a-z0-9-]+$", href), href
            links.first.click()
            page.wait_for_load_state()
            anchor = href.split("#")[1]
            assert page.url.endswith(f"{prefix(language)}glossary/#{anchor}"), (language, page.url)
            assert page.locator(f"h2[id='{anchor}']").count() == 1, (language, href)


def test_urgent_signs_are_two_care_cards_on_every_page_that_has_the_box(built_site):
    """Each card has its own heading, icon and colour: never colour alone."""
    from bs4 import BeautifulSoup
    site, _ = built_site
    pages_with_box = 0
    for path in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        box = soup.select_one("article #urgent-warning")
        if box is None:
            continue
        pages_with_box += 1
        immediate, advice = box.select_one(".care-card--immediate"), box.select_one(".care-card--urgent-advice")
        assert immediate and advice, path
        for card in (immediate, advice):
            title = card.select_one("h2.care-card__title")
            assert title and title.get_text(strip=True) and title.select_one("svg[aria-hidden=true]"), path
            assert card.select("li"), f"{path}: a card lists no signs"
        assert immediate.h2.get_text() != advice.h2.get_text()
        assert str(immediate.h2.svg) != str(advice.h2.svg), f"{path}: both cards show the same icon"
    assert pages_with_box >= 12 * len(LANGUAGES)


def test_care_cards_differ_in_colour_and_read_well(built_site, served):
    with chromium(**TOUCH) as browser:
        page = browser.new_page()
        for language in LANGUAGES:
            page.goto(served + prefix(language) + "treatments/blocking-pain-signals/")
            colours = page.evaluate("""() => [...document.querySelectorAll('.care-card__title')].map(h => {
                const s = getComputedStyle(h); return [s.backgroundColor, s.color]; })""")
            assert len(colours) == 2 and colours[0][0] != colours[1][0], (language, colours)
            for background, text in colours:
                assert contrast(text, background) >= 4.5, (language, background, text)


def test_home_page_routes_a_worried_reader(built_site, served):
    """The immediate card on the first screen with its signs one tap away, then 4 to 6 questions
    as 44 px tap targets, each one tap from its answer, beginning within the first screen and a
    half (the first half of them inside it)."""
    figures = []
    with chromium(**TOUCH) as browser:
        page = browser.new_page()
        for language in LANGUAGES:
            page.goto(served + prefix(language))
            card = box(page, "#urgent-warning .care-card--immediate")
            assert card["bottom"] <= PHONE["height"], (language, card)
            routes = page.locator("article .routes a")
            assert 4 <= routes.count() <= 6, language
            ends = []
            for index in range(routes.count()):
                target = routes.nth(index).evaluate("""a => { const r = a.getBoundingClientRect();
                    return {bottom: r.bottom + scrollY, width: r.width, height: r.height}; }""")
                assert target["width"] >= 44 and target["height"] >= 44, (language, index, target)
                ends.append(target["bottom"])
            figures.append(f"{language} {card['bottom']:.0f}/{ends[2]:.0f}/{ends[-1]:.0f}")
            # The routes begin within the first screen and a half: half of them are in it.
            assert ends[2] <= 1.5 * PHONE["height"], (language, ends)
            signs = page.locator("#urgent-warning .care-card--immediate details")
            assert not signs.evaluate("d => d.open")
            signs.locator("summary").tap()
            assert signs.evaluate("d => d.open") and signs.locator("li").first.is_visible()
            # "Is this an emergency?" opens the signs.
            page.goto(served + prefix(language))
            page.locator("article .routes a[href$='#urgent-warning']").tap()
            assert page.locator("#urgent-warning .care-card--immediate details").evaluate("d => d.open"), language
    record("home page (390 x 844), where the immediate card / the third route / the last route ends, px: "
           + "; ".join(figures))


def relative_luminance(colour: str) -> tuple[float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", colour)]
    red, green, blue, alpha = (values + [1.0])[:4]

    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue), alpha


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio; a translucent foreground is blended over the background first."""
    fg = [float(v) for v in re.findall(r"[\d.]+", foreground)] + [1.0]
    bg = [float(v) for v in re.findall(r"[\d.]+", background)] + [1.0]
    alpha = fg[3] if len(fg) > 4 else 1.0
    blended = "rgb(" + ",".join(str(fg[i] * alpha + bg[i] * (1 - alpha)) for i in range(3)) + ")"
    light, dark = sorted([relative_luminance(blended)[0], relative_luminance(background)[0]], reverse=True)
    return (light + 0.05) / (dark + 0.05)


# A CJK script's characters are a full em wide: lines of it are counted in them, Latin ones in digits.
MEASURE = """(fullWidth) => {
  const probe = (el, text) => { const s = document.createElement('span'); s.textContent = text;
    s.style.whiteSpace = 'pre'; el.append(s); const w = s.getBoundingClientRect().width / text.length; s.remove(); return w; };
  return [...document.querySelectorAll('article.md-typeset > p, article.md-typeset > ul > li, article .in-short li')]
    .filter(el => el.offsetParent !== null && el.textContent.trim().length > 20).map(el => {
      const s = getComputedStyle(el);
      return {width: el.clientWidth, char: probe(el, fullWidth ? '中中中中中中中中中中' : '0000000000'),
              lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize), align: s.textAlign,
              color: s.color, background: getComputedStyle(document.body).backgroundColor};
    });
}"""


def test_text_is_comfortable_to_read(built_site, served):
    """WCAG 1.4.8 (AAA): lines of at most 80 characters (40 in CJK scripts), line height at least 1.5,
    no justified text, body text at 7:1 contrast or more."""
    problems, widest = [], {}
    with chromium(viewport={"width": 1280, "height": 900}) as browser:
        page = browser.new_page()
        for language in LANGUAGES:
            for address in [prefix(language), prefix(language) + TERMS_PAGE, prefix(language) + "faq/"]:
                page.goto(served + address)
                limit = languages.line_characters(language)
                for block in page.evaluate(MEASURE, limit < 80):
                    characters = block["width"] / block["char"]
                    widest[language] = max(widest.get(language, 0), characters)
                    if characters > limit:
                        problems.append(f"{address}: a line holds {characters:.0f} characters")
                    if block["lineHeight"] < 1.5:
                        problems.append(f"{address}: line height {block['lineHeight']:.2f}")
                    if block["align"] == "justify":
                        problems.append(f"{address}: justified text")
                    if contrast(block["color"], block["background"]) < 7:
                        problems.append(f"{address}: text contrast {contrast(block['color'], block['background']):.1f}:1")
    record("longest line (1280 px), characters: " + "; ".join(f"{k} {v:.0f}" for k, v in widest.items()))
    assert problems == []


def test_sizes_are_in_rem_or_em_so_the_readers_text_size_applies():
    css = (pages.ROOT / "overrides" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    fixed = re.findall(r"(?:font-size|line-height)\s*:\s*[\d.]+(?:px|pt)", css)
    assert fixed == []
