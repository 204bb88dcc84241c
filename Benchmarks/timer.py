"""Times GET requests over one keep-alive HTTP connection, for the benchmark scripts.

    python3 Benchmarks/timer.py HOST:PORT AUTHORIZATION [MAX_LINES] < paths

Each line of stdin is a path and query; every one is requested in turn, its whole answer read
(or its first MAX_LINES lines, for an endless stream: the connection is then dropped and a new
one opened). `AUTHORIZATION` is a bearer token, or `cookie:NAME=VALUE`. Prints one line per
request: the status, the milliseconds from sending the request to the last line read (the
client's view, over a connection already open) and the lines read.
"""

import http.client
import sys
import time


def main() -> None:
    address, authorization = sys.argv[1], sys.argv[2]
    max_lines = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    host, port = address.rsplit(":", 1)
    if authorization.startswith("cookie:"):
        headers = {"Cookie": authorization[len("cookie:"):]}
    else:
        headers = {"Authorization": f"Bearer {authorization}"}
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    for path in (line.strip() for line in sys.stdin):
        if not path:
            continue
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        lines = 0
        if max_lines:
            while lines < max_lines and response.readline():
                lines += 1
        else:
            lines = response.read().count(b"\n")
        elapsed = (time.perf_counter() - started) * 1000
        print(f"{response.status} {elapsed:.3f} {lines}", flush=True)
        if max_lines:
            connection.close()
            connection = http.client.HTTPConnection(host, int(port), timeout=120)


if __name__ == "__main__":
    main()
