"""Shared fixtures: one strict build of the real site, and a small copy of the project for
tests that need a build to fail."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def mkdocs_build(project: Path, out: Path, site_url: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The real site, built strictly for the address it will be served at in the tests."""
    out = tmp_path_factory.mktemp("built") / "site"
    url = f"http://127.0.0.1:{free_port()}/"
    result = mkdocs_build(ROOT, out, url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    return out, url


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


@pytest.fixture
def mini_project(tmp_path) -> Path:
    """The project's build setup (config, hooks, templates, data) with one valid page."""
    for name in ["overrides", "includes", "data", "scripts"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[:config.index("\nnav:")] + "\nnav:\n  - index.md\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text(VALID_PAGE, encoding="utf-8")
    return tmp_path
