"""Our pages as data (scripts/content_api.py, overrides/hooks/content_api.py): the JSON-LD of every
page says what the page says, the content API /api/v1/ lists every page and section of the built
site and nothing else, each file matches its published schema, published fields never go, and
the condition-code lookup names only pages that exist."""
from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

from scripts import content_api, pages
from scripts.link_index import split_front_matter
from scripts.translations import languages
from tests.conftest import mkdocs_build, record

SCHEMA = "https://schema.org/"
API = content_api.BASE


def schema_org_loader(url, options=None):
    """schema.org's context, offline: every term of the document is a schema.org term (this
    machine reaches no other host; the test is about our JSON-LD, not schema.org's site)."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}
    raise jsonld.JsonLdError(f"no network: {url}", "loading document failed")


def built_pages(site):
    """(address, html path) of every page of every language: not the 404 pages or the API."""
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).parent.as_posix()
        if not relative.startswith("api"):
            yield ("" if relative == "." else relative + "/"), path


def language_and_path(address: str) -> tuple[str, str]:
    first = address.split("/", 1)[0]
    if first in languages() and first != "en":
        return first, address[len(first) + 1:]
    return "en", address


def front_matter(language: str, page_path: str) -> dict:
    """The front matter of the Markdown file a built page comes from."""
    stem = page_path.rstrip("/")
    for candidate in ([f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]):
        path = pages.DOCS / language / candidate
        if path.is_file():
            return split_front_matter(path.read_text(encoding="utf-8"))[0]
    raise AssertionError(f"no Markdown file for {language}/{page_path}")


def page_sections(html_path) -> list[str]:
    """The ids of the sections of a built page's text (its h2 and h3 with ids), in order."""
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    for furniture in article.select(".page-about, .in-short"):
        furniture.decompose()
    return [h["id"] for h in article.select("h2[id], h3[id]")]


def test_every_page_carries_json_ld_that_says_what_the_page_says(built_site):
    site, _ = built_site
    registry = pages.load_registry()[0].data
    problems, count = [], 0
    for address, path in built_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        scripts = soup.select('head script[type="application/ld+json"]')
        if len(scripts) != 1:
            problems.append(f"{address}: {len(scripts)} JSON-LD blocks")
            continue
        document = json.loads(scripts[0].string)
        expanded = jsonld.expand(document, {"documentLoader": schema_org_loader})
        node = expanded[0]
        count += 1
        value = lambda key: [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + key, [])]
        language, page_path = language_and_path(address)
        meta = front_matter(language, page_path)
        expected = {
            "@type": [SCHEMA + "MedicalWebPage"],
            "lastReviewed": [meta["reviewed"].isoformat()],
            "inLanguage": [soup.html["lang"]],
            "name": [soup.select_one("h1").get_text(strip=True)],
            "url": [soup.select_one('link[rel="canonical"]')["href"]],
        }
        found = {"@type": node.get("@type"), **{k: value(k) for k in expected if k != "@type"}}
        if found != expected:
            problems.append(f"{address}: {found} != {expected}")
        cited = sorted(c[SCHEMA + "url"][0]["@id"] if "@id" in c[SCHEMA + "url"][0] else c[SCHEMA + "url"][0]["@value"]
                       for c in node.get(SCHEMA + "citation", []))
        listed = sorted(registry[source]["url"] for source in meta["sources"])
        if cited != listed:
            problems.append(f"{address}: cites {cited}, the page lists {listed}")
        translation = SCHEMA + ("translationOfWork" if language != "en" else "workTranslation")
        if translation not in node:
            problems.append(f"{address}: no {translation}")
    record(f"JSON-LD: {count} pages parsed as MedicalWebPage")
    assert problems == [] and count >= 90


def test_the_front_matter_date_is_the_json_ld_date(built_site):
    site, _ = built_site
    source = (pages.DOCS / "fr" / "treatments" / "radiation.md").read_text(encoding="utf-8")
    reviewed = re.search(r"^reviewed: (\S+)$", source, re.M).group(1)
    html = (site / "fr" / "treatments" / "radiation" / "index.html").read_text(encoding="utf-8")
    data = json.loads(BeautifulSoup(html, "html.parser").select_one('script[type="application/ld+json"]').string)
    assert data["lastReviewed"] == reviewed


def test_every_api_file_matches_its_published_schema(built_site):
    site, _ = built_site
    files = list((site / API).rglob("*.json"))
    size = sum(f.stat().st_size for f in files)
    record(f"content API: {len(files)} files, {size / 1024:.0f} KiB")
    assert content_api.check(site) == []
    for name in content_api.SCHEMA_NAMES:  # published beside the files, as committed
        published = site / API / "schema" / f"{name}.schema.json"
        assert published.read_text(encoding="utf-8") == (content_api.SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")


def test_the_api_lists_every_page_and_section_and_nothing_else(built_site):
    site, _ = built_site
    problems = []
    by_language: dict[str, set[str]] = {}
    for address, path in built_pages(site):
        language, page_path = language_and_path(address)
        by_language.setdefault(language, set()).add(page_path)
        api_file = site / API / language / content_api.page_file(page_path)
        if not api_file.is_file():
            problems.append(f"{address}: no {api_file.relative_to(site)}")
            continue
        document = json.loads(api_file.read_text(encoding="utf-8"))
        if [s["id"] for s in document["sections"]] != page_sections(path):
            problems.append(f"{address}: API sections {[s['id'] for s in document['sections']]} != page {page_sections(path)}")
        if any(not s["url"].startswith(document["url"]) for s in document["sections"]):
            problems.append(f"{address}: a section address is not under the page's")
    for language, paths in by_language.items():
        index = json.loads((site / API / language / "index.json").read_text(encoding="utf-8"))
        listed = {entry["path"] for entry in index["pages"]}
        files = {p.relative_to(site / API / language).as_posix() for p in (site / API / language).rglob("*.json")}
        if listed != paths or files - {"index.json"} != {content_api.page_file(p) for p in paths}:
            problems.append(f"{language}: index lists {sorted(listed ^ paths)} wrongly, files {sorted(files)[:5]}…")
    front = json.loads((site / API / "index.json").read_text(encoding="utf-8"))
    assert sorted(front["languages"]) == sorted(languages())
    assert problems == []


def test_published_fields_are_never_removed():
    lock = content_api.FIELDS_LOCK.read_text(encoding="utf-8")
    current = content_api.published_fields()
    assert content_api.removed_fields(lock, current) == [], "restore the field, or add a new one beside it"
    # The check catches a removed (or renamed) field.
    shrunk = {name: set(fields) for name, fields in current.items()}
    shrunk["page"].discard("reviewed")
    shrunk["page"] = {f.replace("sections[].text", "sections[].plain") for f in shrunk["page"]}
    assert content_api.removed_fields(lock, shrunk) == ["page: reviewed", "page: sections[].text"]


def test_every_condition_code_names_pages_that_exist(built_site):
    site, _ = built_site
    index = json.loads((site / API / "icd10cm" / "index.json").read_text(encoding="utf-8"))
    codes = [entry["code"] for entry in index["codes"]]
    assert codes == [entry["code"] for entry in content_api.condition_codes()] and "C79.51" in codes
    missing = []
    for code in codes:
        document = json.loads((site / API / "icd10cm" / f"{code}.json").read_text(encoding="utf-8"))
        assert sorted(document["pages"]) == sorted(languages()), code
        for language, answers in document["pages"].items():
            for answer in answers:
                path = answer["url"].split("#")[0].split("/", 3)[3]
                anchor = answer["url"].partition("#")[2]
                html = site / path / "index.html"
                if not html.is_file() or (anchor and f'id="{anchor}"' not in html.read_text(encoding="utf-8")):
                    missing.append(f"{code} {language}: {answer['url']}")
    record(f"condition codes: {', '.join(codes)}")
    assert missing == []


def test_an_unknown_page_in_the_code_list_fails_the_build(mini_project, tmp_path):
    codes = mini_project / "data" / "icd10cm.yml"
    entry = ("- code: C79.51\n  title: Secondary malignant neoplasm of bone\n  meaning: Cancer that has spread to bone.\n"
             "  pages:\n    - index.md#a-section\n")
    codes.write_text(entry, encoding="utf-8")
    good = mkdocs_build(mini_project, tmp_path / "good", "http://127.0.0.1:8000/")
    assert good.returncode == 0, good.stderr[-2000:]
    assert json.loads((tmp_path / "good" / API / "icd10cm" / "C79.51.json").read_text(encoding="utf-8"))["pages"]["en"]
    codes.write_text(entry + "    - bone-pain/no-such-page.md#break-risk\n    - index.md#no-such-section\n", encoding="utf-8")
    result = mkdocs_build(mini_project, tmp_path / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert "data/icd10cm.yml:6: C79.51 names bone-pain/no-such-page.md#break-risk" in result.stderr
    assert "data/icd10cm.yml:7: C79.51 names index.md#no-such-section" in result.stderr


def test_a_file_that_breaks_its_schema_is_reported():
    document = {"api_version": "1", "system": "ICD-10-CM", "codes": [{"code": "C79.51", "title": "x"}]}
    found = content_api.problems(document, "code-index")
    assert any("meaning" in p for p in found) and any("api" in p for p in found)


@pytest.mark.parametrize("relative, kind", [("index.json", "site-index"), ("es/index.json", "language-index"),
                                            ("es/treatments/index.json", "page"), ("es/home.json", "page"),
                                            ("icd10cm/index.json", "code-index"), ("icd10cm/G89.3.json", "code"),
                                            ("schema/page.schema.json", None)])
def test_each_api_file_is_checked_against_the_right_schema(relative, kind):
    assert content_api.kind_of(relative) == kind
