#!/usr/bin/env python3
"""A webhook receiver for Benchmarks/notify.sh: answers every POST 200 at once (or, with --hang,
never), and appends one line per request to a file: the arrival time (Unix seconds), the event's
`at` and `breached_at`, and the webhook-id. Standard library only; listens on 127.0.0.1."""
import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--hang", action="store_true", help="never answer")
args = parser.parse_args()
lock = threading.Lock()
out = open(args.out, "a", buffering=1)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        arrived = time.time()
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        if args.hang:
            time.sleep(3600)
            return
        try:
            message = json.loads(body)
            event = message.get("event", {})
            line = "%.6f %s %s %s\n" % (
                arrived, event.get("at", "-"), event.get("data", {}).get("breached_at", "-"),
                self.headers.get("webhook-id", "-"))
        except ValueError:
            line = "%.6f - - -\n" % arrived
        with lock:
            out.write(line)
        self.send_response(200)
        self.send_header("content-length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
