import Foundation
import Hummingbird
import OpslineStore

/// The query of a queue page, `/ui/queues/{workflow}?…`: the filters of `GET /v1/tasks`
/// (read by the same ``TaskFilter/init(query:caller:catalog:now:)``, so the tasks and the error
/// messages are the API's), with the workflow taken from the path.
///
/// The page is a pure function of its query: the filter form is a GET form, sorting and paging
/// are links, so a live re-fetch of the same address shows the same view.
struct QueueQuery: Sendable {
    /// The parameters a queue page reads; any other is a 400 page naming it, as in the API.
    static let parameters = QueryParameters(
        ["state", "team", "assignee", "priority", "open", "breached", "unassigned", "q", "sort", "after", "limit"],
        prefixes: [TaskFilter.fieldPrefix])
    /// Rows per page unless `limit` says otherwise.
    static let defaultLimit = 50
    /// The most rows one page shows.
    static let largestLimit = 500

    /// The workflow of the path.
    let workflow: String
    /// The parameters given with a value, in the order given, decoded as a form's fields. The
    /// filter form sends every field, empty when unused: an empty value is no filter here (in
    /// the API `team=` filters on "").
    let given: [(name: String, value: String)]
    /// The filter of the page: one row more than ``pageSize``, to know whether a next page exists.
    let filter: TaskFilter
    /// Rows per page.
    let pageSize: Int

    /// The query of `request` for the queue of `workflow`, over the tasks `caller` sees.
    /// - Throws: A 400 naming the parameter when one is unknown or its value bad.
    init(workflow: String, request: Request, caller: Principal, catalog: WorkflowCatalog, now: Date) throws {
        try Self.parameters.check(request)
        self.workflow = workflow
        // Read as a form reads it (a GET form sends a space as `+`), not as the API reads `+`.
        given = try FormBody(text: request.uri.query ?? "").fields.filter { !$0.value.isEmpty }
        let query = Parameters(
            given.map { (key: Substring($0.name), value: Substring($0.value)) } + [("workflow", Substring(workflow))])
        var filter = try TaskFilter(query: query, caller: caller, catalog: catalog, now: now)
        let pageSize = filter.limit ?? Self.defaultLimit
        guard pageSize <= Self.largestLimit else {
            throw QueryValues.bad("limit", "limit must be at most \(Self.largestLimit) on a page, not '\(pageSize)'")
        }
        filter.limit = pageSize + 1
        self.filter = filter
        self.pageSize = pageSize
    }

    /// The value of parameter `name`, or "" when not given.
    func value(_ name: String) -> String {
        given.last { $0.name == name }?.value ?? ""
    }

    /// The page's own address.
    var path: String { "/ui/queues/" + Self.encoded(workflow) }

    /// This page's address with `changes` applied (nil removes a parameter): the other filters
    /// stay as they are.
    func url(_ changes: [String: String?]) -> String {
        var pairs = given.filter { changes[$0.name] == nil }
        for name in changes.keys.sorted() {
            if let value = changes[name] ?? nil { pairs.append((name, value)) }
        }
        guard !pairs.isEmpty else { return path }
        return path + "?" + pairs.map { Self.encoded($0.name) + "=" + Self.encoded($0.value) }.joined(separator: "&")
    }

    /// The address that sorts by `sort` (nil: oldest first, the default), from the first page.
    func sorted(by sort: TaskSort?) -> String {
        url(["sort": sort?.name, "after": nil])
    }

    /// `text` percent-encoded for a path segment or a query value.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()
}
