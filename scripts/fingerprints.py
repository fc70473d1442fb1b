"""Fingerprints of the source texts, so tests can prove no page copies them.

The sources are copyrighted and may not be committed. What we commit instead is a hash of every
run of 10 words in them (data/source-fingerprints.txt): enough to find a copied passage in our
pages, useless for rebuilding the text.

    python -m scripts.fingerprints make ../shared/sources   # after a source changes
    python -m scripts.fingerprints check                    # pages and includes vs. fingerprints
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.pages import ROOT, display

RUN = 10  # words; the same bar as ../shared/tools/source_overlap.py
FINGERPRINTS = ROOT / "data" / "source-fingerprints.txt"
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
CONTENT = ["docs/**/*.md", "includes/**/*.md", "includes/**/*.yml"]


@dataclass(frozen=True)
class Copied:
    path: str
    line: int
    words: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: repeats a source word for word: \"{self.words}\". "
                f"Fix: say it in your own plain words")


def words_with_lines(text: str) -> list[tuple[str, int]]:
    return [(word, number)
            for number, line in enumerate(text.translate(QUOTES).lower().splitlines(), 1)
            for word in WORD.findall(line)]


def fingerprint(words: list[str] | tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


def make(sources: Path) -> list[str]:
    prints = set()
    for path in sorted(sources.glob("*.txt")):
        words = [w for w, _ in words_with_lines(path.read_text(encoding="utf-8"))]
        prints.update(fingerprint(words[i:i + RUN]) for i in range(len(words) - RUN + 1))
    return sorted(prints)


def load(path: Path = FINGERPRINTS) -> set[str]:
    return {line for line in path.read_text().splitlines() if line and not line.startswith("#")}


def copied_runs(path: Path, prints: set[str]) -> list[Copied]:
    """Each stretch of the file whose every 10-word window is a source fingerprint."""
    words = words_with_lines(path.read_text(encoding="utf-8"))
    found, i = [], 0
    while i <= len(words) - RUN:
        if fingerprint([w for w, _ in words[i:i + RUN]]) not in prints:
            i += 1
            continue
        end = i + RUN
        while end < len(words) and fingerprint([w for w, _ in words[end - RUN + 1:end + 1]]) in prints:
            end += 1
        found.append(Copied(display(path), words[i][1], " ".join(w for w, _ in words[i:end])))
        i = end
    return found


def content_files(root: Path = ROOT) -> list[Path]:
    return sorted({p for pattern in CONTENT for p in root.glob(pattern)})


def check(files: list[Path], prints: set[str]) -> list[Copied]:
    return [copy for path in files for copy in copied_runs(path, prints)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make_cmd = sub.add_parser("make", help="write the fingerprints of the source texts")
    make_cmd.add_argument("sources", type=Path)
    make_cmd.add_argument("--out", type=Path, default=FINGERPRINTS)
    check_cmd = sub.add_parser("check", help="find pages that repeat a source")
    check_cmd.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "make":
        if not sorted(args.sources.glob("*.txt")):
            print(f"fingerprints: no .txt sources in {args.sources}", file=sys.stderr)
            return 2
        prints = make(args.sources)
        args.out.write_text(f"# sha256[:16] of every {RUN}-word run of the source texts; "
                            f"made by scripts/fingerprints.py\n" + "\n".join(prints) + "\n")
        print(f"{len(prints)} fingerprints written to {display(args.out)}")
        return 0
    files = args.files or content_files()
    copies = check(files, load())
    for copy in copies:
        print(copy, file=sys.stderr)
    print(f"{len(copies)} passage(s) of {RUN}+ words copied from the sources, in {len(files)} file(s)")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main())
