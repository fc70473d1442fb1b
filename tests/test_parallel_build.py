"""The languages after the default one build in two processes (overrides/hooks/parallel_languages.py):
the site is the same as one process builds it, and a failure in either process fails the build."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TRANSLATED_PAGE, add_language, mkdocs_build

FRENCH_PAGE = (TRANSLATED_PAGE.replace("Una página de prueba", "Une page de test")
               .replace("Una página que usan las pruebas; su descripción es bastante larga para el esquema.",
                        "Une page des tests ; sa description est assez longue pour le schéma du site.")
               .replace("La radioterapia puede aliviar el dolor de huesos.", "La radiothérapie peut soulager la douleur osseuse.")
               .replace("Una sección", "Une section").replace("Algo de texto.", "Un peu de texte."))


@pytest.fixture
def three_languages(mini_translated_project) -> Path:
    """English, Spanish and French: the second process builds French."""
    add_language(mini_translated_project, "fr", FRENCH_PAGE, ("en", "es", "fr"))
    return mini_translated_project


def without_hook(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - overrides/hooks/parallel_languages.py\n", ""),
                      encoding="utf-8")


def built_files(site: Path) -> dict[str, bytes]:
    # The gzipped sitemap carries a time in its header; its text is the sitemap's.
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.suffix != ".gz"}


def test_two_processes_build_the_same_site_as_one(three_languages, tmp_path):
    url = "http://127.0.0.1:8000/"
    parallel = mkdocs_build(three_languages, tmp_path / "parallel", url)
    assert parallel.returncode == 0, parallel.stderr[-3000:]
    assert "Languages built in two processes: es in this one, fr in a second one" in parallel.stderr
    without_hook(three_languages)
    serial = mkdocs_build(three_languages, tmp_path / "serial", url)
    assert serial.returncode == 0, serial.stderr[-3000:]
    one, two = built_files(tmp_path / "serial"), built_files(tmp_path / "parallel")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    # French came from the second process, and is in every file that lists the languages.
    assert list(json.loads(two["api/v1/index.json"])["languages"]) == ["en", "es", "fr"]
    assert '"location":"' in two["fr/search/search_index.json"].decode()
    assert "/fr/" in two["sitemap.xml"].decode() and "fr/404.html" in two


def test_a_failure_in_the_second_process_fails_the_build(three_languages, tmp_path):
    page = three_languages / "docs" / "fr" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- diagram no-such-picture -->\n", encoding="utf-8")
    result = mkdocs_build(three_languages, tmp_path / "out", "http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert "docs/fr/index.md" in result.stderr and "there is no diagram 'no-such-picture'" in result.stderr
    assert "failed in the second process" in result.stderr
