"""Valid HTML from Material's templates (the W3C Nu HTML Checker reports 0 errors on every page).

Material 9.8.1 writes three kinds of markup the checker rejects, on every page. Each is fixed
here, in the page as written, rather than in copies of Material's long templates, so a later
Material can be taken without merging them; a fix whose markup is gone does nothing.
"""
from __future__ import annotations

import re

# nav-item.html gives section labels tabindex="" (it means "not focusable"): an empty tabindex
# is no number, and leaving it out means the same.
EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
# base.html's drawer and search toggles are checkboxes, which take no autocomplete; it was there
# to stop Firefox from restoring their state, which a checkbox without it no longer has.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# toc.html's title points at the table of contents' toggle, which a section's index page does
# not have: a label for nothing. It is then plain text.
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid(output: str) -> str:
    output = EMPTY_TABINDEX.sub("", output)
    output = CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    if TOC_LABEL in output and 'id="__toc"' not in output:
        output = output.replace(TOC_LABEL, '<label class="md-nav__title">')
    return output


def on_post_page(output, page, config):
    return valid(output)


def on_post_template(output, template_name, config):
    return valid(output) if template_name.endswith(".html") else output
