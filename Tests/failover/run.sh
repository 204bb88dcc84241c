#!/usr/bin/env bash
# Opsline on a Patroni cluster: a planned switchover and a crash failover under load (see
# docs/failover.md).
#
#   bash Tests/failover/run.sh                      # synchronous replication, release build
#   bash Tests/failover/run.sh --modes sync,async   # and asynchronous (figures only)
#   bash Tests/failover/run.sh --debug              # the debug build (CI)
#   OPSLINE_FAILOVER_BINARY=path/to/opsline bash Tests/failover/run.sh   # no build
#
# Installs patroni, etcd-server and etcd-client with apt-get when they are missing (as root).
# Everything listens on 127.0.0.1; PostgreSQL runs as the postgres user under root. The whole run
# is bounded (OPSLINE_FAILOVER_TIMEOUT seconds, default 600); every process it started and its
# work folder are removed on exit, even after a failure or a timeout. Other arguments go to
# failover.py (--keep keeps the work folder with every log).
set -euo pipefail
cd "$(dirname "$0")/../.."

configuration=release
arguments=()
for argument in "$@"; do
    if [[ $argument == --debug ]]; then configuration=debug; else arguments+=("$argument"); fi
done

if ! command -v patroni >/dev/null || ! command -v etcd >/dev/null || ! command -v etcdctl >/dev/null; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "failover: patroni and etcd are missing; as root: apt-get install -y patroni etcd-server etcd-client" >&2
        exit 1
    fi
    echo "failover: installing patroni and etcd" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq patroni etcd-server etcd-client >&2
fi
# Debian starts the packaged etcd on the default ports; this test runs its own on free ports.

if [[ -n ${OPSLINE_FAILOVER_BINARY:-} ]]; then
    binary="$OPSLINE_FAILOVER_BINARY"  # an opsline built already
else
    swift build -c "$configuration" --product opsline >&2
    binary="$(swift build -c "$configuration" --show-bin-path)/opsline"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/opsline-failover.XXXXXX")"
keep=false
for argument in "${arguments[@]+"${arguments[@]}"}"; do [[ $argument == --keep ]] && keep=true; done
cleanup() {
    # The driver stops everything itself; this is the last resort after a timeout's SIGKILL:
    # every process whose command line names the work folder (Patroni's configuration, the
    # postmasters' data folders, etcd's, the servers' binary link) was started by this run.
    for process in /proc/[0-9]*; do
        if grep -qF "$work" "$process/cmdline" 2>/dev/null; then
            kill -KILL "${process#/proc/}" 2>/dev/null || true
        fi
    done
    if [[ $keep == false ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT
# Debian's python3: the driver uses python3-psycopg2, which the patroni package brings.
timeout --kill-after=30 "${OPSLINE_FAILOVER_TIMEOUT:-600}" \
    /usr/bin/python3 Tests/failover/failover.py --binary "$binary" --work "$work" "${arguments[@]+"${arguments[@]}"}"
