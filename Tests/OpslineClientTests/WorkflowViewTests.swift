import Foundation
import Testing

@testable import OpslineClient

/// The workflow lines as the client reads them, and how `opsline workflow` lays them out.
@Suite struct WorkflowViewTests {
    static let line = """
        {"name":"risk-review","title":"Risk review","key":"RSK","team":"risk","calendar":"24x7","version":3,\
        "published_at":"2026-11-22T08:00:00.123Z","checksum":"9f2c","changed":true}
        """

    static let definition = """
        {"name":"risk-review","title":"Risk review","key":"RSK","team":"risk","calendar":"24x7","version":3,\
        "published_at":"2026-11-22T08:00:00.123Z","checksum":"9f2c",\
        "fields":[{"name":"likelihood","type":"int","required":true,"min":1,"max":5},\
        {"name":"score","type":"int","required":false,"compute":"likelihood * 2"}],\
        "states":[{"name":"identified","initial":true,"final":false,"spawns":[]},\
        {"name":"review","initial":false,"final":false,"spawns":[{"workflow":"check","title":"Legal","fields":{}}]},\
        {"name":"strategy","initial":false,"final":false,"spawns":[],"locked_fields":["likelihood","impact"]},\
        {"name":"closed","initial":false,"final":true,"spawns":[]}],\
        "transitions":[{"name":"assess","from":["identified"],"to":[{"when":"score >= 8","state":"review"},\
        {"state":"strategy"}],"require":["likelihood"],"roles":[]},\
        {"name":"approve","from":["review"],"to":"strategy","require":[],"roles":["manager"],"children":"done"},\
        {"name":"close","from":["strategy"],"to":"closed","require":[],"roles":[],"when":"score < 20"}],\
        "timers":[{"in":"strategy","after":"90d","after_s":7776000,"fire":"close"}],\
        "slas":[{"name":"assessment","start":"created","stop":{"enter":["closed"]},"target":"3d","target_s":259200,"restart":{"enter":["identified"]},\
        "escalate":[]},\
        {"name":"response","start":"created","stop":{"enter":["closed"]},"target":{"by":"level","high":"30m","low":"8h"},\
        "target_s":{"high":1800,"low":28800},"calendar":{"by":"level","high":"24x7","default":"support-hours"},"escalate":[]}],\
        "assign":[{"rule":"least_loaded","team":"risk-managers"},{"rule":"round_robin"}],\
        "priority":{"values":["p1","p2","p3"],"default":"p3"}}
        """

    @Test func aWorkflowLineDecodesWithItsChangeFlag() throws {
        let line = try JSONDecoder().decode(WorkflowLine.self, from: Data(Self.line.utf8))
        #expect(line.name == "risk-review" && line.version == 3 && line.changed == true)
        #expect(DisplayText.time(line.publishedAt) == "2026-11-22T08:00:00Z")
    }

    @Test func theListShowsOneAlignedRowPerWorkflow() throws {
        let line = try JSONDecoder().decode(WorkflowLine.self, from: Data(Self.line.utf8))
        #expect(
            WorkflowListView.render([line]) == """
                NAME         VERSION  KEY  TEAM  CALENDAR  TITLE        PUBLISHED
                risk-review        3  RSK  risk  24x7      Risk review  2026-11-22T08:00:00Z

                """)
        #expect(WorkflowListView.render([]) == "No workflows published.\n")
    }

    @Test func aDefinitionShowsStatesTransitionsFieldsTimersAndSLAs() throws {
        let definition = try JSONDecoder().decode(WorkflowDefinitionLine.self, from: Data(Self.definition.utf8))
        let text = WorkflowDetailView.render(definition)
        #expect(text.contains("Version:     3\n"), "\(text)")
        #expect(text.contains("Priorities:  p1 > p2 > p3 (default p3)\n"), "\(text)")
        #expect(text.contains("Assignment:  risk-managers: least_loaded, other teams: round_robin\n"), "\(text)")
        #expect(text.contains(#"  review      -        check "Legal""#), "\(text)")
        #expect(text.contains("  closed      final    -"), "\(text)")
        #expect(text.contains("  strategy    -        -              likelihood, impact\n"), "\(text)")
        #expect(
            text.contains("  assess      identified  score >= 8 ? review : strategy  requires likelihood\n"), "\(text)")
        #expect(text.contains("  approve     review      strategy                        roles manager; children done"))
        #expect(text.contains("  close       strategy    closed                          when score < 20"))
        #expect(text.contains("  likelihood  int   yes       min 1; max 5"), "\(text)")
        #expect(text.contains("  score       int   no        = likelihood * 2"), "\(text)")
        #expect(text.contains("  strategy  90d    close"), "\(text)")
        #expect(
            text.contains(
                "  assessment  3d                          24x7                                        identified\n"),
            "\(text)")
        #expect(
            text.contains(
                "  response    by level: high 30m, low 8h  by level: high 24x7, default support-hours  -\n"),
            "\(text)")
    }

    @Test func aWorkflowIsPublishedAsADocumentNotAsLines() {
        let request = ClientRequest.publishWorkflow(
            name: "risk-review",
            document: RequestDocument(contentType: "application/yaml", text: "workflow: risk-review\n"))
        #expect(request.method == .put)
        #expect(request.path == "/v1/workflows/risk-review")
        #expect(request.payload == RequestDocument(contentType: "application/yaml", text: "workflow: risk-review\n"))
        #expect(ClientRequest.listTasks(TaskFilter()).payload == nil)
        #expect(ClientRequest.me().payload == nil)
    }

    @Test func versionsAndFormatsGoInTheQuery() {
        #expect(ClientRequest.workflow(name: "a b").url(on: "http://h") == "http://h/v1/workflows/a%20b")
        #expect(
            ClientRequest.workflow(name: "r", version: 2).url(on: "http://h") == "http://h/v1/workflows/r?version=2")
        #expect(
            ClientRequest.workflowGraph(name: "r", format: "mermaid", version: 1).url(on: "http://h")
                == "http://h/v1/workflows/r/graph?format=mermaid&version=1")
    }
}
