"""Opsline on a Patroni cluster: a planned switchover and a crash failover under load.

    /usr/bin/python3 Tests/failover/failover.py --binary .build/release/opsline [--modes sync,async]

Run it through Tests/failover/run.sh, which builds the binary and installs Patroni and etcd when
missing. It starts etcd and three Patroni-managed PostgreSQL nodes (cluster.py), two `opsline serve`
replicas given the libpq multi-host string (`host=127.0.0.1,127.0.0.1,127.0.0.1 port=…
target_session_attrs=read-write`), writers that post creations, transitions and comments with
idempotency keys to both replicas (retrying what was not acknowledged with the same key, as a real
client does), a follower of `GET /v1/events?follow=true` on the first replica, and a probe that
writes to the cluster directly every 50 ms. Then, per mode, `patronictl switchover` and a SIGKILL
of the primary's postmaster (Patroni fails over, `primary_start_timeout: 0`).

Exit status 0 when, in synchronous mode, no acknowledged write is lost or applied twice, every line
is acknowledged in the end, and the follower saw every stored event once and in order. Figures of
asynchronous mode are printed, never judged: losing the unreplicated tail is what it does.
"""

import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import cluster  # also puts Tests/faults on sys.path

import load  # noqa: E402  (Tests/faults/load.py)
import processes  # noqa: E402
import wire  # noqa: E402

TOKEN = "failover-test-admin-token"
TIMER_SECONDS = 3
TIMER_WORKFLOW = f"""\
workflow: failover-timer
title: Failover timer
key: FOT
team: support
states:
  waiting: {{initial: true, title: Waiting}}
  fired:   {{final: true, title: Fired}}
transitions:
  fire: {{from: waiting, to: fired}}
timers:
  - {{in: waiting, after: {TIMER_SECONDS}s, fire: fire}}
"""
# EventSignals per server, each on a LISTEN connection of its own (OpslineServer.swift).
LISTEN_CHANNELS = 5


class Writer(load.Writer):
    """The fault suite's writer, also moving its tasks along: each acknowledged creation is later
    acknowledged (`acknowledge`), then investigated (`investigate`), each step once, with its own key."""

    def __init__(self, *arguments, **keywords):
        super().__init__(*arguments, **keywords)
        self.steps = []  # (task, transition) ready to be sent

    def next_line(self):
        if self.steps and self.random.random() < 0.4:
            task, transition = self.steps.pop(0)
            self.count += 1
            key = f"fault:{self.ledger.scenario}:{self.index}:{self.count}"
            with self.ledger.lock:
                self.ledger.sent[key] = "transition"
            return {"op": "transition", "task": task, "transition": transition, "idempotency_key": key}
        return super().next_line()

    def settle(self, lines, answer, sent_at):
        for result in answer.lines:
            if isinstance(result, dict) and result.get("status") in (200, 201) and isinstance(result.get("line"), int):
                line = lines[result["line"] - 1]
                if line["op"] == "create":
                    self.steps.append((result["task"]["id"], "acknowledge"))
                elif line["op"] == "transition" and line["transition"] == "acknowledge":
                    self.steps.append((line["task"], "investigate"))
        super().settle(lines, answer, sent_at)


class WritableProbe(threading.Thread):
    """Writes one row through the multi-host string every 50 ms on a fresh connection, as a new
    client would; the times of successful writes show how long there was no writable primary."""

    def __init__(self, conninfo):
        super().__init__(daemon=True)
        import psycopg2  # Debian's python3-psycopg2, a dependency of the patroni package

        self.psycopg2 = psycopg2
        self.conninfo = conninfo + " connect_timeout=2 options='-c statement_timeout=2000'"
        self.successes = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.write("CREATE TABLE IF NOT EXISTS failover_probe (at timestamptz NOT NULL)")

    def write(self, sql):
        connection = self.psycopg2.connect(self.conninfo)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()

    def run(self):
        while not self.stopping.is_set():
            try:
                self.write("INSERT INTO failover_probe VALUES (now())")
                with self.lock:
                    self.successes.append(time.monotonic())
            except self.psycopg2.Error:
                pass
            self.stopping.wait(0.05)

    def outage(self, start, end):
        """(longest gap between successful writes in [start, end], when writes resumed)."""
        with self.lock:
            times = [moment for moment in self.successes if start <= moment <= end]
        return longest_gap(times, start, end)

    def stop(self):
        self.stopping.set()
        self.join(timeout=10)


def longest_gap(times, start, end):
    """The longest interval between consecutive moments (bounded by `start` and `end`), and the
    moment that ended it."""
    points = [start] + sorted(times) + [end]
    gap, resumed = max(((b - a), b) for a, b in zip(points, points[1:]))
    return gap, resumed


class Row:
    def __init__(self, mode, scenario):
        self.mode, self.scenario = mode, scenario
        self.figures = {}
        self.problems = []
        self.notes = []


class Rig:
    def __init__(self, binary, workflows, work, writers):
        self.work = work
        self.cluster = cluster.Cluster(work)
        started = time.monotonic()
        self.cluster.start()
        print(f"failover: etcd and 3 Patroni nodes up in {time.monotonic() - started:.1f} s "
              f"(leader {self.cluster.leader().name}, sync standby "
              f"{getattr(self.cluster.sync_standby(), 'name', None)})", file=sys.stderr)
        # The binary runs through a link in the work folder so that a sweep by the folder's name
        # finds the servers too (run.sh's last resort).
        os.makedirs(os.path.join(work, "bin"))
        link = os.path.join(work, "bin", "opsline")
        os.symlink(binary, link)
        # The repository's workflows plus one whose tasks fire a transition 3 s after creation:
        # timers show whether the scheduler (and its LISTEN connection) follows the primary.
        folder = os.path.join(work, "workflows")
        shutil.copytree(workflows, folder)
        with open(os.path.join(folder, "failover-timer.yaml"), "w") as file:
            file.write(TIMER_WORKFLOW)
        self.servers = []
        for index in range(2):
            server = processes.Server(link, work, self.cluster.conninfo, folder, TOKEN)
            server.log = os.path.join(work, f"opsline-{index + 1}.log")
            self.servers.append(server)
        for server in self.servers:  # one at a time: the first runs the migrations
            server.start()
            server.wait_ready()
        self.writer_count = writers
        self.probe = WritableProbe(self.cluster.conninfo)
        self.probe.start()
        self.follower = load.Follower(self.servers[0].url, TOKEN)
        self.follower.start()

    def healthy(self):
        leader = self.cluster.leader()
        if not leader or not self.cluster.all_streaming():
            return None
        if self.cluster.synchronous and not self.cluster.sync_standby():
            return None
        return leader

    def wait_healthy(self, deadline=120):
        return cluster.wait_for("the cluster back to a leader and streaming replicas", self.healthy, deadline)

    def close(self):
        for part in ("follower", "probe"):
            if hasattr(self, part):
                getattr(self, part).stop()
        for server in getattr(self, "servers", []):
            server.stop()
        self.cluster.stop()


def switchover(rig):
    leader = rig.cluster.leader()
    candidate = rig.cluster.sync_standby() or next(node for node in rig.cluster.nodes if node is not leader)
    result = rig.cluster.patronictl("switchover", "--leader", leader.name, "--candidate", candidate.name, "--force")
    if result.returncode != 0:
        raise RuntimeError(f"patronictl switchover failed: {result.stdout.strip()} {result.stderr.strip()}")
    return f"{leader.name} → {candidate.name}"


def kill_postmaster(rig):
    leader = rig.cluster.leader()
    pid = leader.kill9_postmaster()
    return f"SIGKILL to {leader.name}'s postmaster (pid {pid})"


def lose_primary_node(rig):
    """The primary's host dies: SIGKILL to its Patroni and its postmaster. Nobody releases the
    leader key, so the standbys wait for it to expire (`ttl`, 10 s here) before one is promoted.
    The node's Patroni is started again once there is a new leader, as a rebooted host would."""
    leader = rig.cluster.leader()
    os.killpg(leader.process.pid, signal.SIGKILL)
    leader.process.wait()
    pid = leader.kill9_postmaster()
    return f"SIGKILL to {leader.name}'s Patroni and postmaster (pid {pid})"


def kill_stalled_primary(rig, stall=2.0):
    """The primary crashes after its replicas heard nothing from it for `stall` seconds (a slow or
    cut network): its WAL senders are stopped (SIGSTOP), then killed with the postmaster, so the
    last `stall` seconds of WAL never leave it. Synchronous commits wait meanwhile; asynchronous
    ones are acknowledged and lost."""
    leader = rig.cluster.leader()
    senders = [int(row[0]) for row in rig.cluster.query("SELECT pid FROM pg_stat_replication", node=leader)]
    for pid in senders:
        os.kill(pid, signal.SIGSTOP)
    time.sleep(stall)
    pid = leader.kill9_postmaster()
    for sender in senders:
        try:
            os.kill(sender, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return f"{len(senders)} WAL senders of {leader.name} stopped {stall:.0f} s, then SIGKILL to its postmaster (pid {pid})"


def create_timers(rig, slug, count=10):
    lines = [{"op": "create", "workflow": "failover-timer", "title": f"timer:{slug}:{index}",
              "idempotency_key": f"timer:{slug}:{index}"} for index in range(count)]
    def created():
        # Retried with the same keys: a 503 on a connection the last failover broke is possible.
        answer = wire.request(rig.servers[0].url, "POST", "/v1/events", wire.ndjson(lines), wire.authorized(TOKEN))
        return answer.status == 200 and sum(
            1 for line in answer.lines if isinstance(line, dict) and line.get("status") in (200, 201)) == count

    cluster.wait_for("the timer tasks created", created, deadline=30, interval=0.2)


def timers_fired(rig, slug, row, deadline=30):
    """Waits until every timer task of `slug` has fired; returns the most any fired late."""
    prefix = f"timer:{slug}:%"
    sql = f"SELECT count(*) FILTER (WHERE state = 'waiting') FROM tasks WHERE title LIKE '{prefix}'"
    try:
        cluster.wait_for("every timer fired", lambda: int(rig.cluster.query(sql)[0][0]) == 0, deadline)
    except TimeoutError:
        waiting = rig.cluster.query(sql)[0][0]
        row.problems.append(f"{waiting} timers due {TIMER_SECONDS} s after creation had not fired "
                            f"{deadline} s after the cluster was back")
    late = rig.cluster.query(
        f"SELECT coalesce(extract(epoch FROM max(e.at - t.created_at)), 0) - {TIMER_SECONDS} FROM tasks t "
        f"JOIN events e ON e.task_id = t.id AND e.type = 'transitioned' WHERE t.title LIKE '{prefix}'")
    return max(0.0, float(late[0][0]))


def run_scenario(rig, mode, name, slug, strike, options):
    row = Row(mode, name)
    ledger = load.Ledger(slug)
    writers = [Writer(rig.servers[index % 2].url, TOKEN, ledger, index, batch=5, seed=sum(map(ord, slug)))
               for index in range(rig.writer_count)]
    before_leader = rig.cluster.leader()
    started = time.monotonic()
    for writer in writers:
        writer.start()
    time.sleep(max(0.0, options.before - 1))
    create_timers(rig, slug)  # due 2 s after the strike, in the middle of the outage
    time.sleep(min(1.0, options.before))
    struck_at = time.monotonic()
    row.notes.append(strike(rig))
    new_leader = cluster.wait_for("a new writable leader", lambda: (
        (leader := rig.cluster.leader()) and leader is not before_leader and leader), deadline=90)
    for node in rig.cluster.nodes:
        if node.process.poll() is not None:  # a lost node comes back and rejoins as a standby
            node.start()
    time.sleep(options.after)
    load_ended = time.monotonic()
    for writer in writers:
        writer.finish(drain_seconds=45)
    for writer in writers:
        writer.join(timeout=90)
    rig.wait_healthy()
    row.notes.append(f"new leader {new_leader.name}")

    timers_late = timers_fired(rig, slug, row)

    # What was stored, read on the new primary.
    prefix = f"fault:{slug}:%"
    keys = {row_[0] for row_ in rig.cluster.query(f"SELECT key FROM idempotency_keys WHERE key LIKE '{prefix}'")}
    counts = {}
    for title, count in rig.cluster.query(f"SELECT title, count(*) FROM tasks WHERE title LIKE '{prefix}' GROUP BY 1"):
        counts[title] = int(count)
    for text, count in rig.cluster.query(
            f"SELECT data->>'text', count(*) FROM events WHERE type = 'commented' AND data->>'text' LIKE '{prefix}' "
            "GROUP BY 1"):
        counts[text] = int(count)
    with ledger.lock:
        acknowledged = set(ledger.acknowledged)
        sent = dict(ledger.sent)
        answered = sorted(answered for _, answered in ledger.successes)
    lost = sorted(key for key in acknowledged
                  if key not in keys or (sent[key] != "transition" and counts.get(key, 0) == 0))
    duplicated = sorted(key for key, count in counts.items() if count > 1)
    unacknowledged = len(sent) - len(acknowledged) - len(ledger.refused)

    pg_gap, pg_back = rig.probe.outage(struck_at, load_ended)
    opsline_gap, opsline_back = longest_gap([moment for moment in answered if struck_at <= moment <= load_ended],
                                            struck_at, load_ended)
    row.figures = {
        "writes": len(sent), "acknowledged": len(acknowledged), "lost": len(lost), "duplicated": len(duplicated),
        "no writable primary": pg_gap, "Opsline without 2xx": opsline_gap,
        "2xx after primary": max(0.0, opsline_back - pg_back),
        "503": ledger.explained_5xx, "other 5xx": len(ledger.unexplained_5xx),
        "seconds": load_ended - started, "timers late": timers_late,
    }
    must = mode == "sync"
    if lost:
        (row.problems if must else row.notes).append(f"lost acknowledged writes: {lost[:5]}")
    if duplicated:
        row.problems.append(f"applied twice: {duplicated[:5]}")
    if unacknowledged:
        row.problems.append(f"{unacknowledged} lines never acknowledged")
    if ledger.refused:
        # Asynchronous mode: a comment or transition on a task whose acknowledged creation was
        # lost is answered 404, and the task's id may since have been given to another task.
        statuses = collections.Counter(status for _, status, _ in ledger.refused)
        (row.problems if must else row.notes).append(
            f"refused {len(ledger.refused)} ({dict(statuses)}), such as: {ledger.refused[:3]}")
    if ledger.unexplained_5xx:
        row.notes.append(f"5xx without Retry-After: {ledger.unexplained_5xx[:3]}")
    if opsline_gap > options.recovery_limit:
        row.problems.append(f"Opsline answered no write with 2xx for {opsline_gap:.1f} s")
    return row


def follower_row(rig, mode, first):
    """What the follower saw of seqs `first`… (this mode's), against what the primary holds."""
    row = Row(mode, "follower on /v1/events?follow=true")
    last = int(rig.cluster.query("SELECT coalesce(max(seq), 0) FROM events")[0][0])
    until = time.monotonic() + 30
    while rig.follower.last_seq() < last and time.monotonic() < until:
        time.sleep(0.1)
    with rig.follower.lock:
        seen = [seq for seq in rig.follower.seqs if first <= seq <= last]
        outages = list(rig.follower.outages)
        rig.follower.outages.clear()
    stored = {int(row_[0]) for row_ in rig.cluster.query(
        f"SELECT seq FROM events WHERE seq BETWEEN {first} AND {last}")}
    missing = sorted(stored - set(seen))
    phantom = sorted(set(seen) - stored)
    duplicated = len(seen) - len(set(seen))
    disorder = sum(1 for a, b in zip(seen, seen[1:]) if b <= a)
    worst = max((outage[0] for outage in outages), default=0.0)
    row.figures = {"events": len(stored), "seen": len(set(seen)), "gaps": len(missing), "duplicated": duplicated,
                   "out of order": disorder, "seen, then gone": len(phantom), "reconnects": len(outages),
                   "longest reconnect": worst}
    # Asynchronous mode may lose events the follower already saw, and hand their seqs out again.
    judged = row.problems if mode == "sync" else row.notes
    if missing:
        judged.append(f"missed seqs: {missing[:10]}")
    if duplicated or disorder:
        judged.append(f"{duplicated} repeated, {disorder} out of order")
    if phantom:
        # An event committed on the old primary and read before it reached the standby: possible
        # in asynchronous mode; in synchronous mode only for a commit that was never acknowledged.
        row.notes.append(f"seqs delivered, then gone after the failover: {phantom[:10]}")
    return row


def listeners_row(rig, mode, expected):
    """Every replica's `LISTEN` connections (EventSignal: events, tokens, due work, workflows,
    deliveries) must have moved to the new primary, or followers, the scheduler and token
    revocation would stop hearing of new work."""
    row = Row(mode, "LISTEN connections on the primary")
    sql = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'opsline-listen'"
    try:
        count = cluster.wait_for(f"{expected} LISTEN connections on the primary",
                                 lambda: (n := int(rig.cluster.query(sql)[0][0])) == expected and n, deadline=20)
    except TimeoutError:
        count = int(rig.cluster.query(sql)[0][0])
        row.problems.append(f"{count} of {expected} listening connections on the primary")
    row.figures = {"listening": count, "expected": expected}
    return row


def verdict(row):
    if row.problems:
        return "FAIL"
    return "ok" if not row.figures.get("lost") else "lost (async: not judged)"


def print_rows(rows):
    header = ["mode", "scenario", "writes", "acknowledged", "lost", "duplicated", "no writable primary",
              "Opsline without 2xx", "2xx after primary", "503", "timers late", ""]
    cells = []
    for row in rows:
        figure = row.figures.get
        if not row.figures:
            cells.append([row.mode, row.scenario] + ["-"] * (len(header) - 3) + ["FAIL"])
            continue
        if "listening" in row.figures:
            cells.append([row.mode, row.scenario, "-", "-", f"{figure('listening')}/{figure('expected')}",
                          "-", "-", "-", "-", "-", "-", "ok" if not row.problems else "FAIL"])
            continue
        if "events" in row.figures:
            cells.append([row.mode, row.scenario, str(figure("events")), str(figure("seen")),
                          f"{figure('gaps')} gaps", str(figure("duplicated")),
                          f"{figure('seen, then gone')} seen, then gone",
                          f"longest reconnect {figure('longest reconnect'):.2f} s", "-", "-", "-",
                          "ok" if not row.problems else "FAIL"])
            continue
        cells.append([row.mode, row.scenario, str(figure("writes")), str(figure("acknowledged")),
                      str(figure("lost")), str(figure("duplicated")), f"{figure('no writable primary'):.2f} s",
                      f"{figure('Opsline without 2xx'):.2f} s", f"{figure('2xx after primary'):.2f} s",
                      str(figure("503")), f"{figure('timers late'):.2f} s", verdict(row)])
    processes.print_markdown_table(header, cells)
    for row in rows:
        for note in row.notes:
            print(f"failover: {row.mode} {row.scenario}: {note}", file=sys.stderr)
        for problem in row.problems:
            print(f"failover: {row.mode} {row.scenario}: FAIL: {problem}", file=sys.stderr)


class Stopped(Exception):
    """SIGTERM arrived (run.sh's time limit): reported as a failed row after cleaning up."""


def stopped(*_):
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second one ends the run at once
    raise Stopped("SIGTERM (time limit): stopped before the end")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--workflows", default="workflows")
    parser.add_argument("--modes", default="sync", help="sync, async or sync,async (default sync)")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--before", type=float, default=3, help="seconds of load before each strike")
    parser.add_argument("--after", type=float, default=5, help="seconds of load after the new leader")
    parser.add_argument("--recovery-limit", type=float, default=30,
                        help="seconds Opsline may answer no write with 2xx (default 30)")
    parser.add_argument("--work", help="the work folder (default: a new one under $TMPDIR); removed at the end")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, cluster)")
    options = parser.parse_args()
    if not os.access(options.binary, os.X_OK):
        raise SystemExit(f"failover: no opsline binary at {options.binary}")
    # run.sh's timeout sends SIGTERM: leave through `finally`, which stops every process.
    signal.signal(signal.SIGTERM, stopped)
    work = options.work or tempfile.mkdtemp(prefix="opsline-failover.")
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    rig, rows = None, []
    try:
        rig = Rig(os.path.abspath(options.binary), os.path.abspath(options.workflows), work, options.writers)
        for mode in options.modes.split(","):
            if mode not in ("sync", "async"):
                raise SystemExit(f"failover: unknown mode {mode}")
            if rig.cluster.synchronous != (mode == "sync"):
                rig.cluster.set_synchronous(mode == "sync")
                rig.wait_healthy()
            plan = [("patronictl switchover", f"{mode}-s", switchover),
                    ("SIGKILL primary postmaster", f"{mode}-k", kill_postmaster),
                    ("SIGKILL primary, replication stalled 2 s", f"{mode}-l", kill_stalled_primary),
                    ("primary node lost (Patroni too)", f"{mode}-n", lose_primary_node)]
            first_seq = int(rig.cluster.query("SELECT coalesce(max(seq), 0) FROM events")[0][0]) + 1
            for name, slug, strike in plan:
                print(f"failover: {mode}: {name} under load", file=sys.stderr)
                rows.append(run_scenario(rig, mode, name, slug, strike, options))
            rows.append(follower_row(rig, mode, first_seq))
        rows.append(listeners_row(rig, "-", expected=LISTEN_CHANNELS * len(rig.servers)))
    except Exception as error:  # noqa: BLE001 - reported as a failed row, after cleaning up
        row = Row("-", "setup or wait")
        row.problems.append(f"{type(error).__name__}: {error}")
        rows.append(row)
    finally:
        if rig:
            rig.close()
        else:
            cluster.sweep(work)
        if options.keep:
            print(f"failover: work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_rows(rows)
    return 0 if rows and all(not row.problems for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
