import Dispatch

/// The serial queue a connection runs its libpq calls on, usable as a task executor.
///
/// Code that borrows a connection runs under `withTaskExecutorPreference(connection.executor)`,
/// so its nonisolated async code already runs on the connection's queue and each libpq call can
/// block in place. Without it every statement costs two thread hops (to the queue and back to the
/// caller), which on a loaded machine was the largest single cost of a short transaction.
final class ConnectionExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked Sendable: both stored properties are `let`s of thread-safe types — `queue` a
    // `DispatchQueue`, `identity` an immutable `Sendable` object — and the class has no other
    // state; `TaskExecutor` conformance needs a class, which the compiler cannot check here.
    let queue: DispatchQueue
    private let identity: Identity

    /// Tells threads apart: the queue carries its executor's identity as queue-specific data.
    private final class Identity: Sendable {}
    private static let key = DispatchSpecificKey<Identity>()

    init(label: String) {
        queue = DispatchQueue(label: label)
        identity = Identity()
        queue.setSpecific(key: Self.key, value: identity)
    }

    /// True when the caller is running on this executor's queue.
    var isCurrent: Bool { DispatchQueue.getSpecific(key: Self.key) === identity }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `body` on the queue: in place when already there, otherwise after a hop.
    func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        if isCurrent { return body() }
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
