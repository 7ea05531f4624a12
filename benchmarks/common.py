"""Shared plumbing for benchmarks: a throwaway site served by gunicorn on 127.0.0.1, and a load
generator. Every figure is printed next to a reference measured in the same run, because the
machines here are shared and noisy: ratios travel, absolute numbers do not."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Site:
    url: str
    env: dict[str, str]


def site_env(var_dir: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


@contextlib.contextmanager
def demo_site(*, workers: int = 2, **extra_env: str) -> Iterator[Site]:
    """Migrate a fresh demo newsroom and serve it with gunicorn; stop it afterwards."""
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-bench-"))
    port = free_port()
    env = site_env(var_dir, port, **extra_env)
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "demo")
        manage(env, "collectstatic", "--no-input")
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "benchmarks.reference:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
            yield Site(f"http://127.0.0.1:{port}", env)
        finally:
            server.terminate()
            server.wait(timeout=20)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {timeout} s")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def requests_per_second(
    url: str, *, seconds: int = 10, connections: int = 8, cookie: str = ""
) -> float:
    """Throughput against one URL: wrk when installed (apt-get install wrk), else Python threads.

    Bounded in time; only ever aimed at 127.0.0.1.
    """
    assert url.startswith("http://127.0.0.1:"), "benchmarks only load this machine"
    if shutil.which("wrk"):
        headers = ["-H", f"Cookie: {cookie}"] if cookie else []
        out = subprocess.run(
            ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", *headers, url],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errors:
            raise RuntimeError(f"{url} answered {errors.group(1)} errors under load:\n{out}")
        match = re.search(r"Requests/sec:\s+([\d.]+)", out)
        assert match, out
        return float(match.group(1))
    return _python_load(url, seconds=seconds, connections=connections, cookie=cookie)


def _python_load(url: str, *, seconds: int, connections: int, cookie: str) -> float:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    stop = time.monotonic() + seconds
    counts = [0] * connections

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < stop:
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            counts[n] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / seconds
