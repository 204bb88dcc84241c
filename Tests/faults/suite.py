"""Opsline's fault suite: kills the server and its PostgreSQL under load, feeds it hostile input,
follows the event stream throughout, and prints what a client would have seen.

    python3 Tests/faults/suite.py --binary .build/release/opsline [--short]

Run it through Tests/faults/run.sh, which builds the binary first. Exit status 0 when every row
passes: nothing acknowledged lost, nothing applied twice, no unexplained 5xx (a 503 with
Retry-After while PostgreSQL is down is explained), every bad input answered with a proper 4xx,
and service back (or never stalled) within 5 s.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import bad_input
import load
import processes
import wire

TOKEN = "fault-suite-admin-token"


class Deadlines:
    """The servers' request deadlines, short so that slow and stalled clients meet them within the
    run: a head within 2 s, a body within 5 s of its head (the slow body's pieces take about 2 s)."""
    header = 2
    body = 5

    @classmethod
    def arguments(cls):
        return ["--header-timeout", f"{cls.header}s", "--body-timeout", f"{cls.body}s"]


DEADLINES = Deadlines


class Row:
    def __init__(self, scenario, ops, acknowledged, lost, duplicated, server_errors, proper, recovery, problems):
        self.scenario, self.ops, self.acknowledged = scenario, ops, acknowledged
        self.lost, self.duplicated, self.server_errors = lost, duplicated, server_errors
        self.proper, self.recovery, self.problems = proper, recovery, problems

    @property
    def passed(self):
        return not self.problems


class Rig:
    """The cluster and the server under test, and the follower that watches them throughout."""

    def __init__(self, binary, workflows, work):
        self.postgres = processes.Postgres(work)
        self.postgres.init()
        self.postgres.start()
        self.server = processes.Server(binary, work, self.postgres.conninfo, workflows, TOKEN,
                                       extra=DEADLINES.arguments())
        self.server.start()
        self.server.wait_ready()
        self.follower = load.Follower(self.server.url, TOKEN)
        self.follower.start()

    def kill_server(self):
        self.server.kill9()
        self.server.start()
        self.server.wait_ready()

    def kill_postgres(self):
        self.postgres.kill9()
        started = time.monotonic()
        self.postgres.start()
        print(f"faults:   PostgreSQL accepted connections again after {time.monotonic() - started:.1f} s",
              file=sys.stderr)

    def server_answers(self):
        try:
            return wire.request(self.server.url, "GET", "/healthz", timeout=10).status == 200
        except OSError:
            return False

    def query(self, sql):
        return self.postgres.query(sql)

    def kill_both(self):
        self.server.kill9()
        self.kill_postgres()
        started = time.monotonic()
        self.server.start()
        self.server.wait_ready()
        print(f"faults:   the server was ready {time.monotonic() - started:.1f} s after it started", file=sys.stderr)

    def close(self):
        self.follower.stop()
        self.server.stop()
        self.postgres.stop()


class EmbeddedRig(Rig):
    """`opsline serve` with its embedded PostgreSQL (no --database-url), as a laptop or a small
    team runs it: a killed postmaster must be brought back by the server itself."""

    def __init__(self, binary, workflows, work):
        data = os.path.join(work, "embedded")
        self.postgres = processes.EmbeddedCluster(data)
        self.server = processes.Server(binary, work, None, workflows, TOKEN,
                                       extra=["--data-dir", data] + DEADLINES.arguments())
        self.server.log = os.path.join(work, "embedded-server.log")
        self.server.start()
        self.server.wait_ready()
        self.follower = load.Follower(self.server.url, TOKEN)
        self.follower.start()

    def kill_postgres(self):
        self.postgres.kill9()

    def close(self):
        self.follower.stop()
        self.server.stop()
        if self.postgres.postmaster_pid():
            self.postgres.stop()


def kill_scenario(rig, name, slug, kill, writers, before, after, options):
    """Writers post under load; `kill` strikes after `before` seconds; load goes on for `after`
    seconds, then every unacknowledged line is retried until acknowledged (60 s at most)."""
    ledger = load.Ledger(slug)
    threads = [load.Writer(rig.server.url, TOKEN, ledger, index, seed=sum(map(ord, slug))) for index in range(writers)]
    for thread in threads:
        thread.start()
    time.sleep(before)
    struck_at = time.monotonic()
    kill()
    time.sleep(after)
    for thread in threads:
        thread.finish(drain_seconds=60)
    for thread in threads:
        thread.join()
    return ledger_row(rig, name, ledger, ledger.recovery_after(struck_at), options)


def stored_counts(rig, slug):
    prefix = f"fault:{slug}:%"
    counts = {}
    for title, count in rig.query(
            f"SELECT title, count(*) FROM tasks WHERE title LIKE '{prefix}' GROUP BY title"):
        counts[title] = int(count)
    for text, count in rig.query(
            f"SELECT data->>'text', count(*) FROM events WHERE type = 'commented' "
            f"AND data->>'text' LIKE '{prefix}' GROUP BY 1"):
        counts[text] = counts.get(text, 0) + int(count)
    return counts


def unreadable_row(name, ops, error):
    return Row(name, ops, "?", "?", "?", "?", "-", float("inf"), [f"could not read what was stored: {error}"])


def ledger_row(rig, name, ledger, recovery, options):
    try:
        counts = stored_counts(rig, ledger.scenario)
    except subprocess.CalledProcessError as error:
        return unreadable_row(name, len(ledger.sent), error.stderr.strip())
    lost = [key for key in ledger.acknowledged if counts.get(key, 0) == 0]
    duplicated = [key for key, count in counts.items() if count > 1]
    unacknowledged = len(ledger.sent) - len(ledger.acknowledged) - len(ledger.refused)
    problems = []
    if lost:
        problems.append(f"lost: {lost[:5]}")
    if duplicated:
        problems.append(f"duplicated: {duplicated[:5]}")
    if ledger.unexplained_5xx:
        problems.append(f"unexplained 5xx: {ledger.unexplained_5xx[:3]}")
    if ledger.refused:
        problems.append(f"refused: {ledger.refused[:3]}")
    if unacknowledged:
        problems.append(f"{unacknowledged} lines never acknowledged")
    if recovery > options.recovery_limit:
        problems.append(f"recovery took {recovery:.1f} s")
    server_errors = f"{len(ledger.unexplained_5xx)} ({ledger.explained_5xx} × 503)"
    return Row(name, len(ledger.sent), len(ledger.acknowledged), len(lost), len(duplicated), server_errors,
               "-", recovery, problems)


class HealthProbe(threading.Thread):
    """Asks `/healthz` every 100 ms; the longest wait for an answer is the worst stall."""

    def __init__(self, address):
        super().__init__(daemon=True)
        self.address, self.stopping, self.longest = address, threading.Event(), 0.0

    def run(self):
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                wire.request(self.address, "GET", "/healthz", timeout=30)
            except OSError:
                pass
            self.longest = max(self.longest, time.monotonic() - started)
            self.stopping.wait(0.1)

    def stop(self):
        self.stopping.set()
        self.join()
        return self.longest


def bad_input_rows(rig, count, options):
    rows = []
    for index, (name, function) in enumerate(bad_input.CLASSES):
        context = bad_input.Context(rig.server.url, TOKEN, seed=index, scenario=f"b{index}")
        probe = HealthProbe(rig.server.url)
        probe.start()
        print(f"faults: bad input: {name}", file=sys.stderr)
        verdicts = bad_input.run_class(name, function, context, count, DEADLINES)
        stall = probe.stop()
        if not rig.server_answers():
            # A stalled server would stall every later class too: record it, start a fresh one.
            stall = max(stall, float("inf"))
            rig.kill_server()
            rig.server.wait_ready()
        counts = stored_counts(rig, f"b{index}")
        acknowledged = [key for key, fine in verdicts.neighbours.items() if fine]
        lost = [key for key in acknowledged if counts.get(key, 0) == 0]
        problems = [f"{case}: {detail}" for case, detail in verdicts.improper[:3]]
        if lost:
            problems.append(f"lost neighbours: {lost[:3]}")
        if stall > options.recovery_limit:
            problems.append(f"/healthz stalled {stall:.1f} s")
        rows.append(Row(f"bad input: {name}", verdicts.cases, len(acknowledged), len(lost),
                        sum(1 for count in counts.values() if count > 1), str(verdicts.server_errors),
                        f"{verdicts.proper}/{verdicts.cases}", stall, problems))
    return rows


def follower_row(rig, options, name="follower across all of the above"):
    until = time.monotonic() + 30
    try:
        last = int(rig.query("SELECT coalesce(max(seq), 0) FROM events")[0][0])
    except subprocess.CalledProcessError as error:
        return unreadable_row(name, "?", error.stderr.strip())
    while rig.follower.last_seq() < last and time.monotonic() < until:
        time.sleep(0.1)
    with rig.follower.lock:
        seen = list(rig.follower.seqs)
    stored = {int(row[0]) for row in rig.query(f"SELECT seq FROM events WHERE seq <= {last}")}
    missing = sorted(stored - set(seen))
    duplicated = len(seen) - len(set(seen))
    disorder = sum(1 for a, b in zip(seen, seen[1:]) if b <= a)
    unexplained = [error for error in rig.follower.error_lines if error.get("code") != "unavailable"]
    worst = max(rig.follower.outages, default=(0.0, None, None))
    recovery = worst[0]
    problems = []
    if missing:
        problems.append(f"missed seqs: {missing[:10]}")
    if duplicated or disorder:
        problems.append(f"{duplicated} repeated, {disorder} out of order")
    if unexplained:
        problems.append(f"error lines: {unexplained[:3]}")
    if recovery > options.recovery_limit:
        problems.append(f"reconnecting took {recovery:.1f} s (lost: {worst[1]}; last refusal: {worst[2]})")
    return Row(name, len(stored), len(set(seen)), len(missing), duplicated,
               str(len(unexplained)), "-", recovery, problems)


def print_table(rows):
    header = ["scenario", "ops", "acknowledged", "lost", "duplicated", "5xx", "proper 4xx", "max recovery", ""]
    cells = [[row.scenario, str(row.ops), str(row.acknowledged), str(row.lost), str(row.duplicated),
              row.server_errors, row.proper, f"{row.recovery:.2f} s", "ok" if row.passed else "FAIL"]
             for row in rows]
    processes.print_markdown_table(header, cells)
    for row in rows:
        for problem in row.problems:
            print(f"faults: {row.scenario}: {problem}", file=sys.stderr)


def scenarios(rig, long_run, options):
    writers, before, after = (4, 4, 4) if long_run else (3, 2, 2)
    plan = [("kill -9 server", "k1", rig.kill_server)]
    if long_run:
        plan += [("kill -9 server", "k2", rig.kill_server), ("kill -9 server", "k3", rig.kill_server)]
    plan += [("kill -9 PostgreSQL", "p1", rig.kill_postgres)]
    if long_run:
        plan += [("kill -9 PostgreSQL", "p2", rig.kill_postgres)]
    plan += [("kill -9 server and PostgreSQL", "b1", rig.kill_both)]
    rows = []
    for number, (name, slug, kill) in enumerate(plan, start=1):
        print(f"faults: {number}/{len(plan)} {name} under batch load", file=sys.stderr)
        rows.append(kill_scenario(rig, name, slug, kill, writers, before, after, options))
    return rows


def embedded_scenarios(rig, options):
    writers, before, after = (3, 2, 2) if options.short else (4, 4, 4)
    plan = [("embedded: kill -9 PostgreSQL", "e1", rig.kill_postgres),
            ("embedded: kill -9 server", "e2", rig.kill_server)]
    rows = []
    for name, slug, kill in plan:
        print(f"faults: {name} under batch load", file=sys.stderr)
        rows.append(kill_scenario(rig, name, slug, kill, writers, before, after, options))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--workflows", default="workflows")
    parser.add_argument("--short", action="store_true", help="the CI version: fewer kills and cases")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, cluster)")
    parser.add_argument("--parts", default="kills,input,embedded",
                        help="which parts: kills, input, embedded (default: all three)")
    parser.add_argument("--recovery-limit", type=float, default=5.0,
                        help="seconds a recovery or a stall may take (default 5)")
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="opsline-faults.")
    os.chmod(work, 0o755)
    rig = None
    try:
        rig = Rig(os.path.abspath(options.binary), os.path.abspath(options.workflows), work)
        rows = scenarios(rig, not options.short, options) if "kills" in options.parts else []
        if "input" in options.parts:
            rows += bad_input_rows(rig, 30 if options.short else 200, options)
        if rows:
            rows.append(follower_row(rig, options))
        if "embedded" in options.parts:
            rig.close()
            rig = EmbeddedRig(os.path.abspath(options.binary), os.path.abspath(options.workflows), work)
            rows += embedded_scenarios(rig, options)
            rows.append(follower_row(rig, options, "follower across the embedded kills"))
    finally:
        if rig:
            rig.close()
        if options.keep:
            print(f"faults: work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    return 0 if all(row.passed for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
