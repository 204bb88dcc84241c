#!/usr/bin/env bash
# Opsline notification latency: B breaches falling due within W seconds, each told to a webhook
# receiver on 127.0.0.1 (Benchmarks/receiver.py). Prints, per run, the latency from the commit of
# the breach event to the receiver's arrival (p50/p99/max), and the SLA detection lag (breach
# commit − due time) with and without notifications flowing, and while a second receiver hangs.
# See "Notifications" in README.md.
#
#   bash Benchmarks/notify.sh
#   BENCH_RUNS="1:none 1:webhook 3:webhook 1:hang" BENCH_BREACHES=1000 bash Benchmarks/notify.sh
#
# Settings (environment):
#   BENCH_RUNS      replicas:mode runs, space-separated; mode is none (no subscription: the baseline
#                   detection lag), webhook (one receiver), hang (that receiver and one that never
#                   answers). Default "1:none 1:webhook 3:webhook 1:hang"
#   BENCH_BREACHES  breaches per run (1000); BENCH_WINDOW: seconds they fall due over (10)
#   BENCH_LOGS      a folder to copy each run's server logs to (none)
#   BENCH_SCRATCH   build folder (.build-bench); BENCH_OPSLINE: an opsline binary to use instead
#   PG_BIN          (/usr/lib/postgresql/15/bin)
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a RUNS <<<"${BENCH_RUNS:-1:none 1:webhook 3:webhook 1:hang}"
BREACHES=${BENCH_BREACHES:-1000}
WINDOW=${BENCH_WINDOW:-10}
SCRATCH=${BENCH_SCRATCH:-.build-bench}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TOKEN=bench

log() { echo "notify.sh: $(date +%T) $*" >&2; }
# shellcheck source=Benchmarks/common.sh
source "$(dirname "$0")/common.sh"

WORK=""
PIDS=()
PGDATA_DIR=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    sleep 1
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    if [[ -n $PGDATA_DIR && -f $PGDATA_DIR/postmaster.pid ]]; then
        cluster_user "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w >/dev/null 2>&1 || true
    fi
    if [[ -n $WORK ]]; then
        if [[ $status != 0 ]]; then
            for file in "$WORK"/*.log; do [[ -f $file ]] && { log "last lines of $(basename "$file"):"; tail -n 15 "$file" >&2; }; done
        fi
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_pg_programs psql pg_ctl
build_opsline
SUMMARY=()

run_one() { # $1: replicas, $2: mode
    local replicas=$1 mode=$2
    WORK=$(mktemp -d /tmp/opsline-notify.XXXXXX)
    chmod 755 "$WORK"
    local data=$WORK/data
    PGDATA_DIR=$data/pgdata
    local conninfo="host=$data/run port=5432 user=opsline dbname=opsline"
    psql_run() { "$PG_BIN/psql" "$conninfo" -X -q -v ON_ERROR_STOP=1 "$@"; }
    psql_value() { "$PG_BIN/psql" "$conninfo" -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
    write_bench_workflow "$WORK/workflows" notify-bench NTB "3600"
    log "$replicas replica(s), $mode: initialising the embedded PostgreSQL"
    bootstrap_cluster "$data" "$WORK/workflows" "-c track_commit_timestamp=on" "$WORK/server-init.log"

    # The receivers and the replicas.
    local receiver_port hang_port
    receiver_port=$(free_port)
    python3 Benchmarks/receiver.py --port "$receiver_port" --out "$WORK/arrivals.txt" >"$WORK/receiver.log" 2>&1 &
    PIDS=($!)
    hang_port=$(free_port)
    python3 Benchmarks/receiver.py --port "$hang_port" --out /dev/null --hang >"$WORK/hanging.log" 2>&1 &
    PIDS+=($!)
    local urls=() port
    for r in $(seq "$replicas"); do
        port=$(free_port)
        OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve --listen "127.0.0.1:$port" --database-url "$conninfo" \
            --workflows "$WORK/workflows" --allow-insecure-webhooks --webhook-allow 127.0.0.1 \
            >"$WORK/server-$r.log" 2>&1 &
        PIDS+=($!)
        urls+=("http://127.0.0.1:$port")
    done
    for r in $(seq 0 $((replicas - 1))); do wait_ready "${urls[$r]}" "${PIDS[$((r + 2))]}"; done
    subscribe() { # $1: name, $2: port
        curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
            -d "{\"name\":\"$1\",\"team\":\"ops\",\"events\":[\"sla_breached\"],\"channel\":{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:$2/hook\"}}" \
            "${urls[0]}/v1/subscriptions"
    }
    [[ $mode == none ]] || subscribe bench "$receiver_port"
    [[ $mode != hang ]] || subscribe stuck "$hang_port"

    # The clocks: B tasks whose breaches fall due evenly over the window, from 5 s on.
    psql_run -v n="$BREACHES" -v window="$WINDOW" <<'SQL'
SELECT clock_timestamp() + interval '5 seconds' AS base \gset
SELECT version AS wf_version FROM workflow_versions WHERE workflow = 'notify-bench' \gset
CREATE TEMP TABLE plan AS
SELECT i, :'base'::timestamptz + make_interval(secs => (i - 1) * :window::float8 / :n) AS due_at
FROM generate_series(1, :n) AS i;
INSERT INTO tasks (id, workflow, workflow_version, state, title, priority, team, fields, created_at, updated_at)
SELECT 'NTB-' || i, 'notify-bench', :wf_version, 'open', 'Clock ' || i, 'p3', 'ops', '{}',
    due_at - interval '1 hour', due_at - interval '1 hour' FROM plan;
INSERT INTO task_counters (key, last_number) VALUES ('NTB', :n);
INSERT INTO sla_clocks (task_id, policy, state, started_at, target_s, worked_s, running_since, due_at)
SELECT 'NTB-' || i, 'response', 'running', due_at - interval '1 hour', 3600, 0, due_at - interval '1 hour', due_at
FROM plan;
INSERT INTO due_work (kind, task_id, due_at, payload)
SELECT 'sla', 'NTB-' || i, due_at, '{"policy": "response", "step": "breach"}' FROM plan;
SQL
    log "$replicas replica(s), $mode: $BREACHES breaches due over ${WINDOW}s"
    local expected=$BREACHES
    [[ $mode != none ]] || expected=0
    for _ in $(seq 240); do
        local breached arrived
        breached=$(psql_value "SELECT count(*) FROM events WHERE type = 'sla_breached'")
        arrived=$( [[ -f $WORK/arrivals.txt ]] && wc -l <"$WORK/arrivals.txt" || echo 0)
        ((breached >= BREACHES && arrived >= expected)) && break
        sleep 0.5
    done

    # The figures: detection lag from the event log (commit − due), notification latency from
    # the receiver's arrivals joined to their deliveries and events (arrival − breach commit).
    local lag latency="- - - 0"
    lag=$(psql_value "
        SELECT concat_ws(' ', count(*),
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l)::numeric, 3),
            round(percentile_cont(0.99) WITHIN GROUP (ORDER BY l)::numeric, 3), round(max(l)::numeric, 3))
        FROM (SELECT extract(epoch FROM pg_xact_commit_timestamp(e.xmin) - (e.data ->> 'breached_at')::timestamptz) AS l
              FROM events e WHERE e.type = 'sla_breached') AS b")
    if [[ $mode != none ]]; then
        latency=$(psql_run -A -t <<SQL
CREATE TEMP TABLE arrivals (arrived float8, at text, breached_at text, id text);
\\copy arrivals FROM '$WORK/arrivals.txt' WITH (DELIMITER ' ')
SELECT concat_ws(' ',
    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l)::numeric, 3),
    round(percentile_cont(0.99) WITHIN GROUP (ORDER BY l)::numeric, 3), round(max(l)::numeric, 3), count(*),
    count(*) - count(DISTINCT id))
FROM (SELECT a.arrived - extract(epoch FROM pg_xact_commit_timestamp(e.xmin)) AS l, a.id
      FROM arrivals a JOIN deliveries d ON d.id = a.id JOIN events e ON e.seq = d.event_seq) AS x;
SQL
)
    fi
    read -r applied l50 l99 lmax <<<"$lag"
    read -r n50 n99 nmax delivered duplicates <<<"$latency"
    SUMMARY+=("$(printf '%8s %-8s %8s %9s %8s %8s %8s %9s %8s %8s %8s %6s' "$replicas" "$mode" "$applied" \
        "$delivered" "$l50" "$l99" "$lmax" "$n50" "$n99" "$nmax" "${duplicates:-0}" "$(cut -d' ' -f1 /proc/loadavg)")")

    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    PIDS=()
    cluster_user "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w >/dev/null 2>&1 || true
    PGDATA_DIR=""
    if [[ -n ${BENCH_LOGS:-} ]]; then
        mkdir -p "$BENCH_LOGS"
        for file in "$WORK"/server-*.log; do cp "$file" "$BENCH_LOGS/$replicas-$mode-$(basename "$file")"; done
    fi
    rm -rf "$WORK"
    WORK=""
}

MACHINE="$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
for run in "${RUNS[@]}"; do run_one "${run%%:*}" "${run#*:}"; done

echo ""
echo "Opsline notification latency — $BREACHES breaches due over ${WINDOW}s, one webhook subscription (hang: and a"
echo "second whose receiver never answers), embedded PostgreSQL (fsync on). Machine: $MACHINE"
echo "detection: breach commit − due time (s); notification: receiver arrival − breach commit (s)."
echo ""
printf '%8s %-8s %8s %9s %8s %8s %8s %9s %8s %8s %8s %6s\n' replicas mode breached delivered \
    "det p50" "det p99" "det max" "note p50" "note p99" "note max" dupes load
for line in "${SUMMARY[@]}"; do echo "$line"; done
echo ""
echo "goal: notification p99 < 2 s; detection lag no worse with notifications flowing or a receiver hanging"
