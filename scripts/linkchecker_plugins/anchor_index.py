"""A linkchecker plugin, loaded by scripts/check_links.py from this folder: for every HTML page
linkchecker fetches, the ids the page has and the links it holds that name a fragment, one JSON
line each, in the file the [AnchorIndex] section's `output` names.

Why: linkchecker's own AnchorCheck makes every page#anchor address a check of its own, so each
page is fetched and parsed once per anchor that points at it (2,812 fetches instead of 1,397
for five languages, and four fifths of the time). With this plugin instead, linkchecker fetches
each page once; check_links.py then looks up every fragment among the ids of the page it names.
"""
import json
import threading
from urllib.parse import unquote, urldefrag, urljoin

from linkcheck.plugins import _ContentPlugin


class AnchorIndex(_ContentPlugin):
    """Record each HTML page's ids and its links with a fragment."""

    def __init__(self, config):
        super().__init__(config)
        self.output = config["output"]
        self.lock = threading.Lock()  # linkchecker checks pages in several threads

    def applies_to(self, url_data, **kwargs):
        return url_data.is_html()

    def check(self, url_data):
        soup = url_data.get_soup()
        page = urldefrag(url_data.url)[0]
        ids = {element["id"] for element in soup.find_all(id=True)}
        ids |= {element["name"] for element in soup.find_all("a", attrs={"name": True})}
        links = [[urljoin(page, element["href"]), element.sourceline]
                 for element in soup.find_all(href=True) if "#" in element["href"]]
        record = {"url": page, "ids": sorted(ids), "links": links}
        with self.lock, open(self.output, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

    @classmethod
    def read_config(cls, configparser):
        return {"output": configparser.get(cls.__name__, "output")}


def fragment_problems(records: list[dict]) -> list[str]:
    """Links whose fragment is not an id of the page they name (pages linkchecker fetched as HTML;
    a fragment of another kind of file, or of another host, is not ours to check)."""
    ids = {record["url"]: set(record["ids"]) for record in records}
    found = []
    for record in records:
        for address, line in record["links"]:
            target, fragment = urldefrag(address)
            if target in ids and fragment and unquote(fragment) not in ids[target]:
                found.append(f"{record['url']}, line {line}: the link to {address} names no id "
                             f"'{unquote(fragment)}' of that page")
    return sorted(set(found))
