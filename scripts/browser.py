"""Debian's Chromium, driven by Playwright, for the checks and benchmarks that need a real browser.

The browser is never downloaded: without /usr/bin/chromium this says how to install it."""
from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Headless, and quiet: without the background-networking flags Chromium tries to reach Google's
# hosts at every start, which this machine's closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
MISSING = (f"{CHROMIUM} not found: install Debian's browser with `apt-get install -y chromium` "
           "(`make test` does this); nothing here downloads a browser")


class NoBrowser(RuntimeError):
    pass


@contextmanager
def chromium(**options):
    """A fresh headless Chromium with its own empty profile (a persistent context); options go
    to Playwright's launch_persistent_context."""
    if not CHROMIUM.exists():
        raise NoBrowser(MISSING)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=ARGS, **options)
        try:
            yield context
        finally:
            context.close()


# One browser per core: Chromium lays out, prints and runs a page's scripts in its own processes,
# so on these 2-core machines two browsers work through two pages at once.
BROWSERS = max(1, min(2, os.cpu_count() or 1))
SLOW_MACHINE_MS = 120_000


def in_browsers(items: list, work, **options) -> list:
    """work(context, some_items) -> list, run in one fresh Chromium per core, each in its own
    thread (Playwright's sync API belongs to the thread that starts it), the items dealt out in
    turn. The results come back chunk by chunk: a caller that cares about order sorts them."""
    def run(chunk: list) -> list:
        with chromium(**options) as context:
            # Two browsers share two cores with whatever else runs: a page may take longer than
            # Playwright's 30 s to load and go quiet when the machine is busy.
            context.set_default_timeout(SLOW_MACHINE_MS)
            return work(context, chunk)

    with ThreadPoolExecutor(BROWSERS) as pool:
        return [result for part in pool.map(run, [items[i::BROWSERS] for i in range(BROWSERS)]) for result in part]

