"""Classes of hostile input. Each case is judged the way a client would: a proper answer is a 4xx
with an error line (for a bad line inside a batch: that line's 4xx result line), and the valid
lines around a bad one are applied as if it were not there."""

import concurrent.futures
import json
import random
import re
import socket
import string
import threading
import time

import wire


class Verdicts:
    """Cases sent, answered properly, 5xx answers, and the valid neighbours acknowledged."""

    def __init__(self):
        self.cases = 0
        self.proper = 0
        self.server_errors = 0
        self.improper = []  # (case, what came back)
        self.neighbours = {}  # key -> acknowledged (bool)
        self.stalled = False  # a case got no answer in time: the rest of the class is skipped

    def each(self, count):
        """0..<count, stopping early once the server stopped answering."""
        for index in range(count):
            if self.stalled:
                return
            yield index

    def judge(self, case, proper, detail="", status=0):
        self.cases += 1
        if status >= 500:
            self.server_errors += 1
        if proper:
            self.proper += 1
        else:
            self.improper.append((case, detail))


class Context:
    def __init__(self, address, token, seed, scenario):
        self.address, self.token, self.scenario = address, token, scenario
        self.random = random.Random(seed)
        self.count = 0

    def neighbour(self):
        self.count += 1
        key = f"fault:{self.scenario}:n:{self.count}"
        return key, json.dumps({"op": "create", "workflow": "complaint-escalation", "title": key,
                                "fields": {"customer": "neighbour"}, "idempotency_key": key}).encode()

    def create_line(self, **overrides):
        line = {"op": "create", "workflow": "complaint-escalation", "title": "hostile",
                "fields": {"customer": "hostile"}}
        line.update(overrides)
        return json.dumps(line).encode()

    def random_text(self, length):
        return "".join(self.random.choice(string.ascii_letters + string.digits) for _ in range(length))


def batch_case(context, verdicts, case, bad_line, neighbours=4):
    """Posts `bad_line` among valid lines; proper when the bad line's result is a 4xx error line
    naming its line number and every neighbour is acknowledged."""
    lines = [context.neighbour() for _ in range(neighbours)]
    position = context.random.randrange(neighbours + 1)
    body_lines = [line for _, line in lines]
    body_lines.insert(position, bad_line)
    try:
        answer = wire.request(context.address, "POST", "/v1/events", b"\n".join(body_lines) + b"\n",
                              wire.authorized(context.token), timeout=60)
    except (OSError, ValueError) as error:
        verdicts.stalled = verdicts.stalled or isinstance(error, TimeoutError)
        verdicts.judge(case, False, f"no answer: {error}")
        return
    if answer.status != 200:
        verdicts.judge(case, False, f"status {answer.status}: {answer.body[:200]!r}", answer.status)
        return
    results = {line.get("line"): line for line in answer.lines if isinstance(line, dict)}
    bad = results.get(position + 1, {})
    status = bad.get("status", 0)
    named = isinstance(bad.get("error"), dict) and bad["error"].get("code")
    for index, (key, _) in enumerate(lines):
        number = index + 1 if index < position else index + 2
        verdicts.neighbours[key] = results.get(number, {}).get("status") == 201
    neighbours_fine = all(verdicts.neighbours[key] for key, _ in lines)
    verdicts.judge(case, 400 <= status < 500 and bool(named) and neighbours_fine,
                   f"bad line: {bad}; neighbours fine: {neighbours_fine}", status)


def whole_request_case(context, verdicts, case, method, path, body=None, expect=range(400, 500),
                       content_type="application/x-ndjson", timeout=60):
    """Proper when the answer has a status in `expect` and, for a 4xx, an error line."""
    try:
        answer = wire.request(context.address, method, path, body, wire.authorized(context.token, content_type),
                              timeout=timeout)
    except (OSError, ValueError) as error:
        verdicts.stalled = verdicts.stalled or isinstance(error, TimeoutError)
        verdicts.judge(case, False, f"no answer: {error}")
        return
    fine = answer.status in expect and (answer.status < 400 or answer.error_code is not None)
    verdicts.judge(case, fine, f"status {answer.status}: {answer.body[:200]!r}", answer.status)


def random_bytes(context, verdicts, count):
    for _ in verdicts.each(count):
        junk = bytes(context.random.randrange(256) for _ in range(context.random.randrange(1, 2000)))
        batch_case(context, verdicts, "random bytes", b"#" + junk.replace(b"\n", b" "))


INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80", b"\x80"]


def invalid_utf8(context, verdicts, count):
    for _ in verdicts.each(count):
        junk = context.random.choice(INVALID_UTF8)
        line = context.create_line(title="TITLE").replace(b"TITLE", b"ok" + junk + b"ok")
        batch_case(context, verdicts, "invalid UTF-8", line)


def deep_nesting(context, verdicts, count):
    for index in verdicts.each(count):
        depth = 100_000
        nested = b"[" * depth + b"]" * depth if index % 2 == 0 else b'{"a":' * depth + b"1" + b"}" * depth
        line = context.create_line(fields={"customer": "NEST"}).replace(b'"NEST"', nested)
        batch_case(context, verdicts, "10^5-deep nesting", line)


def nul(context, verdicts, count):
    places = [
        lambda: context.create_line(title="visible\u0000HIDDEN"),
        lambda: context.create_line(fields={"customer": "a\u0000b"}),
        lambda: context.create_line(fields={"cust\u0000omer": "a"}),
        lambda: context.create_line(team="support\u0000x"),
        lambda: context.create_line(assignee="alice\u0000"),
        lambda: context.create_line(idempotency_key=f"order-{context.random_text(6)}\u0000A"),
        lambda: context.create_line(title="TITLE").replace(b"TITLE", b"raw\x00nul"),
    ]
    for index in verdicts.each(count):
        batch_case(context, verdicts, "NUL in text", places[index % len(places)]())
    whole_request_case(context, verdicts, "NUL in a query parameter", "GET", "/v1/tasks?team=support%00x")


def huge_strings(context, verdicts, count):
    keys = ["team", "assignee", "priority", "idempotency_key", "workflow"]
    for index in verdicts.each(count):
        text = context.random_text(3000 + context.random.randrange(3000))
        batch_case(context, verdicts, "3-6 KB identifier", context.create_line(**{keys[index % len(keys)]: text}))
    line = context.create_line(title="x" * (1 << 21))
    whole_request_case(context, verdicts, "a 2 MiB line", "POST", "/v1/events", line + b"\n", expect=[413])


def limits(context, verdicts, count):
    body = b"\n".join([context.create_line()] * 10_001) + b"\n"
    whole_request_case(context, verdicts, "10,001 lines", "POST", "/v1/events", body, expect=[413])
    whole_request_case(context, verdicts, "a 33 MiB body", "POST", "/v1/events",
                       (b" " * 1023 + b"\n") * (33 * 1024), expect=[413])
    document = b"workflow: big\n# " + b"x" * (2 << 20) + b"\n"
    whole_request_case(context, verdicts, "a 2 MiB workflow", "PUT", "/v1/workflows/big", document,
                       expect=[413], content_type="application/yaml")
    queries = ["/v1/workflows/complaint-escalation?version=2147483648", "/v1/tasks?limit=-1",
               "/v1/tasks?limit=abc", "/v1/events?since=abc", "/v1/sla/breaches?since=2026-02-30",
               "/v1/sla/at-risk?within=525748883073d", "/v1/tasks?open=maybe"]
    for query in queries[:max(count, 1) * len(queries)]:
        whole_request_case(context, verdicts, f"GET {query}", "GET", query)


def head(context, path, extra=""):
    return (f"POST {path} HTTP/1.1\r\nHost: {context.address}\r\nAuthorization: Bearer {context.token}\r\n"
            f"Content-Type: application/x-ndjson\r\n{extra}").encode()


def chunked(context, verdicts, count):
    bodies = [b"zz\r\nhello\r\n0\r\n\r\n", b"ffffffffffffffffffffff\r\nx\r\n0\r\n\r\n",
              b"5\r\nhelloXX0\r\n\r\n", b"-1\r\nx\r\n0\r\n\r\n", b"3\r\nab"]
    for index in verdicts.each(count):
        payload = head(context, "/v1/events", "Transfer-Encoding: chunked\r\n\r\n") + bodies[index % len(bodies)]
        raw, _ = wire.raw_exchange(context.address, payload, timeout=10)
        status, lines = wire.split_raw_answer(raw)
        named = bool(lines) and isinstance(lines[0], dict) and "error" in lines[0]
        verdicts.judge("malformed chunked body", 400 <= status < 500 and named, f"{raw[:200]!r}", status)


def slow_clients(context, verdicts, count, deadlines):
    header_timeout = deadlines.header
    # A body dribbled over ~2 s is still applied.
    key, line = context.neighbour()
    body = line + b"\n"
    with socket.create_connection(context.address.rsplit(":", 1), timeout=30) as connection:
        connection.sendall(head(context, "/v1/events", f"Content-Length: {len(body)}\r\n\r\n"))
        for offset in range(0, len(body), max(1, len(body) // 20)):
            connection.sendall(body[offset:offset + max(1, len(body) // 20)])
            time.sleep(0.1)
        raw = read_answer(connection)
    status, lines = wire.split_raw_answer(raw)
    acknowledged = bool(lines) and isinstance(lines[0], dict) and lines[0].get("status") == 201
    verdicts.neighbours[key] = acknowledged
    verdicts.judge("slow body", status == 200 and acknowledged, f"{raw[:200]!r}", status)
    # Idle connections and heads sent too slowly, all at once (a slowloris), are each closed once
    # the head deadline passes.
    def idle(index):
        started = time.monotonic()
        payload = b"" if index % 2 == 0 else b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
        _, closed = wire.raw_exchange(context.address, payload, timeout=header_timeout + 10, pause_after=True)
        return closed, time.monotonic() - started

    with concurrent.futures.ThreadPoolExecutor(max_workers=min(count, 64)) as pool:
        for closed, took in pool.map(idle, range(count)):
            verdicts.judge("idle or slow head", closed and took < header_timeout + 5,
                           f"closed={closed} after {took:.1f}s")
    stalled_body(context, verdicts, deadlines.body)


def stalled_body(context, verdicts, body_timeout):
    """A body that stops arriving gets `408 timeout` (with its error line) once the body deadline
    passes, and the connection is closed."""
    started = time.monotonic()
    payload = head(context, "/v1/events", "Content-Length: 100\r\n\r\n") + b'{"op":'
    raw, closed = wire.raw_exchange(context.address, payload, timeout=body_timeout + 15, pause_after=True)
    status, lines = wire.split_raw_answer(raw)
    named = bool(lines) and isinstance(lines[0], dict) and "error" in lines[0]
    verdicts.judge("stalled body", status == 408 and named and closed,
                   f"{raw[:200]!r} closed={closed} after {time.monotonic() - started:.0f}s", status)


def read_answer(connection):
    """One whole HTTP/1.1 answer: its head, then a chunked body up to its last chunk or as many
    bytes as Content-Length says. A streamed answer's head may arrive on its own, before any
    line of the body, so the head alone is never taken for the whole answer."""
    raw = b""
    connection.settimeout(30)
    while not answer_complete(raw):
        chunk = connection.recv(65536)
        if not chunk:
            break
        raw += chunk
    return raw


def answer_complete(raw):
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        return False
    lowered = head.lower()
    if b"transfer-encoding: chunked" in lowered:
        return body.endswith(b"0\r\n\r\n")
    length = re.search(rb"content-length:\s*(\d+)", lowered)
    return length is not None and len(body) >= int(length.group(1))


BOMB = """workflow: bomb
a0: &a0 [x, x, x, x, x, x, x, x, x]
a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
a8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
a9: &a9 [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]
? *a9
: boom
"""


def alias_bombs(context, verdicts, count):
    threads = []
    for _ in range(max(count, 2)):
        thread = threading.Thread(target=whole_request_case, args=(
            context, verdicts, "YAML alias bomb", "PUT", "/v1/workflows/bomb", BOMB.encode()),
            kwargs={"expect": [422], "content_type": "application/yaml", "timeout": 30})
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()


def fuzzed_lines(context, verdicts, count):
    """Mutated valid lines: anything but a 5xx is fine, so the verdict is only 'no 5xx'."""
    for _ in verdicts.each(count):
        line = bytearray(context.create_line(team="support", priority="p1", idempotency_key=context.random_text(8)))
        for _ in range(context.random.randrange(1, 6)):
            position = context.random.randrange(len(line))
            action = context.random.randrange(3)
            if action == 0:
                del line[position]
            elif action == 1:
                line.insert(position, context.random.choice(b'{}[]",:\\0123456789truefalsenull\x00\x7f\xff'))
            else:
                line[position] = context.random.randrange(256)
        try:
            answer = wire.request(context.address, "POST", "/v1/events", bytes(line).replace(b"\n", b" ") + b"\n",
                                  wire.authorized(context.token), timeout=60)
        except (OSError, ValueError) as error:
            verdicts.stalled = verdicts.stalled or isinstance(error, TimeoutError)
            verdicts.judge("fuzzed line", False, f"no answer: {error}")
            continue
        result = answer.lines[0] if answer.lines and isinstance(answer.lines[0], dict) else {}
        status = result.get("status", answer.status)
        fine = answer.status < 500 and status < 500 and (status < 400 or isinstance(result.get("error"), dict)
                                                          or answer.error_code is not None)
        verdicts.judge("fuzzed line", fine, f"{answer.status} {answer.body[:200]!r}", max(status, answer.status))


CLASSES = [
    ("random bytes", random_bytes),
    ("invalid UTF-8", invalid_utf8),
    ("10^5-deep nesting", deep_nesting),
    ("NUL in text", nul),
    ("huge strings", huge_strings),
    ("limits and parameters", limits),
    ("malformed chunked bodies", chunked),
    ("slow and idle clients", None),  # needs the head deadline: see run_class
    ("YAML alias bombs", alias_bombs),
    ("fuzzed lines", fuzzed_lines),
]


def run_class(name, function, context, count, deadlines):
    verdicts = Verdicts()
    if function is None:
        slow_clients(context, verdicts, count, deadlines)
    else:
        function(context, verdicts, count)
    return verdicts
