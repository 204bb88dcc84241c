import NIOCore
import Synchronization

/// Some tasks of a list, and how many the filter matches in all.
public struct TaskPage: Sendable {
    /// The tasks, in the list's order.
    public var tasks: [TaskLine]
    /// How many tasks match the filter, whatever its limit (`X-Total-Count`); nil when the
    /// server did not say.
    public var total: Int?

    /// The tasks matching beyond those listed here.
    public var more: Int { max(0, (total ?? tasks.count) - tasks.count) }
}

extension OpslineClient {
    /// Lists tasks (`GET /v1/tasks?count=true`) and the number matching in all, for a listing
    /// that shows some and says how many more there are.
    public func listTaskPage(filter: TaskFilter) async throws -> TaskPage {
        var filter = filter
        filter.count = true
        let request = ClientRequest.listTasks(filter)
        let total = HeaderValue()
        let stream = NDJSONStream<TaskLine>(open: { () async throws(ClientError) in
            let chunks = try await open(request, deadline: .distantFuture)
            total.value.withLock { $0 = chunks.headers["x-total-count"] }
            return chunks
        })
        let tasks = try await stream.collect()
        return TaskPage(tasks: tasks, total: total.value.withLock { $0 }.flatMap { Int($0) })
    }

    /// Takes the most urgent unassigned open task of the caller's teams (`POST /v1/tasks/next`):
    /// it is assigned to the caller.
    /// - Returns: The task taken, or nil when there is none to take.
    public func takeNextTask(team: String? = nil, workflow: String? = nil) async throws(ClientError) -> TaskLine? {
        let request = ClientRequest.takeNextTask(team: team, workflow: workflow)
        let timeout = requestTimeout
        let stream = NDJSONStream<TaskLine>(open: { () async throws(ClientError) in
            try await open(request, deadline: .now() + timeout)
        })
        var lines = stream.makeAsyncIterator()
        do {
            return try await lines.next()
        } catch let error as ClientError {
            throw error
        } catch {
            throw .badResponse("\(error)")
        }
    }

    /// The workload report (`GET /v1/reports/workload`), line by line.
    public func workloadReport(team: String? = nil, within: String? = nil) -> NDJSONStream<WorkloadLine> {
        stream(.workloadReport(team: team, within: within))
    }
}

/// A header read when a streamed response opens, for after its lines.
private final class HeaderValue: Sendable {
    let value = Mutex<String?>(nil)
}
