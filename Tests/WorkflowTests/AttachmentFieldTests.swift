import Testing

@testable import Workflow

/// `type: attachment`: a field that holds the id of a file uploaded into it. Clients never send
/// its value; a transition can require it, as readiness requires evidence.
@Suite("Attachment fields")
struct AttachmentFieldTests {
    static let source = """
        workflow: demo
        key: DEM
        team: ops
        fields:
          evidence: {type: attachment, title: QA report}
          checked: {type: bool}
          proof: {type: string, compute: "evidence"}
        states:
          open: {initial: true}
          done: {final: true}
        transitions:
          finish: {from: open, to: done, require: [evidence]}
        """

    @Test func aTransitionRequiringTheFileWaitsForTheUpload() throws {
        let workflow = try WorkflowParser.parse(Self.source, file: "demo.yaml")
        #expect(workflow.field(named: "evidence")?.type == .attachment)
        let empty = try workflow.prepareNewTask(fields: [:])
        let refused = #expect(throws: RuleViolation.self) {
            try workflow.planTransition(
                "finish", from: "open", fields: empty, changes: [:], context: TransitionContext(role: nil))
        }
        #expect(refused == .missingRequiredFields(transition: "finish", fields: ["evidence"]))

        let attached = try workflow.attaching("att-1", toField: "evidence", of: empty)
        #expect(attached["evidence"] == "att-1")
        #expect(attached["proof"] == "att-1", "computed fields follow the upload")
        let plan = try workflow.planTransition(
            "finish", from: "open", fields: attached, changes: [:], context: TransitionContext(role: nil))
        #expect(plan.to == "done")
    }

    @Test func clientsCannotSendAnAttachmentFieldsValue() throws {
        let workflow = try WorkflowParser.parse(Self.source, file: "demo.yaml")
        let problem = FieldProblem(
            field: "evidence",
            problem: "is an attachment field: upload the file into it (POST /v1/tasks/{id}/attachments?field=evidence)")
        for attempt in [
            { try workflow.prepareNewTask(fields: ["evidence": "att-9"]) },
            { try workflow.applyFieldChanges(["evidence": "att-9"], to: [:]) },
            { try workflow.applyFieldChanges(["evidence": nil], to: ["evidence": "att-1"]) },
            {
                try workflow.planTransition(
                    "finish", from: "open", fields: [:], changes: ["evidence": "att-9"],
                    context: TransitionContext(role: nil)
                ).fields
            },
        ] {
            let refused = #expect(throws: RuleViolation.self) { _ = try attempt() }
            #expect(refused == .invalidFields([problem]))
        }
    }

    @Test func onlyAnAttachmentFieldTakesAnUpload() throws {
        let workflow = try WorkflowParser.parse(Self.source, file: "demo.yaml")
        let wrongType = #expect(throws: RuleViolation.self) {
            try workflow.attaching("att-1", toField: "checked", of: [:])
        }
        #expect(
            wrongType
                == .invalidFields([FieldProblem(field: "checked", problem: "is a bool field, not an attachment field")])
        )
        let unknown = #expect(throws: RuleViolation.self) { try workflow.attaching("att-1", toField: "nope", of: [:]) }
        #expect(unknown == .invalidFields([FieldProblem(field: "nope", problem: "unknown field")]))
    }

    @Test(arguments: ["required: true", "default: x", "compute: \"checked\""])
    func anAttachmentFieldCannotBeRequiredDefaultedOrComputed(key: String) {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              checked: {type: bool}
              evidence: {type: attachment, \(key)}
            """)
        #expect(error?.line == 6)
        let name = String(key.prefix { $0 != ":" })
        #expect(
            error?.message
                == "field 'evidence' is an attachment (a file uploaded into it), so it cannot have '\(name)'; a transition's 'require:' can ask for it"
        )
    }

    @Test func aListOfAttachmentsIsNotAType() {
        let error = Fixtures.loadError(
            """
            workflow: demo
            key: DEM
            team: ops
            fields:
              files: {type: list, items: attachment}
            """)
        #expect(
            error?.message.contains("field 'files': 'items' must be one of") == true, "\(String(describing: error))")
        #expect(error?.message.contains("attachment") == false)
    }
}
