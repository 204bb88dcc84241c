import ArgumentParser
import OpslineClient

/// The dynamic completions of task ids, transitions and workflow names: the shell's completion
/// script calls the binary back (`opsline ---completion task move -- positional@1 …`), which
/// asks the server (``CompletionQuery``) and prints the candidates, or nothing on any error.
enum TaskCompletion {
    /// The open tasks' ids.
    static let taskIDs = CompletionKind.custom(CompletionQuery.taskIDs)
    /// The transitions that fire from the state of the task being moved.
    static let transitions = CompletionKind.custom(CompletionQuery.transitions)
    /// The published workflows' names.
    static let workflowNames = CompletionKind.custom(CompletionQuery.workflowNames)
}
