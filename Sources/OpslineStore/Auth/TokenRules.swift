import Foundation

/// What a new token's name, teams and expiry must look like.
enum TokenRules {
    /// The longest name, in characters.
    static let maximumNameLength = 100
    /// The longest team name, in characters.
    static let maximumTeamLength = 63

    /// The name, trimmed, or `invalid` when it is empty, too long or holds control characters.
    static func name(_ name: String) throws(TokenError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: "name", problem: "must not be empty") }
        guard trimmed.count <= maximumNameLength else {
            throw .invalid(field: "name", problem: "must be at most \(maximumNameLength) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: "name", problem: "must not contain control characters")
        }
        return trimmed
    }

    /// The teams without repeats, in the order given. Every team is `[a-z0-9-]+`; every role but
    /// `admin` needs at least one, since a token without a team could see no task at all.
    static func teams(_ teams: [String], role: Role) throws(TokenError) -> [String] {
        var unique: [String] = []
        for team in teams where !unique.contains(team) {
            guard isTeamName(team) else {
                throw .invalid(
                    field: "teams",
                    problem: "must be 1 to \(maximumTeamLength) characters of a-z, 0-9 and -; '\(team)' is not")
            }
            unique.append(team)
        }
        guard role == .admin || !unique.isEmpty else {
            throw .invalid(field: "teams", problem: "must name at least one team for a \(role.rawValue) token")
        }
        return unique
    }

    /// The expiry, or `invalid` when it is not after `now`.
    static func expiry(_ expiresAt: Date?, now: Date) throws(TokenError) -> Date? {
        guard let expiresAt else { return nil }
        guard expiresAt > now else { throw .invalid(field: "expires_at", problem: "must be in the future") }
        return expiresAt
    }

    /// Whether `name` is spelled as a team: 1 to 63 characters of `a-z`, `0-9` and `-`.
    static func isTeamName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maximumTeamLength && name.utf8.allSatisfy(isTeamByte)
    }

    private static func isTeamByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
        default: false
        }
    }
}
