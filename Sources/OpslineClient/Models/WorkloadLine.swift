import Foundation

/// One line of the workload report (`GET /v1/reports/workload`): a person's load in a team, or a
/// team's unassigned queue.
public enum WorkloadLine: Decodable, Sendable, Hashable {
    /// What one person holds in one team.
    case person(PersonWorkload)
    /// A team's open tasks nobody is assigned to.
    case queue(team: String?, unassigned: Int)

    private enum CodingKeys: String, CodingKey {
        case user, team, unassigned
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.user) {
            self = .person(try PersonWorkload(from: decoder))
        } else {
            self = .queue(
                team: try container.decodeIfPresent(String.self, forKey: .team),
                unassigned: try container.decode(Int.self, forKey: .unassigned))
        }
    }
}

/// A person's open tasks in one team, and what came and went in the last 7 days.
public struct PersonWorkload: Decodable, Sendable, Hashable {
    /// The person.
    public var user: String
    /// The team.
    public var team: String?
    /// Open tasks assigned to them.
    public var open: Int
    /// Of those, with a running SLA clock due soon.
    public var atRisk: Int
    /// Of those, with a breached SLA clock.
    public var breached: Int
    /// When the oldest of those was created.
    public var oldestOpenAt: Date?
    /// Tasks assigned to them in the last 7 days.
    public var assigned7d: Int
    /// Tasks assigned to them closed in the last 7 days.
    public var closed7d: Int

    /// Creates a line.
    public init(
        user: String, team: String?, open: Int, atRisk: Int, breached: Int, oldestOpenAt: Date?, assigned7d: Int,
        closed7d: Int
    ) {
        self.user = user
        self.team = team
        self.open = open
        self.atRisk = atRisk
        self.breached = breached
        self.oldestOpenAt = oldestOpenAt
        self.assigned7d = assigned7d
        self.closed7d = closed7d
    }

    private enum CodingKeys: String, CodingKey {
        case user, team, open, breached
        case atRisk = "at_risk"
        case oldestOpenAt = "oldest_open_at"
        case assigned7d = "assigned_7d"
        case closed7d = "closed_7d"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        user = try container.decode(String.self, forKey: .user)
        team = try container.decodeIfPresent(String.self, forKey: .team)
        open = try container.decode(Int.self, forKey: .open)
        atRisk = try container.decode(Int.self, forKey: .atRisk)
        breached = try container.decode(Int.self, forKey: .breached)
        oldestOpenAt = try container.decodeTimestampIfPresent(forKey: .oldestOpenAt)
        assigned7d = try container.decode(Int.self, forKey: .assigned7d)
        closed7d = try container.decode(Int.self, forKey: .closed7d)
    }
}
