"""Shared plumbing for benchmarks: a throwaway site served by gunicorn on 127.0.0.1, and a load
generator. Every figure is printed next to a reference measured in the same run, because the
machines here are shared and noisy: ratios travel, absolute numbers do not."""

from __future__ import annotations

import contextlib
import http.client
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
from urllib.parse import urlsplit

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
    var_dir: Path
    log: Path  # the server's stdout and stderr

    def server_log(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


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


def manage_shell(env: dict[str, str], code: str, *, timeout: float = 300) -> str:
    """Run Python in the site's `manage.py shell` and return what it printed."""
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-startup", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"manage.py shell failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return done.stdout


def stop(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Terminate a server we started, and kill it if it will not go."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


@contextlib.contextmanager
def demo_site(*, workers: int = 2, **extra_env: str) -> Iterator[Site]:
    """Migrate a fresh demo newsroom and serve it with gunicorn; stop it afterwards."""
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-bench-"))
    port = free_port()
    env = site_env(var_dir, port, **extra_env)
    log_path = var_dir / "server.log"
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "demo")
        manage(env, "collectstatic", "--no-input")
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "benchmarks.reference:application",
                    "--config",  # the production settings, scorer preload included
                    str(ROOT / "gunicorn.conf.py"),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(f"http://127.0.0.1:{port}/healthz", process=server)
                yield Site(f"http://127.0.0.1:{port}", env, var_dir, log_path)
            except BaseException:
                print(f"server log (last lines):\n{tail(log_path)}", file=sys.stderr)
                raise
            finally:
                stop(server)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_until_up(
    url: str, timeout: float = 60, *, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {timeout} s")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def cookies(self) -> dict[str, str]:
        """The cookies the answer sets, by name (attributes such as Secure are ignored)."""
        found = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            found[name.strip()] = value.strip()
        return found


def http_request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Answer:
    """One request, no redirects followed, to 127.0.0.1 only."""
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.hostname == "127.0.0.1", (
        "benchmarks only load this machine"
    )
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Answer(response.status, response.msg, response.read())
    finally:
        conn.close()


def requests_per_second(
    url: str,
    *,
    seconds: int = 10,
    connections: int = 8,
    cookie: str = "",
    headers: dict[str, str] | None = None,
) -> float:
    """Throughput against one URL: wrk when installed (apt-get install wrk), else Python threads.

    Bounded in time; only ever aimed at 127.0.0.1.
    """
    assert url.startswith("http://127.0.0.1:"), "benchmarks only load this machine"
    headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
    if shutil.which("wrk"):
        options = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
        # A request slower than wrk's timeout is not counted at all: make the timeout generous
        # and fail loudly if it still happens, rather than report a flattering figure.
        wrk = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s"]
        out = subprocess.run(
            [*wrk, *options, url],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errors:
            raise RuntimeError(f"{url} answered {errors.group(1)} errors under load:\n{out}")
        timeouts = re.search(r"Socket errors:.*timeout (\d+)", out)
        if timeouts and int(timeouts.group(1)):
            raise RuntimeError(f"{url} timed out {timeouts.group(1)} times under load:\n{out}")
        match = re.search(r"Requests/sec:\s+([\d.]+)", out)
        assert match, out
        return float(match.group(1))
    return closed_loop_rps(url, seconds=seconds, connections=connections, headers=headers)


def closed_loop_rps(
    url: str, *, seconds: float, connections: int, headers: dict[str, str] | None = None
) -> float:
    """Throughput from Python threads, each sending its next request when the last is answered.

    Unlike wrk, it waits for the requests still in flight when time is up and divides by the time
    it really took, so it measures endpoints slower than a second correctly and leaves no queue
    behind it on the server. Bounded in time (plus one request per connection).
    """
    assert url.startswith("http://127.0.0.1:"), "benchmarks only load this machine"
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    start = time.monotonic()
    stop = start + seconds
    counts = [0] * connections
    failures: list[str] = []

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            while time.monotonic() < stop and not failures:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(f"{url} answered {response.status}")
                    return
                counts[n] += 1
        except OSError as exc:
            failures.append(f"{url}: {exc!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(failures[0])
    return sum(counts) / (time.monotonic() - start)
