/// Whose tasks a list or report may show: every team's, or only those of some teams (the
/// caller's). Every list query and report of the store requires one in its filter's
/// initialiser, so none can run unscoped because a line was forgotten.
public enum TeamScope: Sendable, Hashable {
    /// Every task, whichever team owns it (or none).
    case allTeams
    /// Only tasks owned by one of these teams; none when the list is empty.
    case teams([String])

    /// The teams the queries bind as `text[]`: nil for every team, which the SQL reads as "no
    /// restriction".
    var visibleTeams: [String]? {
        switch self {
        case .allTeams: nil
        case .teams(let teams): teams
        }
    }
}
