"""Privacy in Chromium: on every page of every language, while the page loads and search is used,
the browser asks no host but the site's own, and nothing is stored: no cookie, no local or
session storage, no IndexedDB, no cache storage, no service worker."""
from __future__ import annotations

from urllib.parse import urlsplit

from scripts.pages import DEFAULT_LANGUAGE
from tests.browser import chromium, in_browsers, page_addresses
from tests.conftest import record
from tests.test_search import QUERIES, RESULT

STORED = """async () => ({
  cookie: document.cookie,
  localStorage: localStorage.length,
  sessionStorage: sessionStorage.length,
  indexedDB: (await indexedDB.databases()).length,
  caches: (await caches.keys()).length,
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
})"""
NOTHING = {"cookie": "", "localStorage": 0, "sessionStorage": 0, "indexedDB": 0, "caches": 0, "serviceWorkers": 0}


def language_of(address: str) -> str:
    first = address.split("/")[0]
    return first if first in QUERIES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def elsewhere(url: str, host: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob") and parts.netloc != host


def test_no_request_elsewhere_and_nothing_stored_on_any_page(built_site, served):
    site, _ = built_site
    host = urlsplit(served).netloc
    addresses = page_addresses(site)

    def visit(browser, chunk):
        requests, stored = [], {}
        browser.on("request", lambda request: requests.append(request.url))
        page = browser.new_page()
        for address in chunk:
            page.goto(served + address)
            # One wait for network quiet per page, after the search: it covers what the page
            # loads after its load event as well (two waits took 100 s more over the site).
            page.fill("input.md-search__input", QUERIES[language_of(address)][0]["query"])
            page.press("input.md-search__input", "End")
            page.wait_for_selector(RESULT, timeout=10000)
            page.wait_for_load_state("networkidle")
            state = page.evaluate(STORED)
            if state != NOTHING:
                stored[address] = state
        return [{"requests": requests, "stored": stored, "cookies": browser.cookies(), "pages": len(chunk)}]

    browsers = in_browsers(addresses, visit)
    requests = [url for seen in browsers for url in seen["requests"]]
    cookies = [cookie for seen in browsers for cookie in seen["cookies"]]
    stored = {address: state for seen in browsers for address, state in seen["stored"].items()}
    others = sorted({url for url in requests if elsewhere(url, host)})
    record(f"privacy: {len(addresses)} pages loaded and searched, {len(requests)} requests, "
           f"{len(others)} to other hosts, {len(cookies)} cookies, {len(stored)} pages storing anything")
    assert len(addresses) >= 85 and sum(seen["pages"] for seen in browsers) == len(addresses)
    assert others == []
    assert cookies == []
    assert stored == {}


def test_the_privacy_check_sees_a_request_elsewhere_and_storage(served):
    """The checks above can fail: a page that writes storage and asks another host is caught.
    (The site's Content-Security-Policy would stop the request before it is sent, so it is set aside.)"""
    requests = []
    with chromium(bypass_csp=True) as browser:
        browser.on("request", lambda request: requests.append(request.url))
        page = browser.new_page()
        page.goto(served)
        page.wait_for_load_state("networkidle")
        page.evaluate("""() => { localStorage.setItem('seen', '1'); document.cookie = 'id=1';
                                 fetch('http://example.invalid/pixel').catch(() => {}); }""")
        page.wait_for_timeout(200)
        state = page.evaluate(STORED)
    assert any(elsewhere(url, urlsplit(served).netloc) for url in requests)
    assert state["localStorage"] == 1 and state["cookie"] == "id=1"
