# shellcheck shell=bash
# What the benchmark scripts share. Source it after defining `log`, `SCRATCH` and `PG_BIN`.

cluster_user() { # runs a PostgreSQL server program as the user that owns the cluster
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

require_pg_programs() { # $@: programs that must be in $PG_BIN
    local program
    for program in "$@"; do
        [[ -x $PG_BIN/$program ]] || { log "$PG_BIN/$program not found (set PG_BIN)"; exit 1; }
    done
}

build_opsline() { # sets OPSLINE: $BENCH_OPSLINE, else a release build in $SCRATCH
    if [[ -n ${BENCH_OPSLINE:-} ]]; then
        OPSLINE=$BENCH_OPSLINE
    else
        log "building release opsline in $SCRATCH (takes minutes the first time)"
        swift build -c release --scratch-path "$SCRATCH" --product opsline
        OPSLINE=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/opsline
    fi
}

free_port() {
    local candidate
    for _ in $(seq 100); do
        candidate=$((20000 + RANDOM % 40000))
        if [[ -z $(ss -Htln "sport = :$candidate") ]]; then echo "$candidate"; return; fi
    done
    log "no free port found"
    exit 1
}

wait_ready() { # $1: base URL, $2: the server's pid
    for attempt in $(seq 240); do
        if curl -fsS -o /dev/null "$1/readyz" 2>/dev/null; then return; fi
        kill -0 "$2" 2>/dev/null || { log "the server exited during start-up"; exit 1; }
        [[ $attempt == 240 ]] && { log "the server was not ready after 120 s"; exit 1; }
        sleep 0.5
    done
}

bootstrap_cluster() { # $1: data folder, $2: workflows folder, $3: postgres `-o` options, $4: the server's log
    # The first start of `opsline serve` initialises the embedded cluster, migrates and publishes;
    # the server stops (it stops the cluster it owns) and the cluster is started again by hand
    # with the options, for servers that connect with --database-url.
    local port pid
    port=$(free_port)
    OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve --listen "127.0.0.1:$port" --data-dir "$1" \
        --workflows "$2" >"$4" 2>&1 &
    pid=$!
    wait_ready "http://127.0.0.1:$port" "$pid"
    kill -TERM "$pid"
    for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    cluster_user "$PG_BIN/pg_ctl" start -w -D "$1/pgdata" -l "$1/postgres.log" -o "$3" >/dev/null
}

write_bench_workflow() { # $1: folder, $2: workflow name, $3: task key, $4: the SLA's target in seconds
    # A workflow with one SLA clock, `response`, on the 24x7 calendar; the benchmarks load its
    # tasks and clocks straight into the tables.
    mkdir -p "$1"
    cat >"$1/$2.yaml" <<YAML
workflow: $2
key: $3
team: ops
calendar: 24x7
states:
  open: {initial: true}
  done: {final: true}
transitions:
  finish: {from: open, to: done}
slas:
  response:
    start: created
    stop: {enter: [done]}
    target: ${4}s
YAML
}

# Signs in to the dashboard of the server at $BASE, keeping the session in a cookie jar.
sign_in() { # $1: cookie jar, then the form's fields (user=… password=… or token=…)
    local jar=$1 csrf
    shift
    csrf=$(curl -fsS -c "$jar" "$BASE/ui/login" | sed -nE 's/.*name="csrf" value="([0-9a-f]+)".*/\1/p' | head -1)
    local fields=(--data-urlencode "csrf=$csrf")
    for field in "$@"; do fields+=(--data-urlencode "$field"); done
    curl -fsS -o /dev/null -b "$jar" -c "$jar" "${fields[@]}" "$BASE/ui/login"
    grep -q opsline_session "$jar" || { log "signing in with $1 failed"; exit 1; }
}
# The options that make PostgreSQL log the plan of every statement (auto_explain), for
# `bootstrap_cluster`; a benchmark reads them from the cluster's log. AUTO_EXPLAIN_LOADED loads
# it silent, to be switched on by ALTER SYSTEM (a command-line setting would win over that).
AUTO_EXPLAIN_LOADED="-c shared_preload_libraries=auto_explain -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_nested_statements=on"
# shellcheck disable=SC2034 # for the scripts that source this
AUTO_EXPLAIN="$AUTO_EXPLAIN_LOADED -c auto_explain.log_min_duration=0"

# The plans auto_explain logged in PostgreSQL log $1 after its first $2 bytes: each statement's
# duration line, then its plan's node lines (not the query text).
logged_plans() { # $1: the cluster's log, $2: its size before the statements ran
    tail -c +"$(($2 + 1))" "$1" | awk '
        /duration: [0-9.]+ ms  plan:/ { sub(/^.*duration:/, "duration:"); print; inplan = 1; next }
        inplan && /^\t/ {
            if ($0 ~ /cost=|actual time|Cond:|Filter:|Sort Key|Sort Method|Buffers:|Rows Removed|InitPlan|SubPlan|Heap Blocks/) print
            next
        }
        { inplan = 0 }'
}

load_tasks() { # $1: how many tasks (Benchmarks/tasks.sql), then psql options (-v …), with `psql_run` defined; analyses after
    local started=$SECONDS
    log "loading $1 tasks"
    psql_run -v n="$1" "${@:2}" -f "$(dirname "${BASH_SOURCE[0]}")/tasks.sql"
    log "loaded in $((SECONDS - started)) s; analysing"
    psql_run -c "VACUUM ANALYZE tasks" -c "VACUUM ANALYZE sla_clocks" -c "VACUUM ANALYZE events"
}

# One server and one cluster, for benchmarks that run a single server (`SERVER_PID`, `PGDATA_DIR`,
# `WORK`): `start_single NAME` sets them up with `trap cleanup_single EXIT`, which stops both and
# removes the work folder, showing the server's last log lines when the run failed.
start_single() { # $1: the benchmark's name; sets WORK, DATA, PGDATA_DIR, CONNINFO, OPSLINE, psql_run, psql_value
    WORK=""
    SERVER_PID=""
    PGDATA_DIR=""
    trap cleanup_single EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    require_pg_programs psql pg_ctl
    build_opsline
    WORK=$(mktemp -d "/tmp/opsline-$1.XXXXXX")
    chmod 755 "$WORK"
    DATA=$WORK/data
    PGDATA_DIR=$DATA/pgdata
    CONNINFO="host=$DATA/run port=5432 user=opsline dbname=opsline"
}
psql_run() { "$PG_BIN/psql" "$CONNINFO" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_value() { "$PG_BIN/psql" "$CONNINFO" -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }

stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 120); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

cleanup_single() {
    local status=$?
    trap - EXIT INT TERM
    stop_server
    if [[ -n $PGDATA_DIR && -f $PGDATA_DIR/postmaster.pid ]]; then
        cluster_user "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w >/dev/null 2>&1 || true
    fi
    if [[ -n $WORK ]]; then
        if [[ $status != 0 && $status != 130 && $status != 143 && -f $WORK/server.log ]]; then
            log "last lines of the server log:"
            tail -n 20 "$WORK/server.log" >&2 || true
        fi
        rm -rf "$WORK"
    fi
    exit "$status"
}
