"""Our own stylesheet and scripts, minified in the built site (the sources keep their comments,
which say why). rcssmin and rjsmin are well-kept minifiers that understand strings and regular
expressions, which a few regular expressions of ours would not. On a first visit this saves
about 5 KiB gzipped, which keeps the article with the most diagrams within the 80 KiB budget
(scripts/page_weight.py)."""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.plugins import event_priority

ASSETS = {"assets/stylesheets/site.css": rcssmin.cssmin,
          "assets/javascripts/site.js": rjsmin.jsmin,
          "assets/javascripts/site-globals.js": rjsmin.jsmin,
          "assets/javascripts/redirect.js": rjsmin.jsmin}


@event_priority(-200)  # once every language is built: the assets are shared at the site's root
def on_post_build(config):
    if config.plugins["i18n"].building:
        return
    for relative, minify in ASSETS.items():
        path = Path(config.site_dir) / relative
        if path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
