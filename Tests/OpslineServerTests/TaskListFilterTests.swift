import Foundation
import HTTPTypes
import TestSupport
import Testing
@testable import Workflow

/// `GET /v1/tasks` for people: `assignee=me`, `unassigned`, `at_risk`, `field.<name>`, `sort`,
/// `count`, and paging in every order.
@Suite struct TaskListFilterTests {
    /// The tasks every test here lists, created a minute apart from `time.start`:
    /// A p3 unassigned (due 3h), B p1 alice (1h), C p2 bob (2h), D p1 waiting (paused: no running
    /// clock), E p2 billing (2h), F closed.
    struct Seeded {
        let a, b, c, d, e, f: String
    }

    static let list = "/v1/tasks?workflow=queue-check"

    static func seed(_ api: APIClient, time: TestTime) async throws -> Seeded {
        func next() async { await time.advance(by: .seconds(60)) }
        let a = try await api.createQueueTask(
            "A", fields: #"{"severity":"p3","customer":"ACME","amount":120,"tags":["vip","press"]}"#,
            extra: #","priority":"p2""#)
        await next()
        let b = try await api.createQueueTask(
            "B", fields: #"{"severity":"p1","customer":"Globex","vip":true}"#,
            extra: #","assignee":"alice","priority":"p1""#)
        await next()
        let c = try await api.createQueueTask("C", fields: #"{"severity":"p2"}"#, extra: #","assignee":"bob""#)
        await next()
        let d = try await api.createQueueTask(
            "D", fields: #"{"severity":"p1","amount":7}"#, extra: #","priority":"urgent""#)
        try await api.moveOK(d, "wait")
        await next()
        let e = try await api.createQueueTask(
            "E", fields: #"{"severity":"p2"}"#, extra: #","team":"billing","priority":"p3""#)
        await next()
        let f = try await api.createQueueTask("F", fields: #"{"severity":"p1"}"#)
        try await api.moveOK(f, "finish")
        await next()
        return Seeded(a: a, b: b, c: c, d: d, e: e, f: f)
    }

    @Test func meUnassignedAtRiskAndFieldsSelectExactlyTheirTasks() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        let alice = try await server.mintPersonal("alice")
        try await server.run { api in
            let t = try await Self.seed(api, time: time)
            let list = Self.list

            #expect(try await api.ids("\(list)&assignee=me", token: alice) == [t.b])
            #expect(try await api.ids("\(list)&assignee=me") == [], "the admin token is called admin")
            #expect(try await api.ids("\(list)&unassigned=true") == [t.a, t.d, t.e, t.f])
            #expect(try await api.ids("\(list)&unassigned=true&open=true") == [t.a, t.d, t.e])
            #expect(try await api.ids("\(list)&unassigned=false") == [t.b, t.c])
            // Non-admins see only their teams' queue.
            #expect(try await api.ids("\(list)&unassigned=true&open=true", token: alice) == [t.a, t.d])

            // Now is 6 minutes after A: B is due in 55 minutes, C in 1h56m, E in 1h58m, A in 2h54m.
            #expect(try await api.ids("\(list)&at_risk=1h") == [t.b])
            #expect(try await api.ids("\(list)&at_risk=2h") == [t.b, t.c, t.e])
            #expect(try await api.ids("\(list)&at_risk=3h") == [t.a, t.b, t.c, t.e], "a paused clock is not at risk")
            #expect(try await api.ids("\(list)&at_risk=30m") == [])

            #expect(try await api.ids("\(list)&field.severity=p1") == [t.b, t.d, t.f])
            #expect(try await api.ids("\(list)&field.severity=p1&open=true") == [t.b, t.d])
            #expect(try await api.ids("\(list)&field.customer=ACME") == [t.a])
            #expect(try await api.ids("\(list)&field.amount=120") == [t.a])
            #expect(try await api.ids("\(list)&field.vip=true") == [t.b])
            #expect(try await api.ids("\(list)&field.tags=press") == [t.a], "a list field holds the value")
            #expect(try await api.ids("\(list)&field.tags=vip&field.amount=7") == [])
            #expect(try await api.ids("/v1/tasks?field.severity=p1&team=billing") == [])
        }
    }

    @Test func badFilterValuesAreRefusedNamingTheParameter() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.run { api in
            let list = Self.list
            let none = try await api.ids(list)
            #expect(none.isEmpty)
            #expect(try await api.badParameter("\(list)&field.nosuch=1") == "field.nosuch")
            #expect(
                try await api.badParameter("/v1/tasks?workflow=queue-check&field.customer=1&field.amount=lots")
                    == "field.amount")
            #expect(try await api.badParameter("\(list)&field.severity=p9") == "field.severity")
            #expect(try await api.badParameter("\(list)&field.vip=yes") == "field.vip")
            #expect(
                try await api.badParameter("/v1/tasks?workflow=risk-review&field.customer=ACME") == "field.customer")
            #expect(try await api.badParameter("\(list)&sort=urgency") == "sort")
            #expect(try await api.badParameter("\(list)&at_risk=soon") == "at_risk")
            #expect(try await api.badParameter("\(list)&unassigned=maybe") == "unassigned")
            #expect(try await api.badParameter("\(list)&limit=0") == "limit")
            #expect(try await api.badParameter("\(list)&open=yes") == "open")
            // Without `workflow`, any workflow's field may be named.
            #expect(try await api.send(.get, "/v1/tasks?field.customer=ACME").status == .ok)
        }
    }

    @Test func everyOrderListsTheRightTasksInTheRightOrder() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.run { api in
            let t = try await Self.seed(api, time: time)
            let open = "\(Self.list)&open=true"
            #expect(try await api.ids(open) == [t.a, t.b, t.c, t.d, t.e])
            #expect(try await api.ids("\(open)&sort=due") == [t.b, t.c, t.e, t.a, t.d])
            #expect(try await api.ids("\(open)&sort=priority") == [t.b, t.a, t.e, t.d, t.c])
            #expect(try await api.ids("\(Self.list)&sort=created") == [t.f, t.e, t.d, t.c, t.b, t.a])
            // D and F moved the instant they were created: the last change of each is still older
            // than the next task's creation.
            #expect(try await api.ids("\(Self.list)&sort=updated") == [t.f, t.e, t.d, t.c, t.b, t.a])
            await time.advance(by: .seconds(60))
            let edited = try await api.send(.patch, "/v1/tasks/\(t.a)", body: #"{"title":"A again"}"#)
            #expect(edited.status == .ok)
            #expect(try await api.ids("\(Self.list)&sort=updated") == [t.a, t.f, t.e, t.d, t.c, t.b])
        }
    }

    /// A breached clock keeps running: its task stays the most urgent (it counts at its breach),
    /// instead of falling behind every task with a deadline still ahead.
    @Test func aBreachedTaskComesFirstInDueOrder() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await RunningScheduler.with(server.database, time: time) { running in
            try await server.run { api in
                let t = try await Self.seed(api, time: time)
                await running.advance(by: .seconds(3600))
                _ = try await running.value {
                    let line = try await api.task(t.b)
                    return line["sla"]?.arrayValue?.first?["state"] == "breached" ? true : nil
                }
                let open = "\(Self.list)&open=true"
                #expect(try await api.ids("\(open)&sort=due") == [t.b, t.c, t.e, t.a, t.d])
                #expect(try await api.ids("\(open)&breached=true&sort=due") == [t.b])
            }
        }
    }

    @Test func pagingResumesAfterTheLastTaskInEveryOrderWithoutSkippingOrRepeating() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.run { api in
            _ = try await Self.seed(api, time: time)
            // Ties too: several tasks created at the same instant, with the same priority and
            // severity, so that only the row id tells them apart.
            for index in 1...7 {
                _ = try await api.createQueueTask(
                    "tie \(index)", fields: #"{"severity":"p2"}"#, extra: #","priority":"p2""#)
            }
            let fieldSorts = [
                "&sort=field.amount", "&sort=-field.severity", "&sort=field.customer", "&sort=-field.vip",
            ]
            for sort in ["", "&sort=due", "&sort=priority", "&sort=updated", "&sort=created"] + fieldSorts {
                let whole = try await api.ids("\(Self.list)\(sort)")
                #expect(whole.count == 13, "\(sort)")
                #expect(Set(whole).count == whole.count, "\(sort)")
                for pageSize in [1, 2, 5] {
                    #expect(
                        try await api.pagedIDs("\(Self.list)\(sort)", pageSize: pageSize) == whole,
                        "\(sort), \(pageSize) a page")
                }
            }
            let unknown = try await api.send(.get, "\(Self.list)&sort=due&after=QUE-999")
            #expect(unknown.status == .badRequest)
        }
    }

    @Test func countTellsHowManyMatchWhateverTheLimit() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.run { api in
            let t = try await Self.seed(api, time: time)
            let reply = try await api.send(.get, "\(Self.list)&open=true&sort=due&limit=2&count=true")
            #expect(reply.lines.compactMap { $0["id"]?.stringValue } == [t.b, t.c])
            #expect(reply.headers[HTTPField.Name("X-Total-Count")!] == "5")
            let plain = try await api.send(.get, "\(Self.list)&limit=2")
            #expect(plain.headers[HTTPField.Name("X-Total-Count")!] == nil, "only when asked")
        }
    }
}
