import Foundation
import Hummingbird
import OpslineStore
import Workflow

extension TaskFilter {
    /// The query parameters `GET /v1/tasks` reads (`count` asks the route for `X-Total-Count`).
    static let queryParameters = QueryParameters(
        [
            "workflow", "state", "team", "assignee", "priority", "parent", "open", "breached", "unassigned", "at_risk",
            "q", "sort", "count", "limit", "after",
        ], prefixes: [fieldPrefix])

    /// `field.<name>=<value>`: the task's field `name` holds `value`.
    static let fieldPrefix = "field."

    /// The filter a `GET /v1/tasks` query asks for, over the tasks `caller` sees; bad values are
    /// 400s naming the parameter, not silence.
    /// - Parameters:
    ///   - caller: Whose tasks (`assignee=me`) and which teams' the list shows.
    ///   - catalog: The workflows whose fields `field.<name>` may name.
    ///   - now: The instant `at_risk` counts from.
    init(request: Request, caller: Principal, catalog: WorkflowCatalog, now: Date) throws {
        try self.init(query: request.uri.queryParameters, caller: caller, catalog: catalog, now: now)
    }

    /// The filter `query` asks for, read exactly as `GET /v1/tasks` reads its query (the
    /// dashboard's queue pages read theirs with it, so that their filters and messages match).
    init(query: Parameters, caller: Principal, catalog: WorkflowCatalog, now: Date) throws {
        self.init(scope: AccessPolicy.teamScope(caller))
        let values = QueryValues(query: query)
        // The parameters of the first version keep their reading: an empty value filters on "".
        workflow = query["workflow"].map(String.init)
        state = query["state"].map(String.init)
        team = query["team"].map(String.init)
        assignee = query["assignee"].map { $0 == "me" ? caller.name : String($0) }
        priority = query["priority"].map(String.init)
        parent = query["parent"].map(String.init)
        after = query["after"].map(String.init)
        open = try Self.bool(query["open"], "open")
        breached = try Self.bool(query["breached"], "breached")
        limit = try Self.limit(query["limit"])
        unassigned = try values.bool("unassigned")
        atRiskBy = try values.duration("at_risk").map { now.addingTimeInterval(TimeInterval($0.seconds)) }
        search = values.string("q")
        let definitions = catalog.fieldDefinitions(of: workflow)
        if let name = values.string("sort") { sort = try Self.sort(name, definitions: definitions, workflow: workflow) }
        for (key, value) in query where key.hasPrefix(Self.fieldPrefix) {
            fields.append(try Self.fieldMatch(String(key), String(value), definitions: definitions, workflow: workflow))
        }
    }

    /// The condition of `field.<name>=<text>`.
    private static func fieldMatch(
        _ parameter: String, _ text: String, definitions: [FieldDefinition], workflow: String?
    ) throws -> FieldMatch {
        let name = String(parameter.dropFirst(fieldPrefix.count))
        do throws(FieldMatch.Problem) {
            return try FieldMatch(name: name, text: text, definitions: definitions)
        } catch .unknownField {
            let whose = workflow.map { "workflow \($0) has no field" } ?? "no workflow has a field"
            throw QueryValues.bad(parameter, "\(parameter): \(whose) '\(name)'")
        } catch .notA(let types) {
            throw QueryValues.bad(
                parameter,
                "\(parameter): '\(text)' is not a value of field '\(name)' (\(types.joined(separator: " or ")))")
        }
    }

    /// The order `sort=<name>` asks for: a word, or a field (`field.score`, `-field.score`).
    private static func sort(_ name: String, definitions: [FieldDefinition], workflow: String?) throws -> TaskSort {
        if let sort = TaskSort.named.first(where: { $0.name == name }) { return sort }
        do throws(FieldOrder.Problem) {
            if let order = try FieldOrder(sort: name, definitions: definitions) { return .field(order) }
        } catch .unknownField(let field) {
            let whose = workflow.map { "workflow \($0) has no field" } ?? "no workflow has a field"
            throw QueryValues.bad("sort", "sort=\(name): \(whose) '\(field)'")
        } catch .unordered(let field, let type) {
            throw QueryValues.bad("sort", "sort=\(name): field '\(field)' is a \(type), which has no order")
        } catch .typesDisagree(let field, let types) {
            throw QueryValues.bad(
                "sort",
                "sort=\(name): workflows declare field '\(field)' as \(types.joined(separator: " and ")); "
                    + "give workflow= to sort by it")
        }
        let known = TaskSort.named.map(\.name).joined(separator: ", ")
        throw QueryValues.bad("sort", "sort must be one of \(known), or field.<name> or -field.<name>, not '\(name)'")
    }

    private static func bool(_ value: Substring?, _ name: String) throws -> Bool? {
        switch value {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw QueryValues.bad(name, "\(name) must be true or false, not '\(value!)'")
        }
    }

    private static func limit(_ value: Substring?) throws -> Int? {
        guard let value else { return nil }
        guard let limit = Int(value), limit > 0 else {
            throw QueryValues.bad("limit", "limit must be a positive integer, not '\(value)'")
        }
        return limit
    }
}
