/// One receiver `receivers.yaml` declares: a name workflow files may `notify:`, which is the name
/// of a subscription (`opsline subscription create NAME`), and what it is for.
public struct Receiver: Sendable, Hashable {
    /// The name, lowercase words joined by `-`, e.g. `support-l2-oncall`.
    public let name: String
    /// One line saying who it reaches, e.g. "L2 on-call engineers".
    public let description: String

    /// Creates a receiver.
    /// - Parameters:
    ///   - name: The name.
    ///   - description: Who it reaches.
    public init(name: String, description: String) {
        self.name = name
        self.description = description
    }
}

/// Reads `receivers.yaml`, the receivers the workflows of a folder may name in `notify:`: each
/// top-level key a receiver name, its value a one-line description.
///
/// ```yaml
/// support-l2-oncall: L2 on-call engineers, told at a complaint's first escalation
/// support-managers: Support managers' channel, told of breaches and the last escalation level
/// ```
public enum ReceiverFile {
    /// The file's name in a workflows folder.
    public static let name = "receivers.yaml"

    /// Reads and checks a receivers file.
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The path messages name.
    /// - Returns: The receivers, in file order.
    /// - Throws: Every problem, each with its line.
    public static func parse(_ text: String, file: String) throws(WorkflowLoadErrors) -> [Receiver] {
        var problems = LoadProblems()
        let receivers = read(WorkflowSourceFile(path: file, text: text), problems: &problems)
        guard problems.count == 0 else { throw WorkflowLoadErrors(problems.errors) }
        return receivers
    }

    /// The receivers of a file that read without a problem; every problem goes to `problems`.
    static func read(_ file: WorkflowSourceFile, problems: inout LoadProblems) -> [Receiver] {
        // A file of comments only declares none, as one that lists `{}`.
        let blank = file.text.split(whereSeparator: \.isNewline).allSatisfy {
            let line = $0.drop { $0 == " " || $0 == "\t" }
            return line.isEmpty || line.hasPrefix("#")
        }
        guard !blank else { return [] }
        guard let document = YAMLDocument.compose(file.text, file: file.path, problems: &problems) else { return [] }
        let root = SourceNode(node: document.node, line: document.line, label: name, file: file.path)
        guard
            let mapping = problems.attempt({ () throws(WorkflowLoadError) in
                try root.mapping(context: "receivers", allowingNull: true)
            })
        else { return [] }
        var receivers: [Receiver] = []
        for (name, value) in mapping.namedValues(label: { "receiver '\($0)'" }) {
            guard NameRules.isReceiverName(name.name) else {
                problems.report(
                    WorkflowLoadError(
                        file: file.path, line: name.line,
                        message: "receiver name '\(name.name)' must be lowercase words joined by '-' "
                            + "(a-z, 0-9), e.g. support-l2-oncall"))
                continue
            }
            let description = problems.attempt { () throws(WorkflowLoadError) -> String in
                let text = try value.string()
                guard !text.contains("\n") else { throw value.error("\(value.label) must be one line") }
                return text
            }
            if let description { receivers.append(Receiver(name: name.name, description: description)) }
        }
        return receivers
    }
}
