"""Our own stylesheet and scripts minified in the built site (the sources keep their comments,
which say why), and each page without its leading indentation. rcssmin and rjsmin are well-kept
minifiers that understand strings and regular expressions, which a few regular expressions of
ours would not. On a first visit the assets save about 5 KiB gzipped, which keeps the article
with the most diagrams within the 80 KiB budget (scripts/page_weight.py)."""
from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.plugins import event_priority

ASSETS = {"assets/stylesheets/site.css": rcssmin.cssmin,
          "assets/javascripts/site.js": rjsmin.jsmin,
          "assets/javascripts/site-globals.js": rjsmin.jsmin,
          "assets/javascripts/redirect.js": rjsmin.jsmin}


# Each page's leading indentation: Material's templates indent every line, and a line break with
# spaces after it shows as one space, exactly as a line break alone does, everywhere but in
# preformatted text (a page with <pre> or <textarea> is left as it is; no page has one, and no
# attribute value spans lines). It is about 4% of a page gzipped: 0.8 KiB of the Russian
# why-it-happens page, whose Cyrillic text weighs the most.
INDENT = re.compile(r"\n[ \t]+")


@event_priority(-300)  # after every hook that reads or changes the page
def on_post_page(output, page, config):
    if "<pre" in output or "<textarea" in output:
        return output
    return INDENT.sub("\n", output)


@event_priority(-200)  # once every language is built: the assets are shared at the site's root
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    for relative, minify in ASSETS.items():
        path = Path(config.site_dir) / relative
        if path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
