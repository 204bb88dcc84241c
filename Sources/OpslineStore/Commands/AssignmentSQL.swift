/// The named queries behind assignment rules (`CommandTransaction+Assignment.swift`).
enum AssignmentSQL {
    /// Who a rule may pick in team `$1`: its managers and members whose user is not disabled.
    private static let candidates = """
        FROM memberships m JOIN users u ON u.name = m.user_name
        WHERE m.team = $1 AND m.role IN ('manager', 'member') AND u.disabled_at IS NULL
        """

    /// Locks team `$1`'s candidate memberships, always in name order, until the transaction ends.
    ///
    /// A separate statement from the pick, on purpose: at READ COMMITTED each statement reads a
    /// fresh snapshot, so the pick that follows sees what the transaction that held these locks
    /// before committed (its task, its `last_assigned_at`). Two creations at once therefore pick
    /// one after the other, never the same "least loaded" person twice.
    static let lockCandidates = """
        SELECT m.user_name \(candidates)
        ORDER BY m.user_name
        FOR UPDATE OF m
        """

    /// `round_robin`: the candidate of team `$1` whose last turn (a rule gave them a task of the
    /// team) is the oldest, those never served first, then by name.
    static let pickRoundRobin = """
        SELECT m.user_name \(candidates)
        ORDER BY m.last_turn ASC NULLS FIRST, m.user_name
        LIMIT 1
        """

    /// `least_loaded`: the candidate of team `$1` with the fewest open tasks (of any team: a
    /// person's load is all they hold), then as `round_robin` (the `tasks_open_assignee` index).
    static let pickLeastLoaded = """
        SELECT m.user_name \(candidates)
        ORDER BY (SELECT count(*) FROM tasks t WHERE t.assignee = m.user_name AND t.closed_at IS NULL),
                 m.last_turn ASC NULLS FIRST, m.user_name
        LIMIT 1
        """

    /// Notes that user `$1` was given a task of team `$2` at `$4` (NULL: the transaction's
    /// `now()`): the user's `last_assigned_at`, and when a rule (`$3`) did it, the membership's
    /// turn (the next number of `assignment_turns`).
    static let noteAssignment = """
        WITH turn AS (
            UPDATE memberships SET last_turn = nextval('assignment_turns')
            WHERE $3::boolean AND team = $2 AND user_name = $1
        )
        UPDATE users SET last_assigned_at = coalesce($4::timestamptz, now()) WHERE name = $1
        """
}
