import Foundation

/// The `table` output of subscriptions and deliveries.
public enum SubscriptionViews {
    static let subscriptions = TableRenderer(columns: [
        .init("NAME", maximumWidth: 40), .init("TEAM"), .init("CHANNEL"),
        .init("EVENTS", maximumWidth: 50, dropRank: 2),
        .init("DESTINATION", maximumWidth: 50, dropRank: 1),
    ])

    static let deliveries = TableRenderer(columns: [
        .init("ID"), .init("SUBSCRIPTION", maximumWidth: 30), .init("STATE"), .init("ATTEMPTS"),
        .init("LAST", dropRank: 2), .init("NEXT ATTEMPT", dropRank: 1), .init("ERROR", maximumWidth: 60, dropRank: 3),
    ])

    /// The subscriptions, or a sentence saying there are none.
    public static func render(_ lines: [SubscriptionLine]) -> String {
        guard !lines.isEmpty else { return "No subscriptions.\n" }
        return subscriptions.render(
            lines.map { line in
                let events = line.digest.map { "digest \($0.at) \($0.calendar)" } ?? line.events.joined(separator: ",")
                return [line.name, line.team, line.channel.type, events, line.channel.destination]
            })
    }

    /// One subscription as key and value lines.
    public static func detail(_ line: SubscriptionLine) -> String {
        func list(_ values: [String]) -> String { values.isEmpty ? DisplayText.none : values.joined(separator: ", ") }
        var pairs: [(String, String)] = [
            ("Name", line.name), ("ID", line.id), ("Team", line.team), ("Events", list(line.events)),
            ("Channel", line.channel.type), ("Destination", line.channel.destination),
            ("Signed", line.channel.signed ? "yes" : "no"), ("Hears teams", list(line.filter.teams)),
            ("Workflows", list(line.filter.workflows)), ("Priorities", list(line.filter.priorities)),
            ("Policies", list(line.filter.policies)), ("Into states", list(line.filter.toStates)),
            ("Created", "\(DisplayText.time(line.createdAt)) by \(line.createdBy)"),
        ]
        if let to = line.channel.to { pairs.insert(("To", list(to)), at: 6) }
        if let digest = line.digest {
            pairs.insert(("Digest", "daily at \(digest.at) on working days of \(digest.calendar)"), at: 3)
        }
        return TaskDetailView.keyValues(pairs)
    }

    /// The delivery log, or a sentence saying it is empty.
    public static func render(_ lines: [DeliveryLine]) -> String {
        guard !lines.isEmpty else { return "No deliveries.\n" }
        return deliveries.render(
            lines.map { line in
                [
                    line.id, line.subscription, line.state, String(line.attempts),
                    line.lastStatus.map(String.init) ?? DisplayText.none, DisplayText.time(line.nextAttemptAt),
                    line.lastError ?? DisplayText.none,
                ]
            })
    }

    /// What a test send did, in one sentence and the receiver's answer.
    public static func render(_ test: SubscriptionTestLine) -> String {
        let outcome =
            test.delivered
            ? "Delivered: the receiver answered \(test.status ?? 200)."
            : "Not delivered: \(test.error ?? "the receiver did not accept it")."
        return outcome + (test.answer.isEmpty ? "" : "\nIts answer: \(test.answer)") + "\n"
    }
}
