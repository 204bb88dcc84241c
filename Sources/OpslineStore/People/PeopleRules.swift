import Foundation

/// What the names and values of users and teams must look like (docs/api.md, "People").
public enum PeopleRules {
    /// The longest chat service name, in characters.
    static let maximumChatServiceLength = 63
    /// The most chat ids a user has.
    static let maximumChatIDs = 20
    /// The roles a user may have in a team.
    public static let membershipRoles: [Role] = [.manager, .member, .viewer]

    /// A user's login: 1 to 255 characters, starting with a letter or digit, then letters,
    /// digits, `.`, `_`, `@` and `-` (`alice`, `a.wang@corp`).
    static func userName(_ name: String, field: String = "name") throws(PeopleError) -> String {
        guard let first = name.utf8.first, isLetterOrDigit(first), name.utf8.allSatisfy(isUserByte) else {
            throw .invalid(
                field: field,
                problem: "must start with a letter or digit and hold only letters, digits, '.', '_', '@' and '-'; "
                    + "'\(printable(name))' does not")
        }
        guard name.utf8.count <= InputLimits.identifierLength else {
            throw .invalid(field: field, problem: "must be at most \(InputLimits.identifierLength) characters")
        }
        return name
    }

    /// A team's name: the spelling service tokens name teams in, `[a-z0-9-]+`, at most 63.
    static func teamName(_ name: String, field: String = "name") throws(PeopleError) -> String {
        guard TokenRules.isTeamName(name) else {
            throw .invalid(
                field: field,
                problem: "must be 1 to \(TokenRules.maximumTeamLength) characters of a-z, 0-9 and -; "
                    + "'\(printable(name))' is not")
        }
        return name
    }

    /// A display name or title: trimmed, 1 to 255 characters, no control characters.
    static func label(_ text: String, field: String) throws(PeopleError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: field, problem: "must not be empty") }
        try plain(trimmed, field: field)
        return trimmed
    }

    /// An e-mail address: something `@` something, without spaces, at most 255 characters.
    static func email(_ text: String) throws(PeopleError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace })
        else {
            throw .invalid(field: "email", problem: "must be an e-mail address such as alice@example.com")
        }
        try plain(trimmed, field: "email")
        return trimmed
    }

    /// Chat ids: at most 20, each service `[a-z0-9_-]+` (at most 63), each id 1 to 255 characters.
    static func chat(_ chat: [String: String]) throws(PeopleError) -> [String: String] {
        guard chat.count <= maximumChatIDs else {
            throw .invalid(field: "chat", problem: "must hold at most \(maximumChatIDs) ids")
        }
        for (service, id) in chat.sorted(by: { $0.key < $1.key }) {
            guard !service.isEmpty, service.utf8.count <= maximumChatServiceLength,
                service.utf8.allSatisfy({ isLowerOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") })
            else {
                throw .invalid(
                    field: "chat",
                    problem: "services are named with a-z, 0-9, '_' and '-'; '\(printable(service))' is not")
            }
            guard !id.isEmpty else { throw .invalid(field: "chat", problem: "the \(service) id must not be empty") }
            do {
                try plain(id, field: "chat")
            } catch {
                throw .invalid(field: "chat", problem: "the \(service) id \(error.problem)")
            }
        }
        return chat
    }

    /// A role in a team: manager, member or viewer.
    static func membershipRole(_ name: String, field: String = "role") throws(PeopleError) -> Role {
        guard let role = Role(rawValue: name), membershipRoles.contains(role) else {
            throw .invalid(
                field: field,
                problem:
                    "must be one of \(membershipRoles.map(\.rawValue).joined(separator: ", ")), not '\(printable(name))'"
            )
        }
        return role
    }

    /// Text of at most 255 characters without control characters.
    private static func plain(_ text: String, field: String) throws(PeopleError) {
        if let problem = InputLimits.problem(identifier: text) { throw .invalid(field: field, problem: problem) }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid(field: field, problem: "must not contain control characters")
        }
    }

    /// The text with control characters escaped, to quote it in a message.
    private static func printable(_ text: String) -> String {
        String(text.unicodeScalars.prefix(100).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isLowerOrDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isUserByte(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "-")
    }
}

extension PeopleError {
    /// The problem of an `invalid` error (its description otherwise).
    var problem: String {
        if case .invalid(_, let problem) = self { return problem }
        return description
    }
}
