extension ClientRequest {
    /// `POST /v1/events`, with `atomic=true` when the batch must apply all or nothing.
    ///
    /// The request carries no lines: ``OpslineClient/postEvents(body:atomic:)`` streams the body.
    public static func postEvents(atomic: Bool) -> ClientRequest {
        ClientRequest(
            method: .post, path: "/v1/events", query: atomic ? [(name: "atomic", value: "true")] : [])
    }

    /// `GET /v1/events`: the event lines after `since` that match `filter`.
    ///
    /// - Parameters:
    ///   - since: The last `seq` already seen; `nil` starts at the beginning of the log.
    ///   - filter: Which events to send.
    ///   - follow: Keep the response open and send new events as they commit, with heartbeats.
    public static func events(
        since: Int?, fromNow: Bool = false, filter: EventStreamFilter = EventStreamFilter(), follow: Bool
    ) -> ClientRequest {
        var query: [(name: String, value: String)] = []
        if let since {
            query.append((name: "since", value: String(since)))
        } else if fromNow {
            query.append((name: "since", value: "now"))
        }
        query += filter.queryItems
        if follow { query.append((name: "follow", value: "true")) }
        return ClientRequest(method: .get, path: "/v1/events", query: query)
    }
}
