"""Valid HTML: the W3C Nu HTML Checker (vnu.jar) reports no error on any page of the built site."""
from __future__ import annotations

from scripts import html_check
from tests.conftest import record

# What Material 9.8.1's templates write on every page (hooks/valid_html.py fixes each).
MATERIAL_MARKUP = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<nav><input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2">
<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">Treatments</label>
<label class="md-nav__title" for="__toc">Contents</label></nav></body></html>
"""


def test_every_page_is_valid_html(built_site):
    site, _ = built_site
    found = html_check.errors(site)
    record(html_check.summary(found) + f" ({sum(1 for _ in site.rglob('*.html'))} HTML files)")
    assert found == [], "\n".join(f"{e['file']}:{e['line']}: {e['message']}" for e in found[:20])


def test_the_checker_finds_materials_errors_and_the_hook_fixes_them(tmp_path):
    from overrides.hooks.valid_html import valid
    (tmp_path / "before.html").write_text(MATERIAL_MARKUP, encoding="utf-8")
    before = html_check.errors(tmp_path)
    assert len(before) == 3, before  # tabindex="", autocomplete on a checkbox, a label for nothing
    (tmp_path / "before.html").write_text(valid(MATERIAL_MARKUP), encoding="utf-8")
    assert html_check.errors(tmp_path) == []
