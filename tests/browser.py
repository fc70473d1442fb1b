"""Debian's Chromium for the tests: a missing browser fails the test (never skips it)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from scripts import browser


@contextmanager
def chromium(**options):
    if not browser.CHROMIUM.exists():
        pytest.fail(browser.MISSING)
    with browser.chromium(**options) as context:
        yield context


def in_browsers(items: list, work, **options) -> list:
    """scripts.browser.in_browsers: work(context, some_items) in one Chromium per core."""
    if not browser.CHROMIUM.exists():
        pytest.fail(browser.MISSING)
    return browser.in_browsers(items, work, **options)


# A page as a reader sees it once it has loaded: its fonts in and its transitions over. Waiting
# for "networkidle" instead adds half a second of quiet after every page (about 2 minutes over
# the axe run's 462 visits), and the search index the page fetches then changes nothing checked.
SETTLED = """() => Promise.all([document.fonts.ready, ...document.getAnimations()
    .filter(animation => animation.playState === 'running' && animation.effect.getTiming().iterations !== Infinity)
    .map(animation => animation.finished.catch(() => null))])"""


def open_settled(page, url: str) -> None:
    page.goto(url)  # returns at the load event
    page.evaluate(SETTLED)


def page_addresses(site: Path) -> list[str]:
    """Every page of the built site as a path under its root: articles and the 404 pages."""
    addresses = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if path.name == "index.html":
            addresses.append("" if relative.parent == Path(".") else relative.parent.as_posix() + "/")
        elif path.name == "404.html":
            addresses.append(relative.as_posix())
    return addresses
