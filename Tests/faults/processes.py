"""The real processes a fault scenario starts, kills and restarts: a PostgreSQL cluster of its
own (initdb + pg_ctl into a temporary folder, unix socket only) and `opsline serve`."""

import glob
import os
import pwd
import signal
import socket
import subprocess
import time

import wire


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bin():
    """The newest installed PostgreSQL server programs' folder (Debian's layout)."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2]))
    if not folders:
        raise SystemExit("faults: PostgreSQL server programs not found (apt-get install -y postgresql)")
    return folders[-1]


def as_cluster_user(arguments):
    """initdb and postgres refuse to run as root: run them as `postgres` then."""
    return ["runuser", "-u", "postgres", "--"] + arguments if os.getuid() == 0 else arguments



def postmaster_pid(data):
    """The pid in a PostgreSQL data folder's postmaster.pid; None when it has none."""
    try:
        with open(os.path.join(data, "postmaster.pid")) as lock:
            return int(lock.readline())
    except (OSError, ValueError):
        return None


def kill9_postmaster(data):
    """SIGKILL to the postmaster of a data folder, as a crash would; returns its pid (or None)."""
    pid = postmaster_pid(data)
    if pid:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return pid


def print_markdown_table(header, cells):
    """Prints rows of text cells as a Markdown table, columns padded to their widest cell."""
    widths = [max(len(line[column]) for line in cells + [header]) for column in range(len(header))]
    print("| " + " | ".join(text.ljust(width) for text, width in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for line in cells:
        print("| " + " | ".join(text.ljust(width) for text, width in zip(line, widths)) + " |")

class Postgres:
    """A cluster in `work`/pgdata whose socket is in `work`, killed with SIGKILL and restarted the
    way an HA supervisor would."""

    def __init__(self, work):
        self.bin = postgres_bin()
        self.socket_dir = os.path.join(work, "run")
        self.data = os.path.join(work, "pgdata")
        self.log = os.path.join(work, "postgres.log")
        self.conninfo = f"host={self.socket_dir} port=5432 user=postgres dbname=postgres"

    def init(self):
        os.mkdir(self.data, 0o700)
        os.mkdir(self.socket_dir, 0o755)
        open(self.log, "a").close()
        if os.getuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (self.data, self.socket_dir, self.log):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        subprocess.run(
            as_cluster_user([f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync"]),
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self, deadline=60):
        """Starts the cluster; after a SIGKILL the old backends may still hold shared memory for a
        moment, so a refused start is tried again until `deadline` seconds have passed."""
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' -c max_connections=200"
        command = as_cluster_user(
            [f"{self.bin}/pg_ctl", "start", "-D", self.data, "-l", self.log, "-w", "-t", "30", "-o", options])
        until = time.monotonic() + deadline
        while True:
            if subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
                return
            if time.monotonic() > until:
                raise RuntimeError(f"PostgreSQL did not start; see {self.log}")
            time.sleep(0.2)

    def postmaster_pid(self):
        return postmaster_pid(self.data)

    def kill9(self):
        kill9_postmaster(self.data)

    def stop(self):
        subprocess.run(
            as_cluster_user([f"{self.bin}/pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w"]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def query(self, sql):
        """Rows of `sql` as lists of strings (psql's unaligned, tab-separated output)."""
        output = subprocess.run(
            [f"{self.bin}/psql", self.conninfo, "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in output.splitlines() if line]


class EmbeddedCluster:
    """The cluster `opsline serve --data-dir` runs itself: only killed here, never restarted (the
    server must bring it back), and read through its socket to count what was stored."""

    def __init__(self, data_dir):
        self.bin = postgres_bin()
        self.data = os.path.join(data_dir, "pgdata")
        self.conninfo = f"host={os.path.join(data_dir, 'run')} port=5432 user=opsline dbname=opsline"

    postmaster_pid = Postgres.postmaster_pid
    kill9 = Postgres.kill9
    query = Postgres.query

    def stop(self):
        Postgres.stop(self)


class Server:
    """`opsline serve` on 127.0.0.1, in a session of its own, logging to `work`/server.log (to
    OPSLINE_TEST_LOG_DIR when set, where deploy/test.sh checks the run's logs for secrets)."""

    def __init__(self, binary, work, conninfo, workflows, admin_token, extra=()):
        self.binary = binary
        self.port = free_port()
        self.url = f"127.0.0.1:{self.port}"
        self.log = os.path.join(work, "server.log")
        self.arguments = [binary, "serve", "--listen", self.url, "--workflows", workflows] + list(extra)
        if conninfo:
            self.arguments += ["--database-url", conninfo]
        self.environment = dict(os.environ, OPSLINE_ADMIN_TOKEN=admin_token)
        self.process = None

    def start(self):
        folder = os.environ.get("OPSLINE_TEST_LOG_DIR")
        if folder and os.path.dirname(self.log) != folder:
            os.makedirs(folder, exist_ok=True)
            self.log = os.path.join(folder, f"{os.getpid()}-{self.port}-{os.path.basename(self.log)}")
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                self.arguments, env=self.environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, deadline=120):
        until = time.monotonic() + deadline
        while time.monotonic() < until:
            if self.process.poll() is not None:
                raise RuntimeError(f"opsline serve exited ({self.process.returncode}); see {self.log}")
            try:
                if wire.request(self.url, "GET", "/readyz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"opsline serve was not ready after {deadline} s; see {self.log}")

    def kill9(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill9()
