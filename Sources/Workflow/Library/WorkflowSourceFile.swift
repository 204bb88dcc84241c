/// One file of a workflows folder: its path, as shown in messages, and its text.
public struct WorkflowSourceFile: Sendable, Hashable {
    /// The path shown in messages, e.g. `workflows/risk-review.yaml`.
    public let path: String
    /// The YAML text.
    public let text: String

    /// Creates a source file.
    /// - Parameters:
    ///   - path: The path shown in messages.
    ///   - text: The YAML text.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The last component of ``path``, e.g. `risk-review.yaml`.
    public var name: String {
        String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
    }

    /// Whether this is the calendars file (`calendars.yaml`) rather than a workflow.
    public var isCalendars: Bool { name == "calendars.yaml" }

    /// Whether this is the receivers file (`receivers.yaml`, ``ReceiverFile``) rather than a
    /// workflow.
    public var isReceivers: Bool { name == ReceiverFile.name }

    /// The name after the file's top-level `workflow:` key, read without checking anything else,
    /// or `nil` when the file is not a YAML mapping with a text `workflow:`. It lets a caller name
    /// a file that does not load, e.g. to match it against the workflow it was meant to replace.
    public var declaredWorkflowName: String? {
        var problems = LoadProblems()
        guard let document = YAMLDocument.compose(text, file: path, problems: &problems),
            let root = try? document.mapping(context: "")
        else { return nil }
        return root.value("workflow")?.node.scalar?.string
    }
}
