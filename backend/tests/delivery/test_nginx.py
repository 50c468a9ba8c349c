"""client/nginx.conf served by a real nginx over a stand-in build (dist/ layout of Astro)."""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ._repo import REPO

NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
)

# Enough text for gzip_min_length.
FILLER = "<!-- " + "padding " * 64 + "-->"
PAGES = {
    "index.html": "ROOT PAGE",
    "login/index.html": "LOGIN PAGE",
    "dashboard/index.html": "DASHBOARD PAGE",
    "habit/index.html": "HABIT SHELL",
    "_astro/client.Ab12Cd34.js": "console.log('hashed asset');" + "//" * 200,
    "favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url():
    if NGINX is None:
        pytest.fail("nginx is not installed (scripts/test-delivery.sh installs it)")
    # Not pytest's tmp_path: nginx workers may run as `nobody` and must read it.
    work = Path(tempfile.mkdtemp(prefix="fht-nginx-"))
    work.chmod(0o755)
    html = work / "html"
    for name, body in PAGES.items():
        path = html / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"<html><body>{body}</body></html>{FILLER}" if name.endswith(".html") else body
        )
    for directory in [html, *html.rglob("*")]:
        directory.chmod(0o755 if directory.is_dir() else 0o644)
    port = _free_port()
    site = (REPO / "client/nginx.conf").read_text(encoding="utf-8")
    assert "listen 80;" in site and "root /usr/share/nginx/html;" in site
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("root /usr/share/nginx/html;", f"root {html};")
    (work / "site.conf").write_text(site)
    # What the nginx image's /etc/nginx/nginx.conf provides around conf.d/default.conf.
    (work / "nginx.conf").write_text(f"""daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/tmp-body;
    proxy_temp_path {work}/tmp-proxy;
    fastcgi_temp_path {work}/tmp-fastcgi;
    uwsgi_temp_path {work}/tmp-uwsgi;
    scgi_temp_path {work}/tmp-scgi;
    include {work}/site.conf;
}}
""")
    command = [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")]
    subprocess.run([*command, "-t", "-q"], check=True)
    server = subprocess.Popen(command)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, gzip_ok: bool = False):
    """(status, headers, body text) without following redirects."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            status, headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    if headers.get("Content-Encoding") == "gzip":
        raw = gzip.decompress(raw)
    return status, headers, raw.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/habit/6f1c2d3e-0000-4000-8000-000000000001",
        "/habit/6f1c2d3e-0000-4000-8000-000000000001/",
        "/habit/42?from=dashboard",
    ],
)
def test_habit_deep_links_get_the_habit_shell(base_url, path):
    status, headers, body = fetch(base_url + path)
    assert status == 200
    assert "HABIT SHELL" in body
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/", "ROOT PAGE"),
        ("/login", "LOGIN PAGE"),
        ("/login/", "LOGIN PAGE"),
        ("/dashboard", "DASHBOARD PAGE"),
        ("/habit/", "HABIT SHELL"),
        ("/no/such/page", "ROOT PAGE"),  # the spec's fallback: /index.html
    ],
)
def test_pages_and_the_fallback(base_url, path, page):
    status, headers, body = fetch(base_url + path)
    assert status == 200
    assert page in body
    assert headers["Cache-Control"] == "no-cache"
    assert headers["Content-Type"].startswith("text/html")


def test_hashed_assets_are_cached_for_a_year(base_url):
    status, headers, _ = fetch(base_url + "/_astro/client.Ab12Cd34.js")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_missing_hashed_asset_is_a_404_not_html(base_url):
    status, _, body = fetch(base_url + "/_astro/gone.Zz99.js")
    assert status == 404
    assert "ROOT PAGE" not in body


def test_other_static_files_revalidate(base_url):
    status, headers, _ = fetch(base_url + "/favicon.svg")
    assert status == 200
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("path", ["/", "/_astro/client.Ab12Cd34.js"])
def test_text_is_gzipped(base_url, path):
    status, headers, _ = fetch(base_url + path, gzip_ok=True)
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]


@pytest.mark.parametrize(
    "path", ["/", "/habit/abc", "/_astro/client.Ab12Cd34.js", "/_astro/gone.Zz99.js"]
)
def test_security_headers_on_every_answer(base_url, path):
    _, headers, _ = fetch(base_url + path)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert "nginx/" not in headers.get("Server", "")
