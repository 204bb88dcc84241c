import ArgumentParser
import OpslineClient
import Workflow

extension ClientOptions {
    /// Runs `body` with a client for the configured server and ends the process the way
    /// ``ExitStatus`` says when anything fails: the message on standard error and its exit code.
    func withClient(_ body: (OpslineClient) async throws -> Void) async throws {
        try await Self.withClient(server: server, token: token, body)
    }

    /// Runs `body` with a client for `server` as `token` (each `nil` for the default) and returns
    /// what it returns. When anything fails, ends the process the way ``ExitStatus`` says: the
    /// message on standard error and its exit code; an ``OutputError`` is passed on, for
    /// ``Opsline/main()`` to end the process with.
    static func withClient<Value: Sendable>(
        server: String?, token: String?, _ body: (OpslineClient) async throws -> Value
    ) async throws -> Value {
        do {
            let configuration = try ClientConfiguration.load(server: server, token: token)
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
    /// `asArray`) or `-o ndjson` (each line as it arrives).
    func printLines(_ lines: NDJSONStream<String>, asArray: Bool) async throws {
        switch output {
        case .ndjson:
            for try await line in lines {
                try TerminalOutput.print(line)
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
