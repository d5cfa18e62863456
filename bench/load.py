"""Load on ``sampark serve``: requests per second, p50/p99 latency and errors
for the busiest pair's page and its JSON twin.

Builds a knowledge base from the Bengali dump (or its first ``--pages``
pages), starts ``sampark serve`` on 127.0.0.1 at a free port, drives it with
``wrk`` when installed (Debian: ``apt-get install wrk``) or else a Python
asyncio/httpx client, for a fixed duration and number of connections, then
stops the server. Only loopback traffic; every step is bounded in time.

    python bench/load.py                      # whole dump, 15 s per URL, 16 connections
    python bench/load.py --pages 300 --duration 5 --connections 8
    python bench/load.py --db kb.db           # reuse a database (built there if missing)

Exit status 1 when any request failed (non-2xx, socket error or timeout).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import lzma
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BN_DUMP = REPO.parent / "shared" / "corpora" / "bnwiki-truncated-100k.xml.xz"


def dump_slice(source: Path, target: Path, pages: int) -> Path:
    """The first ``pages`` pages of a ``.xml.xz`` dump, written as a whole dump."""
    head: list[bytes] = []
    count = 0
    with lzma.open(source, "rb") as src:
        for line in src:
            head.append(line)
            if line.strip() == b"</page>":
                count += 1
                if count >= pages:
                    break
    head.append(b"</mediawiki>\n")
    with lzma.open(target, "wb", preset=0) as out:
        out.writelines(head)
    return target


def build(db: Path, dump: Path, pages: int | None, workdir: Path) -> None:
    source = dump if not pages else dump_slice(dump, workdir / f"{dump.name.split('.')[0]}-{pages}.xml.xz", pages)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sampark", "ingest", str(source), "--db", str(db), "-q", "--json"],
                          capture_output=True, text=True, timeout=3600)
    if done.returncode not in (0, 2):  # 2: the shared dump is truncated on purpose
        sys.exit(f"ingest failed ({done.returncode}):\n{done.stderr[-2000:]}")
    summary = json.loads(done.stdout)
    print(f"built {db}: {summary['documents']['new']} documents, {summary['facts']['new']} facts "
          f"in {time.perf_counter() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"sampark serve exited with {server.returncode}")
        try:
            if httpx.get(base + "/index.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit(f"sampark serve did not answer within {timeout:.0f} s")


def _seconds(value: str) -> float:
    """wrk's latency ('1.23ms', '850.00us', '1.02s') in seconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def run_wrk(url: str, duration: int, connections: int, threads: int) -> dict[str, float]:
    done = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
                           "--latency", url], capture_output=True, text=True, timeout=duration + 60)
    out = done.stdout
    if done.returncode != 0:
        sys.exit(f"wrk failed:\n{out}{done.stderr}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    percent = dict(re.findall(r"^\s+(\d+)%\s+(\S+)", out, re.M))
    errors = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(x) for x in socket_errors.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    return {"requests": requests, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": _seconds(percent["50"]), "p99": _seconds(percent["99"]), "errors": errors}


def run_python(url: str, duration: int, connections: int) -> dict[str, float]:
    """A closed-loop client: ``connections`` workers, each sending its next request
    when the last one is answered, for ``duration`` seconds."""
    import httpx

    latencies: list[float] = []
    errors = 0

    async def worker(client: httpx.AsyncClient, stop: float) -> None:
        nonlocal errors
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            try:
                response = await client.get(url)
                await response.aread()
                if response.status_code >= 400:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - sent)

    async def main() -> float:
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        async with httpx.AsyncClient(limits=limits, timeout=10) as client:
            started = time.perf_counter()
            await asyncio.gather(*(worker(client, started + duration) for _ in range(connections)))
            return time.perf_counter() - started

    elapsed = asyncio.run(main())
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": pct(0.50), "p99": pct(0.99),
            "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, default=BN_DUMP, help="MediaWiki dump to build the database from")
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages of the dump")
    parser.add_argument("--db", type=Path, default=None, help="database to use (built there if missing)")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per URL")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="sampark-load-"))
    try:
        db = args.db or workdir / "load.db"
        if not db.exists():
            if not args.dump.is_file():
                sys.exit(f"{args.dump} not found; give --dump or --db")
            build(db, args.dump, args.pages, workdir)
        tool = ("wrk" if shutil.which("wrk") else "python") if args.tool == "auto" else args.tool

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "sampark", "serve", "--db", str(db), "--host", "127.0.0.1",
                                   "--port", str(port), "--log-level", "warning"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            wait_ready(base, server)
            import httpx

            pairs = httpx.get(base + "/index.json", timeout=10).json()["pairs"]
            if not pairs:
                sys.exit("the database holds no pair; nothing to load")
            top = pairs[0]  # sorted by fact count, most first
            page = top.get("url") or f"/pair/{top['a']}-{top['b']}"
            print(f"server {base} (pid {server.pid}), pair {page} with {top.get('count')} facts; "
                  f"{tool}, {args.connections} connections, {args.duration} s per URL")
            print(f"{'url':32} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
            failed = 0
            for path in (page, page + ".json"):
                url = base + path
                if tool == "wrk":
                    result = run_wrk(url, args.duration, args.connections, args.threads)
                else:
                    result = run_python(url, args.duration, args.connections)
                failed += result["errors"]
                print(f"{path:32} {result['requests']:9d} {result['rps']:8.1f} {result['p50'] * 1000:8.1f} "
                      f"{result['p99'] * 1000:8.1f} {result['errors']:7d}", flush=True)
        finally:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log = server.stderr.read() if server.stderr else ""
        if "Traceback" in log:
            print("server log:\n" + log[-3000:])
            failed += 1
        print("errors: none" if not failed else f"errors: {failed}")
        return 1 if failed else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)  # the dump slice, and the database unless --db


if __name__ == "__main__":
    sys.exit(main())
