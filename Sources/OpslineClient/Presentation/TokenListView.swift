import Foundation

/// The `table` output of tokens: ID, NAME, ROLE, TEAMS, STATUS, EXPIRES, LAST USED.
public enum TokenListView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("ID"), .init("NAME", maximumWidth: 40), .init("ROLE"), .init("TEAMS", maximumWidth: 40, dropRank: 3),
        .init("STATUS"), .init("EXPIRES", dropRank: 2), .init("LAST USED", dropRank: 1),
    ])

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
            token.id, token.name, token.role, teams(token.teams), token.status(at: now),
            DisplayText.time(token.expiresAt), DisplayText.time(token.lastUsedAt),
        ]
    }

    /// A token's key/value block: identity, status and times.
    public static func detail(_ token: TokenLine, now: Date = Date()) -> String {
        TaskDetailView.keyValues([
            ("ID", token.id),
            ("Name", token.name),
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
        TaskDetailView.keyValues([
            ("Name", caller.name),
            ("Role", caller.role),
            ("Teams", teams(caller.teams)),
            ("Token", caller.token),
            ("Server", server),
        ])
    }

    /// Teams separated by commas, or ``DisplayText/none``.
    static func teams(_ teams: [String]) -> String {
        teams.isEmpty ? DisplayText.none : teams.joined(separator: ",")
    }
}
