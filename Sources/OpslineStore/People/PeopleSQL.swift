/// Named queries on `users`, `teams` and `memberships`.
enum PeopleSQL {
    /// A user's columns from `users u`, with the user's teams and roles there, by team.
    static let userColumns = """
        u.name, u.display_name, u.email, u.chat::text AS chat, u.admin, u.disabled_at, u.created_at,
        u.last_assigned_at,
        ARRAY(SELECT m.team FROM memberships m WHERE m.user_name = u.name ORDER BY m.team) AS member_teams,
        ARRAY(SELECT m.role FROM memberships m WHERE m.user_name = u.name ORDER BY m.team) AS member_roles
        """

    /// A personal token's role summed up (``Principal/summaryRole``) for the token row `alias`;
    /// a service token's own role.
    static func summaryRole(_ alias: String) -> String {
        """
        CASE WHEN \(alias).owner IS NULL THEN \(alias).role
            WHEN (SELECT s.admin FROM users s WHERE s.name = \(alias).owner) THEN 'admin'
            ELSE coalesce((
                SELECT s.role FROM memberships s WHERE s.user_name = \(alias).owner
                ORDER BY array_position(ARRAY['manager', 'member', 'viewer'], s.role) LIMIT 1), 'viewer')
        END
        """
    }

    /// A personal token's teams (its user's, by name) for the token row `alias`; a service
    /// token's own.
    static func summaryTeams(_ alias: String) -> String {
        """
        CASE WHEN \(alias).owner IS NULL THEN \(alias).teams
            ELSE ARRAY(SELECT s.team FROM memberships s WHERE s.user_name = \(alias).owner ORDER BY s.team)
        END
        """
    }

    static let insertUser = """
        INSERT INTO users (name, display_name, email, chat, admin, created_at)
        VALUES ($1, $2, $3, $4::jsonb, $5, coalesce($6::timestamptz, now()))
        ON CONFLICT (name) DO NOTHING
        RETURNING name
        """

    static let user = "SELECT \(userColumns) FROM users u WHERE u.name = $1"

    /// Locks a user's row for the transaction (a token being made for it, a change).
    static let lockUser = "SELECT name, disabled_at, admin FROM users WHERE name = $1 FOR UPDATE"

    /// One page of users by name after `$1` (NULL: from the start): of team `$3` when given, and
    /// only those who share a team of `$4` with the reader, or are `$5`, when `$4` is not NULL.
    static let usersPage = """
        SELECT \(userColumns) FROM users u
        WHERE ($1::text IS NULL OR u.name > $1)
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_name = u.name AND m.team = $3))
          AND ($4::text[] IS NULL OR u.name = $5 OR EXISTS (
                SELECT 1 FROM memberships m WHERE m.user_name = u.name AND m.team = ANY ($4::text[])))
        ORDER BY u.name
        LIMIT $2
        """

    /// Sets what is given (`NULL` keeps; `$3` and `$5` clear with an explicit flag).
    static let updateUser = """
        UPDATE users SET
            display_name = coalesce($2, display_name),
            email = CASE WHEN $4::bool THEN $3 ELSE email END,
            chat = coalesce($5::jsonb, chat),
            admin = coalesce($6::bool, admin)
        WHERE name = $1
        RETURNING name
        """

    /// Disables (`$2` true: from `$3`, keeping an earlier time) or enables a user.
    static let setDisabled = """
        UPDATE users SET disabled_at = CASE WHEN $2::bool THEN coalesce(disabled_at, $3::timestamptz, now()) END
        WHERE name = $1
        RETURNING name
        """

    static let insertTeam = """
        INSERT INTO teams (name, title, created_at) VALUES ($1, $2, coalesce($3::timestamptz, now()))
        ON CONFLICT (name) DO NOTHING
        RETURNING name, title, created_at
        """

    /// Adds the teams of `$1` that do not exist yet.
    static let registerTeams = """
        INSERT INTO teams (name, created_at) SELECT DISTINCT unnest($1::text[]), coalesce($2::timestamptz, now())
        ON CONFLICT (name) DO NOTHING
        """

    /// The names among `$1` that are not teams.
    static let unknownTeams = """
        SELECT n AS name FROM unnest($1::text[]) AS n WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.name = n)
        """

    static let team = "SELECT name, title, created_at FROM teams WHERE name = $1"

    static let teamExists = "SELECT 1 FROM teams WHERE name = $1"

    /// One page of teams by name after `$1`; only those of `$3` when it is not NULL.
    static let teamsPage = """
        SELECT name, title, created_at FROM teams
        WHERE ($1::text IS NULL OR name > $1) AND ($3::text[] IS NULL OR name = ANY ($3::text[]))
        ORDER BY name
        LIMIT $2
        """

    /// A team's members, by user name.
    static let members = """
        SELECT m.user_name, m.role, u.display_name, u.disabled_at FROM memberships m
        JOIN users u ON u.name = m.user_name
        WHERE m.team = $1
        ORDER BY m.user_name
        """

    /// Gives user `$2` role `$3` in team `$1`, adding or changing the membership.
    static let upsertMembership = """
        INSERT INTO memberships (team, user_name, role, created_at) VALUES ($1, $2, $3, coalesce($4::timestamptz, now()))
        ON CONFLICT (team, user_name) DO UPDATE SET role = excluded.role
        """

    static let deleteMembership = """
        DELETE FROM memberships WHERE team = $1 AND user_name = $2 RETURNING role
        """

    /// Whether user `$1` may be assigned tasks of the teams `$2` (a task's owner and watching
    /// teams): the user's disabled time and best role there — a manager's or member's before a
    /// viewer's (no row: no such user; a NULL role: in none of them).
    static let assignable = """
        SELECT u.disabled_at, m.role FROM users u
        LEFT JOIN memberships m ON m.user_name = u.name AND m.team = ANY ($2::text[])
        WHERE u.name = $1
        ORDER BY m.role = 'viewer', m.role NULLS LAST
        LIMIT 1
        """
}
