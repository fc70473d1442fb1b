"""The link index for partners (scripts/link_index.py): the "Links for organizations" page of each
language, and /links.json with every language, written once the whole site is built.

/links.json is a documented, stable address (README.md, the links page): organizations' tools
may read it, so its shape only ever gains fields."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import link_index, site_text  # noqa: E402

INDEX_MARKER = "<!-- link-index -->"
JSON_MARKER = "<!-- links-json -->"
JSON_NAME = "links.json"
collected: dict[str, dict] = {}  # language -> its part of links.json, filled as each language builds


def on_page_markdown(markdown, page, config, files):
    if INDEX_MARKER not in markdown and JSON_MARKER not in markdown:
        return markdown
    language = site_text.build_language(config)
    entries = link_index.index(language, config.nav, config.site_url)
    json_url = config.site_url.rstrip("/") + "/" + JSON_NAME
    collected[language] = {"name": site_text.strings(language)["language_name"],
                           "link_index": link_index.language_root(config.site_url, language) + "links/",
                           "pages": entries}
    markdown = markdown.replace(JSON_MARKER, f"[{json_url}]({json_url})")
    return markdown.replace(INDEX_MARKER, link_index.markdown(entries))


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config):
    if config.plugins["i18n"].building or not collected:
        return
    document = {
        "description": "Every page and section of the site with its permanent address and a one-line "
                       "summary, in every language. The same section id works in every language.",
        "site": config.site_url.rstrip("/") + "/",
        "languages": dict(sorted(collected.items(), key=lambda item: item[0] != site_text.DEFAULT_LANGUAGE)),
    }
    path = Path(config.site_dir) / JSON_NAME
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    collected.clear()
