import Testing

@testable import Workflow

/// `notify:` in workflow files: an SLA's warning and breach, an escalation level and a state's
/// `on_enter` name receivers, which the folder's `receivers.yaml` must declare.
@Suite("Notify")
struct NotifyTests {
    /// A desk whose `response` SLA notifies at its warning, breach and levels, and whose
    /// `escalated` state notifies on entering; `slaNotify` is line 19, the levels lines 21–22,
    /// the `escalated` state line 8.
    static func desk(
        slaNotify: String = "{warning: [desk-leads], breach: [desk-managers]}",
        firstLevel: String = "{after: 0, team: desk-l2, notify: [desk-l2-oncall]}",
        onEnter: String = "{notify: [desk-managers]}",
        warn: String = "warn: 75%"
    ) -> String {
        """
        workflow: desk
        key: DSK
        team: desk
        states:
          open: {initial: true}
          working: {}
          done: {final: true}
          escalated: {on_enter: \(onEnter)}
        transitions:
          start: {from: open, to: working}
          finish: {from: [working, escalated], to: done}
          escalate: {from: [open, working], to: escalated}
        slas:
          response:
            start: created
            stop: {enter: [done]}
            target: 4h
            \(warn)
            notify: \(slaNotify)
            escalate:
              - \(firstLevel)
              - {after: 2h, notify: desk-managers}
        """
    }

    static let receivers = WorkflowSourceFile(
        path: "workflows/receivers.yaml",
        text: """
            # who the desk's workflows may tell
            desk-leads: Desk team leads
            desk-l2-oncall: L2 on-call, paged at the first escalation
            desk-managers: Desk managers
            """)

    static func folder(_ workflow: String, receivers: WorkflowSourceFile? = Self.receivers) -> [WorkflowSourceFile] {
        [WorkflowSourceFile(path: "workflows/desk.yaml", text: workflow)] + (receivers.map { [$0] } ?? [])
    }

    @Test func everyFormReadsIntoTheDefinition() throws {
        let workflow = try Fixtures.parse(Self.desk())
        let policy = try #require(workflow.slas.first)
        #expect(policy.notify == SLAPolicy.Notify(warning: ["desk-leads"], breach: ["desk-managers"]))
        #expect(policy.escalations.map(\.notify) == [["desk-l2-oncall"], ["desk-managers"]])
        #expect(policy.receivers(of: .warning) == ["desk-leads"])
        #expect(policy.receivers(of: .breach) == ["desk-managers"])
        #expect(policy.receivers(of: .escalation(1)) == ["desk-l2-oncall"])
        #expect(policy.receivers(of: .escalation(3)) == [])
        #expect(workflow.state(named: "escalated")?.notify == ["desk-managers"])
        #expect(workflow.state(named: "open")?.notify == [])
        #expect(workflow.notifiedReceivers == ["desk-leads", "desk-managers", "desk-l2-oncall"])
    }

    @Test func aLevelThatOnlyNotifiesDoesSomething() throws {
        let workflow = try Fixtures.parse(Self.desk(firstLevel: "{after: 0, notify: [desk-l2-oncall]}"))
        #expect(workflow.slas.first?.escalations.first?.team == nil)
        #expect(workflow.slas.first?.escalations.first?.notify == ["desk-l2-oncall"])
    }

    @Test func onEnterMaySpawnAndNotifyTogether() throws {
        let source = """
            workflow: launch
            key: LCH
            team: launch
            states:
              preparing:
                initial: true
                on_enter:
                  spawn: [{workflow: item, title: QA}]
                  notify: [launch-managers]
              done: {final: true}
            transitions:
              go: {from: preparing, to: done}
            """
        let state = try #require(try Fixtures.parse(source).state(named: "preparing"))
        #expect(state.spawns.map(\.title) == ["QA"])
        #expect(state.notify == ["launch-managers"])
    }

    @Test func aFolderWhoseReceiversFileDeclaresEveryNameLoads() throws {
        let library = try WorkflowLibrary(files: Self.folder(Self.desk()))
        #expect(library.workflows.map(\.name) == ["desk"], "receivers.yaml is not a workflow")
        #expect(library.receivers.map(\.name) == ["desk-leads", "desk-l2-oncall", "desk-managers"])
        #expect(library.receivers.first?.description == "Desk team leads")
    }

    @Test func anUndeclaredNameIsRefusedAtItsLine() {
        let errors = Fixtures.libraryErrors(Self.folder(Self.desk(firstLevel: "{after: 0, notify: [desk-l2-oncal]}")))
        #expect(
            errors.map(\.description) == [
                "workflows/desk.yaml:21: sla 'response' escalation level 1 notifies 'desk-l2-oncal', which "
                    + "receivers.yaml does not declare (did you mean 'desk-l2-oncall'? declared: desk-l2-oncall, "
                    + "desk-leads, desk-managers); add it there with a line saying who it reaches"
            ])
    }

    @Test func everyUndeclaredNameIsReportedWhereItIsUsed() {
        let source = Self.desk(
            slaNotify: "{breach: [nobody]}", firstLevel: "{after: 0, notify: [ghosts]}",
            onEnter: "{notify: [phantoms]}")
        let errors = Fixtures.libraryErrors(Self.folder(source))
        #expect(errors.map(\.line) == [8, 19, 21])
        #expect(errors.first?.message.hasPrefix("state 'escalated' on_enter notifies 'phantoms'") == true)
        #expect(errors.dropFirst().first?.message.hasPrefix("sla 'response' breach notifies 'nobody'") == true)
    }

    @Test func aFolderWithoutAReceiversFileDeclaresNone() {
        let errors = Fixtures.libraryErrors(Self.folder(Self.desk(), receivers: nil))
        #expect(errors.count == 5)
        #expect(errors.first?.message.contains("(it declares none)") == true, "\(errors)")
    }

    @Test func namesGivenByTheServerCountAsDeclared() throws {
        let file = WorkflowSourceFile(path: "desk.yaml", text: Self.desk())
        _ = try WorkflowLibrary(
            workflows: [file], calendars: ["24x7"], receivers: ["desk-leads", "desk-l2-oncall", "desk-managers"])
        let check = WorkflowUpdateCheck(existing: [], calendars: ["24x7"], receivers: ["desk-leads"])
        #expect(check.problems(of: file).map(\.line) == [8, 19, 21, 22])
    }

    @Test func aWarningNeedsTheSLAToWarn() {
        let error = Fixtures.loadError(Self.desk(warn: "# no warning"))
        #expect(error?.line == 19)
        #expect(
            error?.message
                == "sla 'response' notifies at its warning, but has no 'warn:'; add one (e.g. warn: 80%) "
                + "or notify at the breach")
    }

    @Test func badShapesAreRefusedClearly() {
        let cases: [(String, Int, String)] = [
            (
                Self.desk(slaNotify: "[desk-managers]"), 19,
                "sla 'response' notify must be {warning: [receivers], breach: [receivers]}"
            ),
            (
                Self.desk(slaNotify: "{breach: [desk-managers], escalation: [x]}"), 19,
                "unknown key 'escalation' in sla 'response' notify (expected one of: warning, breach)"
            ),
            (
                Self.desk(slaNotify: "{breach: []}"), 19,
                "sla 'response' notify: 'breach' must not be empty"
            ),
            (
                Self.desk(firstLevel: "{after: 0, notify: [Desk_Managers]}"), 21,
                "sla 'response' escalation level 1 notifies 'Desk_Managers': a receiver name is lowercase "
                    + "words joined by '-' (a-z, 0-9), e.g. support-l2-oncall"
            ),
            (
                Self.desk(firstLevel: "{after: 0, notify: [desk-managers, desk-managers]}"), 21,
                "sla 'response' escalation level 1 notifies 'desk-managers' twice"
            ),
            (
                Self.desk(firstLevel: "{after: 0, notify: {to: desk-managers}}"), 21,
                "sla 'response' escalation level 1: 'notify' must be a list of receivers"
            ),
            (
                Self.desk(onEnter: "{}"), 8,
                "state 'escalated' on_enter does nothing; give it spawn: [children] or notify: [receivers]"
            ),
            (
                Self.desk(onEnter: "{notify: [desk-managers], tell: [x]}"), 8,
                "unknown key 'tell' in state 'escalated' on_enter (expected one of: spawn, notify)"
            ),
        ]
        for (source, line, message) in cases {
            let error = Fixtures.loadError(source)
            #expect(error?.line == line, "\(message)")
            #expect(error?.message == message)
        }
    }

    @Test func aReceiversFileIsCheckedLineByLine() throws {
        let file = WorkflowSourceFile(
            path: "workflows/receivers.yaml",
            text: """
                desk-leads: Desk team leads
                Desk_Managers: Desk managers
                desk-l2-oncall: {who: L2}
                desk-night: ""
                """)
        let errors = Fixtures.libraryErrors(Self.folder(Self.desk(), receivers: file))
        let own = errors.filter { $0.file == "workflows/receivers.yaml" }
        #expect(own.map(\.line) == [2, 3, 4])
        #expect(own.first?.message.hasPrefix("receiver name 'Desk_Managers' must be lowercase words") == true)
        #expect(own.dropFirst().first?.message == "receiver 'desk-l2-oncall' must be a non-empty string")
        // A receivers file with problems leaves the names unchecked rather than all reported.
        #expect(errors.allSatisfy { $0.file == "workflows/receivers.yaml" }, "\(errors)")
        #expect(throws: WorkflowLoadErrors.self) { try ReceiverFile.parse(file.text, file: file.path) }
        #expect(try ReceiverFile.parse("", file: "receivers.yaml") == [])
    }

    @Test func receiverNamesAreLowercaseKebab() {
        #expect(NameRules.isReceiverName("support-l2-oncall"))
        #expect(NameRules.isReceiverName("ops"))
        for bad in ["", "-ops", "ops-", "ops--oncall", "Ops", "ops_oncall", "ops.oncall"] {
            #expect(!NameRules.isReceiverName(bad), "\(bad)")
        }
    }
}
