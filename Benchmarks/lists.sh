#!/usr/bin/env bash
# Opsline task lists at scale: N tasks (1,000,000 by default) loaded straight into PostgreSQL, then
# the lists people use timed over HTTP — the default list, a team's open tasks most urgent first,
# search (`q=`) for rare and common words, `assignee=me`, `POST /v1/tasks/next` and the workload
# report — each with the plan PostgreSQL ran for it (auto_explain). Prints figures; it is not a
# test and asserts nothing. See "Task lists at scale" in README.md.
#
#   bash Benchmarks/lists.sh
#   BENCH_TASKS=100000 BENCH_OPSLINE=.build/debug/opsline bash Benchmarks/lists.sh
#
# Settings (environment):
#   BENCH_TASKS     tasks to load (1000000); 20% open, 10 teams, 200 people
#   BENCH_REPEAT    timed requests per case; the median and the slowest are printed (5)
#   BENCH_SCRATCH   build folder (.build-bench); BENCH_OPSLINE: an opsline binary to use instead
#   PG_BIN          (/usr/lib/postgresql/15/bin)
set -euo pipefail
cd "$(dirname "$0")/.."

TASKS=${BENCH_TASKS:-1000000}
REPEAT=${BENCH_REPEAT:-5}
SCRATCH=${BENCH_SCRATCH:-.build-bench}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TOKEN=bench

log() { echo "lists.sh: $(date +%T) $*" >&2; }
# shellcheck source=Benchmarks/common.sh
source "$(dirname "$0")/common.sh"

start_single lists

# 1. The embedded cluster, initialised by a first start of the server, then started by hand with
#    auto_explain, which logs the plan of every statement the server runs; the server connects
#    to it with --database-url.
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
PGLOG=$DATA/postgres.log
log "initialising the embedded PostgreSQL in $DATA"
bootstrap_cluster "$DATA" workflows "$AUTO_EXPLAIN" "$WORK/server-init.log"

# 2. The tasks, in the shapes people's lists meet (Benchmarks/tasks.sql).
load_tasks "$TASKS"
INDEX_START=$(date +%s.%N)
psql_run -c "REINDEX INDEX tasks_search"
INDEX_S=$(awk -v s="$INDEX_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
SEARCH_SIZE=$(psql_value "SELECT pg_size_pretty(pg_relation_size('tasks_search'))")
TABLE_SIZE=$(psql_value "SELECT pg_size_pretty(pg_relation_size('tasks'))")

# 3. The server on that cluster, and a member of team-3 called person-63.
OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve --listen "127.0.0.1:$PORT" --database-url "$CONNINFO" \
    --workflows workflows >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_ready "$BASE" "$SERVER_PID"
MEMBER=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
    -d '{"user":"person-63"}' "$BASE/v1/tokens" |
    sed -E 's/.*"secret":"([^"]+)".*/\1/')

# Times one request REPEAT times; prints the median and the slowest, the lines answered, and the
# plan of the slowest statement PostgreSQL ran for the last repetition.
ROWS=()
measure() { # $1: label, $2: method, $3: path and query, $4: token
    local label=$1 method=$2 uri=$3 token=$4 times=() lines=0 mark
    for _ in $(seq "$REPEAT"); do
        mark=$(wc -c <"$PGLOG")
        local out
        out=$(curl -sS -o "$WORK/answer" -w '%{http_code} %{time_total}' -X "$method" \
            -H "Authorization: Bearer $token" "$BASE$uri")
        times+=("${out#* }")
        lines=$(wc -l <"$WORK/answer")
        [[ ${out%% *} == 2* ]] || { log "$label: HTTP ${out%% *}: $(head -c 300 "$WORK/answer")"; exit 1; }
    done
    local median slowest
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] * 1000 }')
    slowest=$(printf '%s\n' "${times[@]}" | sort -n | tail -1 | awk '{ printf "%.1f", $1 * 1000 }')
    ROWS+=("$(printf '%-58s %9s %9s %6s' "$label" "$median" "$slowest" "$lines")")
    {
        echo "=== $label: $method $uri"
        logged_plans "$PGLOG" "$mark" | awk 'NR <= 150'
        echo
    } >>"$WORK/plans.txt"
}

log "timing the lists ($REPEAT requests each)"
measure "default list, first 50 (oldest first)" GET "/v1/tasks?limit=50" "$TOKEN"
measure "default list, 50 after the 500,000th task" GET "/v1/tasks?limit=50&after=CMP-$((TASKS / 2))" "$TOKEN"
measure "q= rare word (10 tasks)" GET "/v1/tasks?q=zebraflux" "$TOKEN"
measure "q= 0.1% word, first 50" GET "/v1/tasks?q=printer&limit=50" "$TOKEN"
measure "q= 1% word, first 50" GET "/v1/tasks?q=refund&limit=50" "$TOKEN"
measure "q= 30% word (a field), first 50" GET "/v1/tasks?q=acme&limit=50" "$TOKEN"
measure "q= two words, first 50" GET "/v1/tasks?q=refund%20acme&limit=50" "$TOKEN"
measure "field.severity=p1&open=true, first 50" GET "/v1/tasks?field.severity=p1&open=true&limit=50" "$TOKEN"
measure "a member's default: team open, sort=due, 50, count" GET "/v1/tasks?open=true&sort=due&limit=50&count=true" "$MEMBER"
measure "assignee=me&open=true&sort=due (opsline mine)" GET "/v1/tasks?assignee=me&open=true&sort=due" "$MEMBER"
measure "team-3 unassigned open, sort=priority, 50" GET "/v1/tasks?team=team-3&unassigned=true&open=true&sort=priority&limit=50" "$TOKEN"
measure "workload report of team-3" GET "/v1/reports/workload?team=team-3" "$TOKEN"
measure "workload report of every team (admin)" GET "/v1/reports/workload" "$TOKEN"
measure "POST /v1/tasks/next (person-63 of team-3)" POST "/v1/tasks/next" "$MEMBER"

echo
echo "Task lists at scale: $TASKS tasks ($((TASKS / 5)) open), tasks table $TABLE_SIZE, tasks_search index $SEARCH_SIZE"
echo "building tasks_search over them: ${INDEX_S} s"
printf '%-58s %9s %9s %6s\n' "request (HTTP, $REPEAT each)" "median ms" "max ms" "lines"
printf '%s\n' "${ROWS[@]}"
echo
echo "Plans (auto_explain, last repetition of each request):"
cat "$WORK/plans.txt"
