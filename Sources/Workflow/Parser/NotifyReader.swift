/// Reads a `notify:` list: the receivers (subscription names) an SLA step, an escalation level or
/// entering a state tells.
struct NotifyReader {
    /// How messages name the list's owner, e.g. `sla 'resolution' escalation level 1`.
    let context: String

    /// Reads one receiver name or a list of them: each spelled as a receiver name, none twice.
    /// - Returns: The names with their lines and where they are used, in file order.
    func read(_ node: SourceNode) throws(WorkflowLoadError) -> [ReceiverUse] {
        var uses: [ReceiverUse] = []
        for name in try node.names(of: "receivers") {
            guard NameRules.isReceiverName(name.name) else {
                throw WorkflowLoadError(
                    file: node.file, line: name.line,
                    message: "\(context) notifies '\(name.name)': a receiver name is lowercase words "
                        + "joined by '-' (a-z, 0-9), e.g. support-l2-oncall")
            }
            guard !uses.contains(where: { $0.name.name == name.name }) else {
                throw WorkflowLoadError(
                    file: node.file, line: name.line, message: "\(context) notifies '\(name.name)' twice")
            }
            uses.append(ReceiverUse(name: name, place: context))
        }
        return uses
    }
}

/// A receiver named in a `notify:` list, with its line and where it is used, for the check that
/// the folder's `receivers.yaml` declares it.
struct ReceiverUse {
    /// The receiver's name and its line.
    let name: NameAt
    /// How messages name the list's owner, e.g. `state 'escalated' on_enter`.
    let place: String
}
