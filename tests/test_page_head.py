"""The page head a reader meets first: every article's key points ("In short"), and plain-text
fields that can never carry markup. Bad input stops the strict build with file:line."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts import pages, site_text, translations
from scripts.link_index import page_address, plain
from tests.conftest import VALID_PAGE, mkdocs_build, with_key_points

REGISTRY = pages.load_registry()[0].data
ARTICLE = with_key_points(VALID_PAGE, "Radiation can ease bone pain. [@webmd-bone-metastasis]",
                          "Ask your care team what to expect.")


def article_problems(tmp_path, text: str) -> list[pages.Problem]:
    page = tmp_path / "docs" / "en" / "faq.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return pages.page_problems(page, REGISTRY)


def test_an_article_with_two_key_points_is_valid(tmp_path):
    assert article_problems(tmp_path, ARTICLE) == []


@pytest.mark.parametrize("points, line, words", [
    (None, 2, "'in_short' is missing"),
    (["One point only, and a short one."], 7, "in_short"),
    ([f"Point number {n}, short and plain." for n in range(5)], 7, "in_short"),
    (["Too short", "A second point that is long enough."], 8, "in_short.0"),
])
def test_an_article_needs_two_to_four_key_points(tmp_path, points, line, words):
    text = VALID_PAGE if points is None else VALID_PAGE.replace(
        "sources: [webmd-bone-metastasis]\n",
        "sources: [webmd-bone-metastasis]\nin_short:\n" + "".join(f'  - "{p}"\n' for p in points))
    found = article_problems(tmp_path, text)
    assert any(p.line == line and words in p.message for p in found), found
    assert "2 to 4 short plain sentences" in " ".join(p.fix for p in found)


def test_the_home_page_and_lists_need_no_key_points(tmp_path):
    for name in pages.NOT_ARTICLES:
        page = tmp_path / "docs" / "en" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(VALID_PAGE, encoding="utf-8")
        assert pages.page_problems(page, REGISTRY) == [], name


@pytest.mark.parametrize("field, old, new", [
    ("title", "title: A test page", "title: A <script>alert(1)</script> page"),
    ("description", "description: A page used", "description: A <b>page</b> used"),
    ("in_short", '"Ask your care team what to expect."', '"Ask your <i>care team</i> what to expect."'),
])
def test_plain_text_fields_reject_markup(tmp_path, field, old, new):
    found = article_problems(tmp_path, ARTICLE.replace(old, new))
    assert any(field in p.message and "no markup" in p.fix for p in found), found


@pytest.mark.parametrize("field, value", [("term", "Abl<b>ation</b>"), ("definition", "A <script>x</script> treatment for pain."),
                                          ("forms", ["<i>ablation</i>"])])
def test_glossary_text_rejects_markup(tmp_path, field, value):
    entries = yaml.safe_load((site_text.INCLUDES / "en" / "glossary.yml").read_text(encoding="utf-8"))
    entries[3][field] = value
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = pages.glossary_problems(path)
    assert len(found) == 1 and f"3.{field}" in found[0].message and "no markup" in found[0].fix, found
    line = path.read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    assert "<" in line, (found[0], line)  # the line of the bad value


def test_every_glossary_is_valid():
    assert [p for path in sorted(site_text.INCLUDES.glob("*/glossary.yml")) for p in pages.glossary_problems(path)] == []


def test_a_translation_must_keep_the_number_of_key_points(mini_translated_project):
    project = mini_translated_project
    english, spanish = project / "docs/en/index.md", project / "docs/es/index.md"
    english.write_text(ARTICLE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "scripts.translations", "stamp", str(spanish)],
                   cwd=project, check=True, capture_output=True)
    found = translations.structure_problems(spanish)
    assert len(found) == 1 and found[0].endswith(
        "docs/es/index.md:1: in_short has 0 point(s), English has 2; Fix: translate each point of "
        f"{project}/docs/en/index.md, one for one"), found
    result = mkdocs_build(project, project / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert "docs/es/index.md:1: in_short has 0 point(s), English has 2" in result.stderr


@pytest.mark.parametrize("text, expected", [
    (ARTICLE.replace('what to expect."', 'what to expect. [@acs-pain-signals]"'),
     ["docs/en/index.md:9: in_short cites [@acs-pain-signals], a source the page does not list"]),
    (VALID_PAGE.replace("title: A test page", "title: A <script>x</script> page"),
     ["docs/en/index.md:2: title: ", "no markup"]),
])
def test_a_bad_key_point_or_title_fails_the_build(mini_project, text, expected):
    (mini_project / "docs" / "en" / "index.md").write_text(text, encoding="utf-8")
    result = mkdocs_build(mini_project, mini_project / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert all(words in result.stderr for words in expected), result.stderr[-2000:]


def test_key_points_show_under_the_title_with_citations_in_every_language(built_site):
    """Each article's In short block comes right after its H1, holds its front matter's points as
    text, and links their citations to the page's sources; /links.json lists them."""
    site, _ = built_site
    counts = {}
    for language in translations.languages():
        prefix = "" if language == pages.DEFAULT_LANGUAGE else f"{language}/"
        for source in sorted((pages.DOCS / language).rglob("*.md")):
            relative = source.relative_to(pages.DOCS / language).as_posix()
            meta = yaml.safe_load(pages.FRONT_MATTER.match(source.read_text(encoding="utf-8")).group(1))
            address = page_address(relative)
            html = (site / prefix / address / "index.html").read_text(encoding="utf-8")
            soup = BeautifulSoup(html, "html.parser")
            block = soup.select_one("article .in-short")
            if not pages.is_article(source):
                assert block is None, source
                continue
            assert block is not None, f"{source}: no In short block"
            assert block.find_previous_sibling().name == "h1", f"{source}: In short is not right under the title"
            assert block.h2.get_text(strip=True) == site_text.strings(language)["in_short"]
            shown = [re.sub(r"\s*\[\d+\]", "", li.get_text(" ", strip=True)) for li in block.select("li")]
            for point, text in zip(meta["in_short"], shown):
                assert " ".join(text.split()).startswith(" ".join(plain(point).split())[:40]), (source, point, text)
            for link in block.select("sup.citation a"):
                assert soup.select_one(link["href"]) is not None, (source, link["href"])
            counts.setdefault(language, []).append(len(shown))
    assert set(counts) == set(translations.languages())
    assert len({tuple(c) for c in counts.values()}) == 1, counts  # the same count, page by page


def test_links_json_lists_each_page_key_points(built_site):
    import json
    site, _ = built_site
    data = json.loads((site / "links.json").read_text(encoding="utf-8"))
    entries = [page for language in data["languages"].values() for page in language["pages"]] \
        if "languages" in data else data["pages"]
    with_points = [e for e in entries if e.get("in_short")]
    assert with_points, "no page of /links.json has its key points"
    assert all(2 <= len(e["in_short"]) <= 4 and all("[@" not in p and "<" not in p for p in e["in_short"])
               for e in with_points)
