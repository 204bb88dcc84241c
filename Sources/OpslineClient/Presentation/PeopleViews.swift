import Foundation

/// The `table` output of users: NAME, DISPLAY NAME, EMAIL, TEAMS, ADMIN, STATUS.
public enum UserListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("NAME"), .init("DISPLAY NAME", maximumWidth: 40), .init("EMAIL", maximumWidth: 40),
        .init("TEAMS", maximumWidth: 60), .init("ADMIN"), .init("STATUS"),
    ])

    /// The table for `users`, or a sentence saying there are none.
    public static func render(_ users: [UserLine]) -> String {
        guard !users.isEmpty else { return "No users found.\n" }
        return table.render(users.map(row))
    }

    /// One user's cells.
    public static func row(_ user: UserLine) -> [String] {
        [
            user.name, user.displayName, DisplayText.optional(user.email), teams(user.teams),
            user.admin ? "yes" : "no", user.status,
        ]
    }

    /// A user's key/value block.
    public static func detail(_ user: UserLine) -> String {
        let chat = user.chat.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return TaskDetailView.keyValues([
            ("Name", user.name),
            ("Display name", user.displayName),
            ("Email", DisplayText.optional(user.email)),
            ("Chat", DisplayText.optional(chat)),
            ("Teams", teams(user.teams)),
            ("Admin", user.admin ? "yes" : "no"),
            ("Status", user.status),
            ("Created", DisplayText.time(user.createdAt)),
            ("Disabled", DisplayText.time(user.disabledAt)),
        ])
    }

    /// `support=manager,billing=member`, by team, or ``DisplayText/none``.
    static func teams(_ teams: [String: String]) -> String {
        DisplayText.optional(teams.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
    }
}

/// The `table` output of teams: NAME, TITLE, CREATED; a team's detail lists its members.
public enum TeamListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("NAME"), .init("TITLE", maximumWidth: 50), .init("CREATED"),
    ])

    /// The members' columns.
    public static let membersTable = TableRenderer(
        columns: [
            .init("USER"), .init("ROLE"), .init("DISPLAY NAME", maximumWidth: 40), .init("STATUS"),
        ], indent: "  ")

    /// The table for `teams`, or a sentence saying there are none.
    public static func render(_ teams: [TeamLine]) -> String {
        guard !teams.isEmpty else { return "No teams found.\n" }
        return table.render(teams.map { [$0.name, DisplayText.optional($0.title), DisplayText.time($0.createdAt)] })
    }

    /// A team's key/value block and its members.
    public static func detail(_ team: TeamLine) -> String {
        let summary = TaskDetailView.keyValues([
            ("Name", team.name), ("Title", DisplayText.optional(team.title)),
            ("Created", DisplayText.time(team.createdAt)),
        ])
        let members = team.members ?? []
        guard !members.isEmpty else { return summary + "Members: none\n" }
        return summary + "Members:\n"
            + membersTable.render(
                members.map {
                    [$0.user, $0.role, DisplayText.optional($0.displayName), $0.disabled ? "disabled" : "active"]
                })
    }
}
