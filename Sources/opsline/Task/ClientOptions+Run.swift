import ArgumentParser
import OpslineClient
import Workflow

extension ClientOptions {
    /// Runs `body` with a client for the configured server, under this command's
    /// ``presentation``, and ends the process the way ``ExitStatus`` says when anything fails:
    /// the message on standard error and its exit code.
    func withClient(_ body: (OpslineClient) async throws -> Void) async throws {
        try await Presentation.$current.withValue(presentation) {
            try await Self.withClient(server: server, token: token, caFile: caFile, body)
        }
    }

    /// Runs `body` under this command's ``presentation``, for output made without a server.
    func presenting<Value>(_ body: () throws -> Value) rethrows -> Value {
        try Presentation.$current.withValue(presentation, operation: body)
    }

    /// Runs `body` with a client for `server` as `token` (each `nil` for the default) and returns
    /// what it returns. When anything fails, ends the process the way ``ExitStatus`` says: the
    /// message on standard error and its exit code; an ``OutputError`` is passed on, for
    /// ``Opsline/main()`` to end the process with.
    static func withClient<Value: Sendable>(
        server: String?, token: String?, caFile: String? = nil, _ body: (OpslineClient) async throws -> Value
    ) async throws -> Value {
        do {
            let configuration = try ClientConfiguration.load(server: server, token: token, caFile: caFile)
            return try await OpslineClient.withClient(configuration: configuration, body)
        } catch let error as OutputError {
            throw error
        } catch {
            let status = ExitStatus(for: error)
            TerminalOutput.error(status.message)
            throw ExitCode(status.code)
        }
    }

    /// Prints the server's lines for `-o json` (one document: the object, or an array when
    /// `asArray`), `-o ndjson` (each line as it arrives) or `-o name` (each line's `name`, as it
    /// arrives).
    ///
    /// - Parameters:
    ///   - lines: The server's lines.
    ///   - asArray: Whether `-o json` prints an array (a list) rather than the one object.
    ///   - name: Where a line's name is, for `-o name` (``OutputName/of(_:at:)``): `id` for tasks
    ///     and tokens, `name` for workflows, `task.id` for a batch's results.
    func printLines(_ lines: NDJSONStream<String>, asArray: Bool, name: String = "id") async throws {
        try await Self.printLines(lines, format: output, asArray: asArray, name: name)
    }

    /// ``printLines(_:asArray:name:)`` for output in `format`.
    static func printLines(
        _ lines: NDJSONStream<String>, format: OutputFormat, asArray: Bool, name: String = "id"
    ) async throws {
        switch format {
        case .ndjson:
            for try await line in lines {
                try TerminalOutput.print(line)
            }
        case .name:
            for try await line in lines {
                if let value = JSONValue(parsing: line), let id = OutputName.of(value, at: name) {
                    try TerminalOutput.print(id)
                }
            }
        case .json, .table:
            let values = try await Self.parse(lines.collect())
            let document = asArray ? .array(values) : values.first ?? .null
            try TerminalOutput.print(document.prettyText)
        }
    }

    /// Parses lines the server sent into JSON values.
    static func parse(_ lines: [String]) throws(ClientError) -> [JSONValue] {
        try lines.map { line throws(ClientError) in
            guard let value = JSONValue(parsing: line) else {
                throw .badResponse("a line is not JSON: \(line.prefix(200))")
            }
            return value
        }
    }
}
