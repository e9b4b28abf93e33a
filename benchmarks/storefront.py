"""Storefront benchmark: Orion's shop pages against the ceiling of the stack, in one run.

    python benchmarks/storefront.py [--products 10000] [--seconds 5] [--concurrency 32]
                                    [--database-url URL] [--workers 2] [--threads 8]

Seeds store `acme` with --products products, serves Orion and a bare Flask+Jinja page with
gunicorn on 127.0.0.1, drives each page with concurrent clients for a bounded time, and prints
requests/s, p50/p99 latency, SQL queries per request (as served, and to build the page when it
is not cached) and response bytes. The last line is
`listing_ratio=<category listing req/s / ceiling req/s>`. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.loadgen import Result, Target, run  # noqa: E402

STORE = "/platforms/main/storefront/acme"
NEXT_LINK = re.compile(r'<a[^>]*rel="next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*rel="next"')
PRODUCT_LINK = re.compile(r'href="(' + re.escape(STORE) + r'/p/[^"]+)"')
VARIANT_INPUT = re.compile(r'name="variant_id"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="variant_id"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--deep-page", type=int, default=40, help="how many 'next' links to follow")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(args, workdir: Path) -> dict[str, str]:
    database = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    return {**os.environ, "DATABASE_URL": database, "ORION_ENV": "development", "FLASK_DEBUG": "0",
            "SESSION_FILE_DIR": str(workdir / "sessions"), "SLOW_QUERY_MS": "0", "RATELIMIT_ENABLED": "0",
            "MEDIA_ROOT": str(workdir / "media"), "PYTHONPATH": str(ROOT)}


def prepare_database(env: dict[str, str], products: int) -> None:
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for command in (["db", "upgrade"], ["seed", "demo"]):
        subprocess.run([*flask, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    code = ("from webapp import create_app; from benchmarks.seed_products import seed; app = create_app();\n"
            f"ctx = app.app_context(); ctx.push(); print(seed({products}))")
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)


@contextmanager
def gunicorn(app: str, env: dict[str, str], args, port: int):
    command = [sys.executable, "-m", "gunicorn", "--no-control-socket", "--bind", f"127.0.0.1:{port}",
               "--workers", str(args.workers), "--threads", str(args.threads), "--worker-class", "gthread",
               "--log-level", "warning", app]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health" if app == "wsgi:app" else f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not start: {url}")


def discover_targets(client, args) -> list[Target]:
    """Find real URLs in the seeded store: a category, a deep page, a product, a variant."""
    listing = "/c/bench-apparel"
    html = client.get(STORE + listing).get_data(as_text=True)
    product = PRODUCT_LINK.search(html).group(1)
    deep = STORE + listing
    for _ in range(args.deep_page):
        match = NEXT_LINK.search(client.get(deep).get_data(as_text=True))
        if not match:
            break
        deep = (match.group(1) or match.group(2)).replace("&amp;", "&")
    page = client.get(product).get_data(as_text=True)
    variant = next(g for g in VARIANT_INPUT.search(page).groups() if g)
    return [
        Target("storefront home", STORE + "/"),
        Target("category page 1", STORE + listing),
        Target(f"category deep page (+{args.deep_page})", deep),
        Target("search", STORE + "/search?q=cotton"),
        Target("product page", product),
        Target("add-to-cart partial", STORE + "/cart/add", method="POST", body=f"variant_id={variant}&quantity=1",
               token_path=product, headers=(("HX-Request", "true"),)),
    ]


def count_queries(app, client, targets: list[Target]) -> dict[str, tuple[int, int]]:
    """SQL statements per request: (served warm, as under load; built with the storefront cache empty)."""
    from webapp.extensions import db

    with app.app_context():
        engine = db.engine
    counts: dict[str, tuple[int, int]] = {}
    for target in targets:
        request = partial(_one_request, client, target)
        request()  # first-request caches: tenant directory, translations, the page itself
        served = _statements(engine, request)
        app.extensions["orion.storefront_cache"].clear()
        counts[target.name] = (served, _statements(engine, request))
    return counts


def _one_request(client, target: Target) -> None:
    if target.method == "GET":
        client.get(target.path)
        return
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get(target.token_path).get_data(as_text=True))
    client.post(target.path, data=target.body, headers={"X-CSRFToken": token.group(1), **dict(target.headers),
                "Content-Type": "application/x-www-form-urlencoded"})


def _statements(engine, request) -> int:
    statements: list[int] = []

    def record(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", record)
    try:
        request()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def report(results: list[Result], ceiling: Result, queries: dict[str, tuple[int, int]]) -> None:
    columns = ("req/s", "p50 ms", "p99 ms", "queries", "built q", "bytes", "ratio", "errors")
    print(f"\n{'page':<30} " + " ".join(f"{c:>8}" for c in columns))
    for result in [ceiling, *results]:
        ratio = result.rps / ceiling.rps if ceiling.rps else 0.0
        served, built = queries.get(result.name, (0, 0))
        print(f"{result.name:<30} {result.rps:>8.0f} {result.p50_ms:>8.1f} {result.p99_ms:>8.1f} "
              f"{served:>8} {built:>8} {result.mean_bytes:>8.0f} {ratio:>8.2f} {result.errors:>8}")
    listing = next(r for r in results if r.name == "category page 1")
    print(f"\nlisting_ratio={listing.rps / ceiling.rps:.2f}")


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="orion-bench-") as folder:
        workdir = Path(folder)
        env = environment(args, workdir)
        print(f"seeding {args.products} products ({env['DATABASE_URL'].split(':')[0]}) …", flush=True)
        prepare_database(env, args.products)
        for key in ("DATABASE_URL", "SESSION_FILE_DIR", "MEDIA_ROOT", "RATELIMIT_ENABLED", "SLOW_QUERY_MS"):
            os.environ[key] = env[key]  # the in-process app (query counts) uses the same database
        from webapp import create_app

        app = create_app()
        client = app.test_client()
        targets = discover_targets(client, args)
        queries = count_queries(app, client, targets)
        ceiling_target = Target("ceiling (Flask+Jinja, no DB)", "/")
        with gunicorn("benchmarks.ceiling_app:app", env, args, free_port()) as base:
            run(base, ceiling_target, seconds=1, concurrency=args.concurrency)  # warm-up
            ceiling = run(base, ceiling_target, seconds=args.seconds, concurrency=args.concurrency)
        results = []
        with gunicorn("wsgi:app", env, args, free_port()) as base:
            for target in targets:
                run(base, target, seconds=1, concurrency=args.concurrency)  # warm-up: caches, connections
                results.append(run(base, target, seconds=args.seconds, concurrency=args.concurrency))
        report(results, ceiling, queries)


if __name__ == "__main__":
    main()
