"""The README's first command really serves the demo (`make demo` runs `dialogue demo`)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_dialogue_demo_serves_the_demo(tmp_path):
    command = shutil.which("dialogue") or str(Path(sys.executable).with_name("dialogue"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIALOGUE_")}
    env["DIALOGUE_INSTANCE_PATH"] = str(tmp_path / "instance")
    process = subprocess.Popen([command, "demo", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                break
            lines.append(line)
            if line.startswith("Open http://"):
                break
        output = "".join(lines)
        assert "coordinator@demo.example" in output and "demo-dialogue-2026" in output, output
        for _ in range(50):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"the demo did not answer on port {port}:\n{output}")
        assert "Dialogue Toolkit" in body
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
