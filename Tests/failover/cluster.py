"""A PostgreSQL HA cluster of real processes for the failover test: one etcd member and two or three
Patroni-managed PostgreSQL nodes, all on 127.0.0.1 ports, all data in one temporary folder.

Patroni runs as the `postgres` user when the test runs as root (PostgreSQL refuses root). Patroni
starts each postmaster in a session of its own, so stopping Patroni's process group is not enough:
`sweep()` also kills every process whose command line names the work folder (the postmasters'
`-D` and `--config-file` point into it), which are only ever the processes this test started.
"""

import json
import os
import pwd
import signal
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faults"))

import processes  # noqa: E402  (Tests/faults/processes.py)

SCOPE = "opsline-failover"


def owner():
    """(uid, gid) the cluster's processes and files belong to: `postgres` under root, else us."""
    if os.getuid() == 0:
        entry = pwd.getpwnam("postgres")
        return entry.pw_uid, entry.pw_gid
    return os.getuid(), os.getgid()


def as_cluster_user(arguments):
    return processes.as_cluster_user(arguments)


def wait_for(what, predicate, deadline, interval=0.1):
    """Calls `predicate` until it returns something truthy; raises after `deadline` seconds."""
    until = time.monotonic() + deadline
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Exception:  # noqa: BLE001 - a process still starting answers with anything
            pass
        if time.monotonic() > until:
            raise TimeoutError(f"failover: {what} did not happen within {deadline} s")
        time.sleep(interval)


class Etcd:
    """A single etcd member on two loopback ports (client, peer)."""

    def __init__(self, work):
        self.client_port, self.peer_port = processes.free_port(), processes.free_port()
        self.data = os.path.join(work, "etcd")
        self.log = os.path.join(work, "etcd.log")
        self.url = f"http://127.0.0.1:{self.client_port}"
        self.process = None

    def start(self):
        peer = f"http://127.0.0.1:{self.peer_port}"
        arguments = ["etcd", "--name", "e1", "--data-dir", self.data,
                     "--listen-client-urls", self.url, "--advertise-client-urls", self.url,
                     "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                     "--initial-cluster", f"e1={peer}", "--initial-cluster-state", "new"]
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for("etcd answering /health",
                 lambda: json.load(urllib.request.urlopen(self.url + "/health", timeout=2)).get("health") == "true",
                 deadline=30)


class Node:
    """One Patroni-managed PostgreSQL node: its YAML configuration, its Patroni process, and its
    postmaster (found through `postmaster.pid`)."""

    def __init__(self, work, name, etcd, synchronous, bin_dir):
        self.name = name
        self.folder = os.path.join(work, name)
        self.data = os.path.join(self.folder, "data")
        self.config = os.path.join(self.folder, "patroni.yml")
        self.log = os.path.join(self.folder, "patroni.log")
        self.pg_port, self.rest_port = processes.free_port(), processes.free_port()
        self.rest = f"http://127.0.0.1:{self.rest_port}"
        self.etcd, self.synchronous, self.bin_dir = etcd, synchronous, bin_dir
        self.process = None

    def write_config(self):
        os.makedirs(self.folder, 0o700, exist_ok=True)
        # JSON is YAML: no PyYAML needed to write it.
        config = {
            "scope": SCOPE,
            "namespace": "/opsline-failover/",
            "name": self.name,
            "log": {"level": "INFO"},
            "restapi": {"listen": f"127.0.0.1:{self.rest_port}", "connect_address": f"127.0.0.1:{self.rest_port}"},
            "etcd3": {"hosts": f"127.0.0.1:{self.etcd.client_port}"},
            "bootstrap": {
                "dcs": {
                    # Short timings so that a test run takes seconds, not minutes: the leader key
                    # lives 10 s, Patroni looks every second.
                    "ttl": 10, "loop_wait": 1, "retry_timeout": 4,
                    "synchronous_mode": self.synchronous,
                    # 0: a crashed primary is failed over to a replica rather than restarted in
                    # place (Patroni's documented way to prefer failover).
                    "primary_start_timeout": 0,
                    # Patroni's default (1 MB) would refuse to fail over to a replica the "stalled
                    # replication" scenario left further behind, and restart the old primary
                    # instead; 64 MB lets it fail over, and bounds what asynchronous mode loses.
                    "maximum_lag_on_failover": 64 * 1024 * 1024,
                    "postgresql": {
                        "use_pg_rewind": True,
                        "use_slots": True,
                        "parameters": {
                            "max_connections": 200, "wal_level": "replica", "hot_standby": "on",
                            "max_wal_senders": 10, "max_replication_slots": 10, "wal_log_hints": "on",
                            "wal_keep_size": "128MB",
                        },
                    },
                },
                "initdb": [{"encoding": "UTF8"}, {"auth": "trust"}, "no-sync"],
            },
            "postgresql": {
                "listen": f"127.0.0.1:{self.pg_port}",
                "connect_address": f"127.0.0.1:{self.pg_port}",
                "data_dir": self.data,
                "bin_dir": self.bin_dir,
                "pgpass": os.path.join(self.folder, "pgpass"),
                "authentication": {
                    "superuser": {"username": "postgres", "password": "failover"},
                    "replication": {"username": "replicator", "password": "failover"},
                    "rewind": {"username": "postgres", "password": "failover"},
                },
                "pg_hba": [
                    "local all all trust",
                    "host all all 127.0.0.1/32 trust",
                    "host replication all 127.0.0.1/32 trust",
                ],
                "parameters": {"unix_socket_directories": self.folder, "fsync": "off"},
            },
            "tags": {},
        }
        with open(self.config, "w") as file:
            json.dump(config, file, indent=2)
        uid, gid = owner()
        for path in (self.folder, self.config):
            os.chown(path, uid, gid)

    def start(self):
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(as_cluster_user(["patroni", self.config]), stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def postmaster_pid(self):
        return processes.postmaster_pid(self.data)

    def kill9_postmaster(self):
        return processes.kill9_postmaster(self.data)

    def stop(self, deadline=20):
        """SIGTERM to Patroni (it stops its PostgreSQL); SIGKILL to both after `deadline` s."""
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=deadline)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait()
        self.kill9_postmaster()


class Cluster:
    """etcd plus `count` nodes; `conninfo` is the multi-host string Opsline is given."""

    def __init__(self, work, count=3, synchronous=True):
        uid, gid = owner()
        os.chown(work, uid, gid)
        self.work = work
        self.synchronous = synchronous
        self.bin_dir = processes.postgres_bin()
        self.etcd = Etcd(work)
        self.nodes = [Node(work, f"node{index}", self.etcd, synchronous, self.bin_dir)
                      for index in range(1, count + 1)]
        hosts = ",".join("127.0.0.1" for _ in self.nodes)
        ports = ",".join(str(node.pg_port) for node in self.nodes)
        # As docs/failover.md recommends: keepalives and tcp_user_timeout make a connection to a
        # primary that vanished without a word (power loss, a cut link) fail within seconds; on
        # loopback a killed server always answers with a reset, so they only have to do no harm.
        self.conninfo = (f"host={hosts} port={ports} user=postgres dbname=postgres target_session_attrs=read-write"
                         " keepalives_idle=5 keepalives_interval=2 keepalives_count=3 tcp_user_timeout=10000")

    def start(self, deadline=120):
        self.etcd.start()
        for node in self.nodes:
            node.write_config()
        # The first node bootstraps alone; the others join by copying it (pg_basebackup).
        self.nodes[0].start()
        wait_for("a leader", self.leader, deadline)
        for node in self.nodes[1:]:
            node.start()
        wait_for("every replica streaming", self.all_streaming, deadline)
        if self.synchronous:
            wait_for("a synchronous standby", self.sync_standby, deadline)

    def members(self):
        """Patroni's view: [{name, role, state, lag, timeline…}] from any node's REST API."""
        for node in self.nodes:
            try:
                with urllib.request.urlopen(node.rest + "/cluster", timeout=2) as answer:
                    return json.load(answer)["members"]
            except (OSError, ValueError, KeyError):
                continue
        return []

    def leader(self):
        for member in self.members():
            if member["role"] == "leader" and member["state"] == "running":
                return self.node(member["name"])
        return None

    def node(self, name):
        return next(node for node in self.nodes if node.name == name)

    def all_streaming(self):
        members = self.members()
        return len(members) == len(self.nodes) and all(
            member["state"] in ("running", "streaming") and (member["role"] == "leader" or isinstance(member.get("lag"), int))
            for member in members)

    def sync_standby(self):
        for member in self.members():
            if member["role"] == "sync_standby":
                return self.node(member["name"])
        return None

    def patronictl(self, *arguments, timeout=60):
        return subprocess.run(as_cluster_user(["patronictl", "-c", self.nodes[0].config] + list(arguments)),
                              capture_output=True, text=True, timeout=timeout)

    def set_synchronous(self, on):
        """Switches `synchronous_mode` for the whole cluster (Patroni's dynamic configuration)."""
        result = self.patronictl("edit-config", "--force", "--set", f"synchronous_mode={'true' if on else 'false'}")
        if result.returncode != 0:
            raise RuntimeError(f"patronictl edit-config failed: {result.stderr.strip()}")
        self.synchronous = on
        wanted = "sync_standby" if on else "replica"
        wait_for(f"synchronous_mode={on} in effect",
                 lambda: any(m["role"] == wanted for m in self.members()) and (
                     on or not any(m["role"] == "sync_standby" for m in self.members())), deadline=30)

    def query(self, sql, node=None):
        """Rows of `sql` on the current primary (psql over TCP), or on `node`, as lists of strings."""
        conninfo = self.conninfo if node is None else f"host=127.0.0.1 port={node.pg_port} user=postgres dbname=postgres"
        output = subprocess.run(
            [f"{self.bin_dir}/psql", conninfo, "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True, capture_output=True, text=True, timeout=60).stdout
        return [line.split("\t") for line in output.splitlines() if line]

    def stop(self):
        for node in self.nodes:
            node.stop()
        if self.etcd.process and self.etcd.process.poll() is None:
            os.killpg(self.etcd.process.pid, signal.SIGKILL)
            self.etcd.process.wait()
        sweep(self.work)


def sweep(work):
    """SIGKILL to every process whose command line names `work`: what this test started and
    somehow left behind (a postmaster Patroni did not stop). Never touches anything else."""
    marker = work.encode()
    spared = ancestors()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in spared:
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as file:
                if marker in file.read():
                    os.kill(int(entry), signal.SIGKILL)
        except (OSError, ProcessLookupError):
            continue


def ancestors():
    """This process and its parents (run.sh's `timeout` names the work folder too)."""
    pids, pid = set(), os.getpid()
    while pid > 1 and pid not in pids:
        pids.add(pid)
        try:
            with open(f"/proc/{pid}/stat") as file:
                pid = int(file.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return pids
