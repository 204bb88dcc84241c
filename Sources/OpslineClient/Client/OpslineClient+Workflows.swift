import NIOCore

extension OpslineClient {
    /// The latest version of every workflow, by name (`GET /v1/workflows`).
    ///
    /// The request is sent when iteration starts.
    public func listWorkflows() -> NDJSONStream<WorkflowLine> {
        stream(.listWorkflows())
    }

    /// The workflows' schedules with their next occurrences, soonest first (`GET /v1/schedules`).
    ///
    /// - Parameter workflow: Only this workflow's; `nil` for every workflow's.
    public func listSchedules(workflow: String? = nil) -> NDJSONStream<ScheduleLine> {
        stream(.listSchedules(workflow: workflow))
    }

    /// A workflow's definition (`GET /v1/workflows/{name}`).
    ///
    /// - Parameters:
    ///   - name: The workflow's name.
    ///   - version: A published version; `nil` for the latest.
    public func workflow(name: String, version: Int? = nil) async throws(ClientError) -> WorkflowDefinitionLine {
        try await send(.workflow(name: name, version: version))
    }

    /// Publishes a workflow document (`PUT /v1/workflows/{name}`; admin tokens only).
    ///
    /// - Parameters:
    ///   - name: The workflow's name, as the document's `workflow:` says.
    ///   - document: The YAML or JSON document.
    /// - Returns: The workflow's current version, with ``WorkflowLine/changed`` saying whether the
    ///   document created it.
    /// - Throws: ``ClientError``; a document that does not load or does not agree with the
    ///   published workflows is refused with `invalid_workflow`, its `problems` detail listing
    ///   every `file:line: message`.
    public func publishWorkflow(name: String, document: RequestDocument) async throws(ClientError) -> WorkflowLine {
        try await send(.publishWorkflow(name: name, document: document))
    }

    /// A workflow's state diagram (`GET /v1/workflows/{name}/graph`).
    ///
    /// - Parameters:
    ///   - name: The workflow's name.
    ///   - format: `dot` or `mermaid`.
    ///   - version: A published version; `nil` for the latest.
    /// - Returns: The diagram's text.
    public func workflowGraph(name: String, format: String, version: Int? = nil) async throws(ClientError) -> String {
        try await text(.workflowGraph(name: name, format: format, version: version))
    }

    /// Sends a request that answers with text rather than lines, and returns the text.
    ///
    /// - Parameter request: The call to make.
    public func text(_ request: ClientRequest) async throws(ClientError) -> String {
        let chunks = try await open(request, deadline: .now() + requestTimeout)
        var body = ByteBuffer()
        while var chunk = try await chunks.next() {
            body.writeBuffer(&chunk)
        }
        return String(decoding: body.readableBytesView, as: UTF8.self)
    }
}
