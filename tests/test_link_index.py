"""The link index for partners (scripts/link_index.py): /links.json and each language's links page
match the built site, and every section heading has a button that copies its published address,
labelled in the page's language, usable from the keyboard, with a visible confirmation."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from scripts import link_contract, link_index, site_text, translations
from tests.browser import chromium
from tests.conftest import record

LANGUAGES = translations.languages()


def prefix(language: str) -> str:
    return "" if language == "en" else f"{language}/"


def soup(site, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def links(built_site) -> dict:
    site, _ = built_site
    return json.loads((site / "links.json").read_text(encoding="utf-8"))


def test_links_json_lists_every_page_and_section_of_every_language(built_site, links):
    site, url = built_site
    assert list(links["languages"]) == LANGUAGES and links["site"] == url
    missing, count = [], 0
    for language, part in links["languages"].items():
        for page in part["pages"]:
            assert page["url"] == url + prefix(language) + page["path"]
            built = soup(site, prefix(language) + page["path"])
            ids = {tag["id"] for tag in built.select("article [id]")}
            listed = {section["id"] for section in page["sections"]}
            # Headings of the page's own text; "about-this-page" and its "sources" are the template's.
            headings = {h["id"] for h in built.select("article h2[id], article h3[id]")
                        if h["id"] not in ("about-this-page", "sources") and not (page["path"] == "links/" and h["id"].startswith("page-"))}
            missing += [f"{language} {page['path']}#{i} is not listed" for i in headings - listed]
            missing += [f"{language} {page['path']}#{i} is listed but not on the page" for i in listed - ids]
            assert page["title"] and page["summary"]
            count += 1 + len(listed)
        assert len(part["pages"]) == len(link_index.nav_paths(_nav()))
    record(f"link index: {count} pages and sections in /links.json "
           f"({(site / 'links.json').stat().st_size:,} bytes)")
    assert missing == []


def _nav() -> list:
    import yaml
    from scripts.pages import ROOT
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]


def test_each_links_page_shows_every_address_of_its_language(built_site, links):
    site, _ = built_site
    for language, part in links["languages"].items():
        page = soup(site, prefix(language) + "links")
        text = page.select_one("article").get_text(" ")
        addresses = [p["url"] for p in part["pages"]] + [s["url"] for p in part["pages"] for s in p["sections"]]
        assert [a for a in addresses if a not in text] == [], language
        assert len(page.select("article h3[id^=page-]")) == len(part["pages"])
        assert site_text.strings(language)["language_name"] == part["name"]


def test_summaries_are_plain_first_sentences():
    assert link_index.plain("Radiation **helps**. [@acs-x] See [the page](radiation.md){ .x }.") == \
        "Radiation helps. See the page."
    assert link_index.first_sentence("One idea. Two ideas.") == "One idea."
    assert link_index.first_sentence("放疗有帮助。第二句。") == "放疗有帮助。"
    assert link_index.first_sentence("x" * 300).endswith("…")
    assert link_index.page_address("treatments/index.md") == "treatments/"
    assert link_index.page_address("index.md") == "" and link_index.page_address("faq.md") == "faq/"


def test_every_section_heading_has_a_copy_button_with_its_published_address(built_site):
    site, url = built_site
    wrong, buttons = [], 0
    for language in LANGUAGES:
        label = site_text.strings(language)["copy_link"]
        for file in sorted((site / prefix(language)).glob("**/index.html")):
            text = file.read_text(encoding="utf-8")
            in_other_language = language == "en" and file.relative_to(site).parts[0] in LANGUAGES
            if link_contract.REDIRECT_MARK in text or in_other_language:
                continue
            page = BeautifulSoup(text, "html.parser")
            address = url + file.parent.relative_to(site).as_posix().strip(".").lstrip("/")
            address = address if address.endswith("/") else address + "/"
            for heading in page.select("article h2[id], article h3[id]"):
                button = heading.select_one("button.section-link")
                buttons += 1
                if not button or button["data-clipboard-text"] != f"{address}#{heading['id']}" \
                        or button["aria-label"] != label:
                    wrong.append(f"{address}#{heading['id']}")
    record(f"copy-link buttons: {buttons} section headings in {len(LANGUAGES)} languages")
    assert wrong == []
    assert buttons > 1000


@pytest.mark.parametrize("language", ["es", "ar"])
def test_copy_button_works_from_the_keyboard_and_says_so(served, language):
    url = served
    with chromium() as browser:
        browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        page = browser.new_page()
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(f"{url}{language}/treatments/blocking-pain-signals/")
        page.wait_for_load_state("networkidle")
        button = page.locator("#nerve-blocks button.section-link")
        button.focus()
        box = button.bounding_box()
        page.keyboard.press("Enter")
        page.wait_for_selector(".md-dialog--active", timeout=5000)
        shown = page.locator(".md-dialog").inner_text()
        role = page.locator(".md-dialog").get_attribute("role")
        copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{url}{language}/treatments/blocking-pain-signals/#nerve-blocks"
    assert shown.strip() == site_text.strings(language)["link_copied"] and role == "status"
    assert box["width"] >= 24 and box["height"] >= 24
