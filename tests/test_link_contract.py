"""The link contract (scripts/link_contract.py, data/published-links.lock, data/redirects.yml):
every published address resolves; removing a section id or a page fails the build unless a
redirect covers it, in every language; a redirect reaches its section in Chromium."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from scripts import link_contract
from scripts.check_links import free_port, serve
from tests.browser import chromium
from tests.conftest import TRANSLATED_PAGE, VALID_PAGE, mkdocs_build, record, with_key_points


def fake_site(root: Path, pages: dict[str, str]) -> Path:
    """A built site of a few pages, each given as its address and its headings' ids."""
    for address, ids in pages.items():
        file = root / address.strip("/") / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("".join(f'<h2 id="{i}">x</h2>' for i in ids.split()), encoding="utf-8")
    (root / "es" / "search").mkdir(parents=True, exist_ok=True)  # marks es/ as a language folder
    return root


def lock_of(tmp: Path, *addresses: str) -> Path:
    lock = tmp / "published-links.lock"
    lock.write_text("# test\n" + "\n".join(addresses) + "\n", encoding="utf-8")
    return lock


def redirects_of(tmp: Path, pages=None, sections=None) -> Path:
    path = tmp / "redirects.yml"
    path.write_text(yaml.safe_dump({"pages": pages or {}, "sections": sections or {}}), encoding="utf-8")
    return path


def test_every_published_address_is_locked_and_resolves(built_site):
    site, _ = built_site
    locked = link_contract.read_lock()
    prefixes = link_contract.languages_in(site)
    record(f"link contract: {len(locked)} published addresses locked, "
           + ", ".join(f"{prefix or 'en'} {sum(1 for _, a in locked if link_contract.split(a, prefixes[1:])[0] == prefix)}"
                       for prefix in prefixes))
    assert link_contract.problems(site) == []
    assert link_contract.unlocked(site) == [], "new addresses: run python -m scripts.link_contract lock site"
    assert len(locked) >= 1000


def test_a_removed_section_breaks_the_contract_unless_redirected(tmp_path):
    site = fake_site(tmp_path / "site", {"/": "", "/faq/": "pain y", "/es/faq/": "y"})
    lock = lock_of(tmp_path, "/faq/#pain", "/es/faq/#pain")
    assert link_contract.problems(site, lock, redirects_of(tmp_path)) == [
        f"{lock}:3: /es/faq/#pain no longer resolves. Fix: restore the heading id {{#pain}} or add "
        "`/faq/#pain: /new-page/#new-id` under sections: in redirects.yml"]
    redirected = redirects_of(tmp_path, sections={"/faq/#pain": "/faq/#y"})
    assert link_contract.problems(site, lock, redirected) == []
    assert link_contract.resolve("/es/faq/#pain", site, link_contract.read_redirects(redirected), ["es"]) == "/es/faq/#y"


def test_a_moved_page_breaks_the_contract_unless_redirected(tmp_path):
    site = fake_site(tmp_path / "site", {"/": "", "/new/": "a", "/es/new/": "a"})
    lock = lock_of(tmp_path, "/old/", "/es/old/#a")
    assert len(link_contract.problems(site, lock, redirects_of(tmp_path))) == 2
    redirected = redirects_of(tmp_path, pages={"/old/": "/new/"})
    assert link_contract.problems(site, lock, redirected) == []
    assert link_contract.resolve("/es/old/#a", site, link_contract.read_redirects(redirected), ["es"]) == "/es/new/#a"


def test_lock_lists_pages_and_headings_but_not_redirect_pages(tmp_path):
    site = fake_site(tmp_path / "site", {"/": "top", "/es/faq/": "x"})
    (site / "moved").mkdir()
    (site / "moved" / "index.html").write_text(f'<meta {link_contract.REDIRECT_MARK} content="../">', encoding="utf-8")
    assert sorted(link_contract.published(site)) == ["/", "/#top", "/es/faq/", "/es/faq/#x"]


GUIDE = with_key_points(VALID_PAGE.replace("title: A test page", "title: A guide page"),
                        "Radiation can ease bone pain. [@webmd-bone-metastasis]", "Ask your care team what to expect.")
GUIDE_ES = with_key_points(TRANSLATED_PAGE.replace("title: Una página de prueba", "title: Una página de guía"),
                           "La radioterapia puede aliviar el dolor. [@webmd-bone-metastasis]", "Pregunte a su equipo médico.")


def contract_project(root: Path) -> Path:
    """The mini English and Spanish project with a second page, guide.md, and a lock of its
    addresses in both languages."""
    for language, text in (("en", GUIDE), ("es", GUIDE_ES)):
        (root / "docs" / language / "guide.md").write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav:\n  - index.md\n", "nav:\n  - index.md\n  - guide.md\n"),
                      encoding="utf-8")
    stamp(root, "docs/es/guide.md")
    (root / "data" / "published-links.lock").write_text(
        "/\n/guide/\n/guide/#a-section\n/es/\n/es/guide/\n/es/guide/#a-section\n", encoding="utf-8")
    return root


def stamp(root: Path, path: str) -> None:
    subprocess.run([sys.executable, "-m", "scripts.translations", "stamp", path], cwd=root, check=True, capture_output=True)


def rename(root: Path, old: str, new: str, files=("docs/en/guide.md", "docs/es/guide.md")) -> None:
    for name in files:
        path = root / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    stamp(root, "docs/es/" + Path(files[-1]).name)


def open_with_redirect(project: Path, tmp: Path, url: str, redirects: str, address: str, lands_on: str,
                       section: str) -> tuple[float, str]:
    """Build project with these redirects, open address in Chromium: where the section is on
    screen, and the language of the page it lands on."""
    (project / "data" / "redirects.yml").write_text(redirects, encoding="utf-8")
    fixed = mkdocs_build(project, tmp / "fixed", url)
    assert fixed.returncode == 0, fixed.stderr[-3000:]
    with serve(tmp / "fixed", url), chromium() as browser:
        page = browser.new_page()
        page.goto(url + address)
        page.wait_for_url(url + lands_on)
        page.wait_for_load_state("networkidle")
        return (page.evaluate(f"document.getElementById('{section}').getBoundingClientRect().top"),
                page.evaluate("document.documentElement.lang"))


def test_renaming_a_section_needs_a_redirect_and_the_redirect_reaches_it(mini_translated_project, tmp_path):
    project = contract_project(mini_translated_project)
    rename(project, "{#a-section}", "{#new-section}")
    url = f"http://127.0.0.1:{free_port()}/"
    broken = mkdocs_build(project, tmp_path / "broken", url)
    assert broken.returncode != 0
    assert "published-links.lock:3: /guide/#a-section no longer resolves" in broken.stderr
    assert "/es/guide/#a-section no longer resolves" in broken.stderr

    top, _ = open_with_redirect(project, tmp_path, url, 'sections:\n  "/guide/#a-section": "/guide/#new-section"\n',
                                "es/guide/#a-section", "es/guide/#a-section", "new-section")
    assert 0 <= top < 200


def test_moving_a_page_needs_a_redirect_that_keeps_the_section(mini_translated_project, tmp_path):
    project = contract_project(mini_translated_project)
    for language in ("en", "es"):
        (project / "docs" / language / "guide.md").rename(project / "docs" / language / "guide-new.md")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - guide.md\n", "  - guide-new.md\n"), encoding="utf-8")
    stamp(project, "docs/es/guide-new.md")
    url = f"http://127.0.0.1:{free_port()}/"
    broken = mkdocs_build(project, tmp_path / "broken", url)
    assert broken.returncode != 0 and "/es/guide/#a-section no longer resolves" in broken.stderr

    top, language = open_with_redirect(project, tmp_path, url, 'pages:\n  "/guide/": "/guide-new/"\n',
                                       "es/guide/#a-section", "es/guide-new/#a-section", "a-section")
    assert 0 <= top < 200 and language == "es"
