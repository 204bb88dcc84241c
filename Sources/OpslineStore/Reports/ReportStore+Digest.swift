import Foundation
import Postgres

/// What a daily digest reports on: whose tasks, and which moments.
public struct DigestQuery: Sendable, Hashable {
    /// The subscription's teams: lists show only tasks they see, compliance only their clocks.
    public var filter: SubscriptionFilter
    /// Clocks at risk are those due by this instant (the next digest).
    public var atRiskBy: Date
    /// Compliance counts the clocks met or breached in [from, to) (the past working day).
    public var decidedFrom: Date
    public var decidedTo: Date
    /// Rows per list at most; the counts are whole.
    public var cap: Int

    /// A digest of the tasks `filter`'s teams see.
    public init(filter: SubscriptionFilter, atRiskBy: Date, decidedFrom: Date, decidedTo: Date, cap: Int = 20) {
        self.filter = filter
        self.atRiskBy = atRiskBy
        self.decidedFrom = decidedFrom
        self.decidedTo = decidedTo
        self.cap = cap
    }
}

/// The facts of a daily digest, read in one transaction.
public struct DigestFacts: Sendable, Hashable {
    /// Open breaches, newest first, at most the query's cap; ``openBreachCount`` counts all.
    public var openBreaches: [TaskClockRecord]
    public var openBreachCount: Int
    /// Clocks at risk, soonest due first, at most the cap; ``atRiskCount`` counts all.
    public var atRisk: [TaskClockRecord]
    public var atRiskCount: Int
    /// Per team, clocks met and breached in the period.
    public var compliance: [DigestCompliance]
}

/// One team's clocks decided in a digest's period.
public struct DigestCompliance: Sendable, Hashable {
    public let team: String
    public let met: Int
    public let breached: Int

    /// `met / (met + breached)`; `nil` when none was decided.
    public var ratio: Double? { met + breached == 0 ? nil : Double(met) / Double(met + breached) }

    /// A team's counts.
    public init(team: String, met: Int, breached: Int) {
        self.team = team
        self.met = met
        self.breached = breached
    }
}

extension ReportStore {
    /// The facts a daily digest reports, for the tasks the query's teams see.
    public func digest(_ query: DigestQuery) async throws -> DigestFacts {
        let filter = query.filter
        return try await pool.transaction(isolation: .repeatableRead) { connection in
            let breaches = try await connection.query(
                DigestSQL.openBreaches, [filter.teams, filter.workflows, filter.priorities, filter.policies, query.cap]
            ).rows
            let atRisk = try await connection.query(
                DigestSQL.atRisk,
                [filter.teams, filter.workflows, filter.priorities, filter.policies, query.cap, query.atRiskBy]
            ).rows
            let decided = try await connection.query(
                DigestSQL.decided,
                [
                    filter.teams, filter.workflows, filter.priorities, filter.policies, query.decidedFrom,
                    query.decidedTo,
                ]
            ).rows
            return DigestFacts(
                openBreaches: try breaches.map(TaskClockRecord.init(row:)),
                openBreachCount: try breaches.first?.decode("total", as: Int.self) ?? 0,
                atRisk: try atRisk.map(TaskClockRecord.init(row:)),
                atRiskCount: try atRisk.first?.decode("total", as: Int.self) ?? 0,
                compliance: try Self.everyTeam(filter.teams, decided))
        }
    }

    /// A line for each of `teams`, in order, those without decided clocks at zero: a team that
    /// had nothing due says so.
    private static func everyTeam(_ teams: [String], _ rows: [PostgresRow]) throws -> [DigestCompliance] {
        var counted: [String: DigestCompliance] = [:]
        for row in rows {
            let team: String = try row.decode("team")
            counted[team] = DigestCompliance(
                team: team, met: try row.decode("met"), breached: try row.decode("breached"))
        }
        return teams.map { counted[$0] ?? DigestCompliance(team: $0, met: 0, breached: 0) }
    }
}
