import Logging
import OpslineStore
import TestSupport
import Testing

@testable import OpslineServer

/// The flow projector as `opsline serve` runs it: woken by committed events, it brings the flow
/// report's projection up to the last move without being asked.
@Suite struct FlowProjectorTests {
    @Test(.timeLimit(.minutes(1))) func committedMovesReachTheProjectionWithoutARequest() async throws {
        let server = try await TestServer.make()
        let events = EventSignal(conninfo: server.pool.conninfo)
        // No pause between looks: the test waits for the projection, never for a clock.
        let projector = FlowProjector(
            projection: server.database.flowProjection, signal: events, logger: Logger(label: "test"),
            idleCheck: .seconds(3600), spacing: .zero)
        try await server.run { api in
            try await withBackgroundServices([events.run, { try await projector.run() }]) {
                await events.listening()
                let id = try await api.createComplaint(title: "projected")
                let moved = try await api.move(id, "acknowledge")
                #expect(moved.status == .ok, "\(moved.text)")
                let last = try await server.pool.withConnection {
                    try await $0.query("SELECT max(seq) AS seq FROM events").first!.decode("seq", as: Int64.self)
                }
                // Bounded: a projector that never wakes fails the time limit, not the suite.
                while try await server.database.flowProjection.through() < last {
                    try await Task.sleep(for: .milliseconds(5))
                }
                let states = try await server.pool.withConnection {
                    try await $0.query(
                        "SELECT state FROM flow_stretches WHERE task_id = $1 ORDER BY entered_seq", [id]
                    ).rows.map { try $0.decode("state", as: String.self) }
                }
                #expect(states == ["received", "acknowledged"])
            }
        }
    }
}
