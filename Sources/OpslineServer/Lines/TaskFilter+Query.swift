import Hummingbird
import OpslineStore

extension TaskFilter {
    /// The filter a `GET /v1/tasks` query asks for, over the tasks `scope` sees; unknown values
    /// are 400s, not silence.
    init(request: Request, scope: TeamScope) throws {
        self.init(scope: scope)
        let query = request.uri.queryParameters
        workflow = query["workflow"].map(String.init)
        state = query["state"].map(String.init)
        team = query["team"].map(String.init)
        assignee = query["assignee"].map(String.init)
        priority = query["priority"].map(String.init)
        parent = query["parent"].map(String.init)
        after = query["after"].map(String.init)
        open = try Self.bool(query["open"], "open")
        breached = try Self.bool(query["breached"], "breached")
        if let limit = query["limit"] {
            guard let value = Int(limit), value > 0 else {
                throw APIError.badRequest("limit must be a positive integer, not '\(limit)'")
            }
            self.limit = value
        }
    }

    private static func bool(_ value: Substring?, _ name: String) throws -> Bool? {
        switch value {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw APIError.badRequest("\(name) must be true or false, not '\(value!)'")
        }
    }
}
