"""HTTP to the server under test: whole answers, NDJSON lines, and raw bytes on a socket for what
an HTTP library refuses to send."""

import http.client
import json
import socket
from dataclasses import dataclass, field


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    lines: list = field(default_factory=list)  # the body's JSON lines (None for a line that is not JSON)

    @property
    def error_code(self):
        """The `code` of the answer's error line, or None when it has none."""
        first = self.lines[0] if self.lines else None
        if isinstance(first, dict) and isinstance(first.get("error"), dict):
            return first["error"].get("code")
        return None


def parse_lines(body):
    lines = []
    for raw in body.split(b"\n"):
        if raw.strip():
            try:
                lines.append(json.loads(raw))
            except ValueError:
                lines.append(None)
    return lines


def request(address, method, path, body=None, headers=None, timeout=30):
    """One request on a connection of its own; the whole answer."""
    host, port = address.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        payload = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, payload, parse_lines(payload))
    finally:
        connection.close()


def authorized(token, content_type="application/x-ndjson"):
    headers = {"Authorization": f"Bearer {token}"}
    if content_type:
        headers["Content-Type"] = content_type
    return headers


def ndjson(objects):
    return b"".join(json.dumps(item, ensure_ascii=False).encode() + b"\n" for item in objects)


def raw_exchange(address, payload, timeout=10, pause_after=None):
    """Writes `payload` bytes on a fresh socket and reads until the server closes it or `timeout`
    passes. Returns (bytes read, closed by the server)."""
    host, port = address.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=timeout) as connection:
        connection.sendall(payload)
        if pause_after is None:
            connection.shutdown(socket.SHUT_WR)
        received = b""
        try:
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    return received, True
                received += chunk
        except socket.timeout:
            return received, False
        except ConnectionResetError:
            return received, True


def split_raw_answer(raw):
    """(status, body lines) of a raw HTTP/1.1 answer; status 0 when there is none."""
    if not raw.startswith(b"HTTP/1."):
        return 0, []
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = dechunk(body)
    return status, parse_lines(body)


def dechunk(body):
    decoded = b""
    while body:
        size_text, _, rest = body.partition(b"\r\n")
        try:
            size = int(size_text.split(b";")[0], 16)
        except ValueError:
            break
        if size == 0:
            break
        decoded += rest[:size]
        body = rest[size + 2:]
    return decoded
