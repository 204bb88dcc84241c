/// Runs `body` while each of `services` runs in a task of its own; then cancels them and waits
/// until every one has stopped, so that none is caught using what the test closes next (a pool).
public func withBackgroundServices<Value>(
    _ services: [@Sendable () async throws -> Void], _ body: () async throws -> Value
) async throws -> Value {
    let tasks = services.map { service in Task { try await service() } }
    let outcome: Result<Value, any Error>
    do {
        outcome = .success(try await body())
    } catch {
        outcome = .failure(error)
    }
    for task in tasks { task.cancel() }
    for task in tasks { _ = await task.result }
    return try outcome.get()
}
