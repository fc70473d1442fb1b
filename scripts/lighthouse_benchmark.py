"""Lighthouse (mobile) on our site and on a default Material build of the same pages (the peer).

Both sites are built for and served by deploy/nginx.conf on 127.0.0.1, gzip on; the peer is
served without our security headers, which would block the default theme's inline scripts.
Lighthouse comes from npm (scripts/npm/package.json, installed here on first use) and drives
Debian's /usr/bin/chromium through CHROME_PATH. The four category scores and FCP, LCP, TBT, CLS
and bytes of every page go to a JSON file and a Markdown table (copied into BENCHMARKS.md).

    python -m scripts.lighthouse_benchmark [--runs 3] [--out build/lighthouse.json]

Not a test: figures vary a little from run to run; with --runs N each page's figures are from
the run with the median performance score.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from scripts.browser import ARGS, CHROMIUM, MISSING
from scripts.check_links import free_port
from scripts.nginx import deployed_server, nginx
from scripts.pages import ROOT

NPM = ROOT / "scripts" / "npm"
LIGHTHOUSE = NPM / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "treatments/radiation/", "glossary/", "zh/", "zh/treatments/radiation/", "zh/glossary/",
         "ar/", "ar/treatments/radiation/", "ar/glossary/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
           "CLS": "cumulative-layout-shift", "bytes": "total-byte-weight"}
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}


class _KeepEnvTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV tags a plain YAML loader refuses."""


_KeepEnvTags.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def peer_config(site_url: str, site_dir: Path) -> dict:
    """Our mkdocs.yml with Material's defaults: same pages, languages, navigation and Markdown
    extensions; no custom templates, hooks, CSS, JavaScript, features, fonts or palette."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepEnvTags)
    for key in ("hooks", "extra", "validation"):
        config.pop(key, None)
    config.update(site_url=site_url, docs_dir=str(ROOT / "docs"), site_dir=str(site_dir), strict=False,
                  theme={"name": "material", "language": "en"})
    return config


def build(config_file: Path, site_url: str, strict: bool) -> None:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    mode = "--strict" if strict else "--no-strict"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", mode, "--quiet", "--config-file", str(config_file)],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(NPM)], check=True)


def lighthouse(url: str, work: Path, attempts: int = 2) -> dict:
    """One Lighthouse run (mobile, its default throttling): the raw report. Each run gets a new
    browser profile; a run that fails (Chromium did not start in time) is tried once more."""
    for attempt in range(1, attempts + 1):
        with tempfile.TemporaryDirectory(dir=work) as run:
            report = Path(run) / "report.json"
            flags = " ".join(ARGS + ["--headless=new", f"--user-data-dir={Path(run) / 'profile'}"])
            done = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                                   f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                                  env=dict(os.environ, CHROME_PATH=str(CHROMIUM)), capture_output=True, text=True)
            if done.returncode == 0:
                return json.loads(report.read_text(encoding="utf-8"))
    raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")


def figures(report: dict) -> dict:
    """The four scores (0-100) and the metrics (ms, bytes, CLS unitless) of one report."""
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    metrics = {short: report["audits"][audit]["numericValue"] for short, audit in METRICS.items()}
    failed = sorted(audit_id for name in CATEGORIES if name != "performance"
                    for ref in report["categories"][name]["auditRefs"]
                    if ref["weight"] and (audit_id := ref["id"]) and report["audits"][audit_id]["score"] not in (1, None))
    return {**scores, **{k: round(v, 3) if k == "CLS" else round(v) for k, v in metrics.items()}, "failed": failed}


def median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda run: run["performance"])[len(runs) // 2]


def markdown(results: dict) -> str:
    rows = ["| page | site | perf | a11y | best pr. | SEO | FCP ms | LCP ms | TBT ms | CLS | KiB |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for page in PAGES:
        for site in ("ours", "peer"):
            f = results[site][page]
            rows.append(f"| /{page} | {site} | {f['performance']} | {f['accessibility']} | {f['best-practices']} | "
                        f"{f['seo']} | {f['FCP']} | {f['LCP']} | {f['TBT']} | {f['CLS']} | {f['bytes'] / 1024:.1f} |")
    return "\n".join(rows) + "\n"


def misses(results: dict) -> list[str]:
    """Our pages below a target."""
    return [f"/{page}: {name} {f[name]} < {target}" for page, f in results["ours"].items()
            for name, target in TARGETS.items() if f[name] < target]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lighthouse.json")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        sys.exit(MISSING)
    ensure_lighthouse()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for site in ("ours", "peer"):
            port = free_port()
            url = f"http://127.0.0.1:{port}/"
            if site == "ours":
                config_file, server = ROOT / "mkdocs.yml", deployed_server()
                build(config_file, url, strict=True)  # into ROOT/site, as `make build` does
                site_dir = ROOT / "site"
            else:
                site_dir, config_file = work / "peer-site", work / "peer-mkdocs.yml"
                config_file.write_text(yaml.safe_dump(peer_config(url, site_dir), allow_unicode=True), encoding="utf-8")
                build(config_file, url, strict=False)
                server = deployed_server(security_headers=False)
            with nginx(site_dir, work / f"nginx-{site}", port=port, server=server) as served:
                results[site] = {}
                for page in PAGES:
                    runs = [figures(lighthouse(served + page, work)) for _ in range(args.runs)]
                    results[site][page] = median_run(runs)
                    print(site, f"/{page}", results[site][page], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    problems = misses(results)
    print("\n".join(problems) or "every page meets the targets")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
