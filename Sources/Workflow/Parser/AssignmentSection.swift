/// Reads `assign:`: one rule for every team, or a list of rules, one per team.
///
/// ```yaml
/// assign: {rule: least_loaded}
/// assign:
///   - {team: support, rule: round_robin}
///   - {team: support-l2, rule: least_loaded}
///   - {rule: round_robin}             # every other team
/// ```
enum AssignmentSection {
    /// Reads the section; a workflow without one assigns nothing by itself.
    /// - Returns: The rules that read without a problem.
    static func read(_ node: SourceNode?, problems: inout LoadProblems) -> [AssignmentRule] {
        guard let node, !node.isNull else { return [] }
        let items: [SourceNode]
        if case .sequence = node.node {
            items = problems.attempt { () throws(WorkflowLoadError) in try node.sequence(of: "assignment rules") } ?? []
        } else {
            items = [node]
        }
        var rules: [AssignmentRule] = []
        for (index, item) in items.enumerated() {
            let context = items.count == 1 ? "assign" : "assignment rule \(index + 1)"
            guard let rule = problems.attempt({ () throws(WorkflowLoadError) in try parseRule(item, context: context) })
            else { continue }
            if rules.contains(where: { $0.team == rule.team }) {
                let whose = rule.team.map { "team '\($0)'" } ?? "every other team"
                problems.report(item.error("\(context) repeats an earlier rule for \(whose)"))
                continue
            }
            rules.append(rule)
        }
        return rules
    }

    private static func parseRule(_ node: SourceNode, context: String) throws(WorkflowLoadError) -> AssignmentRule {
        let mapping = try node.mapping(context: context)
        try mapping.allowOnly(["rule", "team"])
        let ruleNode = try mapping.require("rule")
        let name = try ruleNode.string()
        guard let kind = AssignmentRule.Kind(rawValue: name) else {
            let known = AssignmentRule.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ruleNode.error("\(context): unknown rule '\(name)'; the rules are \(known)")
        }
        let team = try mapping.value("team")?.string()
        return AssignmentRule(kind: kind, team: team)
    }
}
