import Foundation
import Postgres
import Testing
import TestSupport
import Workflow

@testable import OpslineStore

/// A page of the event log is read in stretches of seqs that grow as they come back sparse.
@Suite struct SeqWindowTests {
    @Test func stretchesStartAtTheLimitAndGrowFourfoldUpToTheFrontier() {
        var window = SeqWindow(after: 100, limit: 500, frontier: 10_000, byTask: false)
        var ends: [Int64] = []
        var starts: [Int64] = []
        while let end = window.next() {
            starts.append(window.start)
            ends.append(end)
        }
        #expect(ends == [600, 2_600, 10_000])
        #expect(starts == [100, 600, 2_600])
        var byTask = SeqWindow(after: 100, limit: 500, frontier: 10_000, byTask: true)
        #expect(byTask.next() == 10_000)
        #expect(byTask.next() == nil)
    }

    @Test func aFilteredPageReadsOnPastStretchesThatHoldNoneOfItsEvents() async throws {
        let pool = PostgresPool(conninfo: try await TestCluster.shared.makeDatabase(), maximumConnections: 2)
        let database = try OpslineDatabase(pool: pool)
        try await database.prepare()
        try await database.workflows.publish(source: WorkflowCatalogTests.source, file: "complaint-escalation.yaml")
        var task = NewTask(workflow: "complaint-escalation", title: "t")
        task.fields = ["customer": "C"]
        let id = try await database.tasks.create(task, caller: .system("setup"), authorize: .system).id
        for n in 1...30 {
            _ = try await database.tasks.apply(
                .comment(taskID: id, text: "note \(n)"), caller: .system("w"), authorize: .system)
        }
        for transition in ["acknowledge", "investigate", "ask_customer"] {
            _ = try await database.tasks.transition(
                TransitionRequest(taskID: id, transition: transition), caller: .system("w"), authorize: .system)
        }
        let all = try await database.events.events(after: 0, filter: EventFilter(scope: .allTeams), limit: 1_000)
        let moves = all.filter { $0.type == "transitioned" }.map(\.seq)
        #expect(moves.count == 3)

        var filter = EventFilter(scope: .allTeams)
        filter.type = "transitioned"
        // Two of three, with 30-odd seqs of comments before them: several stretches.
        let two = try await database.events.events(after: 0, filter: filter, limit: 2)
        #expect(two.map(\.seq) == Array(moves.prefix(2)))
        let rest = try await database.events.events(after: two.last!.seq, filter: filter, limit: 2)
        #expect(rest.map(\.seq) == [moves[2]])
        // Unfiltered, the first stretch holds the page.
        let five = try await database.events.events(after: 0, filter: EventFilter(scope: .allTeams), limit: 5)
        #expect(five.map(\.seq) == Array(all.prefix(5).map(\.seq)))
        await pool.close()
    }
}
