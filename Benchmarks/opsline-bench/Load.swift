import Foundation
import NIOCore

/// A complaint a client owns, with the state the client last saw it in.
struct OwnedTask: Codable, Sendable {
    let id: String
    var investigating: Bool

    /// The move that flips it between investigating and waiting_on_customer.
    var nextTransition: String { investigating ? "ask_customer" : "customer_replied" }

    /// The state that move leads to.
    var nextState: String { investigating ? "waiting_on_customer" : "investigating" }
}

/// The phase's clock: load starts now, measuring starts after the warm-up, load stops at `end`.
struct MeasurementWindow: Sendable {
    let start: ContinuousClock.Instant
    let end: ContinuousClock.Instant

    init(warmup: Double, duration: Double) {
        let now = ContinuousClock.now
        start = now + .milliseconds(Int64(warmup * 1_000))
        end = start + .milliseconds(Int64(duration * 1_000))
    }

    /// True for a request sent and answered inside the measured part of the window.
    func measures(sent: ContinuousClock.Instant, answered: ContinuousClock.Instant) -> Bool {
        sent >= start && answered <= end
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Creates each client's complaints with `POST /v1/events` and moves them to investigating.
struct Seeder: Sendable {
    let api: BenchAPI
    let perClient: Int

    func seed(clients: Int) async throws -> [[OwnedTask]] {
        try await withThrowingTaskGroup(of: (Int, [OwnedTask]).self) { group in
            for client in 0..<clients {
                group.addTask { (client, try await seed(client: client)) }
            }
            var owned = [[OwnedTask]](repeating: [], count: clients)
            for try await (client, tasks) in group { owned[client] = tasks }
            return owned
        }
    }

    private func seed(client: Int) async throws -> [OwnedTask] {
        let creates = (0..<perClient).map { number in
            #"{"op":"create","workflow":"complaint-escalation","title":"bench \#(client)-\#(number)","#
                + #""fields":{"customer":"C"}}"# + "\n"
        }
        let created = try await api.post("/v1/events", ndjson: creates.joined())
        let ids = try Self.taskIDs(created)
        guard ids.count == perClient else {
            throw BenchFailure("seeding created \(ids.count) of \(perClient) tasks: \(created.text.prefix(500))")
        }
        let moves = ids.map { #"{"op":"transition","task":"\#($0)","transition":"investigate"}"# + "\n" }
        let moved = try await api.post("/v1/events", ndjson: moves.joined())
        let statuses = resultStatuses(moved.body)
        guard moved.status == 200, statuses.count == ids.count, statuses.allSatisfy({ $0 == 200 }) else {
            throw BenchFailure("moving seeded tasks to investigating failed: \(moved.text.prefix(500))")
        }
        return ids.map { OwnedTask(id: $0, investigating: true) }
    }

    private struct ResultLine: Decodable {
        struct Task: Decodable { let id: String }
        let status: Int
        let task: Task?
    }

    static func taskIDs(_ reply: BenchAPI.Reply) throws -> [String] {
        guard reply.status == 200 else { throw BenchFailure("POST /v1/events → \(reply.status): \(reply.text)") }
        let decoder = JSONDecoder()
        return try reply.text.split(separator: "\n").compactMap { line in
            try decoder.decode(ResultLine.self, from: Data(line.utf8)).task?.id
        }
    }
}

/// Phase (a): one `POST /v1/tasks/{id}/transitions` at a time per client, round-robin over its tasks.
struct SingleTransitions {
    let connection: PlainHTTPConnection
    let ledger: CommitLedger

    func run(_ tasks: inout [OwnedTask], _ window: MeasurementWindow) throws -> ClientTally {
        var tally = ClientTally()
        tally.latencies.reserveCapacity(1 << 16)
        var next = 0
        var failuresInARow = 0
        let clock = ContinuousClock()
        while clock.now < window.end {
            let task = tasks[next]
            let sent = clock.now
            let line = ledger.sent([(task.id, task.nextState)], at: sent)
            let reply: BenchAPI.Reply
            do {
                reply = try connection.post(
                    "/v1/tasks/\(task.id)/transitions", ndjson: #"{"transition":"\#(task.nextTransition)"}"#)
                failuresInARow = 0
            } catch {
                // Whether it committed is unknown; a retry is refused if it did.
                ledger.answered(line, at: clock.now) { _ in false }
                failuresInARow += 1
                tally.note(error: "\(error)")
                if failuresInARow >= 20 { throw BenchFailure("20 failed requests in a row; last: \(error)") }
                continue
            }
            let answered = clock.now
            ledger.answered(line, at: answered) { _ in reply.status == 200 }
            let measured = window.measures(sent: sent, answered: answered)
            if measured {
                tally.requests += 1
                tally.latencies.append((answered - sent).milliseconds)
            }
            if reply.status == 200 {
                tasks[next].investigating.toggle()
                if measured { tally.transitions += 1 }
            } else {
                if measured { tally.note(error: "\(task.id): \(reply.status) \(reply.text)") }
                tasks[next] = try refreshed(task, connection: connection)
            }
            next = (next + 1) % tasks.count
        }
        return tally
    }
}

/// Phase (b): `POST /v1/events` with `batchSize` transition lines per request, each client
/// cycling through its tasks so that no task appears twice in one request.
struct BatchedTransitions {
    let connection: PlainHTTPConnection
    let batchSize: Int
    let ledger: CommitLedger

    func run(_ tasks: inout [OwnedTask], _ window: MeasurementWindow) throws -> ClientTally {
        var tally = ClientTally()
        tally.latencies.reserveCapacity(1 << 12)
        var offset = 0
        let clock = ContinuousClock()
        while clock.now < window.end {
            let indices = (0..<batchSize).map { (offset + $0) % tasks.count }
            offset = (offset + batchSize) % tasks.count
            var body = ""
            body.reserveCapacity(batchSize * 72)
            for index in indices {
                body +=
                    #"{"op":"transition","task":"\#(tasks[index].id)","transition":"\#(tasks[index].nextTransition)"}"#
                body += "\n"
            }
            let sent = clock.now
            let lines = ledger.sent(indices.map { (tasks[$0].id, tasks[$0].nextState) }, at: sent)
            let reply = try connection.post("/v1/events", ndjson: body)
            let answered = clock.now
            let measured = window.measures(sent: sent, answered: answered)
            let statuses = resultStatuses(reply.body)
            ledger.answered(lines, at: answered) { reply.status == 200 && statuses.count > $0 && statuses[$0] == 200 }
            guard reply.status == 200, statuses.count == indices.count else {
                throw BenchFailure("POST /v1/events → \(reply.status): \(reply.text.prefix(500))")
            }
            if measured {
                tally.requests += 1
                tally.latencies.append((answered - sent).milliseconds)
            }
            for (index, status) in zip(indices, statuses) {
                if status == 200 {
                    tasks[index].investigating.toggle()
                    if measured { tally.transitions += 1 }
                } else {
                    if measured { tally.note(error: "\(tasks[index].id): line status \(status)") }
                    tasks[index] = try refreshed(tasks[index], connection: connection)
                }
            }
        }
        return tally
    }
}

/// Reads a task's current state, so the client's next move is valid again (after a refused move,
/// or after pgbench moved it between rounds).
func refreshed(_ task: OwnedTask, connection: PlainHTTPConnection) throws -> OwnedTask {
    struct TaskLine: Decodable { let state: String }
    let reply = try connection.get("/v1/tasks/\(task.id)")
    guard reply.status == 200 else { throw BenchFailure("GET /v1/tasks/\(task.id) → \(reply.status)") }
    let line = try JSONDecoder().decode(TaskLine.self, from: Data(reply.text.utf8))
    return OwnedTask(id: task.id, investigating: line.state == "investigating")
}
