"""What a reader meets in Chromium, for accessibility: axe-core's WCAG 2.2 A and AA rules on every
page of every language at desktop and phone widths, keyboard reach, visible focus, and reflow
when the text is zoomed to 200% (or read on a 320-pixel-wide screen)."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.browser import chromium, in_browsers, open_settled, page_addresses
from tests.conftest import record

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Every rule still runs on every element; resultTypes only spares axe listing each element that
# passed, which is most of its work on a long page and of the report sent back to Python.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
WIDTHS = {"desktop": 1280, "phone": 390}
# A page at 200% zoom on a 1280-pixel window lays out like a 640-pixel one; WCAG's reflow rule
# asks for no sideways scrolling at 320 CSS pixels, the narrowest we check.
REFLOW_WIDTH = 320
KEYBOARD_PAGES = ["", "es/treatments/radiation/", "zh/faq/", "ar/care-team/pain-diary/"]


def violations_text(result: dict) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')[:200]}"
            for v in result["violations"] for node in v["nodes"]]


def test_axe_finds_nothing_on_any_page_in_any_language(built_site, served):
    site, _ = built_site
    addresses = page_addresses(site)
    visits = [(name, width, address) for name, width in WIDTHS.items() for address in addresses]

    def audit(browser, chunk):
        axe, page, found = Axe(), browser.new_page(), []
        for name, width, address in chunk:
            page.set_viewport_size({"width": width, "height": 900})
            open_settled(page, served + address)
            result = axe.run(page, options=AXE_OPTIONS)
            found.append((f"{name} {address or '/'}", violations_text(result.response)))
        return found

    results = in_browsers(visits, audit)
    found = {visit: problems for visit, problems in results if problems}
    record(f"axe-core ({', '.join(WCAG_TAGS)}): {len(addresses)} pages x {len(WIDTHS)} widths, "
           f"{sum(map(len, found.values()))} violations")
    assert len(addresses) >= 90 and len(results) == len(visits)
    assert found == {}


def test_axe_reports_a_real_violation(served):
    """The check above can fail: an image without alt text and an empty link are caught."""
    with chromium() as browser:
        page = browser.new_page()
        page.goto(served)
        page.evaluate("""() => {
            const article = document.querySelector('article');
            article.insertAdjacentHTML('beforeend',
              '<p><img src="assets/images/favicon.svg"> <a href="faq/"></a></p>');
        }""")
        result = Axe().run(page, options=AXE_OPTIONS)
    ids = {v["id"] for v in result.response["violations"]}
    assert {"image-alt", "link-name"} <= ids


# Focus is visible when the focused element looks different from the same element unfocused.
FOCUS_STATE = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const looks = () => {
        const style = getComputedStyle(element);
        return ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor',
                'color', 'textDecorationLine', 'borderBottomColor'].map(k => style[k]).join('|');
    };
    const focused = looks();
    element.blur();
    const unfocused = looks();
    element.focus();
    return {
        key: element.getAttribute('href') || element.className || element.tagName,
        href: element.getAttribute('href'),
        search: element.matches('input.md-search__input, label[for="__search"]'),
        language: element.matches('.md-select__link, .md-select .md-header__button'),
        visible: focused !== unfocused,
    };
}"""


def test_keyboard_reaches_search_languages_and_every_link_with_visible_focus(served):
    with chromium() as browser:
        page = browser.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        for address in KEYBOARD_PAGES:
            page.goto(served + address)
            page.wait_for_load_state("networkidle")
            article_links = set(page.eval_on_selector_all(
                "article a[href]", "links => links.filter(a => a.checkVisibility())"
                ".map(a => a.getAttribute('href'))"))
            reached, invisible, search, languages = set(), [], False, set()
            for _ in range(600):
                page.keyboard.press("Tab")
                state = page.evaluate(FOCUS_STATE)
                if state is None:
                    continue
                if state["href"]:
                    reached.add(state["href"])
                search = search or state["search"]
                if state["language"] and state["href"]:
                    languages.add(state["href"])
                if not state["visible"]:
                    invisible.append(state["key"])
                if article_links <= reached and search and len(languages) >= 5:
                    break
            assert search, f"{address}: Tab never reached the search box"
            assert len(languages) >= 5, f"{address}: Tab reached {len(languages)} languages"
            assert article_links - reached == set(), f"{address}: links Tab never reached"
            assert invisible == [], f"{address}: focus not visible on {invisible[:5]}"


def test_text_reflows_at_200_percent_zoom(built_site, served):
    site, _ = built_site
    addresses = page_addresses(site)

    def widths(browser, chunk):
        page, found = browser.new_page(), []
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
        for address in chunk:
            open_settled(page, served + address)
            # Wide tables scroll inside their own focusable region, which WCAG allows.
            found.append((address, page.evaluate("document.documentElement.scrollWidth")))
        return found

    measured = in_browsers(addresses, widths)
    overflowing = [f"{address or '/'}: {width}px" for address, width in measured if width > REFLOW_WIDTH]
    assert len(measured) == len(addresses)
    assert overflowing == []
