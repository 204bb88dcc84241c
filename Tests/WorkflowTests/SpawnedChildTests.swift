import Testing

@testable import Workflow

@Suite("Spawning child tasks")
struct SpawnedChildTests {
    @Test func enteringAStateSpawnsTheDeclaredChildren() throws {
        let launch = try WorkflowParser.parse(Fixtures.productLaunch.text, file: Fixtures.productLaunch.path)
        let preparing = try #require(launch.state(named: "preparing"))
        #expect(
            preparing.spawns == [
                SpawnedChild(
                    workflow: "readiness-item", title: "Sales-team training", team: "sales",
                    fields: ["area": "training"]),
                SpawnedChild(workflow: "readiness-item", title: "QA sign-off", team: "qa", fields: ["area": "qa"]),
            ])
        #expect(launch.state(named: "review")?.spawns == [])
    }

    @Test(arguments: [("caused_by", LinkType.causedBy), ("relates_to", .relatesTo)])
    func aSpawnMayLinkTheChildToItsParent(written: String, type: LinkType) throws {
        let workflow = try Fixtures.parse(Self.linking(written))
        #expect(workflow.initialState.spawns.first?.link == type)
    }

    @Test func aSpawnLinkIsOneThatCanBeMade() {
        let error = Fixtures.loadError(Self.linking("causes"))
        #expect(error?.line == 9, "\(String(describing: error))")
        #expect(
            error?.message.contains("must be one of relates_to, caused_by, not 'causes'") == true,
            "\(String(describing: error))")
    }

    static func linking(_ link: String) -> String {
        """
        workflow: demo
        key: DEM
        team: ops
        states:
          open:
            initial: true
            on_enter:
              spawn:
                - {workflow: demo, title: Incident, link: \(link)}
          done: {final: true}
        transitions:
          finish: {from: open, to: done}
        """
    }

    @Test func aSpawnKeepsYAMLTypesOfItsFieldValues() throws {
        let workflow = try Fixtures.parse(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open:
                initial: true
                on_enter:
                  spawn:
                    - workflow: child
                      title: Child
                      fields: {count: 3, ok: true, code: "42", due: 2026-10-01, note: null}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """)
        let child = try #require(workflow.initialState.spawns.first)
        #expect(child.team == nil)
        #expect(child.fields == ["count": 3, "ok": true, "code": "42", "due": "2026-10-01", "note": nil])
    }

    @Test(
        arguments: [
            ("{title: T}", 8, "state 'open' on_enter spawn 1 is missing 'workflow'"),
            ("{workflow: child}", 8, "state 'open' on_enter spawn 1 is missing 'title'"),
            ("{workflow: Child, title: T}", 8, "workflow name 'Child' must use only a-z, 0-9 and '-'"),
            (
                "{workflow: child, title: T, owner: ada}", 8,
                "unknown key 'owner' in state 'open' on_enter spawn 1 (expected one of: workflow, title, team, fields, link, dates)"
            ),
        ] as [(String, Int, String)])
    func aMalformedSpawnIsRefused(spawn: String, line: Int, message: String) {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            states:
              open:
                initial: true
                on_enter:
                  spawn: [\(spawn)]
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """)
        #expect(error?.line == line)
        #expect(error?.message == message)
    }
}
