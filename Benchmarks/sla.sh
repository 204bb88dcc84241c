#!/usr/bin/env bash
# Opsline SLA detection lag: N running SLA clocks whose breaches fall due at a steady rate, the
# server's scheduler applying them. Prints the detection lag (breach event − due time) p50/p99/max
# and what the scheduler's claim query costs at N rows, with its plan. See "SLA detection lag" in
# README.md.
#
#   bash Benchmarks/sla.sh
#   BENCH_CLOCKS=1000000 BENCH_RATE=1000 bash Benchmarks/sla.sh
#
# Settings (environment):
#   BENCH_CLOCKS    running clocks per run, comma-separated (100000,1000000); one fresh cluster each
#   BENCH_WINDOW    seconds over which the measured breaches fall due, evenly (60)
#   BENCH_RATE      breaches due per second in the window; the other clocks fall due in the day
#                   after it (default: every clock falls due in the window, rate = N / window)
#   BENCH_REPLICAS  `opsline serve` processes sharing the database (1)
#   BENCH_LEAD      seconds from the start of the load to the first due time (default 30 + N/12000)
#   BENCH_CATCH_UP  seconds allowed after the window for the backlog to drain (600)
#   BENCH_SCRATCH   build folder (.build-bench); BENCH_OPSLINE: an opsline binary to use instead
#   PG_BIN          (/usr/lib/postgresql/15/bin)
set -euo pipefail
cd "$(dirname "$0")/.."

IFS=, read -r -a CLOCK_COUNTS <<<"${BENCH_CLOCKS:-100000,1000000}"
WINDOW=${BENCH_WINDOW:-120}
RATE=${BENCH_RATE:-}
REPLICAS=${BENCH_REPLICAS:-1}
CATCH_UP=${BENCH_CATCH_UP:-600}
SCRATCH=${BENCH_SCRATCH:-.build-bench}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TOKEN=bench
TARGET_S=3600 # the benchmark policy's target: each clock started an hour before its breach

log() { echo "sla.sh: $(date +%T) $*" >&2; }
# shellcheck source=Benchmarks/common.sh
source "$(dirname "$0")/common.sh"

WORK=""
PIDS=()
PGDATA_DIR=""

stop_servers() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    PIDS=()
}

stop_cluster() {
    if [[ -n $PGDATA_DIR && -f $PGDATA_DIR/postmaster.pid ]]; then
        cluster_user "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w >/dev/null 2>&1 || true
    fi
    PGDATA_DIR=""
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_servers
    stop_cluster
    if [[ -n $WORK ]]; then
        if [[ $status != 0 && $status != 130 && $status != 143 ]]; then
            for file in "$WORK"/server-*.log; do
                [[ -f $file ]] || continue
                log "last lines of $(basename "$file"):"
                tail -n 20 "$file" >&2 || true
            done
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

# The claim query exactly as the scheduler runs it, read from the Swift source; `$1` is the batch.
CLAIM_SQL=$(sed -n '/static let claimDue = """/,/^ *"""/p' Sources/OpslineStore/Scheduling/DueWorkSQL.swift | sed '1d;$d')
[[ $CLAIM_SQL == *"SKIP LOCKED"* ]] || { log "could not read DueWorkSQL.claimDue"; exit 1; }
claim_at() { # $1: the SQL expression standing for now(); $2: the batch size
    # `$2` is the statement's time in tests (NULL in production: now()).
    local sql=${CLAIM_SQL//now()/$1}
    sql=${sql//\$2/NULL}
    echo "${sql//\$1/$2}"
}

cpu_seconds() { # CPU seconds (user + system) used so far by the given pids
    local ticks=0 pid
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] || continue
        ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}

SUMMARY=()

run_one() { # $1: the number of running clocks
    local clocks=$1
    local due=$clocks
    if [[ -n $RATE ]]; then due=$((RATE * WINDOW < clocks ? RATE * WINDOW : clocks)); fi
    local lead=${BENCH_LEAD:-$((30 + clocks / 12000))}
    local rate_text
    rate_text=$(awk -v d="$due" -v w="$WINDOW" 'BEGIN { printf "%.0f", d / w }')

    WORK=$(mktemp -d /tmp/opsline-sla.XXXXXX)
    chmod 755 "$WORK"
    local data=$WORK/data
    PGDATA_DIR=$data/pgdata
    local conninfo="host=$data/run port=5432 user=opsline dbname=opsline"
    write_bench_workflow "$WORK/workflows" sla-bench SLB "${TARGET_S}"

    # 1. The first start initialises the embedded cluster, migrates and publishes; then the
    #    cluster is restarted by hand with pg_stat_statements and commit timestamps, and the
    #    replicas connect to it with --database-url.
    log "N=$clocks: initialising the embedded PostgreSQL in $data"
    local port
    port=$(free_port)
    OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve --listen "127.0.0.1:$port" --data-dir "$data" \
        --workflows "$WORK/workflows" >"$WORK/server-init.log" 2>&1 &
    PIDS=($!)
    wait_ready "http://127.0.0.1:$port" "${PIDS[0]}"
    stop_servers
    cluster_user "$PG_BIN/pg_ctl" start -w -D "$PGDATA_DIR" -l "$data/postgres.log" \
        -o "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c track_commit_timestamp=on" >/dev/null
    psql_run() { "$PG_BIN/psql" "$conninfo" -X -q -v ON_ERROR_STOP=1 "$@"; }
    psql_value() { "$PG_BIN/psql" "$conninfo" -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
    psql_value "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null

    # 2. The clocks: N tasks, N running clocks, N due breaches. The first `due` fall due over
    #    the window, evenly, starting `lead` seconds after the load began; the rest in the day
    #    after. Rows go in in random order, as clocks of mixed targets would.
    log "N=$clocks: loading $clocks tasks, clocks and due breaches ($due due over ${WINDOW}s from +${lead}s)"
    local load_start=$SECONDS
    psql_run -v n="$clocks" -v due="$due" -v window="$WINDOW" -v lead="$lead" -v target="$TARGET_S" <<'SQL'
SELECT clock_timestamp() + make_interval(secs => :lead) AS base \gset
SELECT version AS wf_version FROM workflow_versions WHERE workflow = 'sla-bench' \gset
CREATE TEMP TABLE plan AS
SELECT i, :'base'::timestamptz + make_interval(secs => CASE
        WHEN i <= :due THEN (i - 1) * :window::float8 / :due
        ELSE :window + 600 + (i - :due - 1) * 86400.0 / greatest(:n - :due, 1) END) AS due_at
FROM generate_series(1, :n) AS i ORDER BY random();
INSERT INTO tasks (id, workflow, workflow_version, state, title, priority, team, fields, created_at, updated_at)
SELECT 'SLB-' || i, 'sla-bench', :wf_version, 'open', 'Clock ' || i, 'p3', 'ops', '{}',
    due_at - make_interval(secs => :target), due_at - make_interval(secs => :target)
FROM plan;
INSERT INTO task_counters (key, last_number) VALUES ('SLB', :n);
INSERT INTO sla_clocks (task_id, policy, state, started_at, target_s, worked_s, running_since, due_at)
SELECT 'SLB-' || i, 'response', 'running', due_at - make_interval(secs => :target), :target,
    0, due_at - make_interval(secs => :target), due_at
FROM plan;
INSERT INTO due_work (kind, task_id, due_at, payload)
SELECT 'sla', 'SLB-' || i, due_at, '{"policy": "response", "step": "breach"}' FROM plan;
VACUUM (ANALYZE) tasks, sla_clocks, due_work;
SQL
    local load_seconds=$((SECONDS - load_start))
    local base window_end
    base=$(psql_value "SELECT min(due_at) FROM due_work")
    window_end=$(psql_value "SELECT '$base'::timestamptz + interval '$WINDOW seconds'")

    # 3. The claim at N rows, before the run: the scheduler's query, with `now()` one second
    #    into the window so that rows are due, rolled back so nothing is claimed.
    local shifted="('$base'::timestamptz + interval '1 second')"
    local explain_before
    printf 'BEGIN;\n%s;\nROLLBACK;\n' "$(claim_at "$shifted" 100)" | psql_run -A -t >/dev/null # warm the cache
    explain_before=$(printf 'BEGIN;\nEXPLAIN (ANALYZE, BUFFERS, COSTS OFF) %s;\nROLLBACK;\n' "$(claim_at "$shifted" 100)" |
        psql_run -A -t)
    local claim_times_before
    claim_times_before=$(for _ in $(seq 20); do
        echo "BEGIN;"
        echo "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $(claim_at "$shifted" 100);"
        echo "ROLLBACK;"
    done | psql_run -A -t | awk '/Execution Time/ { print $3 }' | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')

    local first_in
    first_in=$(psql_value "SELECT round(extract(epoch FROM '$base'::timestamptz - clock_timestamp())::numeric, 1)")
    if awk -v s="$first_in" 'BEGIN { exit !(s < 5) }'; then
        log "the load took ${load_seconds}s and the first breach is due in ${first_in}s: raise BENCH_LEAD"
        exit 1
    fi

    # 4. The replicas, then the run.
    psql_value "SELECT pg_stat_statements_reset()" >/dev/null
    local postmaster urls=()
    postmaster=$(head -n 1 "$PGDATA_DIR/postmaster.pid")
    for r in $(seq "$REPLICAS"); do
        port=$(free_port)
        OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve --listen "127.0.0.1:$port" \
            --database-url "$conninfo" --workflows "$WORK/workflows" >"$WORK/server-$r.log" 2>&1 &
        PIDS+=($!)
        urls+=("http://127.0.0.1:$port")
    done
    for r in $(seq 0 $((REPLICAS - 1))); do wait_ready "${urls[$r]}" "${PIDS[$r]}"; done
    pg_pids() { echo "$postmaster" $(pgrep -P "$postmaster" || true); }
    local load_before cpu_server_before cpu_pg_before
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    cpu_server_before=$(cpu_seconds "${PIDS[@]}")
    cpu_pg_before=$(cpu_seconds $(pg_pids))
    log "N=$clocks: $REPLICAS replica(s) running; first breach due in ${first_in}s, the last ${WINDOW}s later"

    local samples=() sample_at explain_mid=""
    local deadline=$((SECONDS + ${first_in%.*} + WINDOW + CATCH_UP))
    local remaining=1
    for fraction in 0.25 0.5 0.75; do samples+=("$fraction"); done
    while ((SECONDS < deadline)); do
        remaining=$(psql_value "SELECT count(*) FROM (SELECT FROM due_work WHERE due_at <= '$window_end' LIMIT 1) AS r")
        [[ $remaining == 0 ]] && break
        # Mid-run, the claim as the scheduler runs it (rows due now, dead index entries of the
        # rows already applied), rolled back.
        if ((${#samples[@]} > 0)); then
            sample_at=$(psql_value "SELECT clock_timestamp() >= '$base'::timestamptz + interval '1 second' * $WINDOW * ${samples[0]}")
            if [[ $sample_at == t ]]; then
                local plan
                plan=$(printf 'BEGIN;\nEXPLAIN (ANALYZE, BUFFERS, COSTS OFF) %s;\nROLLBACK;\n' "$(claim_at "now()" 100)" | psql_run -A -t)
                [[ ${samples[0]} == 0.5 ]] && explain_mid=$plan
                MID_TIMES+=("$(awk '/Execution Time/ { print $3 }' <<<"$plan")")
                samples=("${samples[@]:1}")
            fi
        fi
        sleep 1
    done
    remaining=$(psql_value "SELECT count(*) FROM due_work WHERE due_at <= '$window_end'")
    local cpu_server cpu_pg load_after
    cpu_server=$(awk -v a="$(cpu_seconds "${PIDS[@]}")" -v b="$cpu_server_before" 'BEGIN { printf "%.1f", a - b }')
    cpu_pg=$(awk -v a="$(cpu_seconds $(pg_pids))" -v b="$cpu_pg_before" 'BEGIN { printf "%.1f", a - b }')
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    stop_servers

    # 5. The figures, from the event log: `at` is the applying transaction's start (now()),
    #    the commit timestamp is when the breach became visible.
    local lag
    lag=$(psql_value "
        WITH b AS (
            SELECT extract(epoch FROM e.at - (e.data ->> 'breached_at')::timestamptz) AS at_lag,
                   extract(epoch FROM pg_xact_commit_timestamp(e.xmin) - (e.data ->> 'breached_at')::timestamptz) AS commit_lag,
                   e.xmin::text AS tx, pg_xact_commit_timestamp(e.xmin) AS committed,
                   (e.data ->> 'breached_at')::timestamptz AS due_at, e.task_id
            FROM events e WHERE e.type = 'sla_breached')
        SELECT concat_ws(' ', count(*),
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY at_lag)::numeric, 3),
            round(percentile_cont(0.99) WITHIN GROUP (ORDER BY at_lag)::numeric, 3),
            round(max(at_lag)::numeric, 3),
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY commit_lag)::numeric, 3),
            round(percentile_cont(0.99) WITHIN GROUP (ORDER BY commit_lag)::numeric, 3),
            round(max(commit_lag)::numeric, 3),
            count(DISTINCT tx), count(*) - count(DISTINCT task_id),
            round((count(*) / greatest(extract(epoch FROM max(committed) - min(due_at)), 0.001))::numeric, 0))
        FROM b")
    read -r applied p50 p99 max c50 c99 cmax transactions duplicates applied_rate <<<"$lag"
    local stats
    stats=$(psql_value "
        SELECT concat_ws(' ', calls, round(mean_exec_time::numeric, 2), round(max_exec_time::numeric, 2))
        FROM pg_stat_statements WHERE query LIKE '%FROM due_work%SKIP LOCKED%' ORDER BY calls DESC LIMIT 1")
    read -r claim_calls claim_mean claim_max <<<"${stats:-0 - -}"
    local top
    top=$(psql_value "
        SELECT format('%9s %9s %9s %8s  %s', calls, round(total_plan_time::numeric), round(total_exec_time::numeric),
            round(((total_plan_time + total_exec_time) / calls)::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 64))
        FROM pg_stat_statements WHERE calls > 10 ORDER BY total_plan_time + total_exec_time DESC LIMIT 8")
    local mid_median="-"
    if ((${#MID_TIMES[@]} > 0)); then
        mid_median=$(printf '%s\n' "${MID_TIMES[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')
    fi
    MID_TIMES=()

    echo ""
    echo "== N=$clocks running clocks: $due breaches due over ${WINDOW}s (${rate_text}/s), $REPLICAS replica(s) =="
    echo "load: ${load_seconds}s; load average $load_before at the start of the run, $load_after at its end"
    echo "applied $applied of $due in-window breaches in $transactions transactions ($((applied / (transactions > 0 ? transactions : 1))) a transaction), ${applied_rate}/s from the first due time to the last commit"
    [[ $duplicates == 0 ]] || echo "DUPLICATES: $duplicates breaches were recorded twice"
    [[ $remaining == 0 ]] || echo "NOT DONE: $remaining due breaches still waiting $CATCH_UP s after the window"
    echo "CPU during the run: opsline ${cpu_server}s, PostgreSQL ${cpu_pg}s"
    echo ""
    echo "claim query at $clocks rows, before the run (now() = first due + 1 s; 100 rows; rolled back):"
    sed 's/^/    /' <<<"$explain_before"
    if [[ -n $explain_mid ]]; then
        echo "claim query mid-run (now(), as the scheduler runs it; rolled back):"
        sed 's/^/    /' <<<"$explain_mid"
    fi
    echo "statements by time during the run (pg_stat_statements): calls, planning ms, execution ms, ms a call, query"
    sed 's/^/    /' <<<"$top"
    local rows_per_tx=$((applied / (transactions > 0 ? transactions : 1)))
    SUMMARY+=("$(printf '%9s %6s %8s %6s %5s %7s %7s %7s %7s %7s %7s %7s %7s %11s  %s' "$clocks" "$rate_text" "$applied" \
        "$applied_rate" "$rows_per_tx" "$c50" "$c99" "$cmax" "$p50" "$p99" "$claim_times_before" "$mid_median" \
        "$claim_mean" "$claim_max" "$load_before")")

    stop_cluster
    rm -rf "$WORK"
    WORK=""
}

MID_TIMES=()
MACHINE="$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs"
for clocks in "${CLOCK_COUNTS[@]}"; do run_one "$clocks"; done

echo ""
echo "Opsline SLA detection lag — policy target ${TARGET_S}s (24x7), $REPLICAS replica(s), embedded PostgreSQL (fsync on)"
echo "Machine: $MACHINE"
echo "lag: breach event − due time (s), to the commit of the transaction that recorded it (when the breach"
echo "became visible) and to that transaction's start (events.at). claim: DueWorkSQL.claimDue for 100 rows (ms):"
echo "at N rows before the run (median of 20), mid-run (median of 3 samples), and the scheduler's own calls"
echo "during the run (pg_stat_statements mean and max, batches of 100 to 1000 rows)."
echo ""
printf '%9s %6s %8s %6s %5s %7s %7s %7s %7s %7s %7s %7s %7s %11s  %s\n' "" "due" "" "" "rows" "commit" "" "" \
    "start" "" "claim" "claim" "claim" "claim" "load average"
printf '%9s %6s %8s %6s %5s %7s %7s %7s %7s %7s %7s %7s %7s %11s  %s\n' clocks "/s" applied "done/s" "a tx" p50 p99 max \
    p50 p99 before mid-run mean max "at the start"
for line in "${SUMMARY[@]}"; do echo "$line"; done
echo ""
echo "target: p99 lag < 1 s at 1M running clocks; claim cost flat in N (index range scan on due_work.due_at)"
