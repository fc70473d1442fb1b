"""Links: internal links and anchors resolve over HTTP; external ones are well-formed https; no
page loads anything from another host."""
from __future__ import annotations

import os
import time

from scripts import check_links
from tests.conftest import record


def tiny_site(tmp_path, body: str):
    site = tmp_path / "site"
    (site / "other").mkdir(parents=True)
    (site / "index.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    (site / "other" / "index.html").write_text('<html><body><h2 id="here">Here</h2></body></html>',
                                               encoding="utf-8")
    for path in [site, site / "other", *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return site


def test_external_addresses_must_be_wellformed_https(tmp_path):
    url = f"http://127.0.0.1:{check_links.free_port()}/"
    site = tiny_site(tmp_path, '<a href="https://www.cancer.org/x">ok</a>'
                               '<a href="http://www.cancer.org/x">plain http</a>'
                               '<a href="https://not a host/x">bad</a>'
                               '<script src="https://cdn.example.com/a.js"></script>'
                               '<link rel="preload stylesheet" href="https://fonts.example.com/f.css">'
                               '<a href="mailto:team@example.org">mail</a>'
                               f'<a href="{url}other/">own address</a>')
    found, _ = check_links.check(site, url)
    def about(fragment):
        return next(f for f in found if fragment in f)
    assert len(found) == 4, found
    assert "is not https" in about("http://www.cancer.org")
    assert "not a well-formed address" in about("not a host")
    assert "loads from another host" in about("cdn.example.com")
    assert "loads from another host" in about("fonts.example.com")
    assert about("cdn.example.com").startswith(f"{url}, line 1: <script src=")


def test_each_page_is_parsed_by_one_of_several_linkcheckers(tmp_path):
    """Pages are shared out by language, and every page is a start page: a page no link reaches
    is checked too."""
    site = tiny_site(tmp_path, '<a href="other/#here">x</a>')
    for language in ["es", "fr"]:
        (site / language / "search").mkdir(parents=True)
        (site / language / "index.html").write_text('<html><body><a href="../#top">x</a></body></html>')
    (site / "orphan.html").write_text('<html><body><a href="other/#gone">x</a></body></html>')
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shares = [sorted(page.relative_to(site).as_posix() for page in share) for share in check_links.shares(site, 2)]
    assert sorted(shares) == [["es/index.html", "fr/index.html"], ["index.html", "orphan.html", "other/index.html"]]
    url = f"http://127.0.0.1:{check_links.free_port()}/"
    problems, report = check_links.check(site, url)
    assert any("orphan.html, line 1: the link to " in p and "names no id 'gone'" in p for p in problems), problems
    assert any("names no id 'top'" in p for p in problems), problems
    assert len(check_links.addresses_checked(report)) == 2, report


def test_broken_anchor_on_another_page_fails(tmp_path):
    site = tiny_site(tmp_path, '<a href="other/#nowhere">x</a>')
    url = f"http://127.0.0.1:{check_links.free_port()}/"
    problems, _ = check_links.check(site, url)
    assert any("names no id 'nowhere'" in problem for problem in problems), problems


def test_working_anchor_passes_and_missing_page_fails(tmp_path):
    url = f"http://127.0.0.1:{check_links.free_port()}/"
    assert check_links.check(tiny_site(tmp_path / "a", '<a href="other/#here">x</a>'), url)[0] == []
    problems, report = check_links.check(tiny_site(tmp_path / "b", '<a href="gone/">x</a>'), url)
    assert problems and "404" in report


def test_real_site_links(built_site):
    site, url = built_site
    start = time.perf_counter()
    problems, report = check_links.check(site, url)
    seconds = time.perf_counter() - start
    checked = check_links.addresses_checked(report)
    pages = len(list(site.rglob("*.html")))
    record(f"links: {pages} pages parsed once each by {len(checked)} linkcheckers side by side, which checked "
           f"{' + '.join(map(str, checked))} = {sum(checked)} addresses ({seconds:.1f} s, target under 30 s)")
    assert problems == [], report[-3000:] + "\n" + "\n".join(problems)
    assert len(checked) == len(check_links.shares(site, os.cpu_count())), report[-3000:]
