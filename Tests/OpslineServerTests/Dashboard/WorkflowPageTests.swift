import Foundation
import HTTPTypes
import OpslineStore
import TestSupport
import Testing

@testable import OpslineServer

/// `/ui/workflows` and `/ui/workflows/{name}`: the index with titles as the files write them, and
/// a workflow's diagram (inline SVG the policy allows), fields, states, transitions, SLAs and
/// versions, every value escaped.
@Suite struct WorkflowPageTests {
    /// A workflow whose titles, values and guard hold markup, quotes and a Mustache tag.
    static let tricky = """
        workflow: tricky
        title: "<script>alert(1)</script> \\"Tricky\\" 工作流"
        key: TRK
        team: support
        fields:
          kind: {type: enum, values: ["<b>bold</b>", "it's"], title: "Kind <i>of</i> \\"thing\\""}
          note: {type: text, required: true}
        states:
          open: {initial: true, title: "Open <script>x</script>"}
          done: {final: true, locked_fields: [kind]}
        transitions:
          finish: {from: open, to: done, require: [note], when: "note != '<b>{{csrf}}</b>'"}
        slas:
          answer:
            start: created
            stop: {enter: [done]}
            target: 4h
            warn: 75%
        """

    @Test func theIndexListsEveryWorkflowWithItsTitleAndLinks() async throws {
        let server = try await TestServer.make()
        try await server.addUser("ana", ["marketing": .member])
        try await server.run { api in
            var ana = try await QueuePageTests.browser(api, "ana")
            let page = try await ana.get("/ui/workflows")
            #expect(page.status == .ok)
            for name in ["campaign-planning", "complaint-escalation", "launch-readiness", "risk-review"] {
                #expect(page.text.contains(#"<tr data-workflow="\#(name)">"#), "\(name)")
                #expect(page.text.contains(#"href="/ui/workflows/\#(name)""#))
                #expect(page.text.contains(#"href="/ui/queues/\#(name)?open=true""#))
            }
            #expect(page.text.contains("营销活动策划 Campaign planning"))
            #expect(page.text.contains("上市准备 Launch readiness"))
        }
    }

    @Test func theWorkflowPageShowsTheDiagramFieldsStatesAndSLAs() async throws {
        let server = try await TestServer.make()
        try await server.addUser("ana", ["support": .member])
        try await server.run { api in
            var ana = try await QueuePageTests.browser(api, "ana")
            let page = try await ana.get("/ui/workflows/complaint-escalation")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(page.text.contains("State diagram of complaint-escalation"))
            // The same drawing the API serves.
            let svg = try await api.client.execute(
                uri: "/v1/workflows/complaint-escalation/graph?format=svg", method: .get,
                headers: [.authorization: "Bearer \(TestServer.adminSecret)"], body: nil)
            #expect(page.text.contains(String(buffer: svg.body).trimmingCharacters(in: .newlines)))
            // Nothing the policy would block: no style attribute or element, no inline script.
            #expect(page.text.matches(of: #/\sstyle=/#).isEmpty)
            #expect(!page.text.contains("<style"))
            #expect(page.text.matches(of: #/<script(?![^>]*\ssrc=)/#).isEmpty)
            #expect(page.text.contains(#"<tr><th scope="row"><code>customer</code></th>"#), "no title of its own")
            #expect(page.text.contains(#"<code>contact</code><div class="sub">Phone, e-mail or WeChat id"#))
            #expect(page.text.contains("phone, email, chat, social"))
            #expect(page.text.contains("Follow-up call (回访)"))
            #expect(page.text.contains("<td>final</td>"))
            #expect(page.text.contains(#"data-testid="sla-policy""#))
            #expect(page.text.contains("support-hours"))
            #expect(page.text.contains(#"data-testid="workflow-version">1, published"#))
        }
    }

    @Test func valuesInTheDefinitionAreTextAndTheDiagramHoldsNoTemplateTag() async throws {
        let server = try await TestServer.make()
        try await server.database.workflows.publish(source: Self.tricky, file: "tricky.yaml")
        try await server.addUser("ana", ["support": .member])
        try await server.run { api in
            var ana = try await QueuePageTests.browser(api, "ana")
            let page = try await ana.get("/ui/workflows/tricky")
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert"))
            #expect(!page.text.contains("<script>x"))
            #expect(!page.text.contains("<b>bold"))
            #expect(!page.text.contains("<i>of"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;Tricky&quot; 工作流"))
            #expect(page.text.contains("&lt;b&gt;bold&lt;/b&gt;, it&#39;s"))
            // The guard, in the diagram, keeps its `{{csrf}}` as text: not the session's token.
            let csrf = try #require(page.csrf)
            #expect(page.text.contains("&lt;b&gt;&#123;&#123;csrf}}&lt;/b&gt;"))
            #expect(page.text.components(separatedBy: csrf).count == 2, "only the sign-out form holds the token")
            // What the file leaves out is not shown as an empty line.
            #expect(!page.text.contains("<dt>Priorities</dt>"))
            #expect(!page.text.contains("<dt>Paused in</dt>"))
            #expect(page.text.contains("<dt>Warns</dt><dd>at 75% of the target</dd>"))
            let index = try await ana.get("/ui/workflows")
            #expect(!index.text.contains("<script>alert"))
        }
    }

    @Test func olderVersionsAreListedAndShownAndBadOnesRefused() async throws {
        let server = try await TestServer.make()
        try await server.database.workflows.publish(source: Self.tricky, file: "tricky.yaml")
        try await server.database.workflows.publish(
            source: Self.tricky.replacingOccurrences(of: "target: 4h", with: "target: 8h"), file: "tricky.yaml")
        try await server.addUser("ana", ["support": .member])
        try await server.run { api in
            var ana = try await QueuePageTests.browser(api, "ana")
            let latest = try await ana.get("/ui/workflows/tricky")
            #expect(latest.text.contains("<dd>8h of working time</dd>"))
            #expect(latest.text.contains("2 (shown)"))
            #expect(latest.text.contains(#"<a href="/ui/workflows/tricky?version=1">1</a>"#))
            #expect(!latest.text.contains(#"data-testid="old-version""#))
            let first = try await ana.get("/ui/workflows/tricky?version=1")
            #expect(first.text.contains("<dd>4h of working time</dd>"))
            #expect(first.text.contains(#"data-testid="old-version""#))
            let missing = try await ana.get("/ui/workflows/tricky?version=3")
            #expect(missing.status == .notFound)
            let bad = try await ana.get("/ui/workflows/tricky?version=one")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("version must be a whole number"))
            #expect(try await ana.get("/ui/workflows/no-such-workflow").status == .notFound)
        }
    }
}
