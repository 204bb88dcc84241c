/// Named queries on `subscriptions` and `deliveries`.
enum NotificationSQL {
    /// A subscription's columns as `Subscription(row:)` reads them (never its secret or URL).
    static let subscriptionColumns = """
        s.id, s.name, s.team, s.events, s.teams, s.workflows, s.priorities, s.policies, s.to_states, s.channel,
        s.destination, s.recipients, s.secret IS NOT NULL AS signed, s.created_by, s.created_at, s.digest_at,
        s.digest_calendar
        """

    static let insertSubscription = """
        INSERT INTO subscriptions AS s (id, name, team, events, teams, workflows, priorities, policies, to_states,
            channel, url, recipients, secret, destination, created_by, created_at, digest_at, digest_calendar)
        VALUES ('sub_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
            $12, $13, $14, coalesce($15::timestamptz, now()), $16, $17)
        ON CONFLICT (name) DO NOTHING
        RETURNING \(subscriptionColumns)
        """

    /// The subscriptions owned by one of `$1` (NULL: every one), by name, after name `$2`; `$3`
    /// rows.
    static let subscriptions = """
        SELECT \(subscriptionColumns) FROM subscriptions s
        WHERE ($1::text[] IS NULL OR s.team = ANY ($1::text[])) AND ($2::text IS NULL OR s.name > $2)
        ORDER BY s.name
        LIMIT $3
        """

    /// One subscription by id or name.
    static let subscription = "SELECT \(subscriptionColumns) FROM subscriptions s WHERE s.id = $1 OR s.name = $1"

    static let deleteSubscription = "DELETE FROM subscriptions WHERE id = $1 RETURNING id"

    /// The teams among `$1` that exist.
    static let existingTeams = "SELECT name FROM teams WHERE name = ANY ($1::text[])"

    /// The outbox rows for the events a statement appended (`appended`: `seq`, `task_id`, `type`,
    /// `data`, `teams`), one per subscription that hears each; part of `EventSQL.appendMany`, in
    /// the command's transaction. `$8` is the statement's time.
    ///
    /// A subscription hears an event its filter matches, or one whose `notify` (a workflow's
    /// `notify:` list) names it, whatever its filter says (a digest is never named: it hears no
    /// events); either way only when it follows one of
    /// the teams the event belongs to, so a task never reaches a team that cannot see it. One join
    /// row per event and subscription: a subscription both matching and named gets one delivery.
    static let enqueueForAppended = """
        INSERT INTO deliveries (id, subscription_id, event_seq, destination, next_attempt_at, created_at)
        SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), s.id, a.seq, s.destination,
            coalesce($8::timestamptz, now()), coalesce($8::timestamptz, now())
        FROM appended a
        JOIN tasks t ON t.id = a.task_id
        JOIN subscriptions s ON a.teams && s.teams AND (
            (a.type = ANY (s.events)
                AND (s.workflows = '{}' OR t.workflow = ANY (s.workflows))
                AND (s.priorities = '{}' OR t.priority = ANY (s.priorities))
                AND (s.policies = '{}' OR a.data ->> 'policy' = ANY (s.policies))
                AND (s.to_states = '{}' OR (a.type = 'transitioned' AND a.data ->> 'to' = ANY (s.to_states))))
            OR (s.digest_at IS NULL AND coalesce((a.data -> 'notify') ? s.name, false)))
        RETURNING 1
        """

    /// Claims up to `$1` due deliveries (`$2`: now), at most `$5` per destination and, for the
    /// destinations in `$3`, at most the matching count in `$4` (what this replica has room for),
    /// and pushes each one's next attempt `$6` seconds ahead: a lease, so no other replica sends it
    /// while this one does. Rows another replica holds are skipped, and so are the rows of the
    /// destinations in `$7`, which have no room at all: however many of them are due, they never
    /// crowd the others out of the rows a claim looks at.
    static let claim = """
        WITH due AS (
            SELECT d.id, d.destination, d.next_attempt_at FROM deliveries d
            WHERE d.state IN ('pending', 'failed') AND d.next_attempt_at <= coalesce($2::timestamptz, now())
                AND NOT (d.destination = ANY ($7::text[]))
            ORDER BY d.next_attempt_at
            LIMIT $1 * 4
            FOR UPDATE SKIP LOCKED
        ), ranked AS (
            SELECT due.id, row_number() OVER (PARTITION BY due.destination ORDER BY due.next_attempt_at) AS n,
                coalesce((SELECT r.free FROM unnest($3::text[], $4::int[]) AS r(destination, free)
                          WHERE r.destination = due.destination), $5) AS room
            FROM due
        ), picked AS (
            SELECT id FROM ranked WHERE n <= room ORDER BY n LIMIT $1
        )
        UPDATE deliveries d
        SET attempts = d.attempts + 1, last_attempt_at = coalesce($2::timestamptz, now()),
            next_attempt_at = coalesce($2::timestamptz, now()) + make_interval(secs => $6)
        FROM picked, subscriptions s
        WHERE d.id = picked.id AND s.id = d.subscription_id
        RETURNING d.id, d.kind, d.attempts, d.created_at, d.destination, d.body, d.event_seq,
            s.id AS subscription_id, s.name AS subscription_name, s.team AS subscription_team, s.channel,
            s.url, s.recipients, s.secret, \(digestColumns),
            (SELECT jsonb_build_object('seq', e.seq, 'at', e.at, 'task', e.task_id, 'type', e.type, 'actor', e.actor,
                    'data', e.data)::text
             FROM events e WHERE e.seq = d.event_seq) AS event
        """

    /// Keeps the bodies of first attempts (`$1` ids, `$2` bodies), so later attempts send them
    /// unchanged.
    static let keepBodies = """
        UPDATE deliveries d SET body = b.body
        FROM unnest($1::text[], $2::text[]) AS b(id, body)
        WHERE d.id = b.id AND d.body IS NULL
        """

    /// Records one attempt's outcome: `$2` the new state, `$3` the receiver's status, `$4` the
    /// error, `$5` the next attempt (failed) or NULL; `$6` now.
    static let recordOutcome = """
        UPDATE deliveries SET state = $2, last_status = $3, last_error = $4,
            next_attempt_at = coalesce($5::timestamptz, next_attempt_at),
            finished_at = CASE WHEN $2 IN ('delivered', 'dead') THEN coalesce($6::timestamptz, now()) END
        WHERE id = $1
        """

    /// Seconds until the earliest waiting delivery is due (`$1` now).
    static let secondsUntilNextDue = """
        SELECT extract(epoch FROM min(next_attempt_at) - coalesce($1::timestamptz, now()))::float8 AS seconds
        FROM deliveries WHERE state IN ('pending', 'failed')
        """

    /// A delivery's columns as `DeliveryRecord(row:)` reads them.
    static let deliveryColumns = """
        d.id, d.subscription_id, s.name AS subscription, d.event_seq, d.kind, d.state, d.attempts, d.last_status,
        d.last_error, d.next_attempt_at, d.last_attempt_at, d.created_at, d.finished_at
        """

    /// Deliveries, newest first: of subscriptions owned by `$1` (NULL: all), of subscription `$2`,
    /// in state `$3`, created since `$4`, after the cursor (`$5` created_at text, `$6` id); `$7`
    /// rows.
    static let deliveries = """
        SELECT \(deliveryColumns), d.created_at::text AS cursor_at
        FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
        WHERE ($1::text[] IS NULL OR s.team = ANY ($1::text[]))
          AND ($2::text IS NULL OR s.id = $2 OR s.name = $2)
          AND ($3::text IS NULL OR d.state = $3)
          AND ($4::timestamptz IS NULL OR d.created_at >= $4)
          AND ($5::text IS NULL OR (d.created_at, d.id) < ($5::timestamptz, $6::text))
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT $7
        """

    static let delivery = """
        SELECT \(deliveryColumns) FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id WHERE d.id = $1
        """

    /// Sends a delivery again at once (`$2` now), whatever its state; its attempts so far stay
    /// counted and its id (the receivers' dedupe key) stays.
    static let retry = """
        UPDATE deliveries SET state = 'failed', next_attempt_at = coalesce($2::timestamptz, now()), finished_at = NULL
        WHERE id = $1
        RETURNING id
        """

    /// A sample delivery of subscription `$1` as a claim returns one, not stored (`$2` now).
    static let testDelivery = """
        SELECT 'msg_test_' || replace(gen_random_uuid()::text, '-', '') AS id, 'test' AS kind, 1 AS attempts,
            coalesce($2::timestamptz, now()) AS created_at, s.destination, NULL::text AS body,
            NULL::bigint AS event_seq, s.id AS subscription_id, s.name AS subscription_name,
            s.team AS subscription_team, s.channel, s.url, s.recipients, s.secret, NULL::text AS event,
            NULL::text AS digest_on, s.digest_at, s.digest_calendar, s.teams, s.workflows, s.priorities, s.policies
        FROM subscriptions s WHERE s.id = $1
        """

    /// What a claimed digest delivery reports on: its local date, and its subscription's time,
    /// calendar and filter (aliases `d` of `deliveries`, `s` of `subscriptions`).
    static let digestColumns = """
        d.digest_on::text AS digest_on, s.digest_at, s.digest_calendar, s.teams, s.workflows, s.priorities,
            s.policies
        """

    /// The digest subscriptions, with the local date of the last digest each queued.
    static let digestSubscriptions = """
        SELECT id, digest_at, digest_calendar, digest_last_on::text AS last_on, created_at
        FROM subscriptions WHERE digest_at IS NOT NULL
        """

    /// Queues subscription `$1`'s digest of local date `$2` (`$3` now), unless one of that date or
    /// a later one was queued: the replica whose UPDATE moves `digest_last_on` on inserts it, and
    /// one that comes second finds the date moved and inserts nothing. The delivery's id is the
    /// occurrence's key, `dig_<subscription>_<yyyymmdd>`.
    static let queueDigest = """
        WITH marked AS (
            UPDATE subscriptions SET digest_last_on = $2::date
            WHERE id = $1 AND digest_at IS NOT NULL AND (digest_last_on IS NULL OR digest_last_on < $2::date)
            RETURNING id, destination
        )
        INSERT INTO deliveries (id, subscription_id, kind, digest_on, destination, next_attempt_at, created_at)
        SELECT 'dig_' || replace(m.id, 'sub_', '') || '_' || to_char($2::date, 'YYYYMMDD'), m.id, 'digest', $2::date,
            m.destination, coalesce($3::timestamptz, now()), coalesce($3::timestamptz, now())
        FROM marked m
        ON CONFLICT DO NOTHING
        RETURNING id
        """

    /// Deletes delivered and dead rows finished before `$1` seconds ago (`$2` now).
    static let prune = """
        DELETE FROM deliveries
        WHERE finished_at < coalesce($2::timestamptz, now()) - make_interval(secs => $1)
        """

    static let announce = "SELECT pg_notify('\(NotifyChannel.deliveries.rawValue)', '')"
}
