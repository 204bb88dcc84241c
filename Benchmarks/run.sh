#!/usr/bin/env bash
# Opsline throughput benchmark: durable task transitions over HTTP, next to pgbench on the same
# embedded PostgreSQL replaying the server's SQL (the replay) and running the least SQL a durable
# transition needs (the limit). See "## Performance" in README.md.
#
#   bash Benchmarks/run.sh
#
# Settings (environment): BENCH_CLIENTS (8), BENCH_TASKS_PER_CLIENT (200), BENCH_BATCH (100),
# BENCH_WARMUP (3 s a round), BENCH_DURATION (20 s measured a phase), BENCH_ROUNDS (4),
# BENCH_SCRATCH (.build-bench), PG_BIN, BENCH_OPSLINE (a given opsline binary instead of a release
# build, to compare two builds).
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${BENCH_CLIENTS:-8}
TASKS_PER_CLIENT=${BENCH_TASKS_PER_CLIENT:-200}
BATCH=${BENCH_BATCH:-100}
WARMUP=${BENCH_WARMUP:-3}
DURATION=${BENCH_DURATION:-20}
ROUNDS=${BENCH_ROUNDS:-4}
SCRATCH=${BENCH_SCRATCH:-.build-bench}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
TOKEN=bench
TASKS=$((CLIENTS * TASKS_PER_CLIENT))

log() { echo "run.sh: $*" >&2; }
# shellcheck source=Benchmarks/common.sh
source "$(dirname "$0")/common.sh"

WORK=""
SERVER_PID=""
CHILD_PID=""

# Runs a long step in the background and waits for it, so that a signal to this script is
# handled at once (the trap stops the step) rather than after the step ends.
step() {
    "$@" &
    CHILD_PID=$!
    wait "$CHILD_PID"
    CHILD_PID=""
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n $CHILD_PID ]]; then kill -TERM "$CHILD_PID" 2>/dev/null || true; wait "$CHILD_PID" 2>/dev/null || true; fi
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping the server (SIGTERM; it stops its PostgreSQL)"
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 120); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n $WORK ]]; then
        if [[ -f $WORK/data/pgdata/postmaster.pid ]]; then
            log "PostgreSQL still running; stopping it"
            cluster_user "$PG_BIN/pg_ctl" stop -D "$WORK/data/pgdata" -m fast -w >/dev/null 2>&1 || true
        fi
        if [[ $status != 0 && $status != 130 && $status != 143 && -f $WORK/server.log ]]; then
            log "last lines of the server log:"
            tail -n 20 "$WORK/server.log" >&2 || true
        fi
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_pg_programs pgbench psql pg_ctl

# 1. Release builds, in a scratch folder of our own.
log "building release opsline and opsline-bench in $SCRATCH (takes minutes the first time)"
[[ -n ${BENCH_OPSLINE:-} ]] || swift build -c release --scratch-path "$SCRATCH" --product opsline
swift build -c release --scratch-path "$SCRATCH" --product opsline-bench
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
OPSLINE=${BENCH_OPSLINE:-$BIN/opsline}

# A fresh data folder the postgres user can reach (the cluster runs as postgres under root).
WORK=$(mktemp -d /tmp/opsline-bench.XXXXXX)
chmod 755 "$WORK"
DATA=$WORK/data
CONNINFO="host=$DATA/run port=5432 user=opsline dbname=opsline"

PORT=""
for _ in $(seq 100); do
    candidate=$((20000 + RANDOM % 40000))
    if [[ -z $(ss -Htln "sport = :$candidate") ]]; then PORT=$candidate; break; fi
done
[[ -n $PORT ]] || { log "no free port found"; exit 1; }
URL=http://127.0.0.1:$PORT

# The server gets a session of its own, so Ctrl-C reaches only this script, whose trap stops the
# server, which stops its PostgreSQL.
log "starting opsline serve on 127.0.0.1:$PORT, data in $DATA (embedded PostgreSQL, fsync on)"
OPSLINE_ADMIN_TOKEN=$TOKEN setsid "$OPSLINE" serve \
    --listen "127.0.0.1:$PORT" --data-dir "$DATA" --workflows workflows >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for attempt in $(seq 240); do
    if curl -fsS -o /dev/null "$URL/readyz" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server exited during start-up"; exit 1; }
    [[ $attempt == 240 ]] && { log "the server was not ready after 120 s"; exit 1; }
    sleep 0.5
done

# 2. Seed each client's complaints.
MACHINE="$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
step "$BIN/opsline-bench" seed --url "$URL" --token "$TOKEN" --clients "$CLIENTS" \
    --tasks-per-client "$TASKS_PER_CLIENT" --output "$WORK/owned.json"

# 3. pgbench's scripts, for the same cluster through its unix socket: the SQL of one durable
# transition.
psql_value() { "$PG_BIN/psql" "$CONNINFO" -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
seeded=$(psql_value "SELECT count(*) FROM tasks WHERE id IN (SELECT 'CMP-' || n FROM generate_series(1, $TASKS) n)")
[[ $seeded == "$TASKS" ]] || { log "expected tasks CMP-1…CMP-$TASKS, found $seeded"; exit 1; }
FIELDS=$(psql_value "SELECT fields::text FROM tasks WHERE id = 'CMP-1'")
FIELDS=${FIELDS//\'/\'\'}

# The replay, as TaskSQL / SLASQL / EventSQL / CommandTransaction run it: lock the row (its clocks
# come along), write it, save the clock it paused or resumed, and in one statement append the
# event(s) and notify. The workflow check happens in Swift, so here the new state is
# the CASE. Each pgbench client works on its own slice of the seeded tasks, as the HTTP clients do.
COLUMNS="id, workflow, workflow_version, state, title, priority, team, assignee, fields::text AS fields,
    parent, version, created_at, updated_at, closed_at,
    (SELECT coalesce(jsonb_agg(jsonb_build_object(
        'policy', c.policy, 'state', c.state, 'started_at', c.started_at, 'target_s', c.target_s,
        'worked_s', c.worked_s, 'running_since', c.running_since, 'warned_at', c.warned_at,
        'breached_at', c.breached_at, 'stopped_at', c.stopped_at, 'escalation_level', c.escalation_level)
        ORDER BY c.policy), '[]'::jsonb)
     FROM sla_clocks c WHERE c.task_id = tasks.id)::text AS sla"
# SLASQL.saveClocks: moving between investigating and waiting_on_customer pauses or resumes the
# complaint's resolution clock; a resumed clock gets its next step in due_work.
# LifecycleSQL: entering waiting_on_customer schedules its 7-day timer, leaving it cancels the
# timer.
# SLASQL.saveClocks's upsert of a clock, as the single and the batched replay write it.
CLOCK_ON_CONFLICT="ON CONFLICT (task_id, policy, cycle) DO UPDATE SET
        state = excluded.state, target_s = excluded.target_s, worked_s = excluded.worked_s,
        running_since = excluded.running_since, warned_at = excluded.warned_at,
        breached_at = excluded.breached_at, stopped_at = excluded.stopped_at,
        escalation_level = excluded.escalation_level, due_at = excluded.due_at"
save_clock() { # $1: the task-number variable, $2: the \gset prefix
    cat <<SQL
WITH changed AS (
    SELECT * FROM jsonb_to_recordset(CASE WHEN :${2}resumed = 1
        THEN '[{"policy":"resolution","state":"running","started_at":"2026-11-25T10:00:00Z","target_s":259200,"worked_s":60,"running_since":"2026-11-25T10:01:00Z","escalation_level":0,"due_at":"2099-11-28T10:00:00Z"}]'
        ELSE '[{"policy":"resolution","state":"paused","started_at":"2026-11-25T10:00:00Z","target_s":259200,"worked_s":60,"escalation_level":0}]' END::jsonb) AS c(
        policy text, state text, started_at timestamptz, target_s float8, worked_s float8,
        running_since timestamptz, warned_at timestamptz, breached_at timestamptz,
        stopped_at timestamptz, escalation_level integer, due_at timestamptz)
), saved AS (
    INSERT INTO sla_clocks AS s (task_id, policy, state, started_at, target_s, worked_s, running_since,
        warned_at, breached_at, stopped_at, escalation_level, due_at)
    SELECT 'CMP-' || :$1, policy, state, started_at, target_s, worked_s, running_since, warned_at, breached_at,
        stopped_at, escalation_level, due_at
    FROM changed
    $CLOCK_ON_CONFLICT
    RETURNING 1
), cleared AS (
    DELETE FROM due_work
    USING (SELECT 'CMP-' || :$1 AS task_id, policy FROM changed) c
    WHERE due_work.task_id = ANY (ARRAY(SELECT 'CMP-' || :$1))
        AND due_work.task_id = c.task_id AND kind = 'sla' AND payload ->> 'policy' = c.policy
    RETURNING 1
), scheduled AS (
    INSERT INTO due_work (kind, task_id, due_at, payload)
    SELECT 'sla', 'CMP-' || :$1, n.due_at, n.payload FROM jsonb_to_recordset(CASE WHEN :${2}resumed = 1
        THEN '[{"due_at":"2099-11-28T10:00:00Z","payload":{"policy":"resolution","step":"warning"}}]'
        ELSE '[]' END::jsonb) AS n(due_at timestamptz, payload jsonb)
    RETURNING 1
)
SELECT (SELECT count(*) FROM saved) AS saved;
SQL
    save_timer "$1" "$2"
}
save_timer() { # $1: the task-number variable, $2: the \gset prefix. LifecycleSQL's timer.
    cat <<SQL
\\if :${2}resumed
DELETE FROM due_work WHERE task_id = 'CMP-' || :$1 AND kind = 'timer';
\\else
INSERT INTO due_work (kind, task_id, due_at, payload)
VALUES ('timer', 'CMP-' || :$1, now() + make_interval(secs => 604800::double precision),
    '{"fire": "close_unanswered", "state": "waiting_on_customer"}'::jsonb);
\\endif
SQL
}
# Each move records two events: the transition, and the resolution clock it paused or resumed.
# Their data follows from where the task went (the \gset `resumed` flag), built in SQL from the
# flags, since a pgbench statement takes at most 255 variables and a batch has 100 moves.
MOVE_EVENTS="(VALUES
        (1, 'transitioned', CASE u.resumed WHEN 1
            THEN '{\"to\": \"investigating\", \"from\": \"waiting_on_customer\", \"transition\": \"customer_replied\"}'
            ELSE '{\"to\": \"waiting_on_customer\", \"from\": \"investigating\", \"transition\": \"ask_customer\"}' END),
        (2, CASE u.resumed WHEN 1 THEN 'sla_resumed' ELSE 'sla_paused' END, CASE u.resumed WHEN 1
            THEN '{\"state\": \"running\", \"due_at\": \"2026-12-05T05:00:00.000Z\", \"policy\": \"resolution\", \"target_s\": 259200}'
            ELSE '{\"state\": \"paused\", \"policy\": \"resolution\", \"target_s\": 259200}' END)
    ) AS e(k, type, data)"

# A batch's moves and clock saves, each one statement over all its tasks (TaskSQL.applyTransitions
# and SLASQL.saveClocks with the rows of every line merged). $1: task ids, $2: their resumed flags.
batch_writes() {
    cat <<SQL
UPDATE tasks SET state = CASE state WHEN 'investigating' THEN 'waiting_on_customer' ELSE 'investigating' END,
    fields = '$FIELDS'::jsonb, version = version + 1, updated_at = now(), closed_at = NULL
FROM unnest(ARRAY[$1]::text[]) AS u(id) WHERE tasks.id = u.id AND tasks.id = ANY (ARRAY[$1]::text[]);
WITH input AS (SELECT * FROM unnest(ARRAY[$1]::text[], ARRAY[$2]::int[]) AS u(task_id, resumed)),
changed AS (SELECT task_id, 'resolution'::text AS policy, CASE WHEN resumed = 1 THEN 'running' ELSE 'paused' END AS state,
    '2026-11-25T10:00:00Z'::timestamptz AS started_at, 259200::float8 AS target_s, 60::float8 AS worked_s,
    CASE WHEN resumed = 1 THEN '2026-11-25T10:01:00Z'::timestamptz END AS running_since, 0 AS escalation_level,
    CASE WHEN resumed = 1 THEN '2099-11-28T10:00:00Z'::timestamptz END AS due_at FROM input),
saved AS (
    INSERT INTO sla_clocks AS s (task_id, policy, state, started_at, target_s, worked_s, running_since,
        escalation_level, due_at)
    SELECT task_id, policy, state, started_at, target_s, worked_s, running_since, escalation_level, due_at FROM changed
    $CLOCK_ON_CONFLICT
    RETURNING 1
), cleared AS (
    DELETE FROM due_work d USING changed c
    WHERE d.task_id = ANY (ARRAY(SELECT task_id FROM changed)) AND d.task_id = c.task_id AND d.kind = 'sla'
        AND d.payload ->> 'policy' = c.policy
    RETURNING 1
), scheduled AS (
    INSERT INTO due_work (kind, task_id, due_at, payload)
    SELECT 'sla', task_id, '2099-11-28T10:00:00Z', '{"policy":"resolution","step":"warning"}'::jsonb
    FROM input WHERE resumed = 1
    RETURNING 1
)
SELECT (SELECT count(*) FROM saved) AS saved;
SQL
}

lock_task() { # $1: the task-number variable, $2: the \gset prefix
    # TaskSQL.lockTask. Where the move goes (resumed: back to investigating) follows from the state
    # the row is in, which the server reads here too.
    cat <<SQL
SELECT $COLUMNS, now() AS transaction_now, (state <> 'investigating')::int AS resumed
FROM tasks WHERE id = 'CMP-' || :$1 FOR UPDATE \\gset $2
SQL
}

update_task() { # $1: the task-number variable. TaskSQL.applyTransitions (one row): nothing read back.
    cat <<SQL
UPDATE tasks SET state = CASE state WHEN 'investigating' THEN 'waiting_on_customer' ELSE 'investigating' END,
    fields = '$FIELDS'::jsonb, version = version + 1, updated_at = now(),
    closed_at = CASE WHEN false THEN now() ELSE NULL END
WHERE id = 'CMP-' || :$1;
SQL
}

append_events() { # $1: task ids, $2: their resumed flags (array elements); $3: notify payload
    # EventSQL.appendMany: the append and the NOTIFY in one statement, sent with the COMMIT in one
    # pipeline as the server does (PostgresConnection.sendWithNext); `xact` makes the transaction
    # take its xid before the events' seq is drawn. The schedulers are not notified: the clock
    # step and the timer these moves schedule are days away.
    cat <<SQL
WITH xact AS MATERIALIZED (SELECT pg_current_xact_id()), appended AS (
    INSERT INTO events (task_id, type, actor, data)
    SELECT u.task_id, e.type, 'admin', e.data::jsonb
    FROM xact, unnest(ARRAY[$1]::text[], ARRAY[$2]::int[]) WITH ORDINALITY AS u(task_id, resumed, n),
        LATERAL $MOVE_EVENTS
    ORDER BY u.n, e.k
    RETURNING 1
)
SELECT pg_notify('opsline_events', $3), (SELECT count(*) FROM appended) AS appended;
COMMIT;
SQL
}

{
    echo '\set per :tasks / :clients'
    echo '\set n 1 + :client_id * :per + random(0, :per - 1)'
    echo 'BEGIN ISOLATION LEVEL READ COMMITTED;'
    lock_task n t_
    # A single command's writes go out with the COMMIT, as the server sends them
    # (CommandTransaction.defersWrites, TaskStore.applyOne).
    echo '\startpipeline'
    update_task n
    save_clock n t_
    append_events ":t_id" ":t_resumed" ":t_id"
    echo '\endpipeline'
} >"$WORK/single.sql"

lock_tasks() { # TaskSQL.lockTasks: the batch's tasks locked at once, in id order (CommandTransaction.lockTasks)
    local k ids="" flags=""
    for ((k = 0; k < BATCH; k++)); do
        ids+="${ids:+, }'CMP-' || :n$k"
        flags+="${flags:+, }max((state <> 'investigating')::int) FILTER (WHERE id = 'CMP-' || :n$k) AS l${k}_resumed"
    done
    cat <<SQL
WITH locked AS MATERIALIZED (
    SELECT $COLUMNS, now() AS transaction_now
    FROM tasks WHERE id = ANY (ARRAY[$ids]) ORDER BY id FOR UPDATE
)
SELECT $flags FROM locked \\gset
SQL
}

{
    echo '\set per :tasks / :clients'
    echo '\set start random(0, :per - 1)'
    echo 'BEGIN ISOLATION LEVEL READ COMMITTED;'
    ids="" flags=""
    for ((k = 0; k < BATCH; k++)); do
        echo "\\set n$k 1 + :client_id * :per + (:start + $k) % :per"
        ids+="${ids:+, }'CMP-' || :n$k"
        flags+="${flags:+, }:l${k}_resumed"
    done
    # The server reads the rows with their clocks; pgbench keeps only where each move goes.
    lock_tasks
    # No savepoints: a line's writes wait for the next statement that must go out, here the
    # events' append and the COMMIT, so the whole batch goes out in one round trip
    # (CommandTransaction.inGroup; a line refused before it sent anything is forgotten). The
    # lines' task moves and clock saves merge into one statement each
    # (CommandTransaction.writeMerging); each line's timer goes on its own.
    echo '\startpipeline'
    batch_writes "$ids" "$flags"
    for ((k = 0; k < BATCH; k++)); do
        save_timer "n$k" "l${k}_"
    done
    append_events "$ids" "$flags" "'CMP-' || :n$((BATCH - 1))"
    echo '\endpipeline'
} >"$WORK/batch.sql"

# The limit: the least SQL a durable transition needs, one statement a round trip, with no lock
# but the row's — lock the task, move it, append one event, notify, commit. The new state and the
# event's data follow from the state read, as in the replay.
limit_move() { # $1: the task-number variable, $2: the \gset prefix
    cat <<SQL
SELECT state FROM tasks WHERE id = 'CMP-' || :$1 FOR UPDATE \\gset $2
UPDATE tasks SET state = CASE state WHEN 'investigating' THEN 'waiting_on_customer' ELSE 'investigating' END,
    version = version + 1, updated_at = now()
WHERE id = 'CMP-' || :$1;
INSERT INTO events (task_id, type, actor, data)
VALUES ('CMP-' || :$1, 'transitioned', 'admin', CASE :${2}state WHEN 'investigating'
    THEN '{"to": "waiting_on_customer", "from": "investigating", "transition": "ask_customer"}'
    ELSE '{"to": "investigating", "from": "waiting_on_customer", "transition": "customer_replied"}' END::jsonb);
SQL
}

{
    echo '\set per :tasks / :clients'
    echo '\set n 1 + :client_id * :per + random(0, :per - 1)'
    echo 'BEGIN ISOLATION LEVEL READ COMMITTED;'
    limit_move n t_
    echo "SELECT pg_notify('opsline_events', 'CMP-' || :n);"
    echo 'COMMIT;'
} >"$WORK/limit-single.sql"

{
    echo '\set per :tasks / :clients'
    echo '\set start random(0, :per - 1)'
    echo 'BEGIN ISOLATION LEVEL READ COMMITTED;'
    for ((k = 0; k < BATCH; k++)); do
        echo "\\set n$k 1 + :client_id * :per + (:start + $k) % :per"
        limit_move "n$k" "l${k}_"
    done
    echo "SELECT pg_notify('opsline_events', 'CMP-' || :n$((BATCH - 1)));"
    echo 'COMMIT;'
} >"$WORK/limit-batch.sql"

# 4. (a) single, then (b) batched transitions over HTTP, each phase in rounds; after each HTTP
# round, a round of the same length of (c) the replay, then one of (d) the limit: the load of a
# shared VM drifts by tens of percent over minutes, and taking turns exposes all three to the same
# drift.
ROUND_SECONDS=$(( (DURATION + ROUNDS - 1) / ROUNDS ))
PGBENCH_OPTIONS="-n -c $CLIENTS -j 2 -T $ROUND_SECONDS -M prepared"
cat >"$WORK/pgbench-round" <<ROUND
#!/usr/bin/env bash
# \$1: single or batch; \$2: the round
set -euo pipefail
echo "run.sh: (c) pgbench replay \$1 round \$2: $PGBENCH_OPTIONS" >&2
"$PG_BIN/pgbench" $PGBENCH_OPTIONS -D tasks=$TASKS -D clients=$CLIENTS -f "$WORK/\$1.sql" \\
    -l --log-prefix="$WORK/pgb-\$1-\$2" "$CONNINFO" >"$WORK/pgb-\$1-\$2.txt"
echo "run.sh: (d) pgbench limit \$1 round \$2: $PGBENCH_OPTIONS" >&2
"$PG_BIN/pgbench" $PGBENCH_OPTIONS -D tasks=$TASKS -D clients=$CLIENTS -f "$WORK/limit-\$1.sql" \\
    -l --log-prefix="$WORK/lim-\$1-\$2" "$CONNINFO" >"$WORK/lim-\$1-\$2.txt"
ROUND
chmod +x "$WORK/pgbench-round"
step "$BIN/opsline-bench" http --url "$URL" --token "$TOKEN" --owned "$WORK/owned.json" \
    --batch-size "$BATCH" --warmup "$WARMUP" --duration "$((ROUND_SECONDS * ROUNDS))" --rounds "$ROUNDS" \
    --between-rounds "$WORK/pgbench-round" --output "$WORK/http.json"

# 5. The table; the server's peak RSS is read before it stops.
RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
PGBENCH_RESULTS=()
for phase in single batch; do
    for ((round = 1; round <= ROUNDS; round++)); do
        PGBENCH_RESULTS+=(--pgbench-$phase "$WORK/pgb-$phase-$round.txt" --pgbench-$phase-log "$WORK/pgb-$phase-$round")
        PGBENCH_RESULTS+=(--limit-$phase "$WORK/lim-$phase-$round.txt" --limit-$phase-log "$WORK/lim-$phase-$round")
    done
done
"$BIN/opsline-bench" report --http "$WORK/http.json" "${PGBENCH_RESULTS[@]}" \
    --pgbench-command "pgbench $PGBENCH_OPTIONS" --rss-kilobytes "$RSS_KB" --machine "$MACHINE"

# 6. What the server's /metrics says after the load (docs/operations.md lists the series): the
# commands and events it counted, request latency, the pool, the scheduler and table sizes.
# Counters are totals since the server started (labelled ones left out at 0); histograms show
# their _count and _sum.
echo
echo "GET /metrics after the load (main series):"
curl -fsS "$URL/metrics" | grep -E '^opsline_(commands_total|events_appended_total|batches_rerun_total|transactions_retried_total|event_log_head|event_followers|event_follower_lag_events|due_work_(backlog|oldest_overdue_seconds|claims_total|applied_total|claim_duration_seconds_(count|sum))|pool_(connections_open|connections_in_use|connections_max|waiting_borrowers|wait_seconds_(count|sum))|http_request_duration_seconds_(count|sum)\{route="/v1/(tasks|events)|notification_deliveries_total|table_(rows_estimated|size_bytes)|metrics_sample_failures_total)' \
    | grep -vE '^opsline_(commands_total|notification_deliveries_total|transactions_retried_total)\{.*\} 0$' | sort \
    || log "GET /metrics answered nothing"

# 7. The EXIT trap stops the server (and with it PostgreSQL) and removes $WORK.
