import Testing

@testable import Workflow

/// Workflow files that use the whole format, kept in memory so the tests need no disk.
extension Fixtures {
    /// Parses an in-memory workflow file named `workflows/demo.yaml`.
    static func parse(_ source: String) throws -> WorkflowDefinition {
        try WorkflowParser.parse(source, file: "workflows/demo.yaml")
    }

    /// Loads in-memory files as one folder, expecting it to be refused, and returns the errors.
    static func libraryErrors(
        _ files: [WorkflowSourceFile],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [WorkflowLoadError] {
        let errors = #expect(throws: WorkflowLoadErrors.self, sourceLocation: sourceLocation) {
            try WorkflowLibrary(files: files)
        }
        return errors?.errors ?? []
    }

    /// Risk review: a computed score, a choice on it, role and `when:` guards, a re-review timer.
    static let riskReview = WorkflowSourceFile(
        path: "workflows/risk-review.yaml",
        text: """
            workflow: risk-review
            title: Risk review
            key: RSK
            team: risk
            fields:
              risk:          {type: text, required: true}
              likelihood:    {type: int, min: 1, max: 5}
              impact:        {type: int, min: 1, max: 5}
              score:         {type: int, compute: "likelihood * impact", title: Risk score}
              strategy:      {type: enum, values: [avoid, spread, transfer, reserve]}
              compliance_ok: {type: bool}
              contingency:   {type: text}
            states:
              identified:        {initial: true}
              compliance_review: {}
              choosing_strategy: {}
              mitigated:         {}
              closed:            {final: true}
            transitions:
              assess:
                from: identified
                to:
                  - {when: "score >= 15", state: compliance_review}
                  - {state: choosing_strategy}
                require: [likelihood, impact]
              approve_compliance:
                from: compliance_review
                to: choosing_strategy
                roles: [manager, admin]
                when: "compliance_ok"
              mitigate: {from: choosing_strategy, to: mitigated, require: [strategy, contingency]}
              rereview: {from: mitigated, to: identified}
              close:    {from: mitigated, to: closed, roles: [manager]}
            timers:
              - {in: mitigated, after: 90d, fire: rereview}
            """
    )

    /// Launch readiness: a parent that spawns readiness items and waits for them.
    static let productLaunch = WorkflowSourceFile(
        path: "workflows/product-launch.yaml",
        text: """
            workflow: product-launch
            key: LCH
            team: product
            calendar: support-hours
            fields:
              product:      {type: string, required: true}
              no_go_reason: {type: text}
            states:
              preparing:
                initial: true
                on_enter:
                  spawn:
                    - {workflow: readiness-item, title: "Sales-team training", team: sales, fields: {area: training}}
                    - {workflow: readiness-item, title: "QA sign-off", team: qa, fields: {area: qa}}
              review:    {}
              reworking: {}
              launched:  {final: true}
            transitions:
              submit:   {from: preparing, to: review, children: done}
              go:       {from: review, to: launched, roles: [manager]}
              no_go:    {from: review, to: reworking, require: [no_go_reason]}
              resubmit: {from: reworking, to: review}
            """
    )

    /// One readiness item of a launch, owned by another team.
    static let readinessItem = WorkflowSourceFile(
        path: "workflows/readiness-item.yaml",
        text: """
            workflow: readiness-item
            key: RDY
            team: product
            fields:
              area: {type: enum, values: [warmup, training, logistics, qa, supply, user_testing], required: true}
            states:
              open: {initial: true}
              done: {final: true}
            transitions:
              finish: {from: open, to: done}
            """
    )

    /// A calendars file defining `support-hours`.
    static let calendars = WorkflowSourceFile(
        path: "workflows/calendars.yaml",
        text: """
            support-hours:
              timezone: Asia/Shanghai
              hours: {mon-fri: "09:00-18:00"}
            """
    )

    /// A minimal valid workflow with a given name, key and extra top-level lines.
    static func minimal(
        _ name: String, key: String, file: String? = nil, extra: String = ""
    ) -> WorkflowSourceFile {
        WorkflowSourceFile(
            path: file ?? "workflows/\(name).yaml",
            text: """
                workflow: \(name)
                key: \(key)
                team: ops
                states:
                  open: {initial: true}
                  done: {final: true}
                transitions:
                  finish: {from: open, to: done}
                \(extra)
                """
        )
    }
}
