"""An editor's path, end to end: python-lsp-server (pylsp) over stdio, its pylint plugin
loading keraslint, and a keraslint diagnostic published for the file the editor opens.

The test speaks the Language Server Protocol as an editor does: initialize, the
settings an editor sends (docs/editors.md), didOpen, and it waits for
textDocument/publishDiagnostics.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from queue import Empty, Queue

import pytest

pytest.importorskip("pylsp")

MODEL = textwrap.dedent(
    """\
    import keras
    from keras import layers

    model = keras.Sequential([
        keras.Input((32, 32, 3)), layers.Conv2D(16, 3, activation="relu"),
        layers.Dropout(0.2),
        layers.BatchNormalization(),
    ])
    """
)
# The settings docs/editors.md gives, as an editor sends them.
SETTINGS = {
    "pylsp": {
        "plugins": {
            "pylint": {"enabled": True, "args": ["--load-plugins=keraslint", "--keraslint-skip-frameworks=y"]},
            "pycodestyle": {"enabled": False},
            "pyflakes": {"enabled": False},
            "mccabe": {"enabled": False},
        }
    }
}


class LanguageServer:
    """pylsp in a subprocess, spoken to over stdio with LSP's Content-Length framing."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pylsp"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.incoming: Queue = Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if not headers:
                return
            self.incoming.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, method: str, params: dict, request: bool = False) -> int | None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def wait_for(self, accept, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.incoming.get(timeout=max(0.1, deadline - time.monotonic()))
            except Empty:
                raise AssertionError(f"no matching message from pylsp in {timeout} s") from None
            if accept(message):
                return message

    def close(self) -> None:
        try:
            request = self.send("shutdown", {}, request=True)
            self.wait_for(lambda m: m.get("id") == request, timeout=30)
            self.send("exit", {})
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


def test_pylsp_publishes_a_keraslint_diagnostic(tmp_path):
    path = tmp_path / "model.py"
    path.write_text(MODEL, encoding="utf-8")
    server = LanguageServer(tmp_path)
    try:
        request = server.send(
            "initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}, request=True
        )
        server.wait_for(lambda m: m.get("id") == request, timeout=60)
        server.send("initialized", {})
        server.send("workspace/didChangeConfiguration", {"settings": SETTINGS})
        server.send(
            "textDocument/didOpen",
            {"textDocument": {"uri": path.as_uri(), "languageId": "python", "version": 1, "text": MODEL}},
        )

        def keraslint_diagnostics(message: dict) -> bool:
            return (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == path.as_uri()
                and any(d.get("code") == "W7307" for d in message["params"]["diagnostics"])
            )

        published = server.wait_for(keraslint_diagnostics, timeout=120)
    finally:
        server.close()
    (diagnostic,) = [d for d in published["params"]["diagnostics"] if d.get("code") == "W7307"]
    assert diagnostic["source"] == "pylint"
    assert diagnostic["message"].startswith("[keras-dropout-before-batchnorm] Dropout (line 6) feeds the BatchNormalization")
    assert diagnostic["range"]["start"] == {"line": 5, "character": 4}
    assert diagnostic["severity"] == 2  # Warning
