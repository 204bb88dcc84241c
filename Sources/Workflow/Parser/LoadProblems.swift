/// The problems found so far in a file being loaded: a workflow file or the calendars file.
///
/// Readers keep going after a problem, each independent part on its own, so that one run
/// reports every mistake in a file instead of only the first.
struct LoadProblems {
    /// The problems, in the order they were found.
    private(set) var errors: [WorkflowLoadError] = []

    /// How many problems were found so far; compare before and after reading a part to learn
    /// whether that part read cleanly.
    var count: Int { errors.count }

    /// Runs `body`, recording its error instead of passing it on.
    /// - Returns: What `body` returned, or `nil` when it failed.
    mutating func attempt<Value>(_ body: () throws(WorkflowLoadError) -> Value) -> Value? {
        do {
            return try body()
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// Records a problem.
    mutating func report(_ error: WorkflowLoadError) {
        errors.append(error)
    }
}
