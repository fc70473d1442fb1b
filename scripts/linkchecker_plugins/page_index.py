"""A linkchecker plugin, loaded by scripts/check_links.py from this folder: for every page
linkchecker starts from (check_links.py starts from every HTML page of the site), one JSON line
in the file the [PageIndex] section's `output` names: the page's ids, its links that name a
fragment, and the addresses it names outside the site (the section's `site`).

Why a plugin: linkchecker has already parsed the page, and parsing is most of a check's time.
Its own AnchorCheck is slower still: it makes every page#anchor address a check of its own,
fetching and parsing a page once per anchor that points at it (2,812 fetches instead of 1,397
for five languages). check_links.py looks up every fragment among the ids of the page it names,
and judges the outside addresses.
"""
import json
import threading
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from linkcheck.plugins import _ContentPlugin

# The tags that name an address, and the attribute that holds it.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
                   "source": "src", "audio": "src", "video": "src", "form": "action"}


class PageIndex(_ContentPlugin):
    """Record each start page's ids, its links with a fragment, and its addresses elsewhere."""

    def __init__(self, config):
        super().__init__(config)
        self.output = config["output"]
        self.site = config["site"]
        self.lock = threading.Lock()  # linkchecker checks pages in several threads

    def applies_to(self, url_data, **kwargs):
        # A page only linked to is another page's link: it is recorded where it is a start page.
        return url_data.recursion_level == 0 and url_data.is_html()

    def check(self, url_data):
        soup = url_data.get_soup()
        page = urldefrag(url_data.url)[0]
        ids = {element["id"] for element in soup.find_all(id=True)}
        ids |= {element["name"] for element in soup.find_all("a", attrs={"name": True})}
        links = [[urljoin(page, element["href"]), element.sourceline]
                 for element in soup.find_all(href=True) if "#" in element["href"]]
        elsewhere = []
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                address = element[attribute].strip()
                if (urlsplit(address).scheme or address.startswith("//")) and not address.startswith(self.site):
                    # linkchecker keeps rel as one string (multi_valued_attributes=None)
                    elsewhere.append([tag, attribute, address, element.get("rel") or "", element.sourceline])
        record = {"url": page, "ids": sorted(ids), "links": links, "elsewhere": elsewhere}
        with self.lock, open(self.output, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

    @classmethod
    def read_config(cls, configparser):
        return {"output": configparser.get(cls.__name__, "output"),
                "site": configparser.get(cls.__name__, "site")}


def fragment_problems(records: list[dict]) -> list[str]:
    """Links whose fragment is not an id of the page they name (a page of the site; a fragment
    of another kind of file, or of another host, is not ours to check)."""
    ids = {record["url"]: set(record["ids"]) for record in records}
    ids |= {url + "index.html": found for url, found in ids.items() if url.endswith("/")}
    found = []
    for record in records:
        for address, line in record["links"]:
            target, fragment = urldefrag(address)
            if target in ids and fragment and unquote(fragment) not in ids[target]:
                found.append(f"{record['url']}, line {line}: the link to {address} names no id "
                             f"'{unquote(fragment)}' of that page")
    return sorted(set(found))
