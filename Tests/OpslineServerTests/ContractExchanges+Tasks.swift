import Foundation
import Testing

/// `/v1/tasks` and the routes below it.
extension ContractExchanges {
    static let complaint =
        #"{"workflow":"complaint-escalation","title":"Refund not received","fields":{"customer":"ACME","severity":"p1"}}"#
    static let launch =
        #"{"workflow":"launch-readiness","title":"Tea launch","fields":{"product":"Tea","launch_date":"2026-12-01","channels":["online_store"]}}"#

    func tasks() async throws {
        let id = try await creatingTasks()
        try await listingTasks(parent: id)
        try await readingATask(id)
        try await updatingATask(id)
        try await movingATask(id)
        try await commentingOnATask(id)
        try await attachments(id)
        try await checklists()
        try await links(id)
        try await api.exchange("a task's history", .get, "/v1/tasks/{id}/events", ["id": id], expect: 200)
        try await api.exchange(
            "another team's task's history, as an unknown task's", .get, "/v1/tasks/{id}/events", ["id": id],
            token: outsider, expect: 404)
        try await api.exchange(
            "an unknown task's history", .get, "/v1/tasks/{id}/events", ["id": "CMP-999"], expect: 404)
    }

    /// `POST /v1/tasks`. Returns the id of a complaint.
    func creatingTasks() async throws -> String {
        let path = "/v1/tasks"
        let id = try await api.exchange("one task", .post, path, body: Self.complaint, expect: 201).string("id")
        try await api.exchange(
            "one task as application/json", .post, path, body: Self.complaint, contentType: "application/json",
            expect: 201)
        try await api.exchange(
            "a task that spawns children, and a child of the complaint", .post, path,
            body: Self.launch + "\n"
                + #"{"workflow":"complaint-escalation","title":"Child","fields":{"customer":"ACME"},"parent":"\#(id)","team":"support","assignee":"alice","priority":"p2"}"#
                + "\n",
            expect: 201)
        let keyed =
            #"{"workflow":"complaint-escalation","title":"Keyed","fields":{"customer":"ACME"},"idempotency_key":"crm-1"}"#
        try await api.exchange("a line with an idempotency key", .post, path, body: keyed, expect: 201)
        try await api.exchange("the same line again, replayed", .post, path, body: keyed, expect: 201)
        try await api.exchange(
            "the same key on another line", .post, path,
            body: keyed.replacingOccurrences(of: "Keyed", with: "Other"), expect: 409)
        try await api.exchange(
            "one good line and one of an unknown workflow", .post, path,
            body: Self.complaint + "\n" + #"{"workflow":"nope","title":"x"}"#, expect: 207)
        try await api.exchange(
            "an unknown key", .post, path, body: #"{"workflow":"complaint-escalation","titel":"x"}"#, expect: 400)
        try await api.exchange("a line that is not JSON", .post, path, body: "{", expect: 400)
        try await api.exchange("an empty body", .post, path, body: "", expect: 400)
        try await api.exchange(
            "an unknown parent", .post, path,
            body: #"{"workflow":"complaint-escalation","title":"x","fields":{"customer":"A"},"parent":"CMP-999"}"#,
            expect: 400)
        try await api.exchange(
            "an unknown workflow", .post, path, body: #"{"workflow":"nope","title":"x"}"#, expect: 404)
        try await api.exchange(
            "a field value the workflow refuses", .post, path,
            body: #"{"workflow":"complaint-escalation","title":"x","fields":{"customer":"A","severity":"p9"}}"#,
            expect: 422)
        try await api.exchange("a viewer may not create", .post, path, body: Self.complaint, token: viewer, expect: 403)
        try await api.exchange(
            "another content type", .post, path, body: Self.complaint, contentType: "text/csv", expect: 415)
        try await api.exchange("a line over 1 MiB", .post, path, body: Self.oversizedLine, expect: 413)
        return id
    }

    /// `GET /v1/tasks`.
    func listingTasks(parent: String) async throws {
        let path = "/v1/tasks"
        try await api.exchange("every task", .get, path, expect: 200)
        try await api.exchange(
            "tasks by workflow, state, team, priority, open", .get, path,
            query: "workflow=complaint-escalation&state=received&team=support&priority=p1&open=true&limit=2",
            expect: 200)
        try await api.exchange(
            "a task's children, assigned, without a breach", .get, path,
            query: "parent=\(parent)&assignee=alice&breached=false", expect: 200)
        try await api.exchange("resuming after a task", .get, path, query: "after=\(parent)", expect: 200)
        try await api.exchange("a viewer's tasks", .get, path, token: viewer, expect: 200)
        try await api.exchange("limit is not a positive integer", .get, path, query: "limit=0", expect: 400)
        try await api.exchange("open is not true or false", .get, path, query: "open=maybe", expect: 400)
        try await api.exchange("after an unknown task", .get, path, query: "after=CMP-999", expect: 400)
        try await api.exchange(
            "my open tasks, most urgent first, with the count", .get, path,
            query: "assignee=me&open=true&sort=due&limit=5&count=true", token: member, expect: 200)
        try await api.exchange(
            "the unassigned queue at risk within a day", .get, path, query: "unassigned=true&at_risk=1d&sort=priority",
            expect: 200)
        try await api.exchange(
            "a field's value and a search, newest first", .get, path,
            query: "field.severity=p1&field.customer=ACME&q=refund&sort=created", expect: 200)
        try await api.exchange(
            "recently changed, resumed after a task", .get, path, query: "sort=updated&after=\(parent)", expect: 200)
        try await api.exchange("a field no workflow has", .get, path, query: "field.colour=red", expect: 400)
        try await api.exchange(
            "a workflow's tasks by a field's value, highest first", .get, path,
            query: "workflow=complaint-escalation&sort=-field.severity&after=\(parent)", expect: 200)
        try await api.exchange("an unknown order", .get, path, query: "sort=urgency", expect: 400)
        try await api.exchange(
            "an order by a field no workflow has", .get, path, query: "workflow=complaint-escalation&sort=field.nope",
            expect: 400)
        try await api.exchange("an unknown query parameter", .get, path, query: "stat=open", expect: 400)
    }

    /// `GET /v1/tasks/{id}`.
    func readingATask(_ id: String) async throws {
        let path = "/v1/tasks/{id}"
        try await api.exchange("a task with its children", .get, path, ["id": id], expect: 200)
        try await api.exchange("a task that spawned children", .get, path, ["id": "LCH-1"], expect: 200)
        try await api.exchange(
            "another team's task, as an unknown one", .get, path, ["id": id], token: outsider, expect: 404)
        try await api.exchange("an unknown task", .get, path, ["id": "CMP-999"], expect: 404)
    }

    /// `PATCH /v1/tasks/{id}`.
    func updatingATask(_ id: String) async throws {
        let path = "/v1/tasks/{id}"
        let task = ["id": id]
        try await api.exchange(
            "fields, title and priority at the expected version", .patch, path, task,
            body:
                #"{"fields":{"order_id":"A-1","contact":null},"title":"Refund still missing","priority":"p1","expected_version":1}"#,
            expect: 200)
        try await api.exchange(
            "assignee and team only", .patch, path, task, body: #"{"assignee":"alice","team":"support"}"#, expect: 200)
        try await api.exchange("null clears the assignee", .patch, path, task, body: #"{"assignee":null}"#, expect: 200)
        try await api.exchange("an empty body", .patch, path, task, body: "", expect: 200)
        let keyed: [(String, String)] = [("Idempotency-Key", "patch-1")]
        try await api.exchange(
            "with an Idempotency-Key", .patch, path, task, body: #"{"title":"Keyed"}"#, headers: keyed, expect: 200)
        try await api.exchange(
            "the same again, replayed", .patch, path, task, body: #"{"title":"Keyed"}"#, headers: keyed, expect: 200)
        try await api.exchange(
            "the same key, another change", .patch, path, task, body: #"{"title":"Other"}"#, headers: keyed,
            expect: 409)
        try await api.exchange(
            "a stale expected_version", .patch, path, task, body: #"{"title":"x","expected_version":1}"#, expect: 409)
        try await api.exchange("an unknown key", .patch, path, task, body: #"{"titel":"x"}"#, expect: 400)
        try await api.exchange("two lines", .patch, path, task, body: "{}\n{}\n", expect: 400)
        try await api.exchange(
            "a field value the workflow refuses", .patch, path, task, body: #"{"fields":{"severity":"p9"}}"#,
            expect: 422)
        try await api.exchange("a viewer may not change", .patch, path, task, body: "{}", token: viewer, expect: 403)
        try await api.exchange("an unknown task", .patch, path, ["id": "CMP-999"], body: "{}", expect: 404)
        try await api.exchange(
            "another content type", .patch, path, task, body: "{}", contentType: "text/csv", expect: 415)
        try await api.exchange("a line over 1 MiB", .patch, path, task, body: Self.oversizedLine, expect: 413)
        try await changingAFrozenField()
    }

    /// `409 locked_field` from `PATCH` and from a transition's fields: an accepted risk's score.
    func changingAFrozenField() async throws {
        let moves = "/v1/tasks/{id}/transitions"
        let risk = [
            "id": try await api.exchange(
                "a risk", .post, "/v1/tasks",
                body:
                    #"{"workflow":"risk-review","title":"Stock","fields":{"risk":"x","category":"inventory","likelihood":2,"impact":2}}"#,
                expect: 201
            ).string("id")
        ]
        try await api.exchange("assessing it", .post, moves, risk, body: #"{"transition":"assess"}"#, expect: 200)
        try await api.exchange(
            "accepting it", .post, moves, risk,
            body: #"{"transition":"accept","fields":{"strategy":"spread","mitigation":"m","contingency":"c"}}"#,
            expect: 200)
        try await api.exchange(
            "a field the task's state locks", .patch, "/v1/tasks/{id}", risk, body: #"{"fields":{"likelihood":5}}"#,
            expect: 409)
        try await api.exchange(
            "a transition changing a field its state locks", .post, moves, risk,
            body: #"{"transition":"retire","fields":{"retire_reason":"gone","impact":1}}"#, expect: 409)
    }

    /// `POST /v1/tasks/{id}/transitions`.
    func movingATask(_ id: String) async throws {
        let path = "/v1/tasks/{id}/transitions"
        let task = ["id": id]
        try await api.exchange(
            "a move (its first-response clock is met)", .post, path, task, body: #"{"transition":"acknowledge"}"#,
            expect: 200)
        let keyed: [(String, String)] = [("Idempotency-Key", "move-1")]
        let investigate = #"{"transition":"investigate","note":"calling the courier","fields":{"category":"refund"}}"#
        try await api.exchange(
            "a move with an Idempotency-Key", .post, path, task, body: investigate, headers: keyed, expect: 200)
        try await api.exchange(
            "the same move, replayed", .post, path, task, body: investigate, headers: keyed, expect: 200)
        try await api.exchange(
            "the same key, another move", .post, path, task, body: #"{"transition":"resolve"}"#, headers: keyed,
            expect: 409)
        try await api.exchange(
            "a move that pauses a clock", .post, path, task, body: #"{"transition":"ask_customer"}"#, expect: 200)
        try await api.exchange(
            "a move not allowed from the current state", .post, path, task, body: #"{"transition":"close"}"#,
            expect: 409)
        try await api.exchange(
            "a stale expected_version", .post, path, task,
            body: #"{"transition":"customer_replied","expected_version":1}"#, expect: 409)
        try await api.exchange(
            "a move back", .post, path, task, body: #"{"transition":"customer_replied","expected_version":null}"#,
            expect: 200)
        try await api.exchange(
            "a required field missing", .post, path, task, body: #"{"transition":"resolve"}"#, expect: 422)
        try await api.exchange(
            "a field value the workflow refuses", .post, path, task,
            body: #"{"transition":"resolve","fields":{"satisfaction":9,"resolution":"r"}}"#, expect: 422)
        try await api.exchange(
            "children still open", .post, path, ["id": "LCH-1"], body: #"{"transition":"go_no_go"}"#, expect: 422)
        try await api.exchange(
            "a move that stops every clock", .post, path, task,
            body: #"{"transition":"resolve","fields":{"resolution":"refunded"}}"#, expect: 200)
        try await api.exchange("an unknown key", .post, path, task, body: #"{"transition":"x","nope":1}"#, expect: 400)
        try await api.exchange(
            "a viewer may not move", .post, path, task, body: #"{"transition":"reopen"}"#, token: viewer, expect: 403)
        try await api.exchange(
            "an unknown task", .post, path, ["id": "CMP-999"], body: #"{"transition":"close"}"#, expect: 404)
        try await api.exchange(
            "another content type", .post, path, task, body: #"{"transition":"reopen"}"#, contentType: "text/csv",
            expect: 415)
        try await api.exchange("a line over 1 MiB", .post, path, task, body: Self.oversizedLine, expect: 413)
    }

    /// `POST /v1/tasks/{id}/comments`.
    func commentingOnATask(_ id: String) async throws {
        let path = "/v1/tasks/{id}/comments"
        let task = ["id": id]
        let keyed: [(String, String)] = [("Idempotency-Key", "comment-1")]
        try await api.exchange("a comment", .post, path, task, body: #"{"text":"Called the customer"}"#, expect: 201)
        try await api.exchange(
            "a comment with an Idempotency-Key", .post, path, task, body: #"{"text":"Once"}"#, headers: keyed,
            expect: 201)
        try await api.exchange(
            "the same comment, replayed", .post, path, task, body: #"{"text":"Once"}"#, headers: keyed, expect: 201)
        try await api.exchange(
            "the same key, another comment", .post, path, task, body: #"{"text":"Twice"}"#, headers: keyed,
            expect: 409)
        try await api.exchange("a blank comment", .post, path, task, body: #"{"text":"  "}"#, expect: 422)
        try await api.exchange("an unknown key", .post, path, task, body: #"{"txt":"x"}"#, expect: 400)
        try await api.exchange(
            "another team's task, as an unknown one", .post, path, task, body: #"{"text":"x"}"#, token: outsider,
            expect: 404)
        try await api.exchange("an unknown task", .post, path, ["id": "CMP-999"], body: #"{"text":"x"}"#, expect: 404)
        try await api.exchange(
            "another content type", .post, path, task, body: #"{"text":"x"}"#, contentType: "text/csv", expect: 415)
        try await api.exchange("a line over 1 MiB", .post, path, task, body: Self.oversizedLine, expect: 413)
    }
}
