"""Our pages as data, for partners (scripts/content_api.py):

- JSON-LD on every page: a schema.org MedicalWebPage with its dates, language, sources, sections,
  publisher, licence and its relation to the English page, all from the front matter;
- the content API, /api/v1/: one JSON file per page and language with its metadata and sections,
  an index per language and for the site, the condition-code lookup (data/icd10cm.yml) and the
  schemas. Every file is checked against its schema; a file that does not match fails the build.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import content_api, pages, site_text, translations  # noqa: E402
from scripts.link_index import language_root, page_address, plain, split_front_matter  # noqa: E402

collected: dict[str, dict[str, dict]] = {}  # language -> page path -> its API document
site_names: dict[str, str] = {}
# What each language's build adds to this module, for overrides/hooks/parallel_languages.py.
PER_LANGUAGE = ("collected", "site_names")


def day(value) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else (str(value) if value else None)


def page_path(page) -> str:
    """The page's address under its language root: "" or treatments/radiation/."""
    return page_address(page.file.src_uri.split("/", 1)[1])


def sources_of(meta: dict) -> list[dict]:
    registry = pages.load_registry()[0].data
    return [{"id": source_id, "publisher": registry[source_id]["publisher"], "title": registry[source_id]["title"],
             "url": registry[source_id]["url"], "date": str(registry[source_id]["date"]),
             "accessed": day(registry[source_id]["accessed"])}
            for source_id in meta.get("sources") or [] if source_id in registry]


def translation_of(page, language: str, context: dict) -> dict | None:
    if language == site_text.DEFAULT_LANGUAGE:
        return None
    english = next((a["href"] for a in context.get("hreflang_alternates") or []
                    if a["hreflang"] == site_text.DEFAULT_LANGUAGE), None)
    meta = page.meta.get("translation") or {}
    state = (context.get("translation") or {}).get("state")
    return {"of": english, "state": state, "translated": day(meta.get("date")),
            "medical_review": day(meta.get("medical_review"))}


ATTRIBUTION_MARKER = "<!-- attribution-example -->"
EXAMPLE_PAGE = "treatments/radiation.md"


def on_page_markdown(markdown, page, config, files):
    """The reuse page's example credit line: the one the API gives for a real page."""
    if ATTRIBUTION_MARKER not in markdown:
        return markdown
    language = site_text.build_language(config)
    example = files.get_file_from_path(f"{language}/{EXAMPLE_PAGE}")
    meta = split_front_matter(Path(example.abs_src_path).read_text(encoding="utf-8"))[0]
    url = config.site_url.rstrip("/") + "/" + example.url
    line = site_text.strings(language)["attribution"].format(
        title=meta["title"], site=config.site_name, url=url, reviewed=day(meta["reviewed"]),
        licence=content_api.LICENCE["name"])
    # The address is code to copy, not words in the page's language.
    line = html.escape(line).replace(html.escape(url), f"<code>{html.escape(url)}</code>")
    return markdown.replace(ATTRIBUTION_MARKER, f'<p class="attribution-example">{line}</p>')


def on_page_context(context, page, config, nav):
    language = site_text.build_language(config)
    site_names[language] = config.site_name
    url = page.canonical_url
    meta = page.meta
    last = context.get("last_change")
    strings = site_text.strings(language)
    document = {
        "api_version": content_api.VERSION,
        "language": language,
        "direction": site_text.direction(language),
        "path": page_path(page),
        "url": url,
        "handout": url + "handout.pdf",
        "title": meta.get("title") or page.title,
        "description": meta.get("description") or "",
        "in_short": [plain(point) for point in meta.get("in_short") or []],
        "reviewed": day(meta.get("reviewed")),
        "next_review": day(meta.get("next_review")),
        "last_change": None if last is None else {"date": day(last["date"]), "summary": last["summary"]},
        "translation": translation_of(page, language, context),
        "sources": sources_of(meta),
        "licence": content_api.LICENCE,
        "attribution": strings["attribution"].format(
            title=meta.get("title") or page.title, site=config.site_name, url=url,
            reviewed=day(meta.get("reviewed")), licence=content_api.LICENCE["name"]),
        "sections": content_api.sections(page.content or "", url),
        "diagrams": [{"id": diagram_id, "title": content_api.diagram_title(diagram_id, language),
                      "url": url + f"{diagram_id}.svg"}
                     for diagram_id in (getattr(page, "drawn_diagrams", None) or {})],
    }
    collected.setdefault(language, {})[document["path"]] = document
    page.structured_data = structured_data(document, config, context)
    return context


def structured_data(document: dict, config, context: dict) -> dict:
    """schema.org MedicalWebPage for search engines and partners' tools."""
    language = document["language"]
    root = language_root(config.site_url, language)
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": document["url"],
        "url": document["url"],
        "name": document["title"],
        "description": document["description"],
        "inLanguage": language,
        "lastReviewed": document["reviewed"],
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": {"@type": "Organization", "name": config.site_name, "url": root},
        "isPartOf": {"@type": "WebSite", "name": config.site_name, "url": root},
        "license": content_api.LICENCE["url"],
        "citation": [{"@type": "CreativeWork", "name": s["title"], "url": s["url"],
                      "publisher": {"@type": "Organization", "name": s["publisher"]},
                      **({"datePublished": s["date"]} if s["date"] != "undated" else {})}
                     for s in document["sources"]],
        "hasPart": [{"@type": "WebPageElement", "@id": s["url"], "name": s["heading"], "url": s["url"]}
                    for s in document["sections"]],
    }
    if document["last_change"]:
        data["dateModified"] = document["last_change"]["date"]
    if document["translation"]:
        data["translationOfWork"] = {"@id": document["translation"]["of"]}
    else:
        data["workTranslation"] = [{"@id": a["href"], "inLanguage": a["hreflang"]}
                                   for a in context.get("hreflang_alternates") or []
                                   if a["hreflang"] not in (language, "x-default")]
    return data


def on_post_page(output, page, config):
    data = getattr(page, "structured_data", None)
    if data is None:
        return output
    # "</" cannot end the script early: JSON allows "\/".
    script = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return output.replace("</head>", f'<script type="application/ld+json">{script}</script>\n</head>', 1)


def write(path: Path, document: dict, kind: str) -> None:
    found = content_api.problems(document, kind)
    if found:
        raise PluginError(f"{path}: does not match data/api/{kind}.schema.json:\n" + "\n".join(found))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config):
    if config.plugins["i18n"].building or not collected:
        return
    problems = content_api.code_problems({p.relative_to(pages.DOCS / site_text.DEFAULT_LANGUAGE).as_posix()
                                          for p in (pages.DOCS / site_text.DEFAULT_LANGUAGE).rglob("*.md")})
    if problems:
        raise PluginError("Condition codes name unknown pages:\n" + "\n".join(problems))
    api = Path(config.site_dir) / content_api.BASE
    site = config.site_url.rstrip("/") + "/"
    base = site + content_api.BASE.as_posix() + "/"
    languages = sorted(collected, key=lambda code: code != site_text.DEFAULT_LANGUAGE)
    for language in languages:
        entries = []
        for path, document in collected[language].items():
            name = content_api.page_file(path)
            write(api / language / name, document, "page")
            entries.append({"path": path, "title": document["title"], "url": document["url"],
                            "api": f"{base}{language}/{name}", "reviewed": document["reviewed"],
                            "next_review": document["next_review"],
                            "translation_state": (document["translation"] or {}).get("state")})
        write(api / language / "index.json", {
            "api_version": content_api.VERSION, "language": language,
            "site_name": site_names.get(language, config.site_name), "pages": entries}, "language-index")
    for entry in content_api.condition_codes():
        write(api / "icd10cm" / f"{entry['code']}.json", content_api.code_document(entry, collected, base), "code")
    write(api / "icd10cm" / "index.json", content_api.code_index(base), "code-index")
    write(api / "index.json", {
        "api_version": content_api.VERSION,
        "description": content_api.DESCRIPTION,
        "site": site,
        "licence": content_api.LICENCE,
        "schemas": {name: f"{base}schema/{name}.schema.json" for name in content_api.SCHEMA_NAMES},
        "condition_codes": f"{base}icd10cm/index.json",
        "languages": {language: {"index": f"{base}{language}/index.json",
                                 "pages": len(collected[language])} for language in languages},
    }, "site-index")
    (api / "schema").mkdir(parents=True, exist_ok=True)
    for name in content_api.SCHEMA_NAMES:
        shutil.copyfile(content_api.SCHEMAS / f"{name}.schema.json", api / "schema" / f"{name}.schema.json")
    collected.clear()
    site_names.clear()
