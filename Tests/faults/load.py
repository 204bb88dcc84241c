"""Load that survives faults: writers posting batches of idempotent commands and retrying what was
not acknowledged, and a follower of the event stream that resumes from its last `seq`."""

import http.client
import json
import random
import threading
import time

import wire

TRANSIENT = (OSError, http.client.HTTPException, ValueError)


class Ledger:
    """What the clients of one scenario sent and what the server acknowledged (thread-safe)."""

    def __init__(self, scenario):
        self.scenario = scenario
        self.lock = threading.Lock()
        self.sent = {}  # key -> kind ("create" or "comment")
        self.acknowledged = set()
        self.successes = []  # (sent at, answered at) of every acknowledged request
        self.explained_5xx = 0  # 503 with Retry-After
        self.unexplained_5xx = []  # (status, detail)
        self.refused = []  # (key, status, error line): a 4xx the load never expects

    def note_success(self, sent_at, answered_at):
        with self.lock:
            self.successes.append((sent_at, answered_at))

    def note_5xx(self, status, retry_after, detail):
        with self.lock:
            if status == 503 and retry_after:
                self.explained_5xx += 1
            else:
                self.unexplained_5xx.append((status, detail))

    def recovery_after(self, moment):
        """Seconds from `moment` until a request sent after it was acknowledged."""
        with self.lock:
            later = [answered for sent, answered in self.successes if sent >= moment]
        return (min(later) - moment) if later else float("inf")


class Writer(threading.Thread):
    """Posts batches of `create` and `comment` lines with idempotency keys to `POST /v1/events`,
    retrying every line that was not acknowledged (same key, same bytes) until it is."""

    def __init__(self, address, token, ledger, index, batch=20, seed=0):
        super().__init__(daemon=True)
        self.address, self.token, self.ledger, self.index, self.batch = address, token, ledger, index, batch
        self.random = random.Random(seed * 1000 + index)
        self.pending = []  # lines not acknowledged yet, oldest first
        self.tasks = []  # ids of this writer's acknowledged tasks
        self.count = 0
        self.producing = threading.Event()
        self.producing.set()
        self.give_up_at = None

    def next_line(self):
        self.count += 1
        key = f"fault:{self.ledger.scenario}:{self.index}:{self.count}"
        if self.tasks and self.random.random() < 0.3:
            line = {"op": "comment", "task": self.random.choice(self.tasks), "text": key, "idempotency_key": key}
        else:
            line = {"op": "create", "workflow": "complaint-escalation", "title": key,
                    "fields": {"customer": f"writer {self.index}"}, "idempotency_key": key}
        with self.ledger.lock:
            self.ledger.sent[key] = line["op"]
        return line

    def run(self):
        while True:
            if not self.producing.is_set() and (not self.pending or time.monotonic() > self.give_up_at):
                return
            while self.producing.is_set() and len(self.pending) < self.batch:
                self.pending.append(self.next_line())
            if not self.pending:
                time.sleep(0.01)
                continue
            self.send(self.pending[:self.batch])

    def send(self, lines):
        sent_at = time.monotonic()
        try:
            answer = wire.request(self.address, "POST", "/v1/events", wire.ndjson(lines),
                                  wire.authorized(self.token), timeout=30)
        except TRANSIENT:
            time.sleep(0.05)
            return
        if answer.status >= 500:
            self.ledger.note_5xx(answer.status, answer.headers.get("retry-after"), answer.body[:200])
            time.sleep(0.1)
            return
        if answer.status != 200:
            self.refuse_all(lines, answer)
            return
        self.settle(lines, answer, sent_at)

    def settle(self, lines, answer, sent_at):
        answered_at = time.monotonic()
        done = set()
        for result in answer.lines:
            if not isinstance(result, dict) or not isinstance(result.get("line"), int):
                continue
            line = lines[result["line"] - 1]
            status = result.get("status", 0)
            if status in (200, 201):
                with self.ledger.lock:
                    self.ledger.acknowledged.add(line["idempotency_key"])
                if line["op"] == "create":
                    self.tasks.append(result["task"]["id"])
                done.add(line["idempotency_key"])
            elif status >= 500:
                error = result.get("error") or {}
                self.ledger.note_5xx(status, error.get("code") == "unavailable", error)
            else:
                with self.ledger.lock:
                    self.ledger.refused.append((line["idempotency_key"], status, result.get("error")))
                done.add(line["idempotency_key"])
        if done:
            self.ledger.note_success(sent_at, answered_at)
        if len(done) < len(lines):
            time.sleep(0.1)  # lines met an outage: give PostgreSQL a moment, as Retry-After asks
        self.pending = [line for line in self.pending if line["idempotency_key"] not in done]

    def refuse_all(self, lines, answer):
        keys = {line["idempotency_key"] for line in lines}
        with self.ledger.lock:
            self.ledger.refused.extend((key, answer.status, answer.body[:200]) for key in keys)
        self.pending = [line for line in self.pending if line["idempotency_key"] not in keys]

    def finish(self, drain_seconds):
        """Stops producing; the writer keeps retrying its pending lines for `drain_seconds`."""
        self.give_up_at = time.monotonic() + drain_seconds
        self.producing.clear()


class Follower(threading.Thread):
    """Follows `GET /v1/events?follow=true` from the start of the log, reconnecting with
    `since=<last seq>` whenever the stream ends; records every `seq` delivered."""

    def __init__(self, address, token):
        super().__init__(daemon=True)
        self.address, self.token = address, token
        self.seqs = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.outages = []  # (seconds from a lost stream to the next 200, why it was lost, last refusal)
        self.error_lines = []
        self.connection = None

    def last_seq(self):
        with self.lock:
            return self.seqs[-1] if self.seqs else 0

    def run(self):
        lost_at, why, refusal = None, None, None
        while not self.stopping.is_set():
            host, port = self.address.rsplit(":", 1)
            self.connection = http.client.HTTPConnection(host, int(port), timeout=30)
            try:
                self.connection.request("GET", f"/v1/events?follow=true&since={self.last_seq()}",
                                        headers=wire.authorized(self.token, None))
                response = self.connection.getresponse()
                if response.status != 200:
                    refusal = f"status {response.status}: {response.read()[:100]!r}"
                    raise ConnectionError(refusal)
                if lost_at is not None:
                    self.outages.append((time.monotonic() - lost_at, why, refusal))
                    lost_at, refusal = None, None
                why = self.read(response)
            except TRANSIENT as error:
                why = why or repr(error)
            finally:
                self.connection.close()
            if lost_at is None and not self.stopping.is_set():
                lost_at = time.monotonic()
            time.sleep(0.05)

    def read(self, response):
        """Records the stream's events until it ends; returns why it ended."""
        while not self.stopping.is_set():
            raw = response.readline()
            if not raw:
                return "the stream ended"
            line = json.loads(raw)
            if "error" in line:
                self.error_lines.append(line["error"])
                return f"error line {line['error']}"
            if line.get("type") != "heartbeat":
                with self.lock:
                    self.seqs.append(line["seq"])

    def stop(self):
        self.stopping.set()
        connection = self.connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(2)
            except OSError:
                pass
        self.join(timeout=10)
