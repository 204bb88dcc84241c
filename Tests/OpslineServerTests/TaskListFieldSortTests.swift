import Foundation
import TestSupport
import Testing

/// `GET /v1/tasks?sort=field.<name>` and `sort=-field.<name>`: a list in the order of one field's
/// values (a risk register by score), as the field's type compares them, tasks without a value
/// last. Paging in these orders is tested with the other orders in ``TaskListFilterTests``.
@Suite struct TaskListFieldSortTests {
    static let list = TaskListFilterTests.list

    @Test func numbersEnumsTextAndBoolsSortByTheirTypeWithMissingValuesLast() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.run { api in
            // A amount 120, D 7, the rest none; severity A p3, B D F p1, C E p2; customer A ACME,
            // B Globex; B vip.
            let t = try await TaskListFilterTests.seed(api, time: time)
            let g = try await api.createQueueTask("G", fields: #"{"severity":"p2","amount":15,"customer":"Acme Ltd"}"#)

            // By value, not as text ("120" < "15" < "7"); ties and the missing oldest first.
            #expect(try await api.ids("\(Self.list)&sort=field.amount") == [t.d, g, t.a, t.b, t.c, t.e, t.f])
            #expect(try await api.ids("\(Self.list)&sort=-field.amount") == [t.a, g, t.d, t.b, t.c, t.e, t.f])
            // An enum by the order its values are declared in, not alphabetically.
            #expect(try await api.ids("\(Self.list)&sort=field.severity") == [t.b, t.d, t.f, t.c, t.e, g, t.a])
            #expect(try await api.ids("\(Self.list)&sort=-field.severity") == [t.a, t.c, t.e, g, t.b, t.d, t.f])
            // Text (ACME, Acme Ltd, Globex in any collation).
            #expect(try await api.ids("\(Self.list)&sort=field.customer") == [t.a, g, t.b, t.c, t.d, t.e, t.f])
            #expect(try await api.ids("\(Self.list)&sort=-field.customer") == [t.b, g, t.a, t.c, t.d, t.e, t.f])
            #expect(try await api.ids("\(Self.list)&sort=-field.vip").first == t.b)
            // With the other filters, and after a task in the order.
            #expect(try await api.ids("\(Self.list)&open=true&sort=-field.amount&limit=2") == [t.a, g])
            #expect(try await api.ids("\(Self.list)&sort=-field.amount&after=\(g)&limit=2") == [t.d, t.b])

            // A changed value moves the task.
            let edited = try await api.send(.patch, "/v1/tasks/\(t.d)", body: #"{"fields":{"amount":500}}"#)
            #expect(edited.status == .ok)
            #expect(try await api.ids("\(Self.list)&sort=-field.amount&limit=3") == [t.d, t.a, g])
        }
    }

    @Test func aFieldWithoutAnOrderOrUnknownIsRefusedNamingSort() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.run { api in
            _ = try await api.createQueueTask("A")
            for sort in ["field.tags", "field.colour", "-field.", "--field.amount", "-due", "field"] {
                let reply = try await api.send(.get, "\(Self.list)&sort=\(sort)")
                #expect(reply.status == .badRequest, "\(sort)")
                #expect(reply.object["error"]?["parameter"]?.stringValue == "sort", "\(sort)")
            }
            let list = try await api.send(.get, "\(Self.list)&sort=field.tags")
            #expect(list.object["error"]?["message"]?.stringValue?.contains("list of string") == true, "\(list.text)")

            // Without `workflow`, the field is read in every workflow: one declaring `amount` as a
            // string makes its order ambiguous, and the message says to name the workflow.
            try await server.database.workflows.publish(
                source: """
                    workflow: other
                    key: OTH
                    team: support
                    fields: {amount: {type: string}}
                    states: {open: {initial: true}, done: {final: true}}
                    transitions: {finish: {from: open, to: done}}
                    """, file: "other.yaml")
            let ambiguous = try await api.send(.get, "/v1/tasks?sort=field.amount")
            #expect(ambiguous.status == .badRequest)
            #expect(ambiguous.object["error"]?["message"]?.stringValue?.contains("workflow=") == true)
            #expect(try await api.send(.get, "\(Self.list)&sort=field.amount").status == .ok)
            #expect(try await api.send(.get, "/v1/tasks?sort=-field.severity").status == .ok, "one workflow has it")
        }
    }
}
