import Foundation
import HTTPTypes
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// The task page, `/ui/tasks/{id}`: what it shows, who may open it, and its forms — transitions
/// with the fields they require, and comments — which change the task as the API does.
@Suite struct TaskPageTests {
    /// A server with member `mia` in `support` (the complaints' team), a complaint of support's
    /// and one of `sales`, and mia signed in.
    struct Desk {
        let server: TestServer
        let api: APIClient
        var browser: PageClient
        let ours: String
        let theirs: String
    }

    static func withDesk(_ body: @Sendable (inout Desk) async throws -> Void) async throws {
        let server = try await TestServer.make()
        try await server.addUser("mia", ["support": .member])
        try await server.addTeams("sales")
        try await server.run { api in
            try await api.setPassword("mia", "mia's password")
            let ours = try await api.createComplaint(title: "退款未到账 refund missing", customer: "ACME")
            let theirs = try await api.createTask(
                #"{"workflow":"complaint-escalation","title":"Sales secret","team":"sales","fields":{"customer":"Initech"}}"#
            )
            var browser = PageClient(api)
            try await browser.signIn(user: "mia", password: "mia's password")
            var desk = Desk(server: server, api: api, browser: browser, ours: ours, theirs: theirs)
            try await body(&desk)
        }
    }

    @Test func aMemberOpensTheirTeamsTaskAndSeesItsFieldsClocksAndHistory() async throws {
        try await Self.withDesk { desk in
            #expect(try await desk.api.move(desk.ours, "acknowledge").status == .ok)
            let page = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let text = page.text
            #expect(text.contains(#"<span data-testid="task-title">退款未到账 refund missing</span>"#))
            #expect(text.contains(#"<strong data-testid="task-state">Acknowledged</strong>"#))
            #expect(
                text.contains(
                    #"<a href="/ui/workflows/complaint-escalation" data-testid="workflow-link">Customer complaint</a>"#)
            )
            #expect(text.contains(#"<td data-testid="field-customer">ACME</td>"#))
            #expect(text.contains(#"<td data-testid="field-severity">p3</td>"#))
            #expect(text.contains(#"<dd data-testid="task-team">support</dd>"#))
            #expect(text.contains(#"<dd data-testid="task-priority">p3</dd>"#))
            // The clocks: first response met, resolution running with its time left in words.
            let resolution = try #require(Self.slice(text, from: #"data-testid="clock-resolution-1""#, to: "</tr>"))
            #expect(resolution.contains(#"data-testid="clock-state">running</td>"#))
            #expect(resolution.contains("of working time left"))
            #expect(resolution.contains("<time datetime=\""))
            let firstResponse = try #require(
                Self.slice(text, from: #"data-testid="clock-first_response-1""#, to: "</tr>"))
            #expect(firstResponse.contains(#"data-testid="clock-state">met</td>"#))
            // History from the event log, newest first, with who and what.
            let types = Self.all(text, #"data-testid="history-type">([a-z_]+)<"#)
            #expect(types == ["sla_met", "transitioned", "sla_started", "sla_started", "created"])
            #expect(text.contains("<li>acknowledge: received → acknowledged</li>"))
            #expect(text.contains("<td>admin</td>"))
            // The transitions from here, as forms posting to the page's own addresses.
            #expect(text.contains(#"action="/ui/tasks/\#(desk.ours)/transitions/investigate""#))
            #expect(!text.contains("/transitions/acknowledge\""), "not allowed from acknowledged")
            // Live markup: the task is followed, and each part is a region.
            #expect(text.contains(#"data-live-task="\#(desk.ours)""#))
            for region in ["task-head", "task-summary", "task-actions", "task-fields", "task-sla", "task-history"] {
                #expect(text.contains(#"id="\#(region)" "#) && text.contains("data-live-region"), "\(region)")
            }
        }
    }

    @Test func anotherTeamsTaskIsRefusedAsIfItDidNotExist() async throws {
        try await Self.withDesk { desk in
            let theirs = try await desk.browser.get("/ui/tasks/\(desk.theirs)")
            #expect(theirs.status == .forbidden)
            #expect(theirs.text.contains(#"data-testid="error-heading">You cannot open this task</h1>"#))
            #expect(theirs.text.contains("either it does not exist, or it belongs to a team you are not in"))
            #expect(!theirs.text.contains("Sales secret") && !theirs.text.contains("Initech"))
            let missing = try await desk.browser.get("/ui/tasks/CMP-999999")
            #expect(missing.status == .forbidden)
            #expect(
                missing.text.replacingOccurrences(of: "CMP-999999", with: desk.theirs) == theirs.text,
                "the same page as for a task that does not exist")
            // Its forms are refused the same way, and change nothing.
            let csrf = try #require(try await desk.browser.get("/ui/tasks/\(desk.ours)").csrf)
            let posted = try await desk.browser.post(
                "/ui/tasks/\(desk.theirs)/transitions/acknowledge", form: [("csrf", csrf)])
            #expect(posted.status == .forbidden)
            let comment = try await desk.browser.post(
                "/ui/tasks/\(desk.theirs)/comments", form: [("csrf", csrf), ("text", "peek")])
            #expect(comment.status == .forbidden)
            let task = try await desk.api.send(.get, "/v1/tasks/\(desk.theirs)")
            #expect(task.object["state"] == "received" && task.object["version"] == 1)
        }
    }

    @Test func aTransitionPostedWithoutTheCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await Self.withDesk { desk in
            let page = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            let form = try #require(Self.form(page.text, "transition-acknowledge"))
            for csrf in [nil, "", "forged"] {
                var fields = [("idempotency_key", try #require(Self.value(form, "idempotency_key")))]
                if let csrf { fields.append(("csrf", csrf)) }
                let refused = try await desk.browser.post(
                    "/ui/tasks/\(desk.ours)/transitions/acknowledge", form: fields)
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains(#"data-testid="error-heading">Refused</h1>"#))
            }
            let history = try await desk.api.send(.get, "/v1/tasks/\(desk.ours)/events")
            #expect(history.lines.count == 3, "created and two clocks started: nothing more")
            #expect(try await desk.api.send(.get, "/v1/tasks/\(desk.ours)").object["state"] == "received")
        }
    }

    @Test func aTransitionMissingItsRequiredFieldShowsTheGuardBesideTheFieldAndWritesNothing() async throws {
        try await Self.withDesk { desk in
            #expect(try await desk.api.move(desk.ours, "investigate").status == .ok)
            let page = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            let form = try #require(Self.form(page.text, "transition-resolve"))
            #expect(form.contains(#"<label for="transition-resolve-resolution">resolution</label>"#))
            #expect(form.contains(#"<textarea id="transition-resolve-resolution" name="field.resolution""#))
            let before = try await desk.api.send(.get, "/v1/tasks/\(desk.ours)/events").lines.count
            let refused = try await desk.browser.post(
                "/ui/tasks/\(desk.ours)/transitions/resolve", form: try Self.filled(form, [("field.resolution", "  ")]))
            #expect(refused.status == .unprocessableContent)
            let again = try #require(Self.form(refused.text, "transition-resolve"))
            #expect(
                again.contains(
                    #"<p class="field-error" id="transition-resolve-resolution-error" data-testid="field-error-resolution">transition &#39;resolve&#39; needs field(s) resolution</p>"#
                ))
            #expect(again.contains(#"aria-describedby="transition-resolve-resolution-error""#))
            #expect(refused.text.contains(#"data-testid="failure-summary">Could not fire “resolve”: transition"#))
            #expect(try await desk.api.send(.get, "/v1/tasks/\(desk.ours)/events").lines.count == before)
            #expect(try await desk.api.send(.get, "/v1/tasks/\(desk.ours)").object["state"] == "investigating")

            // A value the field refuses is named beside it, and what was typed stays.
            #expect(
                try await desk.api.move(desk.ours, "resolve", extra: #","fields":{"resolution":"done"}"#).status == .ok)
            let resolved = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            let close = try #require(Self.form(resolved.text, "transition-close"))
            #expect(
                close.contains(
                    #"<input id="transition-close-satisfaction" name="field.satisfaction" type="number" value="" step="1" min="1" max="5">"#
                ))
            let tooHigh = try await desk.browser.post(
                "/ui/tasks/\(desk.ours)/transitions/close", form: try Self.filled(close, [("field.satisfaction", "9")]))
            #expect(tooHigh.status == .unprocessableContent)
            let kept = try #require(Self.form(tooHigh.text, "transition-close"))
            #expect(kept.contains(#"name="field.satisfaction" type="number" value="9""#))
            #expect(kept.contains(#"data-testid="field-error-satisfaction">must be &lt;= 5</p>"#))
        }
    }

    @Test func aGoodTransitionMovesTheStateAndShowsInTheHistory() async throws {
        try await Self.withDesk { desk in
            #expect(try await desk.api.move(desk.ours, "investigate").status == .ok)
            let page = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            let form = try #require(Self.form(page.text, "transition-resolve"))
            let fields = try Self.filled(form, [("field.resolution", "Refunded 退款 <b>\"now\"</b>")])
            let moved = try await desk.browser.post("/ui/tasks/\(desk.ours)/transitions/resolve", form: fields)
            #expect(moved.status == .seeOther)
            #expect(moved.location == "/ui/tasks/\(desk.ours)")
            // Sent twice (a double click, a retry): the same key changes the task once.
            let twice = try await desk.browser.post("/ui/tasks/\(desk.ours)/transitions/resolve", form: fields)
            #expect(twice.status == .seeOther)
            let task = try await desk.api.send(.get, "/v1/tasks/\(desk.ours)")
            #expect(task.object["state"] == "resolved")
            #expect(task.object["fields"]?["resolution"] == "Refunded 退款 <b>\"now\"</b>")
            #expect(task.object["version"] == 3)
            let after = try await desk.browser.get(try #require(moved.location))
            #expect(after.text.contains(#"<strong data-testid="task-state">Resolved</strong>"#))
            #expect(after.text.contains("<li>resolve: investigating → resolved</li>"))
            #expect(after.text.contains("<td>mia</td>"), "the history names who moved it")
            #expect(after.text.contains("Refunded 退款 &lt;b&gt;&quot;now&quot;&lt;/b&gt;"))
            let history = try await desk.api.send(.get, "/v1/tasks/\(desk.ours)/events")
            #expect(history.lines.filter { $0["type"] == "transitioned" }.count == 2)
            #expect(history.lines.last { $0["type"] == "transitioned" }?["actor"] == "mia")
            // A reload of the form's address opens the task page.
            let reload = try await desk.browser.get("/ui/tasks/\(desk.ours)/transitions/resolve")
            #expect(reload.status == .seeOther && reload.location == "/ui/tasks/\(desk.ours)")
        }
    }

    @Test func commentsAreAddedAndABlankOneIsNamedBesideItsField() async throws {
        try await Self.withDesk { desk in
            let page = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            let form = try #require(Self.form(page.text, "comment-form", by: "data-testid"))
            let blank = try await desk.browser.post(
                "/ui/tasks/\(desk.ours)/comments", form: try Self.filled(form, [("text", " ")]))
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains(#"data-testid="field-error-text">must not be empty</p>"#))
            let posted = try await desk.browser.post(
                "/ui/tasks/\(desk.ours)/comments", form: try Self.filled(form, [("text", "客户来电 <i>called</i>")]))
            #expect(posted.status == .seeOther)
            let after = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            #expect(after.text.contains(#"<p class="comment-text">客户来电 &lt;i&gt;called&lt;/i&gt;</p>"#))
            #expect(after.text.contains(#"<td class="event-type" data-testid="history-type">commented</td>"#))
        }
    }

    @Test func aMemberAssignsTheTaskToThemselves() async throws {
        try await Self.withDesk { desk in
            let page = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            #expect(page.text.contains(#"<span data-testid="task-assignee">nobody</span>"#))
            let form = try #require(Self.form(page.text, "assign-form", by: "data-testid"))
            let taken = try await desk.browser.post("/ui/tasks/\(desk.ours)/assignee", form: try Self.filled(form, []))
            #expect(taken.status == .seeOther)
            #expect(try await desk.api.send(.get, "/v1/tasks/\(desk.ours)").object["assignee"] == "mia")
            let after = try await desk.browser.get("/ui/tasks/\(desk.ours)")
            #expect(after.text.contains(#"<span data-testid="task-assignee">mia</span>"#))
            #expect(!after.text.contains(#"data-testid="assign-form""#), "it is hers already")
            #expect(after.text.contains("<li>assignee: none → mia</li>"))
        }
    }

    @Test func scriptsAndQuotesInTitlesAndFieldsShowAsText() async throws {
        try await Self.withDesk { desk in
            let id = try await desk.api.createTask(
                JSONValue.object([
                    "workflow": "complaint-escalation", "title": #"<script>alert(1)</script> "quoted" 'single'"#,
                    "fields": ["customer": #""><script>alert(2)</script>"#, "order_id": "a&b"],
                ]).jsonText)
            let page = try await desk.browser.get("/ui/tasks/\(id)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert"))
            #expect(
                page.text.contains(
                    "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &#39;single&#39;</span>"))
            #expect(
                page.text.contains(
                    #"data-testid="field-customer">&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</td>"#))
            #expect(page.text.contains(#"data-testid="field-order_id">a&amp;b</td>"#))
            // The only script is the page's own, from /ui/assets.
            #expect(Self.all(page.text, #"<script ([^>]*)>"#).allSatisfy { $0.hasPrefix(#"src="/ui/assets/"#) })
        }
    }

    @Test func aViewerSeesTheTaskButNoForms() async throws {
        let server = try await TestServer.make()
        try await server.addUser("vic", ["support": .viewer])
        try await server.run { api in
            try await api.setPassword("vic", "vic's password")
            let id = try await api.createComplaint()
            var browser = PageClient(api)
            try await browser.signIn(user: "vic", password: "vic's password")
            let page = try await browser.get("/ui/tasks/\(id)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("/transitions/"))
            #expect(!page.text.contains(#"data-testid="comment-form""#))
            #expect(!page.text.contains(#"data-testid="assign-form""#))
            #expect(page.text.contains("Your role may not move this task."))
            let csrf = try #require(page.csrf)
            let refused = try await browser.post("/ui/tasks/\(id)/transitions/acknowledge", form: [("csrf", csrf)])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(#"data-testid="failure-summary""#))
            #expect(try await api.send(.get, "/v1/tasks/\(id)").object["state"] == "received")
        }
    }

    // MARK: - Reading the page

    /// The text of the element whose `attribute` is `name` (a form's `id`), up to its `</form>`.
    static func form(_ text: String, _ name: String, by attribute: String = "id") -> String? {
        slice(text, from: #"\#(attribute)="\#(name)""#, to: "</form>")
    }

    static func slice(_ text: String, from start: String, to end: String) -> String? {
        guard let lower = text.range(of: start),
            let upper = text.range(of: end, range: lower.upperBound..<text.endIndex)
        else { return nil }
        return String(text[lower.lowerBound..<upper.upperBound])
    }

    /// The value of hidden input `name` in `form`.
    static func value(_ form: String, _ name: String) -> String? {
        all(form, #"<input type="hidden" name="\#(name)" value="([^"]*)""#).first
    }

    /// The form's hidden fields (CSRF token, idempotency key, version) and `fields`.
    static func filled(_ form: String, _ fields: [(String, String)]) throws -> [(String, String)] {
        let hidden = ["csrf", "idempotency_key", "version"].compactMap { name in value(form, name).map { (name, $0) } }
        guard hidden.contains(where: { $0.0 == "csrf" }) else { throw TestFailure("no csrf in \(form)") }
        return hidden + fields
    }

    /// The first capture of every match of `pattern`.
    static func all(_ text: String, _ pattern: String) -> [String] {
        text.matches(of: try! Regex(pattern)).compactMap { $0.output[1].substring.map(String.init) }
    }
}

extension APIClient {
    /// Creates a task from a `POST /v1/tasks` line as the admin; returns its id.
    func createTask(_ line: String) async throws -> String {
        let reply = try await send(.post, "/v1/tasks", body: line)
        guard reply.status == .created, let id = reply.object["id"]?.stringValue else {
            throw TestFailure("create failed: \(reply.status) \(reply.text)")
        }
        return id
    }
}
