#!/usr/bin/env bash
# The dashboard at scale: N tasks (100,000 by default, Benchmarks/tasks.sql) loaded straight into
# PostgreSQL, then each page of /ui fetched REPEAT times, signed in as an admin (every team) and as
# a member of one team, reading the server's own time for each (`Server-Timing: app;dur=…`, from
# the request's arrival to its response) beside curl's total. Prints figures (median and slowest,
# in ms) and asserts nothing; the aim is a server time under 200 ms for every page. See "The
# dashboard at scale" in README.md.
#
#   bash Benchmarks/dashboard.sh
#   BENCH_TASKS=20000 BENCH_OPSLINE=.build/debug/opsline bash Benchmarks/dashboard.sh
#
# Settings (environment):
#   BENCH_TASKS     tasks to load (100000); 20% open, 10 teams, 200 people
#   BENCH_REPEAT    requests per page (7)
#   BENCH_SCRATCH   build folder (.build-bench); BENCH_OPSLINE: an opsline binary to use instead
#   PG_BIN          (/usr/lib/postgresql/15/bin)
set -euo pipefail
cd "$(dirname "$0")/.."

TASKS=${BENCH_TASKS:-100000}
REPEAT=${BENCH_REPEAT:-7}
SCRATCH=${BENCH_SCRATCH:-.build-bench}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TOKEN=bench
PASSWORD="bench password for person-63"

log() { echo "dashboard.sh: $(date +%T) $*" >&2; }
# shellcheck source=Benchmarks/common.sh
source "$(dirname "$0")/common.sh"

start_single dashboard

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
log "initialising the embedded PostgreSQL in $DATA"
bootstrap_cluster "$DATA" workflows "" "$WORK/server-init.log"
load_tasks "$TASKS"

OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve --listen "127.0.0.1:$PORT" --database-url "$CONNINFO" \
    --workflows workflows >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_ready "$BASE" "$SERVER_PID"
printf '%s\n' "$PASSWORD" | OPSLINE_URL=$BASE OPSLINE_TOKEN=$TOKEN "$OPSLINE" user passwd person-63 >/dev/null

sign_in "$WORK/admin.jar" "token=$TOKEN"
sign_in "$WORK/member.jar" "user=person-63" "password=$PASSWORD"

ROWS=()
measure() { # $1: label, $2: cookie jar, $3: path and query
    local label=$1 jar=$2 uri=$3 server=() total=() status bytes
    for _ in $(seq "$REPEAT"); do
        local out
        out=$(curl -sS -o "$WORK/page.html" -D "$WORK/headers" -b "$jar" -w '%{http_code} %{time_total} %{size_download}' \
            "$BASE$uri")
        status=${out%% *}
        [[ $status == 200 ]] || { log "$label: HTTP $status: $(head -c 300 "$WORK/page.html")"; exit 1; }
        server+=("$(sed -nE 's/^Server-Timing: app;dur=([0-9.]+).*/\1/ip' "$WORK/headers")")
        total+=("$(echo "$out" | awk '{ printf "%.3f", $2 * 1000 }')")
        bytes=${out##* }
    done
    local stats
    stats=$(printf '%s\n' "${server[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%9.1f %9.1f", a[int((NR + 1) / 2)], a[NR] }')
    stats+=$(printf '%s\n' "${total[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf " %9.1f", a[int((NR + 1) / 2)] }')
    ROWS+=("$(printf '%-52s %s %8s' "$label" "$stats" "$((bytes / 1024)) KiB")")
}

MID=$((TASKS / 2 - TASKS / 2 % 10))  # an open task (every tenth in five is open)
log "timing the pages ($REPEAT requests each)"
measure "overview, admin (every team)" "$WORK/admin.jar" "/ui/"
measure "overview, member of team-3" "$WORK/member.jar" "/ui/"
measure "workflows index" "$WORK/admin.jar" "/ui/workflows"
measure "queue, admin, first page" "$WORK/admin.jar" "/ui/queues/complaint-escalation"
measure "queue, member, open, sort=due" "$WORK/member.jar" "/ui/queues/complaint-escalation?open=true&sort=due"
measure "queue, admin, breached" "$WORK/admin.jar" "/ui/queues/complaint-escalation?breached=true"
measure "queue, admin, q=refund" "$WORK/admin.jar" "/ui/queues/complaint-escalation?q=refund"
measure "task page (open, with history)" "$WORK/admin.jar" "/ui/tasks/CMP-$MID"
measure "workload, admin (every team)" "$WORK/admin.jar" "/ui/workload"
measure "workload, member of team-3" "$WORK/member.jar" "/ui/workload"
measure "workflow page (diagram)" "$WORK/admin.jar" "/ui/workflows/complaint-escalation"

echo
echo "The dashboard at scale: $TASKS tasks ($((TASKS / 5)) open), $REPEAT requests per page"
printf '%-52s %9s %9s %9s %8s\n' "page" "server ms" "max ms" "total ms" "size"
printf '%-52s %9s %9s %9s %8s\n' "" "(median)" "" "(median)" ""
printf '%s\n' "${ROWS[@]}"
