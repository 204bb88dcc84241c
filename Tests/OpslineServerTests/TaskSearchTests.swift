import Foundation
import Postgres
import TestSupport
import Testing
import Workflow

@testable import OpslineStore

/// `GET /v1/tasks?q=`: words of the title and of the string-valued fields.
@Suite struct TaskSearchTests {
    @Test func searchFindsTasksByTheWordsOfTheirTitleAndTextFields() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.run { api in
            let refund = try await api.createQueueTask("Refund not received", fields: #"{"customer":"ACME Ltd"}"#)
            let printer = try await api.createQueueTask(
                "Printer jammed again", fields: #"{"notes":"The customer now wants a refund too"}"#)
            let tagged = try await api.createQueueTask("Call back", fields: #"{"tags":["escalated-by-ceo"]}"#)
            let numbered = try await api.createQueueTask("Order 4711 lost", fields: #"{"amount":4711}"#)
            let list = "/v1/tasks?workflow=queue-check"

            #expect(try await api.ids("\(list)&q=refund") == [refund, printer], "title or a text field")
            #expect(try await api.ids("\(list)&q=REFUND") == [refund, printer], "case does not matter")
            #expect(try await api.ids("\(list)&q=refu") == [refund, printer], "the start of a word")
            #expect(try await api.ids("\(list)&q=refund%20acme") == [refund], "every word")
            #expect(try await api.ids("\(list)&q=acme") == [refund], "a string field")
            #expect(try await api.ids("\(list)&q=printer%20refund") == [printer], "title and field words together")
            #expect(try await api.ids("\(list)&q=ceo") == [tagged], "a string in a list field")
            #expect(
                try await api.ids("\(list)&q=4711") == [numbered],
                "a number in the title (a number field holds no words)")
            #expect(try await api.ids("\(list)&q=jam") == [printer])
            #expect(try await api.ids("\(list)&q=invoice") == [])
            #expect(try await api.ids("\(list)&q=%21%21%21") == [], "a text without a word matches nothing")
            #expect(try await api.ids("\(list)&q=it's") == [], "quotes are words, not syntax")
            #expect(try await api.ids("\(list)&q=refund&field.customer=ACME%20Ltd") == [refund])
            #expect(try await api.ids("\(list)&q=refund&sort=created") == [printer, refund])
            // Words of a title change with the title.
            let retitled = try await api.send(.patch, "/v1/tasks/\(tagged)", body: #"{"title":"Invoice query"}"#)
            #expect(retitled.status == .ok)
            #expect(try await api.ids("\(list)&q=invoice") == [tagged])
        }
    }

    /// The search is served by the `tasks_search` index (migration 0009): the planner picks it
    /// for the query the list runs, so a search does not read every task.
    @Test func theSearchUsesTheIndex() async throws {
        let server = try await TestServer.make()
        let row = try await server.pool.withConnection { connection in
            try await connection.execute("SET enable_seqscan = off")
            return try await connection.query(
                """
                EXPLAIN SELECT id FROM tasks
                WHERE \(TaskListSQL.searchDocument) @@ to_tsquery('simple', 'refund:*')
                """
            ).rows.compactMap { $0.values.first ?? nil }.joined(separator: "\n")
        }
        await server.pool.close()
        #expect(row.contains("tasks_search"), "\(row)")
    }
}
