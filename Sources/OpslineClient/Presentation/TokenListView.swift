import Foundation

/// The `table` output of tokens: ID, NAME, ROLE, TEAMS, STATUS, EXPIRES, LAST USED.
public enum TokenListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("ID"), .init("NAME", maximumWidth: 40), .init("ROLE"), .init("TEAMS", maximumWidth: 40, dropRank: 3),
        .init("STATUS"), .init("EXPIRES", dropRank: 2), .init("LAST USED", dropRank: 1),
    ])

    /// A token's role as tables show it: a personal token's as `user:alice`.
    static func role(_ token: TokenLine) -> String {
        token.user.map { "user:\($0)" } ?? token.role
    }

    /// The table for `tokens`, or a sentence saying there are none.
    ///
    /// - Parameters:
    ///   - tokens: The tokens, in the order to show them.
    ///   - now: The time statuses are judged at.
    public static func render(_ tokens: [TokenLine], now: Date = Date()) -> String {
        guard !tokens.isEmpty else { return "No tokens found.\n" }
        return table.render(tokens.map { row($0, now: now) })
    }

    /// One token's cells.
    public static func row(_ token: TokenLine, now: Date = Date()) -> [String] {
        [
            token.id, token.name, role(token), teams(token.teams), token.status(at: now),
            DisplayText.time(token.expiresAt), DisplayText.time(token.lastUsedAt),
        ]
    }

    /// A token's key/value block: identity, status and times.
    public static func detail(_ token: TokenLine, now: Date = Date()) -> String {
        TaskDetailView.keyValues(
            [
                ("ID", token.id),
                ("Name", token.name),
            ] + (token.user.map { [("User", $0)] } ?? []) + [
                ("Role", token.role),
                ("Teams", teams(token.teams)),
                ("Status", token.status(at: now)),
                ("Created", DisplayText.time(token.createdAt)),
                ("Expires", DisplayText.time(token.expiresAt)),
                ("Revoked", DisplayText.time(token.revokedAt)),
                ("Last used", DisplayText.time(token.lastUsedAt)),
            ])
    }

    /// The caller's key/value block, for `opsline whoami`.
    ///
    /// - Parameters:
    ///   - caller: What the server says about the token.
    ///   - server: The server's URL.
    public static func caller(_ caller: CallerLine, server: String) -> String {
        let roles = (caller.memberships ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return TaskDetailView.keyValues([
            ("Name", caller.name),
            ("Role", caller.role),
            ("Teams", caller.user == nil ? teams(caller.teams) : DisplayText.optional(roles.joined(separator: ","))),
            ("Token", caller.token),
            ("Server", server),
        ])
    }

    /// Teams separated by commas, or ``DisplayText/none``.
    static func teams(_ teams: [String]) -> String {
        teams.isEmpty ? DisplayText.none : teams.joined(separator: ",")
    }
}
