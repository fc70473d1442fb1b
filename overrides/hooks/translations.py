"""Translations at build time: their status, their alternates, and the theme strings we localize.

- Every page of a translated language is either current (made from the English page as it is
  now), outdated (the English page changed since; see scripts/translations.py) or missing (the
  i18n plugin fell back to the English page). Outdated and missing pages, and translations
  whose heading ids, citations or links differ from English, log a warning, so the strict build
  fails; a lenient build gives the template what it needs to tell readers, in their
  language, and to mark English text as English.
- hreflang alternates are absolute addresses, with x-default, as search engines expect; the
  i18n plugin's own are relative and have no x-default. Link previews name the other languages'
  Open Graph locales (og:locale:alternate), each from its language's strings.yml.
- The heading permalink tooltip comes from the toc extension's one setting, in English; each
  language gets its own from includes/<lang>/strings.yml.
"""
from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import site_text, translations  # noqa: E402

log = logging.getLogger("mkdocs.hooks.translations")
DEFAULT = translations.DEFAULT_LANGUAGE
ENGLISH_PERMALINK_TITLE = 'title="Link to this section"'


def file_language(page: Page) -> str:
    return getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]


def absolute(config, url: str) -> str:
    url = "" if url in ("./", ".") else url
    return config.site_url.rstrip("/") + "/" + url.lstrip("/")


def translation_status(page: Page, language: str) -> dict:
    """What the template says about the translation of this page, and the warning for the build."""
    relative = Path(page.file.src_uri).relative_to(file_language(page))
    english_file = translations.DOCS_EN / relative
    alternates = getattr(page.file, "alternates", {})
    status = {"state": None, "english_url": alternates[DEFAULT].url if DEFAULT in alternates else None}
    if language == DEFAULT:
        return status
    if file_language(page) != language:
        status["state"] = translations.MISSING
        log.warning(f"docs/{language}/{relative.as_posix()} is missing: the {language} site shows the "
                    f"English page with a notice. Fix: translate {english_file.relative_to(ROOT)} "
                    f"(see CONTRIBUTING.md, Translating)")
        return status
    translated = Path(page.file.abs_src_path)
    for problem in translations.structure_problems(translated):
        log.warning(problem)
    meta = page.meta.get("translation") or {}
    status.update(date=meta.get("date"), medical_review=meta.get("medical_review"))
    if translations.status_of(english_file, language).state == translations.OUTDATED:
        status["state"] = translations.OUTDATED
        log.warning(f"{translated.relative_to(ROOT)} is outdated: {english_file.relative_to(ROOT)} "
                    "changed after it was translated. Fix: update the translation, then run "
                    f"python -m scripts.translations stamp {translated.relative_to(ROOT)}")
    else:
        status["state"] = translations.UP_TO_DATE
    return status


def hreflang_alternates(page: Page, config) -> list[dict]:
    alternates = getattr(page.file, "alternates", {})
    links = [{"hreflang": code, "href": absolute(config, file.url)}
             for code, file in alternates.items() if getattr(file, "locale", code) == code]
    if DEFAULT in alternates:
        links.append({"hreflang": "x-default", "href": absolute(config, alternates[DEFAULT].url)})
    return links


def on_page_content(html_text, page, config, files):
    title = site_text.strings(site_text.build_language(config))["permalink_title"]
    return html_text.replace(ENGLISH_PERMALINK_TITLE, f'title="{html.escape(title)}"')


def on_page_context(context, page, config, nav):
    language = site_text.build_language(config)
    context["translation"] = translation_status(page, language)
    context["hreflang_alternates"] = hreflang_alternates(page, config)
    return context


def on_env(env, config, files):
    language = site_text.build_language(config)
    env.globals["site_language"] = language
    env.globals["language_home"] = absolute(config, "" if language == DEFAULT else f"{language}/")
    # Every language's Open Graph locale (og_locale in its strings.yml), for og:locale:alternate.
    env.globals["og_locales"] = {code: site_text.strings(code)["og_locale"] for code in translations.languages()}
    for problem in site_text.missing_strings(language) + site_text.missing_includes(language):
        log.warning(problem)
    return env


# Material puts the text direction on <body>; the document's own element should carry it too, so
# the <title> and everything else read right to left in Arabic.
def with_direction(output: str, language: str) -> str:
    if site_text.direction(language) != "rtl":
        return output
    return output.replace(f'<html lang="{language}"', f'<html lang="{language}" dir="rtl"', 1)


def on_post_page(output, page, config):
    return with_direction(output, site_text.build_language(config))


def on_post_template(output, template_name, config):
    return with_direction(output, site_text.build_language(config)) if template_name.endswith(".html") else output
