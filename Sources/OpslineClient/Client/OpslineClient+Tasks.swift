import Foundation
import Workflow

extension OpslineClient {
    /// Creates a task (`POST /v1/tasks`).
    ///
    /// - Parameter request: The task to create.
    /// - Returns: The new task as the server stored it.
    public func createTask(_ request: NewTask) async throws(ClientError) -> TaskLine {
        try await send(.createTask(request))
    }

    /// Lists tasks, oldest first (`GET /v1/tasks`), decoding them as they stream in.
    ///
    /// The request is sent when iteration starts.
    /// - Parameter filter: Which tasks to list.
    public func listTasks(filter: TaskFilter = TaskFilter()) -> NDJSONStream<TaskLine> {
        stream(.listTasks(filter))
    }

    /// Fetches one task (`GET /v1/tasks/{id}`).
    ///
    /// - Parameter id: The task's identifier, such as `CMP-42`.
    public func task(id: String) async throws(ClientError) -> TaskLine {
        try await send(.task(id: id))
    }

    /// Moves a task along one of its workflow's transitions
    /// (`POST /v1/tasks/{id}/transitions`).
    ///
    /// - Parameters:
    ///   - id: The task's identifier.
    ///   - transition: The transition's name, such as `resolve`.
    ///   - fields: Field values to set with the move.
    ///   - note: A note for the task's history.
    ///   - expectedVersion: The version the caller saw; a stale one fails with
    ///     `version_conflict`.
    /// - Returns: The task after the move.
    public func transition(
        id: String, transition: String, fields: [String: JSONValue] = [:], note: String? = nil,
        expectedVersion: Int? = nil
    ) async throws(ClientError) -> TaskLine {
        try await send(
            .transition(
                id: id, transition: transition, fields: fields, note: note,
                expectedVersion: expectedVersion))
    }

    /// Changes a task's fields, title, assignee, team or priority (`PATCH /v1/tasks/{id}`).
    ///
    /// - Parameters:
    ///   - id: The task's identifier.
    ///   - update: What to change.
    /// - Returns: The task after the change.
    public func updateTask(id: String, _ update: TaskChanges) async throws(ClientError) -> TaskLine {
        try await send(.updateTask(id: id, update))
    }

    /// Adds a comment to a task's history (`POST /v1/tasks/{id}/comments`).
    ///
    /// - Parameters:
    ///   - id: The task's identifier.
    ///   - text: The comment; not blank.
    /// - Returns: The task, unchanged (the comment is a `commented` event).
    public func comment(id: String, text: String) async throws(ClientError) -> TaskLine {
        try await send(.comment(id: id, text: text))
    }

    /// Attaches a file to a task (`POST /v1/tasks/{id}/attachments`), its bytes read from `file`
    /// as they are sent.
    ///
    /// - Parameters:
    ///   - id: The task's identifier.
    ///   - file: The file to send.
    ///   - name: Its name on the task.
    ///   - contentType: Its media type, one the server accepts.
    ///   - field: An attachment field to put it in.
    /// - Returns: The task, its `attachments` ending with the new one.
    public func attach(
        id: String, file: URL, name: String, contentType: String, field: String? = nil
    ) async throws(ClientError) -> TaskLine {
        try await send(.attach(id: id, file: file, name: name, contentType: contentType, field: field))
    }

    /// Ticks an item of the checklist of the task's state, or unticks it when `done` is false
    /// (`POST /v1/tasks/{id}/checklist`).
    /// - Returns: The task, its `checklist` as it now is.
    public func check(id: String, item: String, done: Bool = true) async throws(ClientError) -> TaskLine {
        try await send(.check(id: id, item: item, done: done))
    }

    /// Writes an attached file's bytes to `destination` as they arrive
    /// (`GET /v1/tasks/{id}/attachments/{attachment}`); returns how many were written.
    public func download(
        taskID: String, attachment: String, to destination: FileHandle
    ) async throws(ClientError)
        -> Int64
    {
        let body = try await open(.attachment(taskID: taskID, id: attachment), deadline: .distantFuture)
        var written: Int64 = 0
        while let chunk = try await body.next() {
            do {
                try destination.write(contentsOf: chunk.readableBytesView)
            } catch {
                throw .connection("could not write the file: \(error.localizedDescription)")
            }
            written += Int64(chunk.readableBytes)
        }
        return written
    }

    /// A task's history, oldest first (`GET /v1/tasks/{id}/events`).
    ///
    /// The request is sent when iteration starts.
    /// - Parameter taskID: The task's identifier.
    public func events(taskID: String) -> NDJSONStream<EventLine> {
        stream(.events(taskID: taskID))
    }
}
