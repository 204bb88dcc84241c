/// The spelling rules for names in workflow files.
enum NameRules {
    /// A workflow name: `[a-z0-9-]+`, e.g. `complaint-escalation`.
    static func isWorkflowName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { isLowerOrDigit($0) || $0 == "-" }
    }

    /// A receiver name (`notify:`, `receivers.yaml`): lowercase words of a-z and 0-9 joined by
    /// single `-`, e.g. `support-l2-oncall`.
    static func isReceiverName(_ name: String) -> Bool {
        isWorkflowName(name) && !name.hasPrefix("-") && !name.hasSuffix("-") && !name.contains("--")
    }

    /// A task key: `[A-Z][A-Z0-9]*`, e.g. `CMP`.
    static func isTaskKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isUppercase else { return false }
        return key.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    /// A state, transition, field or SLA name: `[a-z][a-z0-9_]*`, e.g. `waiting_on_customer`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLowercase else { return false }
        return name.allSatisfy { isLowerOrDigit($0) || $0 == "_" }
    }

    /// Checks an identifier, naming what it is in the error, e.g. `state name 'Received'`.
    static func checkIdentifier(_ name: NameAt, kind: String, file: String) throws(WorkflowLoadError) {
        guard isIdentifier(name.name) else {
            throw WorkflowLoadError(
                file: file,
                line: name.line,
                message: "\(kind) name '\(name.name)' must start with a-z and use only a-z, 0-9 and '_'"
            )
        }
    }

    /// Checks an identifier, reporting it when it is not one.
    /// - Returns: Whether it is one.
    @discardableResult
    static func checkIdentifier(_ name: NameAt, kind: String, file: String, problems: inout LoadProblems) -> Bool {
        problems.attempt { () throws(WorkflowLoadError) in try checkIdentifier(name, kind: kind, file: file) } != nil
    }

    private static func isLowerOrDigit(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }
}
