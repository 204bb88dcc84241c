/// Why a command on users or teams was refused. The database is left untouched.
public enum PeopleError: Error, Sendable, Hashable {
    /// No user has this name.
    case userNotFound(String)
    /// No team has this name.
    case teamNotFound(String)
    /// The user is not in the team.
    case notAMember(team: String, user: String)
    /// A user or team of this name exists already (`what` says which: `user alice`).
    case duplicate(String)
    /// A value breaks the rules; `field` is the API's name for it (`name`, `email`, `teams`, …).
    case invalid(field: String, problem: String)
}

extension PeopleError: CustomStringConvertible {
    /// One sentence for people.
    public var description: String {
        switch self {
        case .userNotFound(let name): "no user \(name)"
        case .teamNotFound(let name): "no team \(name)"
        case .notAMember(let team, let user): "\(user) is not a member of team \(team)"
        case .duplicate(let what): "\(what) exists already"
        case .invalid(let field, let problem): "\(field) \(problem)"
        }
    }
}
