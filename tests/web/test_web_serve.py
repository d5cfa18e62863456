"""`sampark serve` as a real process: it refuses a missing database, and closes a
connection whose request headers never finish (uvicorn has no such limit)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def slow_server(kb: Path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "SAMPARK_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "sampark", "serve", "--db", str(kb), "--port", str(port),
                             "--header-timeout", "1", "--log-level", "warning"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(base + "/index.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode(errors="replace")[-2000:])
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_headers_that_never_finish_get_the_connection_closed(slow_server: int) -> None:
    with socket.create_connection(("127.0.0.1", slow_server)) as sock:
        sock.sendall(b"GET /index.json HTTP/1.1\r\nHost: x\r\n")  # no blank line: headers unfinished
        sock.settimeout(60)  # a bound for a hung test, not a measurement
        assert sock.recv(1024) == b""  # closed by the server, not answered
    # a complete request on a new connection is served as usual, and the
    # deadline does not cut a kept-alive connection between its requests
    with httpx.Client(base_url=f"http://127.0.0.1:{slow_server}") as client:
        assert client.get("/index.json").status_code == 200
        assert client.head("/").status_code == 200


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run([sys.executable, "-m", "sampark", "serve", "--db", str(tmp_path / "nope.db"),
                             "--port", str(free_port())], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "no such database" in result.stderr
    assert not (tmp_path / "nope.db").exists()
