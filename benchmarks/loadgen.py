"""A small bounded HTTP load generator: processes x threads with keep-alive connections.

Every run stops by itself after `seconds`; results are latencies (ms) and byte counts.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass(frozen=True)
class Target:
    """One page to load: GET path, or POST with form data (CSRF token fetched from `token_path`)."""

    name: str
    path: str
    method: str = "GET"
    body: str = ""
    token_path: str = ""
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float
    mean_bytes: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _prepare(conn: http.client.HTTPConnection, target: Target, host: str) -> dict[str, str]:
    headers = {"Host": host, **dict(target.headers)}
    if target.method == "POST":
        conn.request("GET", target.token_path, headers={"Host": host})
        response = conn.getresponse()
        page = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        match = CSRF_META.search(page)
        headers.update({"Cookie": cookie, "X-CSRFToken": match.group(1) if match else "",
                        "Content-Type": "application/x-www-form-urlencoded"})
    return headers


def _worker(base_url: str, target: Target, deadline: float, out: list) -> None:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = _prepare(conn, target, parts.netloc)
    body = target.body.encode() if target.method == "POST" else None
    while time.monotonic() < deadline:
        start = time.perf_counter()
        try:
            conn.request(target.method, target.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            ok = response.status < 400
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            data, ok = b"", False
        out.append(((time.perf_counter() - start) * 1000, len(data), ok))
    conn.close()


def _process(base_url: str, target: Target, seconds: float, threads: int) -> list:
    deadline = time.monotonic() + seconds
    samples: list = []
    workers = [threading.Thread(target=_worker, args=(base_url, target, deadline, samples)) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return samples


def run(base_url: str, target: Target, *, seconds: float, concurrency: int, processes: int = 2) -> Result:
    """Drive `target` with `concurrency` clients for `seconds`; return its figures."""
    threads = max(1, concurrency // processes)
    with ProcessPoolExecutor(processes) as pool:
        chunks = list(pool.map(_process, [base_url] * processes, [target] * processes,
                               [seconds] * processes, [threads] * processes))
    samples = [s for chunk in chunks for s in chunk]
    latencies = sorted(s[0] for s in samples if s[2])
    errors = sum(1 for s in samples if not s[2])
    if not latencies:
        return Result(target.name, 0, errors, seconds, 0.0, 0.0, 0.0)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Result(target.name, len(latencies), errors, seconds,
                  statistics.median(latencies), p99, statistics.fmean(s[1] for s in samples if s[2]))
