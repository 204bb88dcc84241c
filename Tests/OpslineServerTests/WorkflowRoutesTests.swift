import Foundation
import HTTPTypes
import OpslineStore
import Testing
@testable import Workflow

@Suite("Reading and drawing the published workflows")
struct WorkflowRoutesTests {
    @Test func theListHasOneLinePerWorkflowAtItsLatestVersion() async throws {
        try await TestServer.make().run { api in
            let list = try await api.send(.get, "/v1/workflows")
            #expect(list.status == .ok)
            #expect(list.headers[.contentType] == "application/x-ndjson")
            let names = list.lines.compactMap { $0["name"]?.stringValue }
            #expect(names == names.sorted() && names.contains("complaint-escalation"), "\(list.text)")
            let complaint = try #require(list.lines.first { $0["name"] == "complaint-escalation" })
            #expect(complaint["key"] == "CMP")
            #expect(complaint["version"] == 1)
            #expect(complaint["team"] == "support")
            #expect(complaint["calendar"]?.stringValue != nil)
            #expect(complaint["checksum"]?.stringValue?.count == 64)
            #expect(complaint["published_at"]?.stringValue?.hasSuffix("Z") == true)

            _ = try await api.put("help-desk", HelpDeskFixture.version1)
            _ = try await api.put("help-desk", HelpDeskFixture.version2)
            let after = try await api.send(.get, "/v1/workflows")
            let desk = after.lines.filter { $0["name"] == "help-desk" }
            #expect(desk.count == 1)
            #expect(desk.first?["version"] == 2)
            #expect(desk.first?["calendar"] == "24x7", "no calendar: means 24x7")
        }
    }

    @Test func everyRoleMayReadWorkflows() async throws {
        let server = try await TestServer.make()
        let viewer = try await server.mint(.viewer, teams: ["sales"])
        try await server.run { api in
            let list = try await api.send(.get, "/v1/workflows", token: viewer)
            #expect(list.status == .ok)
            #expect(try await api.send(.get, "/v1/workflows/complaint-escalation", token: viewer).status == .ok)
            #expect(try await api.text("/v1/workflows/complaint-escalation/graph", token: viewer).0.status == .ok)
            #expect(try await api.send(.get, "/v1/workflows", token: nil).status == .unauthorized)
        }
    }

    @Test func aDefinitionLineDescribesFieldsStatesTransitionsTimersAndSLAs() async throws {
        try await TestServer.make().run { api in
            _ = try await api.put("help-desk", HelpDeskFixture.version1)
            let reply = try await api.send(.get, "/v1/workflows/help-desk")
            #expect(reply.status == .ok)
            #expect(reply.lines.count == 1)
            let desk = reply.object
            #expect(desk["name"] == "help-desk")
            #expect(desk["version"] == 1)
            #expect(
                desk["states"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["open", "answered", "closed"])
            #expect(desk["states"]?.element(0)?["initial"] == true)
            #expect(desk["states"]?.element(2)?["final"] == true)
            #expect(desk["fields"]?.element(0) == ["name": "summary", "type": "string", "required": true])
            #expect(
                desk["transitions"]?.element(0)
                    == ["name": "answer", "from": ["open"], "to": "answered", "require": ["answer"], "roles": []])

            let complaint = try await api.send(.get, "/v1/workflows/complaint-escalation").object
            let severity = complaint["fields"]?.arrayValue?.first { $0["name"] == "severity" }
            #expect(severity?["type"] == "enum")
            #expect(severity?["values"] == ["p1", "p2", "p3"])
            #expect(severity?["default"] == "p3")
            let resolution = complaint["slas"]?.arrayValue?.first { $0["name"] == "resolution" }
            #expect(resolution?["start"] == "created")
            // Goals, the first that holds applies: VIPs first, then everyone.
            let goals = resolution?["target"]?.arrayValue ?? []
            #expect(goals.count == 2)
            #expect(goals.first?["when"] == "tier == 'vip'")
            #expect(goals.first?["target_s"]?["p1"] == 7_200)
            #expect(goals.last?["when"] == nil)
            #expect(goals.last?["target"]?["by"] == "severity")
            #expect(goals.last?["target_s"]?["p1"] == 14_400)
            #expect(resolution?["target_s"] == nil)
            #expect(resolution?["escalate"]?.element(0)?["priority"] == "raise")
        }
    }

    @Test func aChoiceTargetAndItsGuardsAreListedInOrder() async throws {
        let triage = """
            workflow: triage
            key: TRI
            team: support
            fields:
              score: {type: int, min: 0, max: 10}
            states:
              new:       {initial: true}
              urgent:    {}
              routine:   {}
              waiting:   {}
              done:      {final: true}
            transitions:
              sort:
                from: new
                to:
                  - {when: "score >= 7", state: urgent}
                  - {state: routine}
                roles: [manager]
              park:   {from: [urgent, routine], to: waiting}
              finish: {from: [urgent, routine, waiting], to: done, when: "score > 0"}
            timers:
              - {in: waiting, after: 2d, fire: finish}
            """
        try await TestServer.make().run { api in
            #expect(try await api.put("triage", triage).status == .created)
            let definition = try await api.send(.get, "/v1/workflows/triage").object
            let sort = definition["transitions"]?.element(0)
            #expect(sort?["to"] == [["when": "score >= 7", "state": "urgent"], ["state": "routine"]])
            #expect(sort?["roles"] == ["manager"])
            #expect(definition["transitions"]?.element(2)?["when"] == "score > 0")
            #expect(definition["fields"]?.element(0)?["min"] == 0)
            #expect(definition["timers"] == [["in": "waiting", "after": "2d", "after_s": 172_800, "fire": "finish"]])
        }
    }

    @Test func anOlderVersionIsStillServed() async throws {
        try await TestServer.make().run { api in
            _ = try await api.put("help-desk", HelpDeskFixture.version1)
            _ = try await api.put("help-desk", HelpDeskFixture.version2)
            let latest = try await api.send(.get, "/v1/workflows/help-desk").object
            #expect(latest["version"] == 2)
            #expect(latest["transitions"]?.element(0)?["require"] == [])
            let first = try await api.send(.get, "/v1/workflows/help-desk?version=1").object
            #expect(first["version"] == 1)
            #expect(first["transitions"]?.element(0)?["require"] == ["answer"])

            #expect(try await api.send(.get, "/v1/workflows/help-desk?version=3").errorCode == "not_found")
            #expect(try await api.send(.get, "/v1/workflows/help-desk?version=first").errorCode == "bad_request")
            let unknown = try await api.send(.get, "/v1/workflows/nope")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
    }

    @Test func theGraphIsDOTByDefaultAndMermaidOnRequest() async throws {
        try await TestServer.make().run { api in
            let (dotResponse, dot) = try await api.text("/v1/workflows/complaint-escalation/graph")
            #expect(dotResponse.status == .ok)
            #expect(dotResponse.headerFields[.contentType] == "text/plain; charset=utf-8")
            #expect(dot.hasPrefix(#"digraph "complaint-escalation" {"#), "\(dot)")
            #expect(dot.contains(#""(start)" -> "received";"#))
            #expect(dot.contains(#"peripheries=2"#))

            let (mermaidResponse, mermaid) = try await api.text(
                "/v1/workflows/complaint-escalation/graph?format=mermaid")
            #expect(mermaidResponse.status == .ok)
            #expect(mermaid.hasPrefix("flowchart LR\n"), "\(mermaid)")
            #expect(mermaid.contains("start --> s_received"))

            let (svgResponse, svg) = try await api.text("/v1/workflows/complaint-escalation/graph?format=svg")
            #expect(svgResponse.status == .ok)
            #expect(svgResponse.headerFields[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(svg)")
            #expect(
                svg.contains(
                    "<title id=\"wf-complaint-escalation-title\">State diagram of complaint-escalation</title>"))

            let (badResponse, bad) = try await api.text("/v1/workflows/complaint-escalation/graph?format=png")
            #expect(badResponse.status == .badRequest)
            #expect(bad.contains("bad_request") && bad.contains("dot, mermaid or svg"))
            #expect(try await api.text("/v1/workflows/nope/graph").0.status == .notFound)
        }
    }

    @Test func theGraphOfAnOlderVersionShowsItsTransitions() async throws {
        try await TestServer.make().run { api in
            _ = try await api.put("help-desk", HelpDeskFixture.version1)
            _ = try await api.put("help-desk", HelpDeskFixture.version2)
            let (_, latest) = try await api.text("/v1/workflows/help-desk/graph")
            #expect(latest.contains(#""open" -> "closed" [label="close"];"#))
            let (_, first) = try await api.text("/v1/workflows/help-desk/graph?version=1")
            #expect(!first.contains(#""open" -> "closed""#))
            #expect(first.contains(#""open" -> "answered" [label="answer\nrequires answer"];"#))
        }
    }
}

extension JSONValue {
    /// The element at `index`, when this value is an array that long.
    fileprivate func element(_ index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
