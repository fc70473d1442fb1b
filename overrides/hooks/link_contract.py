"""The link contract at build time (scripts/link_contract.py): old section ids kept as anchors,
redirect pages for moved pages in every language, and, once every language is built, a failed
build for any address in data/published-links.lock that no longer resolves."""
from __future__ import annotations

import html
import posixpath
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import link_contract, site_text  # noqa: E402



def english_form(page_url: str, language: str) -> str:
    """es/faq/ -> /faq/: the address redirects are written in."""
    path = "/" + page_url.strip("/") + "/" if page_url.strip("/") else "/"
    if language != site_text.DEFAULT_LANGUAGE and path.startswith(f"/{language}/"):
        path = path[len(language) + 1:]
    return path


def with_old_ids(content: str, page: str, language: str, site_url: str, sections: dict[str, str]) -> str:
    """Keep each old section id of this page: beside its new heading, or pointing to its new page."""
    for old, new in sections.items():
        _, old_page, old_id = link_contract.split(old, [])
        _, new_page, new_id = link_contract.split(new, [])
        if old_page != page:
            continue
        if new_page == page:
            heading = content.find(f' id="{new_id}"')
            start = content.rfind("<", 0, heading)
            if heading != -1:
                content = content[:start] + f'<span id="{old_id}" class="moved-section"></span>' + content[start:]
        else:
            target = link_contract.join("" if language == site_text.DEFAULT_LANGUAGE else language, new_page, new_id)
            content += f'\n<span id="{old_id}" data-moved-to="{site_url.rstrip("/")}{target}"></span>'
    return content


def on_page_content(html_text, page, config, files):
    language = site_text.build_language(config)
    sections = link_contract.read_redirects()["sections"]
    if not sections:
        return html_text
    return with_old_ids(html_text, english_form(page.url, language), language, config.site_url, sections)


def redirect_page(old: str, new: str, language: str) -> str:
    """A page at old that sends the reader to new, keeping the #section (assets/javascripts/redirect.js)."""
    relative = posixpath.relpath(new, old).rstrip("/") + "/"
    assets = posixpath.relpath("/assets/javascripts/redirect.js", old)
    moved = html.escape(site_text.strings(language)["page_moved"])
    direction = site_text.direction(language)
    return (f'<!doctype html>\n<html lang="{language}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{moved}</title>\n<meta name="robots" content="noindex">\n'
            f'<meta name="moved-to" content="{relative}">\n'
            f'<meta http-equiv="refresh" content="0; url={relative}">\n'
            f'<script src="{assets}"></script>\n</head>\n'
            f'<body>\n<p>{moved} <a href="{relative}">{relative}</a></p>\n</body>\n</html>\n')


def write_redirect_pages(site: Path, pages: dict[str, str]) -> None:
    for prefix in link_contract.languages_in(site):
        language = prefix or site_text.DEFAULT_LANGUAGE
        for old, new in pages.items():
            old_path, new_path = link_contract.join(prefix, old), link_contract.join(prefix, new)
            file = link_contract.page_file(site, old_path)
            if file.exists() and link_contract.REDIRECT_MARK not in file.read_text(encoding="utf-8"):
                raise PluginError(f"data/redirects.yml: {old} is redirected, but {old_path} is a page of the "
                                  "site again. Fix: remove the redirect, or move the page.")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(redirect_page(old_path, new_path, language), encoding="utf-8")


@event_priority(-300)  # after every language is built and the other hooks have written their files
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    write_redirect_pages(site, link_contract.read_redirects()["pages"])
    broken = link_contract.problems(site)
    if broken:
        raise PluginError("Published addresses no longer resolve (the link contract, scripts/link_contract.py):\n"
                          + "\n".join(broken))
