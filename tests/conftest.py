"""Shared fixtures: one strict build of the real site, and a small copy of the project for
tests that need a build to fail."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts import browser, handouts, previews
import scripts.nginx
from scripts.check_links import free_port
from scripts.pages import ROOT

SHARED_SOURCES = ROOT.parent / "shared" / "sources"
FIGURES: list[str] = []  # measured figures, printed at the end of the run


def record(line: str) -> None:
    FIGURES.append(line)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def mkdocs_build(project: Path, out: Path, site_url: str, strict: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    mode = "--strict" if strict else "--no-strict"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", mode, "--site-dir", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The real site, built strictly for the address it will be served at in the tests, with the
    PDF handout every page links to (scripts/handouts.py) and the link preview image its head
    names (scripts/previews.py), as `make build` makes them."""
    out = tmp_path_factory.mktemp("built") / "site"
    url = f"http://127.0.0.1:{free_port()}/"
    result = mkdocs_build(ROOT, out, url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    if not browser.CHROMIUM.exists():
        pytest.fail(browser.MISSING)  # without handouts every page has a broken link
    record(handouts.make(out, url).summary())
    record(previews.make(out).summary())
    return out, url


HANDOUT_TEXTS: dict[Path, str] = {}


def handout_text(pdf: Path) -> str:
    """A handout's text as a reader sees it (handouts.text_of). Several modules read every handout;
    the first asks for all of the site's at once, read in one process per core, and all share them."""
    if pdf not in HANDOUT_TEXTS:
        site = next((parent for parent in pdf.parents if (parent / "sitemap.xml").exists()), pdf.parent)
        every = sorted(set(site.rglob("handout.pdf")) - set(HANDOUT_TEXTS)) or [pdf]
        with ProcessPoolExecutor(os.cpu_count()) as pool:
            HANDOUT_TEXTS.update(zip(every, pool.map(handouts.text_of, every, chunksize=4)))
    return HANDOUT_TEXTS[pdf]


@contextmanager
def nginx(site: Path, tmp: Path, port: int | None = None):
    """deploy/nginx.conf serving site; a missing nginx fails the test with how to install it."""
    try:
        with scripts.nginx.nginx(site, tmp, port) as url:
            yield url
    except scripts.nginx.NginxError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")  # per module: tests/test_links.py serves the same address itself
def served(built_site, tmp_path_factory):
    """The built site served at the address it was built for, by nginx with the deployed config
    (deploy/nginx.conf): the browser keeps what it may cache, as a reader's does, and nginx
    serves two browsers with less of the two cores than Python's server (the axe run over 58
    pages: 55.1 s instead of 70.4)."""
    site, url = built_site
    with nginx(site, tmp_path_factory.mktemp("nginx"), urlsplit(url).port) as base:
        yield base


VALID_PAGE = """\
---
title: A test page
description: A page used by the tests; its description is long enough to pass the schema.
reviewed: 2026-01-10
next_review: 2027-01-10
sources: [webmd-bone-metastasis]
---

Radiation can ease bone pain. [@webmd-bone-metastasis]

## A section {#a-section}

Some text.
"""


def with_key_points(page: str, *points: str) -> str:
    """A test page made an article (any page but the home page and the lists): its key points
    ("In short") after its sources."""
    return page.replace("sources: [webmd-bone-metastasis]\n", "sources: [webmd-bone-metastasis]\nin_short:\n"
                        + "".join(f'  - "{point}"\n' for point in points), 1)


def only_languages(config: str, keep: tuple[str, ...]) -> str:
    """mkdocs.yml with the i18n plugin building only the languages in keep."""
    out, skipping = [], False
    for line in config.splitlines(keepends=True):
        match = re.match(r"^(\s*)- locale: (\S+)", line)
        if match:
            skipping, indent = match.group(2) not in keep, len(match.group(1))
        elif skipping and (not line.strip() or len(line) - len(line.lstrip()) <= indent):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


@pytest.fixture
def mini_project(tmp_path) -> Path:
    """The project's build setup (config, hooks, templates, data) with one valid English page,
    building English only (mini_translated_project adds Spanish)."""
    for name in ["overrides", "includes", "data", "scripts"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
    # The real site's published addresses do not exist in this one-page site.
    (tmp_path / "data" / "published-links.lock").write_text("/\n", encoding="utf-8")
    (tmp_path / "data" / "icd10cm.yml").write_text("[]\n", encoding="utf-8")  # they name the real site's pages
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[:config.index("\nnav:")] + "\nnav:\n  - index.md\n"
    (tmp_path / "mkdocs.yml").write_text(only_languages(config, ("en",)), encoding="utf-8")
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text(VALID_PAGE, encoding="utf-8")
    return tmp_path


TRANSLATED_PAGE = """\
---
title: Una página de prueba
description: Una página que usan las pruebas; su descripción es bastante larga para el esquema.
reviewed: 2026-01-10
next_review: 2027-01-10
sources: [webmd-bone-metastasis]
translation:
  english_sha256: "0000000000000000"
  date: 2026-01-12
  medical_review: null
---

La radioterapia puede aliviar el dolor de huesos. [@webmd-bone-metastasis]

## Una sección {#a-section}

Algo de texto.
"""


def add_language(project: Path, language: str, page: str, languages: tuple[str, ...]) -> None:
    """A mini project building the given languages, page its one page in language, stamped."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[:config.index("\nnav:")] + "\nnav:\n  - index.md\n"
    (project / "mkdocs.yml").write_text(only_languages(config, languages), encoding="utf-8")
    path = project / "docs" / language / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text(page, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "scripts.translations", "stamp", str(path)],
                   cwd=project, check=True, capture_output=True)


@pytest.fixture
def mini_translated_project(mini_project) -> Path:
    """mini_project building English and Spanish, its one page translated and stamped."""
    add_language(mini_project, "es", TRANSLATED_PAGE, ("en", "es"))
    return mini_project
