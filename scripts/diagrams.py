"""Our diagrams: one drawing, many languages.

Each diagram is one SVG template, overrides/diagrams/<id>.svg, drawn once. Its words live per
language in includes/<lang>/diagrams.yml (translated and stamped like any shared text):

    <id>:
      title: the short text alternative (the picture's accessible name)
      caption: the line above the picture, with its citations, [@source-id]
      words: [the same facts as a list: the long description]
      labels: {key: label text}
      kept: [keys whose label is rightly the same as in English, such as "TENS"]

A template's labels are empty `<text data-label="key" x=".." y=".." data-width=".." data-lines="..">`
elements, direct children of the <svg>; `data-href="treatments/radiation.md#id"` (from the
language's docs folder) makes one a link to that section. The build wraps each label into lines
that fit its width, and for a right-to-left language sets the text direction and, where the
template says `data-mirror="true"` (a sequence read in writing order, not anatomy), mirrors the
drawing so the sequence runs right to left.

    python -m scripts.diagrams check            # every label of every language is there
    python -m scripts.diagrams write [OUT_DIR]  # each diagram as an SVG file per language
    python -m scripts.diagrams shots [OUT_DIR] [--lang ar zh] [--id why-it-hurts] [--draft FILE]
        # each diagram as a 358 px wide PNG, and any label that overflows or overlaps
"""
from __future__ import annotations

import argparse
import copy
import gzip
import re
import sys
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from scripts import site_text
from scripts.citations import CITATION
from scripts.pages import DEFAULT_LANGUAGE, ROOT, display, parse_yaml

TEMPLATES = ROOT / "overrides" / "diagrams"
LABEL_FILE = "diagrams.yml"
SVG = "http://www.w3.org/2000/svg"
etree.register_namespace("", SVG)
# The line that places a diagram on a page.
MARKER = re.compile(r"^[ \t]*<!-- diagram ([a-z0-9-]+) -->[ \t]*$", re.M)
# Labels are drawn at this size in the drawing's own units; a template is 340 units wide, so on a
# 390 px phone (about 358 px of text column) a label is as large as the body text.
FONT_SIZE = 16
LINE_HEIGHT = 19
# How far a line's letters reach above and below its baseline, in ems: Noto's ascender and
# descender, generous for Arabic marks. A label's place must hold its last line inside the drawing.
ASCENT, DESCENT = 0.8, 0.25
FIELDS = ("title", "caption", "words", "labels")
# Estimated advance of a character, in ems, for wrapping labels before any browser sees them. On
# the generous side: the browser check (tests/test_diagrams.py) measures the real boxes.
WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def advance(char: str) -> float:
    if WIDE.match(char):
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    if char == " ":
        return 0.28
    if char in "سشصض":  # the widest Arabic letters: near 1 em even when joined
        return 0.95
    if "\u0600" <= char <= "\u06ff":
        return 0.52
    if char == "\u200c":  # Persian's zero-width non-joiner
        return 0.0
    if "\u0400" <= char <= "\u04ff" and char.islower():  # Cyrillic runs wider than Latin (measured)
        return 0.59
    if char.isupper() or char in "mwMW":
        return 0.7
    if char.isalnum():
        return 0.57
    return 0.36


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return sum(advance(c) for c in text) * size


# The units a label breaks between: a word with the space after it, or one character of a script
# written without spaces (Chinese can break between any two characters).
UNIT = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]\s*|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+")


def wrap(text: str, width: float) -> list[str]:
    """The label's lines, filled greedily to `width` units; a line break in the label is kept."""
    lines: list[str] = []
    for paragraph in text.strip().split("\n"):
        line = ""
        for unit in UNIT.findall(paragraph.strip()):
            if line.strip() and text_width((line + unit).rstrip()) > width:
                lines.append(line.rstrip())
                line = ""
            line += unit
        lines.append(line.rstrip())
    return lines


@lru_cache(maxsize=None)
def template(diagram_id: str) -> etree.Element:
    path = TEMPLATES / f"{diagram_id}.svg"
    return etree.parse(path).getroot()


def diagram_ids() -> list[str]:
    return sorted(p.stem for p in TEMPLATES.glob("*.svg"))


def label_file(language: str) -> Path:
    return site_text.INCLUDES / language / LABEL_FILE


@lru_cache(maxsize=None)
def words(language: str) -> dict:
    path = label_file(language)
    return (parse_yaml(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def entry_of(diagram_id: str, language: str) -> dict:
    """A diagram's words in a language, or in English while it has none (problems() reports it)."""
    return words(language).get(diagram_id) or words(DEFAULT_LANGUAGE)[diagram_id]


def template_labels(diagram_id: str) -> list[str]:
    return [t.get("data-label") for t in template(diagram_id).iter(f"{{{SVG}}}text") if t.get("data-label")]


def line_in_file(path: Path, diagram_id: str, key: str | None = None) -> int:
    """The line of a diagram (or of one of its keys) in a words file, for file:line messages."""
    if not path.exists():
        return 1
    found = 1
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if found == 1 and line.rstrip() == f"{diagram_id}:":
            found = number
            if key is None:
                return number
        elif found > 1 and key is not None and re.match(rf"^\s+{re.escape(key)}:", line):
            return number
        elif found > 1 and re.match(r"^[a-z0-9-]+:", line):
            break
    return found


def placements() -> dict[str, str]:
    """Each diagram's English page (docs/en/…), from the marker lines; translations keep the same
    lines (scripts/translations.py checks)."""
    from scripts.pages import DOCS
    found = {}
    for path in sorted((DOCS / DEFAULT_LANGUAGE).rglob("*.md")):
        for diagram_id in MARKER.findall(path.read_text(encoding="utf-8")):
            found[diagram_id] = path.relative_to(DOCS / DEFAULT_LANGUAGE).as_posix()
    return found


class DiagramError(ValueError):
    pass


def _left(element: etree.Element, box_width: float) -> float:
    """Where a label's place starts, from its x and how its text is anchored there."""
    x = float(element.get("x"))
    return {"start": x, "middle": x - box_width / 2, "end": x - box_width}[element.get("text-anchor", "start")]


def template_problems(diagram_id: str, root: etree.Element | None = None) -> list[str]:
    """Each label place of a template that reaches outside its drawing: its width past an edge, or
    its first or last allowed line (data-lines) above the top or below the bottom, where the
    picture would cut a label off on every screen."""
    root = template(diagram_id) if root is None else root
    path = TEMPLATES / f"{diagram_id}.svg"
    where = path.relative_to(ROOT)
    source = path.read_text(encoding="utf-8").splitlines()
    width, height = (float(n) for n in root.get("viewBox").split()[2:])
    found = []
    for element in root.iter(_tag("text")):
        key = element.get("data-label")
        if not key:
            continue
        box, lines = float(element.get("data-width")), int(element.get("data-lines", "1"))
        y = float(element.get("y"))
        left = _left(element, box)
        top = y - ASCENT * FONT_SIZE
        bottom = y + (lines - 1) * LINE_HEIGHT + DESCENT * FONT_SIZE
        line = next((n for n, text in enumerate(source, 1) if f'data-label="{key}"' in text), 1)
        if left < 0 or left + box > width:
            found.append(f"{where}:{line}: label '{key}' spans {left:g} to {left + box:g}, outside the "
                         f"drawing's width of {width:g}. Fix: move it (x) or narrow it (data-width)")
        if top < 0 or bottom > height:
            found.append(f"{where}:{line}: label '{key}' with {lines} line(s) spans {top:g} to {bottom:g}, "
                         f"outside the drawing's height of {height:g}. Fix: move it (y), allow fewer "
                         "lines (data-lines) or make the drawing taller (viewBox)")
    return found


def problems(language: str) -> list[str]:
    """What a language's words file lacks: a diagram, a field or a label of the template, a
    label too long for its place, or (in a translation) a label left in English. With English,
    also any template whose label places reach outside the drawing (template_problems)."""
    path = label_file(language)
    where = path.relative_to(ROOT)
    found = [p for diagram_id in diagram_ids() for p in template_problems(diagram_id)] \
        if language == DEFAULT_LANGUAGE else []
    english = words(DEFAULT_LANGUAGE)
    own = words(language)
    if not path.exists():
        return [f"{where}:1: the words of the diagrams are missing; readers see the English. Fix: "
                f"translate includes/{DEFAULT_LANGUAGE}/{LABEL_FILE}"]
    for diagram_id in diagram_ids():
        entry = own.get(diagram_id)
        if not isinstance(entry, dict):
            found.append(f"{where}:1: no words for the diagram '{diagram_id}'. Fix: "
                          + (f"translate its entry in includes/{DEFAULT_LANGUAGE}/{LABEL_FILE}"
                             if language != DEFAULT_LANGUAGE else
                             f"write its {', '.join(FIELDS)} (see scripts/diagrams.py)"))
            continue
        for field in FIELDS:
            if not entry.get(field):
                found.append(f"{where}:{line_in_file(path, diagram_id)}: '{diagram_id}' has no "
                              f"{field}. Fix: add it (see includes/{DEFAULT_LANGUAGE}/{LABEL_FILE})")
        labels = entry.get("labels") or {}
        english_labels = (english.get(diagram_id) or {}).get("labels") or {}
        kept = set(entry.get("kept") or [])
        for key in template_labels(diagram_id):
            line = line_in_file(path, diagram_id, key)
            if not str(labels.get(key) or "").strip():
                found.append(f"{where}:{line_in_file(path, diagram_id)}: '{diagram_id}' has no label "
                              f"'{key}'. Fix: add `{key}:` under its labels")
                continue
            if (language != DEFAULT_LANGUAGE and labels[key] == english_labels.get(key)
                    and key not in kept):
                found.append(f"{where}:{line}: label '{key}' of '{diagram_id}' is the English "
                              f"'{labels[key]}'. Fix: translate it, or list '{key}' under kept: "
                              "if it is rightly the same")
            try:
                placed(diagram_id, key, str(labels[key]))
            except DiagramError as error:
                found.append(f"{where}:{line}: {error}")
        for key in sorted(set(labels) - set(template_labels(diagram_id))):
            found.append(f"{where}:{line_in_file(path, diagram_id, key)}: '{diagram_id}' has a "
                          f"label '{key}' its drawing does not use. Fix: remove it")
        if language != DEFAULT_LANGUAGE:
            en_words = (english.get(diagram_id) or {}).get("words") or []
            if len(entry.get("words") or []) != len(en_words):
                found.append(f"{where}:{line_in_file(path, diagram_id, 'words')}: '{diagram_id}' "
                              f"has {len(entry.get('words') or [])} description item(s), English "
                              f"has {len(en_words)}. Fix: translate them one for one")
    return found


def placed(diagram_id: str, key: str, text: str) -> list[str]:
    element = next(t for t in template(diagram_id).iter(f"{{{SVG}}}text") if t.get("data-label") == key)
    width = float(element.get("data-width"))
    lines = wrap(text, width)
    allowed = int(element.get("data-lines", "1"))
    if len(lines) > allowed:
        raise DiagramError(f"label '{key}' of '{diagram_id}' needs {len(lines)} lines of "
                           f"{width:g} units; its place has {allowed}. Fix: say it in fewer words")
    return lines


@dataclass
class Drawn:
    svg: str          # the SVG markup, inline in a page
    standalone: str   # the same as a file of its own
    gzipped: int      # bytes of the inline markup, gzipped


def _tag(name: str) -> str:
    return f"{{{SVG}}}{name}"


def _mirror(root: etree.Element, width: float) -> None:
    """Flip the drawing (not its text) so a sequence runs right to left."""
    group = etree.Element(_tag("g"), {"transform": f"matrix(-1 0 0 1 {width:g} 0)"})
    for child in [c for c in root if c.tag != _tag("text")]:
        root.remove(child)
        group.append(child)
    root.insert(0, group)


def _place(element: etree.Element, lines: list[str], width: float, rtl: bool, mirror: bool) -> None:
    """Put a text's lines where its template says, for the language's direction. The place is
    kept as data-box (left, width) for the browser check."""
    x = float(element.get("x"))
    anchor = element.get("text-anchor", "start")
    box_width = float(element.attrib.pop("data-width", "0"))
    element.attrib.pop("data-lines", None)
    if element.get("data-label"):
        left = _left(element, box_width)
        element.set("data-box", f"{(width - left - box_width) if mirror else left:g} {box_width:g}")
    if mirror:
        x = width - x
    elif rtl:  # the same place, its text starting from the right
        x = {"start": x + box_width, "middle": x, "end": x - box_width}[anchor]
    if rtl:
        element.set("direction", "rtl")
    element.set("x", f"{x:g}")
    element.text = lines[0] if len(lines) == 1 else None
    for number, line in enumerate(lines if len(lines) > 1 else []):
        tspan = etree.SubElement(element, _tag("tspan"), {"x": f"{x:g}", "dy": str(LINE_HEIGHT if number else 0)})
        tspan.text = line


def _link(root: etree.Element, element: etree.Element, address: str) -> None:
    link = etree.Element(_tag("a"), {"href": address})
    index = list(root).index(element)
    root.remove(element)
    link.append(element)
    root.insert(index, link)


def draw(diagram_id: str, language: str, href=lambda target: target, entry: dict | None = None) -> Drawn:
    """The diagram in a language: labels filled and wrapped, direction set, mirrored for a
    right-to-left language where its template has a reading direction. `href` turns a label's
    data-href (a docs path with an anchor) into the address the page links to."""
    entry = entry or entry_of(diagram_id, language)
    root = copy.deepcopy(template(diagram_id))
    width, height = (float(n) for n in root.get("viewBox").split()[2:])
    rtl = site_text.direction(language) == "rtl"
    read_in_order = root.attrib.pop("data-mirror", None) == "true"
    mirror = rtl and read_in_order
    if any(t.tag == _tag("text") for g in root if g.tag != _tag("text") for t in g.iter()):
        raise DiagramError(f"overrides/diagrams/{diagram_id}.svg: a <text> inside a group; keep every "
                           "text a direct child of the <svg>, so it can be placed for right to left")
    if mirror:
        _mirror(root, width)
    for element in [t for t in root if t.tag == _tag("text")]:
        key = element.get("data-label")
        lines = placed(diagram_id, key, str(entry["labels"][key])) if key else [element.text or ""]
        _place(element, lines, width, rtl, mirror)
        target = element.attrib.pop("data-href", None)
        # Colours for the drawing seen on its own; in a page, the site's styles set them.
        element.set("fill", LINK_COLOUR if target else TEXT_COLOUR)
        if target:
            element.set("text-decoration", "underline")
            _link(root, element, href(target))
    title = etree.Element(_tag("title"), {"id": f"diagram-{diagram_id}-title"})
    title.text = entry["title"]
    root.insert(0, title)
    root.set("font-size", str(FONT_SIZE))
    root.set("width", f"{width:g}")
    root.set("height", f"{height:g}")
    # A picture whose labels are links is a group of links, not one image: an image's content is
    # hidden from screen readers, and its links would be too.
    root.set("role", "group" if root.find(_tag("a")) is not None else "img")
    root.set("aria-labelledby", f"diagram-{diagram_id}-title")
    standalone = copy.deepcopy(root)
    root.set("class", "diagram__svg")
    root.set("aria-describedby", f"diagram-{diagram_id}-words")
    inline = etree.tostring(root, encoding="unicode")
    standalone.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    standalone.set("font-family", STANDALONE_FONTS)
    desc = etree.Element(_tag("desc"))
    desc.text = " ".join(CITATION.sub("", item).strip() for item in entry["words"])
    standalone.insert(1, desc)
    return Drawn(inline, etree.tostring(standalone, encoding="unicode"),
                 len(gzip.compress(inline.encode("utf-8"), 9)))


# In a browser: every label inside its place and the drawing, and no two labels overlapping.
# Returns one line per problem, for the page's diagrams (tests/test_diagrams.py, `shots` below).
MEASURE_JS = """() => {
  const found = [];
  for (const svg of document.querySelectorAll('svg.diagram__svg, svg[data-standalone]')) {
    const name = svg.closest('figure')?.id || svg.getAttribute('aria-labelledby');
    const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
    const texts = [...svg.querySelectorAll('text')];
    const boxes = texts.map(t => t.getBBox());
    texts.forEach((t, i) => {
      const b = boxes[i], label = t.textContent.trim();
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > width + 0.5 || b.y + b.height > height + 0.5)
        found.push(`${name}: "${label}" leaves the drawing`);
      const place = t.getAttribute('data-box');
      // 2 px: an Arabic word's last letter (ز, ر) may reach past its advance, as ink, not text.
      if (place) {
        const [left, w] = place.split(' ').map(Number);
        if (b.x < left - 2 || b.x + b.width > left + w + 2)
          found.push(`${name}: "${label}" is ${Math.round(b.width)} wide, wider than its place (${w})`);
      }
      boxes.forEach((o, j) => {
        if (j <= i) return;
        const dx = Math.min(b.x + b.width, o.x + o.width) - Math.max(b.x, o.x);
        const dy = Math.min(b.y + b.height, o.y + o.height) - Math.max(b.y, o.y);
        if (dx > 1 && dy > 1) found.push(`${name}: "${label}" overlaps "${texts[j].textContent.trim()}"`);
      });
    });
  }
  return found;
}"""


# In a browser: the contrast of each label with the drawing behind it (the colour most of its box
# shows once the text is taken away), WCAG's formula, the text's colour blended over that
# background. Returns [[label, ratio], ...] for the page's diagrams.
CONTRAST_JS = """async () => {
  const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratios = [];
  for (const svg of document.querySelectorAll('svg.diagram__svg, svg[data-standalone]')) {
    const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
    const drawing = svg.cloneNode(true);
    drawing.querySelectorAll('text').forEach(text => text.remove());
    drawing.setAttribute('width', width);
    drawing.setAttribute('height', height);
    const image = new Image();
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(drawing));
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [width, height];
    const context = canvas.getContext('2d', {willReadFrequently: true});
    context.fillStyle = getComputedStyle(svg.parentElement).backgroundColor.replace(/rgba\\(0, 0, 0, 0\\)/, '#fff');
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0);
    for (const text of svg.querySelectorAll('text')) {
      const box = text.getBBox();
      const x = Math.max(0, Math.floor(box.x)), y = Math.max(0, Math.floor(box.y));
      const pixels = context.getImageData(x, y, Math.max(1, Math.min(width - x, Math.ceil(box.width))),
                                          Math.max(1, Math.min(height - y, Math.ceil(box.height)))).data;
      const counts = new Map();
      for (let i = 0; i < pixels.length; i += 4) {
        const key = pixels[i] << 16 | pixels[i + 1] << 8 | pixels[i + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      const most = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const back = [most >> 16 & 255, most >> 8 & 255, most & 255];
      const [r, g, b, a = 1] = getComputedStyle(text).fill.match(/[\\d.]+/g).map(Number);
      const fore = [r, g, b].map((c, i) => a * c + (1 - a) * back[i]);
      const [light, dark] = [luminance(fore), luminance(back)].sort((p, q) => q - p);
      ratios.push([text.textContent.trim(), (light + 0.05) / (dark + 0.05)]);
    }
  }
  return ratios;
}"""


def shots(out: Path, languages: list[str], ids: list[str], draft: dict | None = None) -> list[str]:
    """Each diagram drawn alone at phone width (358 px, the text column of a 390 px screen), as a
    PNG to look at, and what the measurement finds. `draft`: words to try instead of the files'
    ({id: entry}, in every language asked for)."""
    from scripts.browser import chromium
    found = []
    out.mkdir(parents=True, exist_ok=True)
    with chromium(viewport={"width": 390, "height": 844}) as context:
        page = context.new_page()
        for language in languages:
            for diagram_id in ids:
                svg = draw(diagram_id, language, entry=(draft or {}).get(diagram_id)).standalone.replace(
                    "<svg ", '<svg data-standalone style="width:100%;height:auto" ', 1)
                page.set_content(f'<!doctype html><html lang="{language}" dir="{site_text.direction(language)}">'
                                 f'<body style="margin:16px;width:358px">{svg}</body></html>')
                page.locator("svg").screenshot(path=str(out / f"{diagram_id}.{language}.png"))
                found += [f"{language}: {p}" for p in page.evaluate(MEASURE_JS)]
                found += [f"{language}: {diagram_id}: '{label}' is {ratio:.1f}:1 on its background"
                          for label, ratio in page.evaluate(CONTRAST_JS) if ratio < MIN_CONTRAST]
    return found


TEXT_COLOUR, LINK_COLOUR = "#1b1b1b", "#2c3a94"  # 17:1 and 9.6:1 on white
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for text; labels are body-sized
# A file seen on its own has no page styles: system sans-serif faces that show every script.
STANDALONE_FONTS = "system-ui, 'Noto Sans', 'Noto Sans CJK SC', 'Noto Naskh Arabic', sans-serif"


def main(argv: list[str] | None = None) -> int:
    from scripts.translations import languages
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "write", "shots"])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build" / "diagrams")
    parser.add_argument("--lang", nargs="*", help="shots: these languages (default: all)")
    parser.add_argument("--id", nargs="*", help="shots: these diagrams (default: all)")
    parser.add_argument("--draft", type=Path, help="shots: a YAML file of words to try, {id: entry}")
    args = parser.parse_args(argv)
    if args.command == "shots":
        draft = parse_yaml(args.draft.read_text(encoding="utf-8")) if args.draft else None
        found = shots(args.out, args.lang or languages(), args.id or diagram_ids(), draft)
        print("\n".join(found) or f"no label overflows or overlaps; pictures in {display(args.out)}")
        return 1 if found else 0
    if args.command == "check":
        found = [p for language in languages() for p in problems(language)]
        print("\n".join(found) or f"{len(diagram_ids())} diagrams, every label in {len(languages())} languages")
        return 1 if found else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for language in languages():
        for diagram_id in diagram_ids():
            drawn = draw(diagram_id, language)
            (args.out / f"{diagram_id}.{language}.svg").write_text(drawn.standalone, encoding="utf-8")
            print(f"{diagram_id}.{language}.svg: {drawn.gzipped} bytes gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
