/// The problems found so far in a calendars file.
///
/// Readers keep going after a problem, each part of a calendar on its own, so that one run
/// reports every mistake in the file instead of the first.
struct CalendarProblems {
    /// The problems, in the order they were found.
    private(set) var errors: [WorkflowLoadError] = []

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
