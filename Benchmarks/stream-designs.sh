#!/usr/bin/env bash
# How the ways of keeping the event stream gap-free cost writers: pgbench runs the least SQL of a
# durable transition (lock the task row, update it, append one event, notify, commit) on a fresh
# PostgreSQL with fsync on, under each design, taking turns in rounds. See "Event log" in the
# README's Architecture section.
#
#   bash Benchmarks/stream-designs.sh
#
# (a) lock:      an advisory lock taken before the append and held through COMMIT (Opsline
#                before #18): commits one at a time.
# (b) frontier:  no lock; the writer takes its transaction id before drawing the seq (what
#                Opsline does now); a reader pays instead.
# (c) sequencer: no lock; one more client assigns positions to committed events in batches
#                (UPDATE … SET pos), as a sequencer would, while the writers run.
#
# Settings: BENCH_CLIENTS (8), BENCH_TASKS (20000), BENCH_SECONDS (10 a round), BENCH_ROUNDS (3),
# PG_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${BENCH_CLIENTS:-8}
TASKS=${BENCH_TASKS:-20000}
SECONDS_PER_ROUND=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

log() { echo "stream-designs.sh: $*" >&2; }
# shellcheck source=Benchmarks/common.sh
source "$(dirname "$0")/common.sh"
require_pg_programs initdb pg_ctl pgbench psql

WORK=$(mktemp -d /tmp/opsline-designs.XXXXXX)
chmod 755 "$WORK"
PGDATA_DIR=$WORK/pgdata
cleanup() {
    cluster_user "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m immediate -w >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
[[ $(id -u) == 0 ]] && chown postgres "$WORK"

cluster_user "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust >/dev/null
cluster_user "$PG_BIN/pg_ctl" start -D "$PGDATA_DIR" -w -l "$WORK/postgres.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$WORK' -c max_connections=50" >/dev/null
CONNINFO="host=$WORK user=postgres dbname=postgres"
psql_run() { "$PG_BIN/psql" "$CONNINFO" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql_run <<SQL
CREATE TABLE tasks (id text PRIMARY KEY, state text NOT NULL, version int NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now());
INSERT INTO tasks SELECT 'T-' || n, 'open', 1 FROM generate_series(1, $TASKS) n;
CREATE TABLE events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(), at timestamptz NOT NULL DEFAULT now(),
    task_id text NOT NULL REFERENCES tasks (id), type text NOT NULL, data jsonb NOT NULL,
    pos bigint);
CREATE INDEX events_task ON events (task_id, seq);
-- The sequencer's events, apart, so that it never positions what the other designs wrote.
CREATE TABLE positioned_events (LIKE events INCLUDING ALL);
CREATE UNIQUE INDEX positioned_events_pos ON positioned_events (pos);
CREATE INDEX positioned_events_unpositioned ON positioned_events (seq) WHERE pos IS NULL;
VACUUM ANALYZE;
SQL

transition() { # $1: what runs before the append, $2: the events table
    cat <<SQL
\\set n random(1, $TASKS)
BEGIN;
SELECT state, version FROM tasks WHERE id = 'T-' || :n FOR UPDATE;
UPDATE tasks SET state = CASE state WHEN 'open' THEN 'waiting' ELSE 'open' END, version = version + 1,
    updated_at = now() WHERE id = 'T-' || :n;
$1
INSERT INTO $2 (task_id, type, data) VALUES ('T-' || :n, 'transitioned', '{"to": "waiting"}');
SELECT pg_notify('opsline_events', 'T-' || :n);
COMMIT;
SQL
}
transition "SELECT pg_advisory_xact_lock(42);" events >"$WORK/lock.sql"
transition "SELECT pg_current_xact_id();" events >"$WORK/frontier.sql"
transition "" positioned_events >"$WORK/positioned.sql"
# One sequencer at a time (a session lock would elect it; here there is one client): number the
# committed events that have no position yet, after the highest position given.
cat >"$WORK/sequencer.sql" <<'SQL'
WITH top AS (SELECT coalesce(max(pos), 0) AS pos FROM positioned_events),
next AS (SELECT seq, row_number() OVER (ORDER BY seq) AS k
    FROM (SELECT seq FROM positioned_events WHERE pos IS NULL ORDER BY seq LIMIT 1000) s)
UPDATE positioned_events e SET pos = top.pos + next.k FROM next, top WHERE e.seq = next.seq;
SQL

OPTIONS="-n -c $CLIENTS -j 2 -T $SECONDS_PER_ROUND -M prepared"
tps() { sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$1" | head -1; }
declare -A TOTAL=([lock]=0 [frontier]=0 [sequencer]=0)
MACHINE="$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
for ((round = 1; round <= ROUNDS; round++)); do
    for design in lock frontier sequencer; do
        script=$design
        if [[ $design == sequencer ]]; then
            script=positioned
            "$PG_BIN/pgbench" -n -c 1 -T "$SECONDS_PER_ROUND" -f "$WORK/sequencer.sql" "$CONNINFO" \
                >"$WORK/sequencer-$round.txt" 2>&1 &
        fi
        "$PG_BIN/pgbench" $OPTIONS -f "$WORK/$script.sql" "$CONNINFO" >"$WORK/$design-$round.txt" 2>&1
        wait
        value=$(tps "$WORK/$design-$round.txt")
        log "round $round, $design: $value transitions/s"
        TOTAL[$design]=$(echo "${TOTAL[$design]} + $value" | bc -l)
    done
done

echo "Durable minimal transitions a second, $CLIENTS clients, $TASKS tasks, $ROUNDS rounds of ${SECONDS_PER_ROUND} s, fsync on"
echo "($MACHINE)"
printf '%-12s %12s %10s\n' design 'trans/s' 'vs lock'
for design in lock frontier sequencer; do
    mean=$(echo "${TOTAL[$design]} / $ROUNDS" | bc -l)
    ratio=$(echo "$mean / (${TOTAL[lock]} / $ROUNDS)" | bc -l)
    printf '%-12s %12.0f %9.2fx\n' "$design" "$mean" "$ratio"
done
unpositioned=$("$PG_BIN/psql" "$CONNINFO" -X -A -t -c "SELECT count(*) FROM positioned_events WHERE pos IS NULL")
echo "(the sequencer left $unpositioned events without a position at the end)"
