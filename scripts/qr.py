"""QR codes of the site's permanent addresses, for paper: clinics print our addresses in leaflets,
where nobody can click them.

The codes are made by segno (a tested QR encoder; nothing here encodes by hand) at error
correction level M with the standard quiet zone of 4 modules, as SVG: one path of dark modules (on
a white square in the files), presentation attributes only (the pages' Content-Security-Policy
forbids inline styles). They are used twice:

- every handout prints its page's code, with the address beside it, on its first sheet
  (overrides/hooks/handout_qr.py inlines it in the page; site.css shows it only in print);
- the link index offers a file for every page and section (overrides/hooks/link_index.py writes
  them, the "Links for organizations" pages link to them, and /links.json gives each one's
  address as `qr`).

The files mirror the addresses under qr/ at the site's root: a page's code is `index.svg` in the
page's folder, a section's code is named after its id.

    https://example.org/guide/                        qr/index.svg
    https://example.org/guide/#start-here             qr/start-here.svg
    https://example.org/guide/es/faq/                 qr/es/faq/index.svg
    https://example.org/guide/es/faq/#worse-at-night  qr/es/faq/worse-at-night.svg

so a section id "index" is refused (it would be its page's file). Each file is about 2 KB, 27 mm
wide when placed in a document, with the address as its title.

    python -m scripts.qr https://example.org/guide/es/faq/   # prints that address's SVG file
    python -m scripts.qr write SITE_DIR SITE_URL < addresses  # writes their files (one address a line)
"""
from __future__ import annotations

import hashlib
import html
import io
import os
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import segno

FOLDER = "qr"
ERROR = "m"  # level M: about 15% of the code can be lost; boosting it is turned off, so M it is
QUIET_ZONE = 4  # modules of white around the code, the size the standard asks for
PRINTED_CM = 2.25  # the code itself on a handout, quiet zone not counted, whatever its number of modules
FILE_SIZE = "27mm"  # a file placed in a document, quiet zone included (the code about 2.2 cm)
PAGE_FILE = "index"
CACHE = Path(__file__).resolve().parents[1] / "build" / "cache" / "qr"
_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@lru_cache(maxsize=None)  # `mkdocs serve` rebuilds every page, and their handouts' codes, on each change
def code(address: str) -> segno.QRCode:
    """The QR code of an address: a regular QR code (never Micro QR) at level M, the mask chosen
    by segno as the standard says."""
    return segno.make_qr(address, error=ERROR, boost_error=False)


def _svg(address: str, **options) -> str:
    out = io.BytesIO()
    code(address).save(out, kind="svg", border=QUIET_ZONE, dark="#000", omitsize=True, lineclass=None,
                       nl=False, **options)
    return out.getvalue().decode("utf-8")


def _with_attributes(svg: str, attributes: str) -> str:
    """Attributes added to segno's <svg> element."""
    if not svg.startswith("<svg ") and "?>\n<svg " not in svg and "?><svg " not in svg:
        raise ValueError(f"segno wrote an SVG this module does not know: {svg[:80]}")
    return svg.replace("<svg ", f"<svg {attributes} ", 1)


def printed_size(address: str, code_cm: float = PRINTED_CM) -> float:
    """The printed width of an address's code with its quiet zone, in cm, for the code itself to
    be code_cm wide: a longer address has more, smaller modules in the same size."""
    modules = code(address).symbol_size(border=0)[0]
    return round(code_cm * (modules + 2 * QUIET_ZONE) / modules, 2)


def cached(make):
    """make(*args) kept on disk (build/cache/qr/), by its arguments, this file and segno's version:
    segno takes 5 to 10 ms to choose a code's mask, and eleven languages have some 2,500 codes, the
    same in every build until an address, this module or segno changes."""
    def kept(*args: str) -> str:
        key = hashlib.sha256("\0".join([make.__name__, *args, segno.__version__, _SOURCE]).encode()).hexdigest()
        path = CACHE / key[:2] / f"{key}.svg"
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = make(*args)
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.part")  # another build may write it at the same time
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)
            return text
    return kept


@cached
def inline_svg(address: str, label: str, css_class: str = "print-qr__code") -> str:
    """The code as an <svg> element for a page's HTML, printed_size() wide (attributes, which the
    Content-Security-Policy allows), named for screen readers and tagged PDFs by label, on the
    page's own white (the paper)."""
    svg = _svg(address, xmldecl=False, svgns=False, svgclass=css_class, light=None)
    size = f"{printed_size(address)}cm"
    return _with_attributes(svg, f'width="{size}" height="{size}" role="img" aria-label="{html.escape(label)}" '
                                 'shape-rendering="crispEdges"')


@cached
def svg_file(address: str) -> str:
    """The code as a standalone SVG file: an XML document with the address as its title."""
    svg = _svg(address, xmldecl=True, svgns=True, svgclass=None, title=address, light="#fff")
    return _with_attributes(svg, f'width="{FILE_SIZE}" height="{FILE_SIZE}" shape-rendering="crispEdges"') + "\n"


def file_for(address: str, site_url: str) -> str:
    """The path, under the site's root, of the file with an address's code (see the module's
    docstring): https://x.org/es/faq/#a with site_url https://x.org/ -> qr/es/faq/a.svg."""
    root = site_url.rstrip("/") + "/"
    if not address.startswith(root):
        raise ValueError(f"{address} is not an address of the site {root}")
    page, _, section = address[len(root):].partition("#")
    if page and not page.endswith("/"):
        raise ValueError(f"{address}: a page's address ends with '/'")
    if section == PAGE_FILE:
        raise ValueError(f"{address}: a section id '{PAGE_FILE}' would take the file of its page's QR code "
                         f"({FOLDER}/{page}{PAGE_FILE}.svg). Fix: give the heading another id")
    return f"{FOLDER}/{page}{section or PAGE_FILE}.svg"


def url_for(address: str, site_url: str) -> str:
    """The published address of the file with an address's code."""
    return site_url.rstrip("/") + "/" + file_for(address, site_url)


def write(site: Path, address: str, site_url: str) -> Path:
    """Write the file of an address's code into a built site; returns its path."""
    path = site / file_for(address, site_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg_file(address), encoding="utf-8")
    path.chmod(0o644)  # linkchecker, run as root, reads the site as user nobody
    return path


def write_all(site: Path, addresses: list[str], site_url: str) -> int:
    """Write the files of many addresses' codes; returns how many."""
    for address in addresses:
        write(site, address, site_url)
    return len(addresses)


def start_writing(site: Path, addresses: list[str], site_url: str) -> subprocess.Popen:
    """Write the files of many addresses' codes in another process, which runs while the build
    goes on: segno takes about 5 to 10 ms a code (choosing its mask), over a thousand codes would
    add seconds to the build, and MkDocs uses one core. Wait for it with finish()."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as listed:  # its stdin: one address a line
        listed.write("".join(f"{address}\n" for address in addresses))
        listed.seek(0)
        return subprocess.Popen([sys.executable, "-m", "scripts.qr", "write", str(site), site_url],
                                cwd=Path(__file__).resolve().parents[1], stdin=listed,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(writer: subprocess.Popen, timeout: float = 600) -> None:
    """Wait for start_writing's process; raises RuntimeError with its errors if it failed."""
    _, errors = writer.communicate(timeout=timeout)
    if writer.returncode != 0:
        raise RuntimeError(f"writing the QR code files failed:\n{errors[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) == 3 and args[0] == "write":  # addresses on stdin, one a line
        count = write_all(Path(args[1]), [line.strip() for line in sys.stdin if line.strip()], args[2])
        print(f"qr: {count} files written")
        return 0
    if len(args) != 1:
        print("usage: python -m scripts.qr ADDRESS | python -m scripts.qr write SITE_DIR SITE_URL < addresses",
              file=sys.stderr)
        return 2
    sys.stdout.write(svg_file(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
