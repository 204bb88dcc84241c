import Workflow

extension ClientRequest {
    /// `POST /v1/tasks/next`: take the most urgent unassigned open task of the caller's teams
    /// (only of `team`, of `workflow`, when given).
    public static func takeNextTask(team: String? = nil, workflow: String? = nil) -> ClientRequest {
        var members: [String: JSONValue] = [:]
        members["team"] = team.map(JSONValue.string)
        members["workflow"] = workflow.map(JSONValue.string)
        return ClientRequest(
            method: .post, path: "/v1/tasks/next", lines: members.isEmpty ? [] : [.object(members)])
    }

    /// `GET /v1/reports/workload`: per person, open tasks and recent work; per team, the queue.
    /// - Parameters:
    ///   - team: Only this team.
    ///   - within: What counts as at risk: a clock due within this duration (default `1d`).
    public static func workloadReport(team: String? = nil, within: String? = nil) -> ClientRequest {
        let items: [(String, String?)] = [("team", team), ("within", within)]
        return ClientRequest(
            method: .get, path: "/v1/reports/workload",
            query: items.compactMap { name, value in value.map { (name: name, value: $0) } })
    }
}
