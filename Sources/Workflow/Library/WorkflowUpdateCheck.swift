/// Checks one workflow file that is to join, or replace its namesake in, a set of workflows
/// already loaded together, such as a workflow sent to the server checked against those
/// published there.
///
/// The file is checked on its own and against the others the way ``WorkflowLibrary`` checks a
/// folder: unique names and keys, known calendars, spawned workflows that exist and whose fields
/// fit. Problems in the file itself are reported, and so are problems it would cause in the
/// others (a child workflow that gains a required field its parents do not give). Problems the
/// others had before are not the file's fault and are left out.
public struct WorkflowUpdateCheck: Sendable {
    /// The workflows loaded so far, one file each.
    public let existing: [WorkflowSourceFile]
    /// The calendars workflows may name; the built-in `24x7` always counts.
    public let calendars: Set<String>
    /// The calendars' definitions, where they are known: a workflow's SLAs must be able to fall
    /// due on its calendar before the year 10000.
    let definitions: [BusinessCalendar]
    /// The receivers `notify:` may name.
    public let receivers: [String]

    /// Creates a check against a set of workflows.
    /// - Parameters:
    ///   - existing: The workflows loaded so far, one file each, named the way messages about
    ///     them should name them (e.g. `risk-review@v3`).
    ///   - calendars: The calendars workflows may name.
    ///   - receivers: The receivers `notify:` may name.
    public init(existing: [WorkflowSourceFile], calendars: some Sequence<String>, receivers: [String] = []) {
        self.existing = existing
        self.calendars = Set(calendars)
        self.definitions = []
        self.receivers = receivers
    }

    /// Creates a check against a set of workflows and calendars known in full.
    /// - Parameters:
    ///   - existing: The workflows loaded so far, one file each.
    ///   - calendars: The calendars workflows may name.
    ///   - receivers: The receivers `notify:` may name.
    public init(existing: [WorkflowSourceFile], calendars: [BusinessCalendar], receivers: [String] = []) {
        self.existing = existing
        self.calendars = Set(calendars.map(\.name))
        self.definitions = calendars
        self.receivers = receivers
    }

    /// Every problem `candidate` has or causes, in file and line order; empty when it may join.
    /// - Parameter candidate: The new file. An existing file declaring the same `workflow:` name
    ///   is replaced by it.
    public func problems(of candidate: WorkflowSourceFile) -> [WorkflowLoadError] {
        let replaced = candidate.declaredWorkflowName
        let others = existing.filter { $0.declaredWorkflowName != replaced || replaced == nil }
        let before = Set(problems(of: existing))
        // Read last, the candidate is the one a clash of names or keys is reported at.
        return problems(of: others + [candidate]).filter {
            $0.file == candidate.path || !before.contains($0)
        }
    }

    private func problems(of files: [WorkflowSourceFile]) -> [WorkflowLoadError] {
        do throws(WorkflowLoadErrors) {
            if definitions.isEmpty {
                _ = try WorkflowLibrary(workflows: files, calendars: calendars, receivers: receivers)
            } else {
                _ = try WorkflowLibrary(workflows: files, calendars: definitions, receivers: receivers)
            }
            return []
        } catch {
            return error.errors
        }
    }
}
