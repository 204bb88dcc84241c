/// The `table` output of a task's history: SEQ, AT, TYPE, ACTOR, DETAIL.
enum HistoryView {
    /// The table's columns.
    public static let table = TableRenderer(columns: [
        .init("SEQ", alignment: .right), .init("AT"), .init("TYPE"), .init("ACTOR"),
        .init("DETAIL", maximumWidth: 80),
    ])

    /// The table for `events`, or a sentence saying there are none.
    public static func render(_ events: [EventLine]) -> String {
        guard !events.isEmpty else { return "No events.\n" }
        return table.render(events.map(row))
    }

    /// One event's cells.
    public static func row(_ event: EventLine) -> [String] {
        [
            String(event.seq), DisplayText.time(event.at), event.type,
            DisplayText.optional(event.actor), detail(event),
        ]
    }

    /// A short account of the event's data.
    ///
    /// A move reads `acknowledged → investigating (investigate) — note`, a comment is its text,
    /// and any other event lists its data as `key=value` pairs in key order.
    public static func detail(_ event: EventLine) -> String {
        var data = event.data
        var parts: [String] = []
        if let from = data["from"]?.stringValue, let to = data["to"]?.stringValue {
            data["from"] = nil
            data["to"] = nil
            let via = data.removeValue(forKey: "transition").map { " (\(DisplayText.value($0)))" }
            parts.append("\(from) → \(to)" + (via ?? ""))
        }
        let text = data.removeValue(forKey: "note") ?? data.removeValue(forKey: "text")
        let rest = data.keys.sorted().map { "\($0)=\(DisplayText.value(data[$0] ?? .null))" }
        if !rest.isEmpty { parts.append(rest.joined(separator: " ")) }
        if let text { parts.append(DisplayText.value(text)) }
        return parts.joined(separator: " — ")
    }
}
