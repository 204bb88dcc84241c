import ArgumentParser
import Foundation

/// `opsline-bench seed`: creates each client's complaints and moves them to investigating.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Create the complaints the clients of `http` own, and write who owns which."
    )

    @Option(help: "The server's base URL.")
    var url: String

    @Option(help: "A bearer token that may create and move complaints.")
    var token: String

    @Option(help: "Concurrent clients.")
    var clients = 8

    @Option(help: "Complaints each client creates and owns.")
    var tasksPerClient = 200

    @Option(help: "Where to write the tasks each client owns (JSON), for `http --owned`.")
    var output: String

    func validate() throws {
        guard clients > 0, tasksPerClient > 0 else {
            throw ValidationError("--clients and --tasks-per-client must be positive")
        }
    }

    func run() async throws {
        let client = BenchAPI.makeClient(connections: 2 * clients)
        do {
            progress("seeding \(clients)×\(tasksPerClient) complaints and moving them to investigating")
            let api = BenchAPI(client: client, baseURL: url, token: token)
            let owned = try await Seeder(api: api, perClient: tasksPerClient).seed(clients: clients)
            try JSONEncoder().encode(owned).write(to: URL(fileURLWithPath: output))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
