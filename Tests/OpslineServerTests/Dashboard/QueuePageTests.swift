import Foundation
import HTTPTypes
import OpslineStore
import TestSupport
import Testing
import Workflow

@testable import OpslineServer

/// `/ui/queues/{workflow}`: the tasks `GET /v1/tasks` gives the same caller, filtered, sorted and
/// paged the same way, with values escaped, and error pages for bad filters and unknown workflows.
@Suite struct QueuePageTests {
    static let queue = "/ui/queues/queue-check"
    static let list = "/v1/tasks?workflow=queue-check"

    /// The task ids of a queue page's rows, in order.
    static func rows(_ page: PageClient.Page) -> [String] {
        page.text.matches(of: #/<tr data-task="([^"]*)">/#).map { String($0.output.1) }
    }

    /// The `href` of the element carrying `data-testid="id"`, HTML unescaped.
    static func link(_ page: PageClient.Page, testID: String) -> String? {
        let pattern = try! Regex(#"<a href="([^"]*)"[^>]*data-testid=""# + testID + #"""#)
        guard let match = page.text.firstMatch(of: pattern), let href = match.output[1].substring else { return nil }
        return String(href).replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A signed-in browser for user `name` (given a password first).
    static func browser(_ api: APIClient, _ name: String) async throws -> PageClient {
        try await api.setPassword(name, "\(name)'s password")
        var browser = PageClient(api)
        try await browser.signIn(user: name, password: "\(name)'s password")
        return browser
    }

    @Test func aMemberSeesTheTasksTheAPIGivesThemAndNoOtherTeams() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager], admin: true)
        let alice = try await server.mintPersonal("alice")
        try await server.run { api in
            let t = try await TaskListFilterTests.seed(api, time: time)
            var member = try await Self.browser(api, "alice")
            let page = try await member.get(Self.queue)
            #expect(page.status == .ok)
            let seen = Self.rows(page)
            #expect(seen == (try await api.ids(Self.list, token: alice)))
            #expect(!seen.contains(t.e), "E belongs to billing, which alice is not in")
            #expect(seen.contains(t.a) && seen.contains(t.f))
            #expect(page.text.contains(#"data-live-workflow="queue-check""#))
            #expect(page.text.contains(#"href="/ui/tasks/\#(t.a)""#))
            var admin = try await Self.browser(api, "mia")
            #expect(Self.rows(try await admin.get(Self.queue)) == [t.a, t.b, t.c, t.d, t.e, t.f])
        }
    }

    @Test func filtersSelectWhatTheAPIsFiltersSelect() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager, "billing": .manager])
        try await server.run { api in
            let t = try await TaskListFilterTests.seed(api, time: time)
            var alice = try await Self.browser(api, "alice")
            var mia = try await Self.browser(api, "mia")
            #expect(Self.rows(try await mia.get("\(Self.queue)?team=billing")) == [t.e])
            #expect(Self.rows(try await alice.get("\(Self.queue)?assignee=me")) == [t.b])
            #expect(Self.rows(try await mia.get("\(Self.queue)?assignee=bob")) == [t.c])
            #expect(Self.rows(try await mia.get("\(Self.queue)?unassigned=true&open=true")) == [t.a, t.d, t.e])
            #expect(Self.rows(try await mia.get("\(Self.queue)?q=Globex")) == [t.b])
            #expect(Self.rows(try await mia.get("\(Self.queue)?priority=p1")) == [t.b])
            #expect(Self.rows(try await mia.get("\(Self.queue)?state=waiting")) == [t.d])
            // The form sends every field, the unused ones empty: empty is no filter.
            let blank = try await mia.get(
                "\(Self.queue)?state=&open=&team=&assignee=&unassigned=&priority=&breached=&q=")
            #expect(Self.rows(blank) == [t.a, t.b, t.c, t.d, t.e, t.f])
            // The form shows the filters the address holds, read as a form sends them (`+` a space).
            let filtered = try await mia.get("\(Self.queue)?state=waiting&q=%22quoted%22+too%2B")
            #expect(filtered.text.contains(#"<option value="waiting" selected>"#))
            #expect(filtered.field("q") == #""quoted" too+"#)
            // B's p1 clock (1h) breaches; C's and E's (2h) not yet.
            await time.advance(by: .seconds(90 * 60))
            _ = try await server.database.dueWork.runDue()
            let breached = try await mia.get("\(Self.queue)?breached=true")
            #expect(Self.rows(breached) == [t.b])
            #expect(Self.rows(breached) == (try await api.ids("\(Self.list)&breached=true")))
            // Said in words, not only by colour.
            #expect(breached.text.contains(#"<span class="sla sla-breached" data-testid="sla">breached"#))
        }
    }

    /// Runs `body` with the API and mia, an admin signed in to the dashboard, over the tasks of
    /// ``TaskListFilterTests/seed(_:time:)``.
    static func withSeededQueue(_ body: @Sendable (APIClient, inout PageClient) async throws -> Void) async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager], admin: true)
        try await server.run { api in
            _ = try await TaskListFilterTests.seed(api, time: time)
            var mia = try await browser(api, "mia")
            try await body(api, &mia)
        }
    }

    @Test func headerLinksSortAndTheNextPageLinkPagesAsTheAPIDoes() async throws {
        try await Self.withSeededQueue { api, mia in
            let first = try await mia.get("\(Self.queue)?open=true")
            let byPriority = try #require(
                first.text.firstMatch(of: #/<a href="([^"]*)" data-sort="priority">/#).map { String($0.output.1) })
            #expect(byPriority == "/ui/queues/queue-check?open=true&amp;sort=priority")
            let sorted = try await mia.get(byPriority.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(Self.rows(sorted) == (try await api.ids("\(Self.list)&open=true&sort=priority")))
            #expect(
                sorted.text.contains(
                    #"<th scope="col" aria-sort="ascending"><a href="/ui/queues/queue-check?open=true&amp;sort=priority""#
                ))
            // Two at a time, following "Next page" until there is none: every task once, in order.
            var seen: [String] = []
            var next: String? = "\(Self.queue)?sort=due&limit=2"
            while let address = next {
                let page = try await mia.get(address)
                #expect(page.status == .ok)
                seen += Self.rows(page)
                next = Self.link(page, testID: "next-page")
            }
            #expect(seen == (try await api.ids("\(Self.list)&sort=due")))
            #expect(seen.count == 6)
        }
    }

    @Test func theSortSelectOrdersByAFieldAsTheAPIDoes() async throws {
        try await Self.withSeededQueue { api, mia in
            let page = try await mia.get("\(Self.queue)?sort=-field.amount")
            #expect(Self.rows(page) == (try await api.ids("\(Self.list)&sort=-field.amount")))
            #expect(Self.rows(page).count == 6)
            #expect(page.text.contains(#"<option value="-field.amount" selected>amount, descending</option>"#))
            #expect(page.text.contains(#"<option value="field.severity">severity, ascending</option>"#))
            #expect(page.text.contains(#"<option value="due">SLA due soonest</option>"#))
            #expect(!page.text.contains(#"value="field.tags""#), "a list has no order")
            // The field sorted by shows as a column: A 120, D 7, the rest none.
            #expect(page.text.contains(#"<th scope="col" aria-sort="descending" data-testid="sort-field">amount"#))
            let shown = page.text.matches(of: #/<td data-testid="sort-value">([^<]*)</td>/#).map { String($0.output.1) }
            #expect(shown == ["120", "7", "none", "none", "none", "none"])
            let plain = try await mia.get(Self.queue)
            #expect(!plain.text.contains("sort-value"), "only a field order adds the column")
        }
    }

    @Test func titlesAndFieldsAreTextNotMarkup() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager], admin: true)
        try await server.run { api in
            let title = #"<script>alert(1)</script> \"Mia's\" & 米"#
            let id = try await api.createQueueTask(title, fields: #"{"customer":"<img src=x onerror=alert(2)>"}"#)
            var mia = try await Self.browser(api, "mia")
            let page = try await mia.get("\(Self.queue)?q=%3Cscript%3E%20\(QueueQuery.encoded("\"><b>"))")
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert"))
            #expect(!page.text.contains("\"><b>"))
            let all = try await mia.get(Self.queue)
            #expect(Self.rows(all) == [id])
            #expect(all.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Mia&#39;s&quot; &amp; 米"))
            #expect(!all.text.contains("<script>alert"))
            #expect(!all.text.contains("<img src=x"))
        }
    }

    @Test func aBadFilterIsA400PageNamingItAndAnUnknownWorkflowA404() async throws {
        let time = TestTime()
        let server = try await TaskQueueFixture.server(time: time)
        try await server.addUser("mia", ["support": .manager], admin: true)
        try await server.run { api in
            var mia = try await Self.browser(api, "mia")
            for (query, parameter) in [
                ("open=maybe", "open"), ("breached=yes", "breached"), ("sort=sideways", "sort"),
                ("limit=0", "limit"), ("stat=open", "stat"), ("field.nope=1", "field.nope"),
                ("after=QUE-999", "after"),
            ] {
                let page = try await mia.get("\(Self.queue)?\(query)")
                #expect(page.status == .badRequest, "\(query)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.text.contains(#"data-testid="error-heading">Bad request</h1>"#), "\(query)")
                #expect(page.text.contains(parameter), "\(query): \(page.text)")
                // The API's own message for the same query.
                let reply = try await api.send(.get, "\(Self.list)&\(query)")
                if let message = reply.object["error"]?["message"]?.stringValue {
                    let escaped = message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                        of: "'", with: "&#39;"
                    ).replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                        .replacingOccurrences(of: "\"", with: "&quot;")
                    if query != "stat=open" { #expect(page.text.contains(escaped), "\(query): \(message)") }
                }
            }
            let noField = try await api.send(.get, "\(Self.list)&field.nope=1")
            #expect(noField.object["error"]?["message"]?.stringValue?.hasSuffix("has no field 'nope'") == true)
            let unknown = try await mia.get("/ui/queues/no-such-workflow")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("There is no workflow called no-such-workflow."))
        }
    }
}
