"""``sigap serve`` as a real process, for the tests and the benchmarks that talk
to SIGAP over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(
    url: str, process: subprocess.Popen, seconds: float = 90.0, log: Path | None = None
) -> None:
    """Return once ``url`` answers; fail, with the end of ``log`` if there is one,
    when ``process`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                told = log.read_text()[-3000:] if log else ""
                raise RuntimeError(f"{url} did not come up\n{told}") from None
            time.sleep(0.2)


@contextmanager
def serving(
    env: dict[str, str],
    *,
    port: int | None = None,
    workers: int = 2,
    log: Path | None = None,
) -> Iterator[str]:
    """``sigap serve`` (gunicorn) with environment ``env`` on ``port`` (a free
    one by default); its error output goes to ``log`` if given (a pipe nobody
    reads would block the server once full). Yields the base URL."""
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve"]
        + ["--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab") if log else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/health", process, log=log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
