"""Every topic the site promises (data/topics.yml) is on its page, in its section."""
from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from scripts.pages import DATA

TOPICS = yaml.safe_load((DATA / "topics.yml").read_text(encoding="utf-8"))


def section_text(html: str, section_id: str) -> str | None:
    """Text from the heading with section_id up to the next heading of the same or higher level."""
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find(id=section_id)
    if heading is None or not heading.name.startswith("h"):
        return None
    level, parts = int(heading.name[1]), [heading.get_text(" ")]
    for node in heading.find_next_siblings():
        if node.name in {f"h{n}" for n in range(1, level + 1)}:
            break
        parts.append(node.get_text(" "))
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("topic", TOPICS, ids=[t["topic"] for t in TOPICS])
def test_topic_is_covered(built_site, topic):
    site, _ = built_site
    page = site / topic["page"] / "index.html"
    assert page.exists(), f"{topic['topic']}: page {topic['page']} is missing"
    text = section_text(page.read_text(encoding="utf-8"), topic["section"])
    assert text is not None, f"{topic['topic']}: no section #{topic['section']} on {topic['page']}"
    missing = [w for w in topic["words"] if w.lower() not in text.lower()]
    assert not missing, f"{topic['topic']}: #{topic['section']} on {topic['page']} never mentions {missing}"


def test_section_text_stops_at_the_next_heading():
    html = "<h2 id='a'>A</h2><p>one</p><h3 id='b'>B</h3><p>two</p><h2 id='c'>C</h2><p>three</p>"
    assert section_text(html, "a") == "A one B two"
    assert section_text(html, "b") == "B two"
    assert section_text(html, "nowhere") is None
