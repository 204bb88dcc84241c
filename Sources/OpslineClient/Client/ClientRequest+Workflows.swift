extension ClientRequest {
    /// `GET /v1/workflows`: the latest version of every workflow, by name.
    public static func listWorkflows() -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/workflows")
    }

    /// `GET /v1/workflows/{name}[?version=N]`: a workflow's definition.
    ///
    /// - Parameters:
    ///   - name: The workflow's name.
    ///   - version: A published version; `nil` for the latest.
    public static func workflow(name: String, version: Int? = nil) -> ClientRequest {
        ClientRequest(
            method: .get, path: "/v1/workflows/" + escape(name),
            query: version.map { [("version", String($0))] } ?? [])
    }

    /// `PUT /v1/workflows/{name}` (admins): publishes a workflow document as the next version,
    /// unless it is the same as the latest.
    ///
    /// - Parameters:
    ///   - name: The workflow's name; the document's `workflow:` must be the same.
    ///   - document: The document: YAML as `application/yaml`, or JSON as `application/json`.
    public static func publishWorkflow(name: String, document: RequestDocument) -> ClientRequest {
        ClientRequest(method: .put, path: "/v1/workflows/" + escape(name), document: document)
    }

    /// `GET /v1/workflows/{name}/graph?format=…[&version=N]`: the state diagram as text.
    ///
    /// - Parameters:
    ///   - name: The workflow's name.
    ///   - format: `dot` or `mermaid`.
    ///   - version: A published version; `nil` for the latest.
    public static func workflowGraph(name: String, format: String, version: Int? = nil) -> ClientRequest {
        var query = [(name: "format", value: format)]
        if let version { query.append((name: "version", value: String(version))) }
        return ClientRequest(method: .get, path: "/v1/workflows/" + escape(name) + "/graph", query: query)
    }
}

extension ClientRequest {
    /// `GET /v1/schedules[?workflow=NAME]`: the workflows' schedules, soonest next occurrence first.
    public static func listSchedules(workflow: String? = nil) -> ClientRequest {
        ClientRequest(method: .get, path: "/v1/schedules", query: workflow.map { [("workflow", $0)] } ?? [])
    }
}
