"""deploy/nginx.conf run by Debian's nginx on 127.0.0.1, for the tests and the benchmarks.

    with nginx(site_dir, work_dir) as url: ...

serves site_dir at url (http://127.0.0.1:PORT/) with the deployed server block: the same
compression, caching, headers and 404 pages a reader gets."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from scripts.check_links import free_port
from scripts.pages import ROOT

CONFIG = ROOT / "deploy" / "nginx.conf"
LISTEN, LISTEN_V6, ROOT_LINE = "    listen 80;\n", "    listen [::]:80;\n", "    root /var/www/bone-pain/site;\n"
MISSING = "nginx not found: install Debian's with `apt-get install -y nginx-light` (`make test` does this)"
MAIN = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
user root;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


class NginxError(RuntimeError):
    pass


def binary() -> Path:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise NginxError(MISSING)
    return Path(found)


def deployed_server(security_headers: bool = True) -> str:
    """The server block of deploy/nginx.conf. Without security_headers it keeps compression,
    caching and 404s but drops the headers (a peer site with inline scripts needs that)."""
    text = CONFIG.read_text(encoding="utf-8")
    if not security_headers:
        text = "".join(line for line in text.splitlines(keepends=True)
                       if not line.strip().startswith("add_header") or "Cache-Control" in line)
    return text


@contextmanager
def nginx(site: Path, tmp: Path, port: int | None = None, server: str | None = None):
    """site served at http://127.0.0.1:PORT/ for as long as the block runs."""
    port = port or free_port()
    server = (server or deployed_server()).replace(LISTEN, f"    listen 127.0.0.1:{port};\n")
    server = server.replace(LISTEN_V6, "").replace(ROOT_LINE, f"    root {site};\n")
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "site.conf").write_text(server, encoding="utf-8")
    (tmp / "nginx.conf").write_text(MAIN.format(tmp=tmp), encoding="utf-8")
    process = subprocess.Popen([str(binary()), "-c", str(tmp / "nginx.conf"), "-p", str(tmp),
                                "-e", str(tmp / "error.log"), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            if process.poll() is not None:
                log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
                raise NginxError(f"nginx did not start:\n{process.stdout.read().decode()}\n{log}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
