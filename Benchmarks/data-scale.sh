#!/usr/bin/env bash
# Opsline at data scale: N tasks (1,000,000 by default, Benchmarks/tasks.sql) and their history,
# M events (10,000,000) spread over the tasks and over the year their creation spans, with the SLA
# clocks to match (Benchmarks/events.sql), loaded straight into PostgreSQL. Then the reads people
# and followers make all day are timed over HTTP, REPEAT requests each on varying tasks and
# cursors: lists by team and state and by assignee (first page and a deep `after=` page), a task,
# its history, the event log from an old cursor, the breaches, and the SLA and flow reports. Prints
# p50/p99 per case against its target (lists and single reads under 20 ms, reports under 1 s),
# the plan PostgreSQL ran for each (auto_explain, one extra request), and flags a Seq Scan on a
# large table. It asserts nothing. See "Data at scale" in README.md.
#
#   bash Benchmarks/data-scale.sh
#   BENCH_TASKS=100000 BENCH_EVENTS=1000000 BENCH_OPSLINE=.build/debug/opsline bash Benchmarks/data-scale.sh
#
# Settings (environment):
#   BENCH_TASKS     tasks to load (1000000), one every 30 s: 20% open, 10 teams, 200 people
#   BENCH_EVENTS    events to load, about (10000000); at least 9.4 a task (the tasks' lives)
#   BENCH_REPEAT    timed requests per list or read case (100); reports: BENCH_REPORT_REPEAT (20)
#   BENCH_SLICES    slices the history is written in, each in time order (20)
#   BENCH_DATA      a folder to keep the loaded cluster in, and to reuse it from when it holds one
#                   (the load takes minutes); default: a fresh one, removed at the end
#   BENCH_SCRATCH   build folder (.build-bench); BENCH_OPSLINE: an opsline binary to use instead
#   PG_BIN          (/usr/lib/postgresql/15/bin)
set -euo pipefail
cd "$(dirname "$0")/.."

TASKS=${BENCH_TASKS:-1000000}
EVENTS=${BENCH_EVENTS:-10000000}
REPEAT=${BENCH_REPEAT:-100}
REPORT_REPEAT=${BENCH_REPORT_REPEAT:-20}
SLICES=${BENCH_SLICES:-20}
SCRATCH=${BENCH_SCRATCH:-.build-bench}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TOKEN=bench

log() { echo "data-scale.sh: $(date +%T) $*" >&2; }
# shellcheck source=Benchmarks/common.sh
source "$(dirname "$0")/common.sh"

start_single data-scale

# The tasks (Benchmarks/tasks.sql, without its events), then their history slice by slice
# (Benchmarks/events.sql), the events' secondary indexes built once at the end. Sets LOAD_S.
load_history() {
    local started=$SECONDS comments indexes slice
    load_tasks "$TASKS" -v skip_events=1
    comments=$(awk -v e="$EVENTS" -v n="$TASKS" 'BEGIN { c = e / n - 9.4; printf "%.3f", c < 0 ? 0 : c }')
    indexes=$(psql_value "SELECT string_agg(indexdef, E';\n') FROM pg_indexes
        WHERE tablename = 'events' AND indexname <> 'events_pkey'")
    psql_run -c "$(psql_value "SELECT string_agg('DROP INDEX ' || indexname, '; ') FROM pg_indexes
        WHERE tablename = 'events' AND indexname <> 'events_pkey'")"
    for slice in $(seq 0 $((SLICES - 1))); do
        log "history of tasks $((slice * TASKS / SLICES + 1)) to $(((slice + 1) * TASKS / SLICES)) ($((slice + 1)) of $SLICES)"
        psql_run -v lo=$((slice * TASKS / SLICES + 1)) -v hi=$(((slice + 1) * TASKS / SLICES + 1)) \
            -v comments="$comments" -f Benchmarks/events.sql
    done
    log "building the events' indexes"
    psql_run -c "SET maintenance_work_mem = '512MB'; $indexes"
    log "projecting the flow report's stretches"
    psql_run -f Benchmarks/flow-stretches.sql
    psql_run -c "VACUUM ANALYZE events" -c "VACUUM ANALYZE sla_clocks" -c "VACUUM ANALYZE flow_stretches" \
        -c "CHECKPOINT"
    LOAD_S=$((SECONDS - started))
    log "loaded in $LOAD_S s"
}

# 1. The embedded cluster, initialised by a first start of the server, then started by hand with
#    auto_explain loaded but silent (it is switched on for one request per case, so that its
#    timing does not weigh on the measured ones), and room for the load's WAL; then the data
#    (or a cluster loaded before, BENCH_DATA).
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
if [[ -n ${BENCH_DATA:-} ]]; then
    mkdir -p "$BENCH_DATA"
    DATA=$(cd "$BENCH_DATA" && pwd)
    PGDATA_DIR=$DATA/pgdata
    CONNINFO="host=$DATA/run port=5432 user=opsline dbname=opsline"
fi
PGLOG=$DATA/postgres.log
if [[ -f $DATA/loaded ]]; then
    log "reusing the cluster loaded in $DATA"
    cluster_user "$PG_BIN/pg_ctl" start -w -D "$PGDATA_DIR" -l "$PGLOG" \
        -o "$AUTO_EXPLAIN_LOADED -c max_wal_size=8GB" >/dev/null
    LOAD_S=$(cat "$DATA/loaded")
else
    log "initialising the embedded PostgreSQL in $DATA"
    bootstrap_cluster "$DATA" workflows "$AUTO_EXPLAIN_LOADED -c max_wal_size=8GB" "$WORK/server-init.log"
    load_history
    echo "$LOAD_S" >"$DATA/loaded"
fi
SIZES=$(psql_value "SELECT format('%s events (%s, indexes %s), %s SLA clocks (%s breached), tasks table %s',
    (SELECT count(*) FROM events), pg_size_pretty(pg_relation_size('events')), pg_size_pretty(pg_indexes_size('events')),
    (SELECT count(*) FROM sla_clocks), (SELECT count(*) FROM sla_clocks WHERE breached_at IS NOT NULL),
    pg_size_pretty(pg_relation_size('tasks')))")
log "$SIZES"

# 2. The server on that cluster (JSON log: the access log's duration_ms is the server's time for
#    each request, from its arrival to the last byte of the answer), and a dashboard session.
OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve --listen "127.0.0.1:$PORT" --database-url "$CONNINFO" \
    --workflows workflows --log-format json >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_ready "$BASE" "$SERVER_PID"
# A cluster loaded before the flow report's projection existed is projected by the server on
# start, in the background: measured once it has caught up (the time is the upgrade's cost).
LAST_SEQ=$(psql_value "SELECT max(seq) FROM events")
PROJECTING_SINCE=$SECONDS
while (($(psql_value "SELECT through_seq FROM flow_projection") < LAST_SEQ)); do sleep 2; done
if ((SECONDS - PROJECTING_SINCE > 2)); then
    log "the server projected the flow report's stretches in $((SECONDS - PROJECTING_SINCE)) s"
    psql_run -c "VACUUM ANALYZE flow_stretches"
fi
sign_in "$WORK/jar" "token=$TOKEN"
SESSION=$(awk '$6 == "opsline_session" { print $6 "=" $7 }' "$WORK/jar")

# Task numbers: `open_task` a random open one, `deep_task TEAM|PERSON` one deep in a list (the
# second half of the tasks), in the shapes of tasks.sql: task i is open when i / 10 % 5 = 0, of
# team-(i % 10), assigned (when i / 50 % 10 >= 3) to person-(i % 10 * 20 + i / 500 % 20).
random_below() { echo $(((RANDOM * 32768 + RANDOM) % $1)); }
DEEP=$((TASKS / 2 / 10000 * 10000)) # deep: from here to 90% of the tasks
DEEP_SPAN=$((TASKS * 9 / 10 - DEEP))
open_task() { echo $((50 + 50 * $(random_below $((TASKS / 50 - 1))) + RANDOM % 10)); }
deep_open_of_team() { echo $((DEEP + 50 * $(random_below $((DEEP_SPAN / 50))) + $1)); }
deep_closed_of_team() { echo $((DEEP + 50 * $(random_below $((DEEP_SPAN / 50))) + 10 + $1)); }
deep_open_of_person() { # $1: the person's number
    echo $((DEEP + 10000 * $(random_below $((DEEP_SPAN / 10000 + 1))) + 500 * ($1 % 20) + 50 * (3 + RANDOM % 7) + $1 / 20))
}
MONTH_AGO=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
WEEK_AGO=$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ)
OLD_SEQS=$(psql_value "SELECT max(seq) / 10 FROM events")

# Times one case: the paths, one a line, each requested in turn over one keep-alive connection
# (Benchmarks/timer.py; $4 > 0: only the first $4 lines read, an endless stream's first page);
# then the last path once more with auto_explain on, for its plans.
ROWS=()
measure() { # $1: label, $2: target ms, $3: the paths, $4: lines to read (0: all), $5: authorization
    local label=$1 target=$2 paths=$3 max_lines=${4:-0} authorization=${5:-$TOKEN} mark times
    mark=$(wc -c <"$WORK/server.log")
    times=$(python3 Benchmarks/timer.py "127.0.0.1:$PORT" "$authorization" "$max_lines" <<<"$paths")
    if awk '$1 !~ /^2/ { bad = 1 } END { exit !bad }' <<<"$times"; then
        log "$label: $(awk '$1 !~ /^2/' <<<"$times" | head -1)"
        exit 1
    fi
    local server client lines
    server=$(tail -c +"$((mark + 1))" "$WORK/server.log" | grep '"request"' |
        sed -nE 's/.*"duration_ms":"?([0-9.]+).*/\1/p' | percentiles)
    client=$(awk '{ print $2 }' <<<"$times" | percentiles)
    lines=$(awk '{ s += $3 } END { printf "%.0f", s / NR }' <<<"$times")
    # The plans of the last path, and what they scan.
    mark=$(wc -c <"$PGLOG")
    auto_explain 0
    python3 Benchmarks/timer.py "127.0.0.1:$PORT" "$authorization" "$max_lines" <<<"$(tail -n 1 <<<"$paths")" >/dev/null
    auto_explain -1
    local plans scans seq_scans met
    plans=$(logged_plans "$PGLOG" "$mark")
    scans=$(grep -oE '(Parallel )?(Seq Scan|Index Only Scan|Index Scan( Backward)?|Bitmap Index Scan) (using [a-z_0-9]+ )?on [a-z_0-9]+' \
        <<<"$plans" | sed -E 's/ Backward//; s/^(Parallel )?(Index Only Scan|Index Scan|Bitmap Index Scan) using ([a-z_0-9]+) on .*/\3/; s/^Bitmap Index Scan on //; s/^(Parallel )?Seq Scan on /seq:/' |
        awk '!seen[$0]++' | paste -sd, - || true)
    seq_scans=$(grep -oE 'Seq Scan on (tasks|events|sla_clocks)\b' <<<"$plans" | sort -u | paste -sd, - || true)
    local s50 s99 c50 c99 judged
    read -r s50 s99 <<<"$server"
    read -r c50 c99 <<<"$client"
    # A stream read in part goes on after the client left: the server's time is not its page's.
    if ((max_lines > 0)); then s50=- s99=- judged=$c99; else judged=$s99; fi
    met=$(awk -v p="$judged" -v t="$target" -v s="$seq_scans" 'BEGIN { print (p < t && s == "") ? "yes" : "NO" }')
    ROWS+=("$(printf '%-46s %8s %8s %8s %8s %6s %7s %-4s %s' "$label" "$s50" "$s99" "$c50" "$c99" "$lines" "< $target" "$met" "${scans:-none}")")
    { echo "=== $label: $(tail -n 1 <<<"$paths")"; [[ -z $seq_scans ]] || echo "SEQ SCAN of a large table: $seq_scans"; awk 'NR <= 120' <<<"$plans"; echo; } >>"$WORK/plans.txt"
}
percentiles() { # numbers on stdin → "p50 p99" (nearest rank), one decimal
    sort -n | awk '{ a[NR] = $1 } END { i = int(NR * 0.99); if (i < NR * 0.99) i++; printf "%.1f %.1f", a[int((NR + 1) / 2)], a[i] }'
}
auto_explain() { # $1: auto_explain.log_min_duration (0: every statement's plan, -1: none)
    psql_run -c "ALTER SYSTEM SET auto_explain.log_min_duration = $1" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 0.5
}
paths() { # $1: how many, then a command printing one path (run once per path)
    local count=$1
    shift
    for _ in $(seq "$count"); do "$@"; done
}
team_state_path() { # $1: state, $2: a function naming a task of a team deep in its list ("": first page)
    local team=$((RANDOM % 10)) after=""
    [[ -z ${2:-} ]] || after="&after=CMP-$($2 "$team")"
    echo "/v1/tasks?team=team-$team&state=$1&limit=50$after"
}
assignee_path() { # $1: "deep" for a page deep in the person's list
    local person=$((RANDOM % 200)) after=""
    [[ -z ${1:-} ]] || after="&after=CMP-$(deep_open_of_person "$person")"
    echo "/v1/tasks?assignee=person-$person&open=true&limit=50$after"
}
task_path() { echo "$1$(${3:-open_task})$2"; } # $1, $2: what comes before and after the task id, $3: any_task
any_task() { echo $((1 + $(random_below "$TASKS"))); }
events_path() { # $1: "team" to read one team's events; a page of 500, as a client catching up reads
    local team=""
    [[ -z ${1:-} ]] || team="&team=team-$((RANDOM % 10))"
    echo "/v1/events?since=$(random_below "$OLD_SEQS")$team&limit=500"
}
random_team() { echo "$1$((RANDOM % 10))$2"; } # $1, $2: what comes before and after the team's number

log "timing ($REPEAT requests a list or read, $REPORT_REPEAT a report)"
LOAD_AVERAGE=$(cut -d' ' -f1-3 /proc/loadavg)
measure "tasks team+state (open), first 50" 20 "$(paths "$REPEAT" team_state_path investigating)"
measure "tasks team+state (open), 50 after= deep" 20 "$(paths "$REPEAT" team_state_path investigating deep_open_of_team)"
measure "tasks team+state (closed), first 50" 20 "$(paths "$REPEAT" team_state_path closed)"
measure "tasks team+state (closed), 50 after= deep" 20 "$(paths "$REPEAT" team_state_path closed deep_closed_of_team)"
measure "tasks assignee+open, first 50" 20 "$(paths "$REPEAT" assignee_path)"
measure "tasks assignee+open, 50 after= deep" 20 "$(paths "$REPEAT" assignee_path deep)"
measure "GET /v1/tasks/{id}" 20 "$(paths "$REPEAT" task_path /v1/tasks/CMP- "")"
measure "task page /ui/tasks/{id}" 20 "$(paths "$REPEAT" task_path /ui/tasks/CMP- "")" 0 "cookie:$SESSION"
measure "GET /v1/tasks/{id}/events" 20 "$(paths "$REPEAT" task_path /v1/tasks/CMP- /events any_task)"
measure "events since= an old cursor, limit=500" 20 "$(paths "$REPEAT" events_path "")"
measure "events since= old, team=, limit=500" 20 "$(paths "$REPEAT" events_path team)"
measure "GET /v1/sla/breaches, 100" 20 "$(paths "$REPEAT" echo "/v1/sla/breaches?limit=100")"
measure "GET /v1/sla/breaches team=, 100" 20 "$(paths "$REPEAT" random_team "/v1/sla/breaches?team=team-" "&limit=100")"
measure "reports/sla by team,policy, 30 days" 1000 \
    "$(paths "$REPORT_REPEAT" echo "/v1/reports/sla?by=team,policy&from=$MONTH_AGO")"
measure "reports/flow, 7 days" 1000 \
    "$(paths "$REPORT_REPEAT" echo "/v1/reports/flow?workflow=complaint-escalation&from=$WEEK_AGO")"
measure "reports/flow, 30 days" 1000 \
    "$(paths "$REPORT_REPEAT" echo "/v1/reports/flow?workflow=complaint-escalation&from=$MONTH_AGO")"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "Opsline at data scale: $TASKS tasks, $SIZES; loaded in $LOAD_S s"
echo "Machine: $(nproc) CPUs; load average $LOAD_AVERAGE before the timed requests, $LOAD_AFTER after"
echo "ms: the server's time (access log duration_ms: arrival to last byte) and the client's (Benchmarks/timer.py,"
echo "one keep-alive connection, request sent to last line read); p99 of $REPEAT requests ($REPORT_REPEAT for reports)."
echo "met: server p99 under the target and no Seq Scan on tasks, events or sla_clocks."
printf '%-46s %8s %8s %8s %8s %6s %7s %-4s %s\n' "" server server client client "" "" "" ""
printf '%-46s %8s %8s %8s %8s %6s %7s %-4s %s\n' case p50 p99 p50 p99 lines target met "scans (auto_explain)"
printf '%s\n' "${ROWS[@]}"
echo
echo "Plans (auto_explain, one more request of each case):"
cat "$WORK/plans.txt"
