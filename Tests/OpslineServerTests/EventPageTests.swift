import Foundation
import Testing
import Workflow

/// `GET /v1/events?limit=N`: the log read a page at a time — exactly N events from the cursor
/// (fewer at the end of the log), and the next page from the last `seq` read, missing and
/// repeating nothing, across the server's own pages.
@Suite struct EventPageTests {
    @Test func pagesOfTheLogFollowOneAnotherWithoutGapOrRepeat() async throws {
        try await TestServer.make().run { api in
            // 600 tasks created in one batch: 1,200 events (each task's `created` and its SLA
            // clock's start), more than the server's page of 500.
            let creates = (1...600).map {
                #"{"op":"create","workflow":"complaint-escalation","title":"t\#($0)","fields":{"customer":"C"}}"#
            }
            let created = try await api.send(.post, "/v1/events", body: creates.joined(separator: "\n") + "\n")
            #expect(created.status == .ok)
            let whole = try await api.send(.get, "/v1/events?since=0").lines.compactMap { $0["seq"]?.intValue }
            #expect(whole.count >= 1_200 && whole == whole.sorted())

            var read: [Int] = []
            var pages: [Int] = []
            // Bounded: a page that repeated its cursor would loop for ever.
            for _ in 0..<10 {
                let page = try await api.send(.get, "/v1/events?since=\(read.last ?? 0)&limit=510")
                #expect(page.status == .ok)
                let seqs = page.lines.compactMap { $0["seq"]?.intValue }
                pages.append(seqs.count)
                read += seqs
                if seqs.count < 510 { break }
            }
            #expect(read == whole, "every event once, in order")
            #expect(pages.dropLast().allSatisfy { $0 == 510 }, "\(pages)")
            #expect(pages.last == whole.count % 510)
        }
    }

    @Test func aLimitThatIsNotAPositiveNumberOrComesWithFollowIsRefused() async throws {
        try await TestServer.make().run { api in
            _ = try await api.createComplaint()
            for query in ["limit=0", "limit=-3", "limit=ten", "limit=5&follow=true"] {
                let reply = try await api.send(.get, "/v1/events?since=0&\(query)")
                #expect(reply.status == .badRequest, "\(query): \(reply.text)")
                #expect(reply.object["error"]?["parameter"]?.stringValue == "limit", "\(query): \(reply.text)")
            }
            let one = try await api.send(.get, "/v1/events?since=0&limit=1")
            #expect(one.status == .ok && one.lines.count == 1, "\(one.text)")
        }
    }
}
