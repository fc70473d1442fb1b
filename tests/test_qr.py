"""QR codes of our addresses, for paper (scripts/qr.py): every handout's first sheet carries the
code of its page's address with that address printed beside it (overrides/hooks/handout_qr.py),
and every page and section has an SVG file of its code, listed in /links.json as `qr` and linked
from its language's links page (overrides/hooks/link_index.py). Each code is read back with a
real decoder, zxing-cpp: from the handout PDFs as pdfium renders them, and from the SVG files as
Chromium draws them, and must give exactly its address."""
from __future__ import annotations

import base64
import io
import json
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

from scripts import languages, qr, site_text, translations
from tests.browser import chromium
from tests.conftest import record

LANGUAGES = translations.languages()
DPI = 200  # the handout's first sheet as an image: a module of the code is about 4 pixels
CM = 72 / 2.54  # PDF points in a centimetre
PRINTED_CM = (2.1, 2.5)  # the code itself, quiet zone not counted (site.css, scripts/qr.py)
NEAR_THE_TOP_CM = 5.0  # the code's top edge, from the top of the sheet
SECTION_SAMPLE = 4  # every 4th section's file of each language is drawn and read (all pages' are)


def squeeze(text: str) -> str:
    return "".join(text.split())


def decode(image: Image.Image) -> list[zxingcpp.Barcode]:
    """Every QR code zxing-cpp reads in an image.

    Only full-size (model 2) codes, the only kind scripts/qr.py makes: zxing-cpp 3's `QRCode` also
    means Micro QR, whose one finder pattern and few check bits let it "read" a six-digit Micro QR
    code in the corner of a rubbed-out code (seen in CI, for one port of the test server)."""
    return [code for code in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCodeModel2)
            if code.valid]


# Handouts ------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A handout's first sheet: as an image, and its text with where each character is."""
    image: Image.Image
    text: pdfium.PdfTextPage
    width: float  # in PDF points
    height: float


def first_sheet(pdf: Path | bytes) -> Sheet:
    page = pdfium.PdfDocument(pdf)[0]
    width, height = page.get_size()
    return Sheet(page.render(scale=DPI / 72, grayscale=True).to_pil(), page.get_textpage(), width, height)


@dataclass
class Printed:
    """A code found on a sheet: what it reads, the text under it, its size and place (cm)."""
    text: str
    caption: str
    size: float
    top: float
    centre: float  # across the sheet, 0 the left edge, 1 the right


def bounds(sheet: Sheet, code: zxingcpp.Barcode) -> tuple[float, float, float, float]:
    """The code's corners (not its quiet zone) in PDF points: left, bottom, right, top."""
    corners = code.position.top_left, code.position.top_right, code.position.bottom_left, code.position.bottom_right
    xs = [corner.x * 72 / DPI for corner in corners]
    ys = [sheet.height - corner.y * 72 / DPI for corner in corners]
    return min(xs), min(ys), max(xs), max(ys)


def caption_under(sheet: Sheet, left: float, bottom: float, right: float) -> str:
    """The lines of text right under a box, within its width (give or take its quiet zone): the
    first line starting within 0.6 cm, then each next line in the same small type, as the address
    under the code is set. Body text below it, larger, ends it."""
    chars = []
    for index in range(sheet.text.count_chars()):
        # pdfium gives a hyphen that ends a line as U+FFFE, its mark for a hyphen that may only
        # break a word; in an address it is the address's own hyphen.
        char = sheet.text.get_text_range(index, 1).replace("\ufffe", "-")
        if not char.strip():
            continue
        x0, y0, x1, y1 = sheet.text.get_charbox(index, loose=True)
        if left - 0.2 * CM <= (x0 + x1) / 2 <= right + 0.2 * CM and bottom - 3 * CM < y1 <= bottom + 1:
            size = round(pdfium_raw.FPDFText_GetFontSize(sheet.text.raw, index), 1)
            chars.append(((y0 + y1) / 2, x0, char, size))
    lines: list[list[tuple]] = []
    for char in sorted(chars, key=lambda c: (-c[0], c[1])):
        if lines and abs(lines[-1][0][0] - char[0]) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    taken: list[list[tuple]] = []
    for line in lines:
        sizes = {char[3] for char in line}
        if not taken:
            if bottom - line[0][0] > 0.6 * CM:
                break
        elif sizes != {taken[0][0][3]} or taken[-1][0][0] - line[0][0] > 2 * taken[0][0][3]:
            break
        taken.append(line)
    return "".join(char[2] for line in taken for char in sorted(line, key=lambda c: c[1]))


def printed_codes(sheet: Sheet, image: Image.Image | None = None) -> list[Printed]:
    found = []
    for code in decode(image or sheet.image):
        left, bottom, right, top = bounds(sheet, code)
        found.append(Printed(code.text, caption_under(sheet, left, bottom, right), (right - left) / CM,
                             (sheet.height - top) / CM, (left + right) / 2 / sheet.width))
    return found


def handout_problems(codes: list[Printed], address: str, language: str) -> list[str]:
    """What is wrong with the codes found on a handout's first sheet, for the page at address."""
    if len(codes) != 1:
        return [f"{len(codes)} QR codes on the first sheet, not 1"]
    code, problems = codes[0], []
    if code.text != address:
        problems.append(f"the QR code reads {code.text!r}, not the page's address {address!r}")
    if squeeze(code.caption) != address:
        problems.append(f"the address printed beside the QR code is {squeeze(code.caption)!r}, not {address!r}")
    if not PRINTED_CM[0] <= code.size <= PRINTED_CM[1]:
        problems.append(f"the QR code is printed {code.size:.2f} cm wide, not {PRINTED_CM[0]} to {PRINTED_CM[1]} cm")
    if code.top > NEAR_THE_TOP_CM:
        problems.append(f"the QR code starts {code.top:.1f} cm down the sheet, not near its top")
    # At the inline end of the title: the right of a left-to-right sheet, the left of an Arabic one.
    if (code.centre < 0.5) != languages.right_to_left(language):
        problems.append(f"the QR code is on the {'left' if code.centre < 0.5 else 'right'} of the sheet, "
                        "not at the end of the title's line")
    return problems


def handout_pages(site: Path) -> dict[Path, str]:
    """Every page that links to its handout, with its language."""
    found = {}
    for index in sorted(site.rglob("index.html")):
        if 'href="handout.pdf"' in index.read_text(encoding="utf-8"):
            first = index.relative_to(site).parts[0]
            found[index] = first if first in LANGUAGES else "en"
    return found


def canonical(index: Path) -> str:
    return BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").find("link", rel="canonical")["href"]


def test_every_handout_prints_the_qr_code_of_its_address_beside_the_address(built_site):
    site, _ = built_site
    problems, read, sizes = [], {language: 0 for language in LANGUAGES}, []
    for index, language in handout_pages(site).items():
        address = canonical(index)
        pdf = index.with_name("handout.pdf")
        codes = printed_codes(first_sheet(pdf))
        found = handout_problems(codes, address, language)
        problems += [f"{pdf.relative_to(site)}: {problem}" for problem in found]
        if codes and not found:
            read[language] += 1
            sizes.append(codes[0].size)
    assert problems == []
    record(f"QR codes read from handouts (zxing-cpp, first sheet at {DPI} dpi): {sum(read.values())}, "
           + ", ".join(f"{language} {count}" for language, count in read.items())
           + f"; each the page's address, printed beside it; code {min(sizes):.2f} to {max(sizes):.2f} cm wide")
    assert all(count >= 19 for count in read.values()), read


def test_handout_codes_keep_the_page_address_in_chinese_and_arabic(built_site):
    """The scripts whose fonts and direction differ most: the code and its address on the
    home page and the pain diary of each."""
    site, url = built_site
    for language in ("zh", "ar"):
        for path in ("", "care-team/pain-diary/"):
            address = f"{url}{language}/{path}"
            codes = printed_codes(first_sheet(site / language / path / "handout.pdf"))
            assert handout_problems(codes, address, language) == [], address
            assert codes[0].text == squeeze(codes[0].caption) == address


# SVG files ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def links(built_site) -> dict:
    site, _ = built_site
    return json.loads((site / "links.json").read_text(encoding="utf-8"))


def entries(links: dict, language: str) -> list[dict]:
    """The pages and sections of a language in /links.json, pages first."""
    pages = links["languages"][language]["pages"]
    return pages + [section for page in pages for section in page["sections"]]


def file_problems(svg: str, address: str) -> list[str]:
    """What a QR code file lacks as a file: a standalone SVG, titled with its address, drawn with
    presentation attributes only."""
    problems = []
    if not svg.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg ') or 'xmlns="http://www.w3.org/2000/svg"' not in svg:
        problems.append("not a standalone SVG document")
    if f"<title>{address.replace('&', '&amp;')}</title>" not in svg:
        problems.append(f"its title is not {address}")
    if re.search(r"\sstyle=|<style", svg):
        problems.append("it styles itself inline")
    if len(svg.encode("utf-8")) > 4096:
        problems.append(f"{len(svg.encode('utf-8'))} bytes, more than 4 KiB")
    return problems


SCALE = 3  # Chromium's device pixels per CSS pixel: a file's 27 mm are about 300 pixels
GRID = """<!doctype html><html><body style="margin: 0; padding: 16px; background: #fff; display: flex;
  flex-wrap: wrap; gap: 16px; width: 1200px">{images}</body></html>"""


def drawn(page, urls: list[str]) -> tuple[Image.Image, list[dict]]:
    """The SVG files at urls as Chromium draws them, side by side on one page of the site's own
    origin (Chromium lets no other page load from 127.0.0.1), each at its own size (27 mm): one
    screenshot, and where each file is in it."""
    grid = urljoin(next(url for url in urls if url.startswith("http")), "/qr-test-grid.html")
    html = GRID.format(images="".join(f'<img src="{url}" alt="">' for url in urls))
    page.route(grid, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(grid)
    page.unroute(grid)
    boxes = page.evaluate("() => [...document.images].map(i => ({x: i.x, y: i.y, w: i.width, h: i.height, "
                          "drawn: i.complete && i.naturalWidth > 0}))")
    return Image.open(io.BytesIO(page.screenshot(full_page=True))), boxes


def drawn_problems(page, files: dict[str, str]) -> list[str]:
    """What is wrong with QR code files (their address -> the address each must give): drawn by
    Chromium and read by zxing-cpp, each must give exactly one code, its own address."""
    image, boxes = drawn(page, list(files))
    found: list[list[str]] = [[] for _ in boxes]
    for code in decode(image):
        x = (code.position.top_left.x + code.position.bottom_right.x) / 2 / SCALE
        y = (code.position.top_left.y + code.position.bottom_right.y) / 2 / SCALE
        for box, texts in zip(boxes, found):
            if box["x"] <= x <= box["x"] + box["w"] and box["y"] <= y <= box["y"] + box["h"]:
                texts.append(code.text)
    problems = []
    for (url, address), box, texts in zip(files.items(), boxes, found):
        if not box["drawn"]:
            problems.append(f"{url[:80]}: Chromium cannot draw it")
        elif texts != [address]:
            problems.append(f"{url[:80]}: {len(texts)} QR codes read ({', '.join(texts)}), not one of {address}")
    return problems


def test_links_json_and_links_pages_give_every_page_and_section_its_qr_code_file(built_site, links):
    site, url = built_site
    problems, sizes = [], []
    for language in LANGUAGES:
        listed = entries(links, language)
        page = BeautifulSoup((site / ("" if language == "en" else language) / "links" / "index.html")
                             .read_text(encoding="utf-8"), "html.parser")
        label = site_text.strings(language)["qr_code"]
        linked = [urljoin(links["languages"][language]["link_index"], a["href"])
                  for a in page.select("article a.qr-link") if a.get_text() == label]
        in_page_order = [each["qr"] for p in links["languages"][language]["pages"] for each in [p, *p["sections"]]]
        if linked != in_page_order:
            problems.append(f"{language}: the links page does not link every entry's QR code as '{label}'")
        for entry in listed:
            if entry["qr"] != qr.url_for(entry["url"], url) or not entry["qr"].startswith(url + "qr/"):
                problems.append(f"{entry['url']}: qr is {entry['qr']}")
                continue
            file = site / entry["qr"][len(url):]
            if not file.is_file():
                problems.append(f"{entry['url']}: no file {file.relative_to(site)}")
                continue
            sizes.append(file.stat().st_size)
            problems += [f"{file.relative_to(site)}: {p}" for p in file_problems(file.read_text(encoding="utf-8"),
                                                                                entry["url"])]
    files = sorted((site / "qr").rglob("*"))
    assert problems == []
    assert len([f for f in files if f.is_file()]) == len(sizes), "a QR code file no page or section lists"
    record(f"QR code files: {len(sizes)} SVG ({sum(sizes) / 1e6:.2f} MB), {min(sizes)} to {max(sizes)} bytes, "
           f"median {statistics.median(sizes):.0f}")
    assert len(sizes) > 1000


def test_qr_code_files_read_back_as_their_addresses_in_chromium(served, links):
    """Every page's file and every 4th section's, in every language, drawn by Chromium from the
    served site, read by zxing-cpp."""
    problems, read = [], {}
    with chromium(device_scale_factor=SCALE) as browser:
        page = browser.new_page()
        for language in LANGUAGES:
            pages = links["languages"][language]["pages"]
            sample = pages + [s for p in pages for s in p["sections"]][::SECTION_SAMPLE]
            for start in range(0, len(sample), 30):  # a screenshot of 30 files at a time
                problems += drawn_problems(page, {e["qr"]: e["url"] for e in sample[start:start + 30]})
            read[language] = len(sample)
    assert problems == []
    record(f"QR code files read back (Chromium, zxing-cpp): {sum(read.values())}, "
           + ", ".join(f"{language} {count}" for language, count in read.items()))


# A wrong or damaged code is caught -------------------------------------------------------------


def test_a_wrong_or_damaged_code_is_caught(built_site, served, links):
    site, url = built_site
    pdf = site / "es" / "treatments" / "radiation" / "handout.pdf"
    address = f"{url}es/treatments/radiation/"
    sheet = first_sheet(pdf)
    codes = printed_codes(sheet)
    assert handout_problems(codes, address, "es") == []
    # The code of another page: both the code and the address beside it are wrong.
    other = f"{url}fr/treatments/radiation/"
    assert handout_problems(codes, other, "es") == [
        f"the QR code reads {address!r}, not the page's address {other!r}",
        f"the address printed beside the QR code is {address!r}, not {other!r}"]
    # The middle of the code rubbed out, a third of it, more than level M restores: nothing is read.
    corners = decode(sheet.image)[0].position
    xs, ys = [c.x for c in (corners.top_left, corners.bottom_right)], [c.y for c in (corners.top_left, corners.bottom_right)]
    edge = (max(xs) - min(xs)) * 0.2
    damaged = sheet.image.copy()
    ImageDraw.Draw(damaged).rectangle([min(xs) + edge, min(ys) + edge, max(xs) - edge, max(ys) - edge], fill=255)
    assert handout_problems(printed_codes(sheet, damaged), address, "es") == ["0 QR codes on the first sheet, not 1"]
    # A handout with the code on the wrong side of an Arabic sheet.
    assert handout_problems(codes, address, "ar")[-1].startswith("the QR code is on the right of the sheet")

    # Files: another address's code, and a code with half its modules gone.
    entry, wrong = entries(links, "zh")[3], entries(links, "ar")[3]
    svg = (site / entry["qr"][len(url):]).read_text(encoding="utf-8")
    assert file_problems(svg, entry["url"]) == []
    assert file_problems(svg.replace("<svg ", '<svg style="width:1cm" ', 1), entry["url"]) == ["it styles itself inline"]
    modules = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    half = svg.replace(modules, modules[:len(modules) // 2])
    damaged = "data:image/svg+xml;base64," + base64.b64encode(half.encode("utf-8")).decode("ascii")
    with chromium(device_scale_factor=SCALE) as browser:
        page = browser.new_page()
        assert drawn_problems(page, {entry["qr"]: entry["url"]}) == []
        assert drawn_problems(page, {entry["qr"]: wrong["url"], damaged: entry["url"]}) == [
            f"{entry['qr']}: 1 QR codes read ({entry['url']}), not one of {wrong['url']}",
            f"{damaged[:80]}: 0 QR codes read (), not one of {entry['url']}"]


def test_a_rubbed_out_code_does_not_read_as_a_micro_qr_code():
    # The corner of the Spanish radiation handout's code, printed for port 59401 and rubbed out
    # as above: CI's run failed when zxing-cpp read it as the Micro QR code "718772".
    image = Image.open(Path(__file__).parent / "fixtures" / "rubbed-out-qr-code.png")
    every_kind = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [(code.text, code.format) for code in every_kind] == [("718772", zxingcpp.BarcodeFormat.MicroQRCode)]
    assert decode(image) == []


def test_qr_code_files_mirror_the_addresses():
    site = "https://example.org/guide/"
    assert qr.file_for(site, site) == "qr/index.svg"
    assert qr.file_for(site + "#start-here", site) == "qr/start-here.svg"
    assert qr.file_for(site + "es/faq/", site) == "qr/es/faq/index.svg"
    assert qr.url_for(site + "es/faq/#worse-at-night", site) == site + "qr/es/faq/worse-at-night.svg"
    for wrong in (site + "faq/#index", "https://other.org/faq/", site + "faq"):
        with pytest.raises(ValueError):
            qr.file_for(wrong, site)
    code = qr.code(site + "es/faq/#worse-at-night")
    assert code.error == "M" and not code.is_micro
    assert 'style' not in qr.inline_svg(site, "QR") and qr.inline_svg(site, "QR").startswith("<svg ")
