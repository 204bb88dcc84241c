/// Reads an SLA's `notify: {warning: [receivers], breach: [receivers]}`: who its clock's warning
/// and breach tell.
struct SLANotifyReader {
    /// How messages name the policy, e.g. `sla 'resolution'`.
    let context: String

    /// Reads the mapping; a warning's receivers need the policy to warn (`warn:`).
    /// - Parameter warns: Whether the policy has a `warn:`.
    /// - Returns: The receivers of each step, and every name with its line, in file order.
    func read(_ node: SourceNode, warns: Bool) throws(WorkflowLoadError) -> (SLAPolicy.Notify, [ReceiverUse]) {
        guard case .mapping = node.node else {
            throw node.error("\(context) notify must be {warning: [receivers], breach: [receivers]}")
        }
        let mapping = try node.mapping(context: "\(context) notify")
        try mapping.allowOnly(["warning", "breach"])
        var warning: [ReceiverUse] = []
        if let warningNode = mapping.value("warning") {
            guard warns else {
                throw warningNode.error(
                    "\(context) notifies at its warning, but has no 'warn:'; add one (e.g. warn: 80%) "
                        + "or notify at the breach")
            }
            warning = try NotifyReader(context: "\(context) warning").read(warningNode)
        }
        var breach: [ReceiverUse] = []
        if let breachNode = mapping.value("breach") {
            breach = try NotifyReader(context: "\(context) breach").read(breachNode)
        }
        guard !warning.isEmpty || !breach.isEmpty else {
            throw node.error("\(context) notify names no receivers; give it warning: or breach:")
        }
        let notify = SLAPolicy.Notify(warning: warning.map(\.name.name), breach: breach.map(\.name.name))
        return (notify, warning + breach)
    }
}
