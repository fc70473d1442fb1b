"""A bounded load test of one address with wrk: requests per second, p99 latency, errors.

Run against a server on this machine only (loopback). Writes the figures as JSON.

    python -m scripts.load_test http://127.0.0.1:8080/treatments/radiation/ --out build/load-test.json
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict:
    """Figures from `wrk --latency` output: requests/s, p50/p99 in ms, requests and errors."""
    def latency(percent: str) -> float:
        value, unit = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return round(float(value) * UNITS[unit], 3)

    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def run(url: str, seconds: int = 5, connections: int = 16, threads: int = 2) -> dict:
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"load_test: {host} is not this machine; load tests only target loopback")
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("load_test: wrk is not installed: apt-get install -y wrk (make test does this)")
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    return dict(parse_wrk(output), url=url, seconds=seconds, connections=connections, threads=threads)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    figures = run(args.url, args.seconds, args.connections)
    text = json.dumps(figures, indent=2)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    print(text)
    return 1 if figures["errors"] or figures["non_2xx_3xx"] else 0


if __name__ == "__main__":
    sys.exit(main())
