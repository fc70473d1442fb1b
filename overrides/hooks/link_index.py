"""The link index for partners (scripts/link_index.py): the "Links for organizations" page of each
language, and /links.json with every language, written once the whole site is built.

/links.json is a documented, stable address (README.md, the links page): organizations' tools
may read it, so its shape only ever gains fields.

It also writes the QR code of every page and section address it lists, one SVG file each under
qr/ (scripts/qr.py), which the links pages link to and /links.json gives as `qr`. Making a
thousand codes takes seconds, so another process writes them while the languages build (it
starts at the first links page, with the entries of every language the build makes); once every
language is built, the build waits for it and writes any file still missing itself."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import link_index, qr, site_text  # noqa: E402

INDEX_MARKER = "<!-- link-index -->"
JSON_MARKER = "<!-- links-json -->"
JSON_NAME = "links.json"
collected: dict[str, dict] = {}  # language -> its part of links.json, filled as each language builds
# What each language's build adds to this module, for overrides/hooks/parallel_languages.py.
PER_LANGUAGE = ("collected",)
writer = None  # the process writing the QR code files (scripts/qr.py start_writing)


def addresses(entries: list[dict]) -> list[str]:
    """Every page and section address of a language's entries."""
    return [address for page in entries for address in [page["url"]] + [s["url"] for s in page["sections"]]]


def start_qr_writer(config, language: str, entries: list[dict]) -> None:
    global writer
    if writer is not None:
        return
    i18n = config.plugins.get("i18n")
    languages = [language] + [other for other in getattr(i18n, "build_languages", []) if other != language]
    listed = addresses(entries) + [address for other in languages[1:]
                                   for address in addresses(link_index.index(other, config.nav, config.site_url))]
    writer = qr.start_writing(Path(config.site_dir), listed, config.site_url)


def on_build_error(error):
    global writer
    if writer is not None:
        writer.kill()
        writer.wait()
        writer = None


def on_page_markdown(markdown, page, config, files):
    if INDEX_MARKER not in markdown and JSON_MARKER not in markdown:
        return markdown
    language = site_text.build_language(config)
    try:
        entries = link_index.index(language, config.nav, config.site_url)
        start_qr_writer(config, language, entries)
    except ValueError as error:  # an address scripts/qr.py cannot give a file of its own
        raise PluginError(f"Link index: {error}") from error
    json_url = config.site_url.rstrip("/") + "/" + JSON_NAME
    links_page = link_index.language_root(config.site_url, language) + "links/"
    collected[language] = {"name": site_text.strings(language)["language_name"],
                           "link_index": links_page,
                           "pages": entries}
    markdown = markdown.replace(JSON_MARKER, f"[{json_url}]({json_url})")
    return markdown.replace(INDEX_MARKER, link_index.markdown(entries, links_page,
                                                              site_text.strings(language)["qr_code"]))


@event_priority(-200)  # after the i18n plugin (-100) has built every language
def on_post_build(config):
    global writer
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
    if writer is not None:
        try:
            qr.finish(writer)
        except RuntimeError as error:
            raise PluginError(str(error)) from error
        finally:
            writer = None
    site = Path(config.site_dir)
    for part in collected.values():  # what the writer has not written (it writes every one)
        for address in addresses(part["pages"]):
            if not (site / qr.file_for(address, config.site_url)).is_file():
                qr.write(site, address, config.site_url)
    collected.clear()
