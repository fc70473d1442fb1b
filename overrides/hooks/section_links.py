"""A "copy the link to this section" button beside every section heading.

Organizations link to our sections from their own material, so the address they copy must be
the published one (site_url, the page, #id), not whatever host the reader happens to be on.
The button carries that address; Material's clipboard support copies it on click or Enter/Space
and shows its confirmation, which main.html words as "Link copied" in the page's language."""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # hooks are loaded by path; this makes scripts/ importable

from scripts import site_text  # noqa: E402

# A heading as the toc extension writes it, ending with its permalink.
HEADING = re.compile(r'(<h([23]) id="([^"]+)"[^>]*>)(.*?)(<a class="headerlink" href="#\3"[^>]*>.*?</a>)(</h\2>)', re.S)


def button(address: str, label: str) -> str:
    """The button; its icon is drawn by site.css, so a long page does not repeat an SVG per heading."""
    return (f'<button type="button" class="section-link" data-clipboard-text="{html.escape(address)}" '
            f'title="{html.escape(label)}" aria-label="{html.escape(label)}"></button>')


def with_buttons(content: str, page_address: str, label: str) -> str:
    return HEADING.sub(lambda m: m.group(1) + m.group(4) + m.group(5)
                       + button(f"{page_address}#{m.group(3)}", label) + m.group(6), content)


def on_env(env, config, files):
    # The same button for headings the templates write (partials/page-about.html).
    env.globals["section_link_button"] = button
    return env


def on_page_content(html_text, page, config, files):
    label = site_text.strings(site_text.build_language(config))["copy_link"]
    page_address = config.site_url.rstrip("/") + "/" + ("" if page.url in ("", "./", ".") else page.url)
    return with_buttons(html_text, page_address, label)
