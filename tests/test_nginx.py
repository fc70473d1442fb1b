"""deploy/nginx.conf, served by Debian's nginx on 127.0.0.1: headers, compression, caching,
per-language 404 pages, no CSP violation in Chromium, and a bounded load test."""
from __future__ import annotations

import html
import http.client
from urllib.parse import urlsplit

import pytest
import yaml

from scripts import languages, load_test, site_text
from scripts.nginx import CONFIG, LISTEN, LISTEN_V6, ROOT_LINE
from scripts.pages import ROOT
from tests.browser import chromium
from tests.conftest import nginx, record


@pytest.fixture(scope="module")
def served(built_site, tmp_path_factory):
    site, _ = built_site
    with nginx(site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def get(url: str, path: str, gzip: bool = False) -> tuple[int, dict, bytes]:
    """Status, headers (lowercase names) and raw body, without decompressing."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def expected_csp() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return " ".join(config["extra"]["content_security_policy"].split()) + "; frame-ancestors 'none'"


def test_the_config_under_test_is_the_deployed_one():
    text = CONFIG.read_text(encoding="utf-8")
    assert text.count(LISTEN) == text.count(LISTEN_V6) == text.count(ROOT_LINE) == 1


@pytest.mark.parametrize("path", ["/", "/treatments/radiation/", "/assets/stylesheets/site.css", "/no-such-page/"])
def test_security_headers_on_every_response(served, path):
    _, headers, _ = get(served, path)
    assert headers["content-security-policy"] == expected_csp()
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
    assert headers["strict-transport-security"].startswith("max-age=63072000")
    assert "server" not in headers or headers["server"] == "nginx"  # no version number


def test_handouts_are_served_as_pdf_without_the_page_policy(served):
    """Browsers' PDF viewers can be blocked by the pages' policy; every other header stays."""
    status, headers, body = get(served, "/treatments/radiation/handout.pdf")
    assert status == 200 and headers["content-type"] == "application/pdf" and body.startswith(b"%PDF")
    assert "content-security-policy" not in headers
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"


def test_pages_carry_the_same_policy_for_hosts_without_headers(served):
    _, _, body = get(served, "/")
    meta = expected_csp().removesuffix("; frame-ancestors 'none'")
    assert f'<meta http-equiv="Content-Security-Policy" content="{meta}">' in body.decode()


@pytest.mark.parametrize("path", ["/treatments/radiation/", "/search/search_index.json", "/assets/stylesheets/site.css"])
def test_text_is_gzipped_for_browsers_that_ask(served, path):
    _, plain_headers, plain = get(served, path)
    _, headers, packed = get(served, path, gzip=True)
    assert "content-encoding" not in plain_headers
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert len(packed) < len(plain) / 2
    record(f"gzip {path}: {len(plain)} -> {len(packed)} bytes")


def test_cache_lifetimes(served, built_site):
    site, _ = built_site
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert get(served, f"/assets/javascripts/{bundle}")[1]["cache-control"] == "public, max-age=31536000, immutable"
    assert get(served, "/treatments/radiation/")[1]["cache-control"] == "public, max-age=300"
    assert get(served, "/search/search_index.json")[1]["cache-control"] == "public, max-age=300"
    assert get(served, "/assets/stylesheets/site.css")[1]["cache-control"] == "public, max-age=86400"


def test_missing_page_gets_the_sites_404(served):
    status, _, body = get(served, "/no-such-page/")
    assert status == 404 and "We can't find that page" in body.decode()


@pytest.mark.parametrize("path, language", [
    (f"/{languages.prefix(code)}x/y/", code) for code in languages.codes()] + [("/missing/", "en")])
def test_404_page_in_the_readers_language(served, path, language):
    status, _, body = get(served, path)
    text = html.unescape(body.decode())
    assert status == 404
    assert f'<html lang="{language}"' in text
    assert site_text.strings(language)["not_found_title"] in text


def test_pages_load_in_chromium_with_no_csp_violation(served):
    problems = []
    with chromium() as browser:
        page = browser.new_page()
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                             "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        for path in ["", "treatments/radiation/", "glossary/", "care-team/pain-diary/"]:
            page.goto(served + path)
            page.wait_for_load_state("networkidle")
        page.fill("input.md-search__input", "opioids")
        page.press("input.md-search__input", "End")
        page.wait_for_selector(".md-search-result__item > a", timeout=10000)
        found = page.locator(".md-search-result__item > a").count()
        storage = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert problems == []
    assert found >= 1
    assert storage == [0, 0, ""]


def test_load_on_an_article_page(served, tmp_path):
    figures = load_test.run(served + "treatments/radiation/", seconds=5, connections=16)
    record(f"load test (wrk, 2 threads, 16 connections, 5 s) on an article: "
           f"{figures['requests_per_second']:.0f} requests/s, p50 {figures['p50_ms']} ms, "
           f"p99 {figures['p99_ms']} ms, {figures['requests']} requests, "
           f"{figures['errors'] + figures['non_2xx_3xx']} errors")
    assert figures["requests"] > 0
    assert figures["errors"] == 0 and figures["non_2xx_3xx"] == 0


WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:8080/
  2 threads and 16 connections
  Latency Distribution
     50%  393.00us
     75%  600.00us
     90%    1.10ms
     99%    2.58ms
  195975 requests in 5.00s, 6.78GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:  38430.12
"""


def test_wrk_output_is_read_with_its_errors():
    figures = load_test.parse_wrk(WRK_OUTPUT)
    assert figures == {"requests_per_second": 38430.12, "p50_ms": 0.393, "p99_ms": 2.58,
                       "requests": 195975, "errors": 3, "non_2xx_3xx": 7}


def test_load_test_refuses_hosts_other_than_this_machine():
    with pytest.raises(SystemExit, match="only target loopback"):
        load_test.run("http://192.168.1.10/")
