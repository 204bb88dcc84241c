import Foundation
import Postgres
import Testing
import TestSupport
import Workflow

@testable import OpslineStore

/// A page of the event log is read in stretches of seqs that grow as they come back sparse.
@Suite struct SeqWindowTests {
    @Test func stretchesStartAtTheLimitAndGrowForWhatIsStillWantedUpToTheFrontier() {
        var window = SeqWindow(after: 100, limit: 500, frontier: 100_000, byTask: false)
        var ends: [Int64?] = [window.next()]
        let firstStart = window.start
        // 50 of 500 seqs were the reader's: 450 more want about 4,500 seqs, and a quarter more.
        ends.append(window.next(lastHeld: 50))
        let secondStart = window.start
        // None of them: at the density of everything read so far (50 in 6,125 seqs).
        ends.append(window.next(lastHeld: 0))
        ends.append(window.next(lastHeld: 10))
        ends.append(window.next(lastHeld: 0))
        #expect(ends == [600, 6_225, 6_225 + 68_907, 100_000, nil])
        #expect([firstStart, secondStart] == [100, 600])
        var sparse = SeqWindow(after: 0, limit: 100, frontier: 1_000_000, byTask: false)
        let sparseEnds = [sparse.next(), sparse.next(lastHeld: 0)]
        #expect(sparseEnds == [100, 900], "nothing held: eight times as long")
        var byTask = SeqWindow(after: 100, limit: 500, frontier: 10_000, byTask: true)
        let byTaskEnds = [byTask.next(), byTask.next()]
        #expect(byTaskEnds == [10_000, nil])
    }

    @Test func aFilteredPageReadsOnPastStretchesThatHoldNoneOfItsEvents() async throws {
        let (database, id) = try await EventLogTests.databaseWithOneTask(connections: 2)
        let pool = database.pool
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
