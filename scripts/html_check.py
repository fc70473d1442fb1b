"""The W3C Nu HTML Checker (vnu.jar, the validator behind validator.w3.org/nu) on a built site.

vnu.jar comes from npm (scripts/npm-validator/package.json, installed there on first use) and runs
on Debian's Java (`default-jre-headless`, which `make test` installs). It checks every HTML file
offline; only errors count (warnings are advice).

    python -m scripts.html_check SITE_DIR [--out build/html-check.json]
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from scripts.pages import ROOT

NPM = ROOT / "scripts" / "npm-validator"
JAR = NPM / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NO_JAVA = "java not found: install Debian's `default-jre-headless` (`make test` does this)"
NO_NPM = "npm not found: install Debian's `npm`, or Node.js with npm (`make test` does this)"


def jar() -> Path:
    """vnu.jar, installed from the pinned package-lock.json on first use."""
    if not JAR.exists():
        if not shutil.which("npm"):
            raise RuntimeError(NO_NPM)
        # --ignore-scripts: the package's own install step would download a Java runtime.
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", str(NPM)],
                       check=True, stdout=subprocess.DEVNULL)
    return JAR


def errors(site: Path) -> list[dict]:
    """Every error the checker reports in the site's HTML files: {url, line, message, extract}."""
    if not shutil.which("java"):
        raise RuntimeError(NO_JAVA)
    result = subprocess.run(["java", "-jar", str(jar()), "--skip-non-html", "--errors-only",
                             "--format", "json", str(site)], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    found = [{"file": m.get("url", "").removeprefix(f"file:{site.resolve()}/"),
              "line": m.get("lastLine"), "message": m.get("message", ""), "extract": m.get("extract", "")}
             for m in messages if m.get("type") == "error"]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not found):
        raise RuntimeError(f"vnu.jar failed ({result.returncode}): {result.stderr[-2000:]}")
    return found


def summary(found: list[dict]) -> str:
    if not found:
        return "HTML check: 0 errors"
    common = Counter(e["message"] for e in found).most_common(5)
    return (f"HTML check: {len(found)} errors in {len({e['file'] for e in found})} files; most common: "
            + "; ".join(f"{count} × {message}" for message, count in common))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "html-check.json")
    args = parser.parse_args(argv)
    found = errors(args.site)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    print(summary(found))
    for error in found[:50]:
        print(f"{error['file']}:{error['line']}: {error['message']}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
