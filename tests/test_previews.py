"""Link previews (overrides/main.html, scripts/previews.py): every page of every language names,
in Open Graph and Twitter card tags, its title, description, address, locale and a preview image
of 1200 x 630 pixels that exists, is a PNG under 100 KB and shows its title in its own script,
with no missing glyph and nothing running off the card."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup
from PIL import Image

from scripts import pages, previews, site_text, translations
from tests.browser import chromium

LANGUAGES = translations.languages()
# The Open Graph locale of each language (includes/<lang>/strings.yml, og_locale), as Facebook
# lists them (US English, es_LA for the Spanish of the Americas, ar_AR for Arabic): the language
# and a region, the language being the page's own.
OG_LOCALES = {language: site_text.strings(language)["og_locale"] for language in LANGUAGES}
OG_LOCALE = re.compile(r"^([a-z]{2})_[A-Z]{2}$")
REQUIRED = ["og:type", "og:site_name", "og:title", "og:description", "og:url", "og:locale", "og:image",
            "og:image:width", "og:image:height", "og:image:alt", "twitter:card", "twitter:title",
            "twitter:description", "twitter:image", "twitter:image:alt"]
WIDTH, HEIGHT = 1200, 630


def site_pages(site: Path) -> dict[Path, str]:
    """Every page of the built site (not the 404 pages nor redirects), with its language."""
    found = {}
    for index in sorted(site.rglob("index.html")):
        if 'name="moved-to"' in index.read_text(encoding="utf-8"):
            continue
        found[index] = previews.language_of(site, index)
    return found


def inside_language(site: Path, index: Path, language: str) -> str:
    """The page's folder inside its language: "" for the home page, "treatments/radiation"."""
    relative = index.parent.relative_to(site if language == "en" else site / language).as_posix()
    return "" if relative == "." else relative


@lru_cache(maxsize=None)
def front_matter(language: str, folder: str) -> dict:
    base = pages.DOCS / language
    for source in ([base / "index.md"] if not folder else [base / f"{folder}.md", base / folder / "index.md"]):
        if source.exists():
            doc, problems = pages.read_front_matter(source)
            assert not problems, problems
            return doc.data
    raise AssertionError(f"no source page for {language} /{folder}/")


def test_every_page_of_every_language_has_the_preview_tags(built_site):
    site, url = built_site
    found = site_pages(site)
    languages = sorted(set(found.values()))
    assert languages == sorted(LANGUAGES)
    per_language = {language: sum(1 for lang in found.values() if lang == language) for language in LANGUAGES}
    assert len(set(per_language.values())) == 1 and per_language["en"] > 10, per_language
    problems = []
    for index, language in found.items():
        where = index.relative_to(site).as_posix()
        head = previews.head_of(index)
        html = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
        meta = front_matter(language, inside_language(site, index, language))
        problems += [f"{where}: no {key}" for key in REQUIRED if not head.one(key).strip()]
        site_name = head.one("og:site_name")
        expected = {
            "og:type": "website" if inside_language(site, index, language) == "" else "article",
            "og:title": meta["title"],
            "og:description": meta["description"],
            "og:url": html.find("link", rel="canonical")["href"],
            "og:image": html.find("link", rel="canonical")["href"] + previews.PREVIEW,
            "og:image:width": str(WIDTH),
            "og:image:height": str(HEIGHT),
            "twitter:card": "summary_large_image",
            "twitter:title": head.one("og:title"),
            "twitter:description": head.one("og:description"),
            "twitter:image": head.one("og:image"),
            "twitter:image:alt": head.one("og:image:alt"),
        }
        problems += [f"{where}: {key} is {head.one(key)!r}, not {value!r}"
                     for key, value in expected.items() if head.one(key) != value]
        if not html.title.get_text().endswith(site_name):
            problems.append(f"{where}: og:site_name {site_name!r} is not the site name of its <title>")
        if meta["title"] not in head.one("og:image:alt") or (
                meta["title"].lower() != site_name.lower() and site_name not in head.one("og:image:alt")):
            problems.append(f"{where}: og:image:alt {head.one('og:image:alt')!r} does not say what the card "
                            "shows: the title and the site name")
        for key in ("og:url", "og:image"):
            if not (head.one(key).startswith(url) and re.match(r"https?://", head.one(key))):
                problems.append(f"{where}: {key} {head.one(key)!r} is not an absolute address under {url}")
    assert not problems, "\n".join(problems[:40])


def test_og_locale_is_right_in_each_language(built_site):
    site, _ = built_site
    assert {language: (match := OG_LOCALE.match(locale)) and match.group(1) for language, locale in OG_LOCALES.items()} \
        == {language: language.split("-")[0] for language in LANGUAGES}
    problems = []
    for index, language in site_pages(site).items():
        head = previews.head_of(index)
        where = index.relative_to(site).as_posix()
        if head.meta.get("og:locale") != [OG_LOCALES[language]]:
            problems.append(f"{where}: og:locale {head.meta.get('og:locale')}, not {OG_LOCALES[language]}")
        others = sorted(locale for code, locale in OG_LOCALES.items() if code != language)
        if sorted(head.meta.get("og:locale:alternate", [])) != others:
            problems.append(f"{where}: og:locale:alternate {head.meta.get('og:locale:alternate')}, not {others}")
    assert not problems, "\n".join(problems[:40])


def test_every_preview_image_exists_is_a_1200_by_630_png_under_100_kb(built_site):
    site, url = built_site
    problems, sizes = [], []
    for index in site_pages(site):
        image = previews.head_of(index).one("og:image")
        path = site / image[len(url):]
        where = path.relative_to(site).as_posix()
        if not path.is_file():
            problems.append(f"{image}: no {where} in the build")
            continue
        sizes.append(path.stat().st_size)
        with Image.open(path) as picture:
            if picture.format != "PNG" or picture.size != (WIDTH, HEIGHT):
                problems.append(f"{where}: a {picture.format} of {picture.size}, not a PNG of {WIDTH} x {HEIGHT}")
        if path.stat().st_size >= previews.MAX_BYTES:
            problems.append(f"{where}: {path.stat().st_size / 1000:.0f} KB, not under 100 KB")
    assert not problems, "\n".join(problems[:40])
    assert sizes


def test_the_404_pages_have_no_preview_and_still_render(built_site):
    site, _ = built_site
    for language in LANGUAGES:
        page = site / ("404.html" if language == "en" else f"{language}/404.html")
        head = previews.head_of(page)
        assert head.language == language
        assert not head.one("og:image") and not head.one("twitter:card"), page
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert html.find("h1").get_text(strip=True) == site_text.strings(language)["not_found_title"]


def card_of(tab, index: Path, title: str | None = None) -> tuple[bytes, dict]:
    head = previews.head_of(index)
    return previews.render(tab, title=title or head.one("og:title"), site_name=head.one("og:site_name"),
                           language=head.language, direction=head.direction)


def test_a_card_in_each_language_shows_every_glyph_of_its_titles(built_site):
    """No tofu: each character of every title and site name of a language, drawn in the card's
    own font stack, differs from the missing-glyph box."""
    site, _ = built_site
    by_language: dict[str, list[Path]] = {}
    for index, language in site_pages(site).items():
        by_language.setdefault(language, []).append(index)
    problems = []
    with chromium() as browser:
        tab = browser.new_page()
        for language, indexes in by_language.items():
            heads = [previews.head_of(index) for index in indexes]
            longest = max(indexes, key=lambda index: len(previews.head_of(index).one("og:title")))
            _, layout = card_of(tab, longest)
            problems += [f"{language}: {problem}" for problem in layout["problems"]]
            lang, direction, computed = tab.evaluate(
                "[document.documentElement.lang, document.documentElement.dir,"
                " getComputedStyle(document.querySelector('h1')).direction]")
            if (lang, direction, computed) != (language, site_text.direction(language), site_text.direction(language)):
                problems.append(f"{language}: the card has lang={lang!r} dir={direction!r} "
                                f"(computed {computed!r}), not {language!r} {site_text.direction(language)!r}")
            text = "".join(h.one("og:title") + h.one("og:site_name") for h in heads)
            missing = previews.missing_glyphs(tab, text)
            problems += [f"{language}: {c!r} (U+{ord(c):04X}) shows as the missing-glyph box" for c in missing]
    assert not problems, "\n".join(problems)


def test_the_tofu_check_finds_a_missing_glyph():
    # U+0378 is unassigned and U+E000 private use: no font draws them.
    with chromium() as browser:
        tab = browser.new_page()
        for language, title in [("en", "Bone pain \u0378 and cancer"), ("zh", "骨痛\ue000与癌症"),
                                ("ar", "ألم \u0378 العظام")]:
            previews.render(tab, title=title, site_name="", language=language,
                            direction=site_text.direction(language))
            missing = previews.missing_glyphs(tab, title)
            assert missing == [c for c in title if c in "\u0378\ue000"], (language, missing)
            assert previews.card_problems(b"", {"problems": [], "width": 1, "height": 1}, missing, 1, 1)


def test_long_titles_wrap_inside_the_card_and_the_check_sees_an_overflow():
    long_titles = [
        ("en", "What to ask your care team about bone pain, radiation, surgery, medicines and clinical "
               "trials when cancer has spread to the bones"),
        ("fr", "Knochenschmerzbehandlungsmöglichkeitenübersichtsseitenüberschrift et douleurs osseuses"),
        ("zh", "当癌症扩散到骨骼时，关于骨痛、放射治疗、手术、药物和临床试验，您可以向医护团队提出的问题"),
        ("ar", "ما الذي يمكنك أن تسأل عنه فريق الرعاية عن ألم العظام والعلاج الإشعاعي والجراحة والأدوية "
               "والتجارب السريرية عندما ينتشر السرطان إلى العظام"),
    ]
    with chromium() as browser:
        tab = browser.new_page()
        sizes = []
        for language, title in long_titles:
            png, layout = previews.render(tab, title=title, site_name="Bone Pain and Cancer", language=language,
                                          direction=site_text.direction(language))
            assert layout["problems"] == [], (language, layout)
            assert layout["lines"] > 1, (language, layout)
            assert len(png) < previews.MAX_BYTES
            sizes.append(layout["size"])
        assert min(sizes) < max(previews.TITLE_SIZES), "no title was made smaller to fit"
        # The same card with its title kept on one line must be reported as running out of its box.
        tab.evaluate("document.querySelector('h1').style.whiteSpace = 'nowrap'")
        layout = tab.evaluate(previews.FIT, list(previews.TITLE_SIZES))
        assert any("does not fit" in problem for problem in layout["problems"]), layout


def test_the_command_needs_a_built_site(tmp_path, capsys):
    assert previews.main([str(tmp_path)]) == 2
    assert "run mkdocs build first" in capsys.readouterr().err
