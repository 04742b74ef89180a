"""A real HTTP server on loopback that receives webhook deliveries and answers as told."""
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.factories import WebhookEndpointFactory


@dataclass
class Receiver:
    url: str
    status: int = 204  # what it answers
    received: list = field(default_factory=list)  # (headers, body) of each POST


@pytest.fixture
def receiver():
    box = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            box["receiver"].received.append((dict(self.headers), body))
            self.send_response(box["receiver"].status)
            self.send_header("Location", "/elsewhere")  # followed only where a redirect is
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    box["receiver"] = Receiver(url=f"http://127.0.0.1:{server.server_port}/hook")
    yield box["receiver"]
    server.shutdown()
    server.server_close()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpointFactory(url=receiver.url, secret="s3cret")
